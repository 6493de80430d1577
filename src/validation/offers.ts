import { z } from "zod";
import { normalizeLoginIdentifier } from "~/server/domain/phone";
import { addDays, limaToday } from "~/shared/lima-day";
import { DECLINE_REASONS, DELIVERY_MODES, OFFER_MAX_AHEAD_DAYS, OFFER_VIEW_STATUSES, SUPPORTER_KINDS } from "~/shared/offers";
import { SOURCE_TYPES, STOCK_UNITS } from "~/shared/stock";
import { zId, zIsoDate, zName, zOptionalName, zOptionalText } from "./common";
import { zIdempotencyKey, zQuantity } from "./stock";

/** A day from today to OFFER_MAX_AHEAD_DAYS ahead (Lima's calendar). */
const zComingDay = zIsoDate.refine((d) => d >= limaToday() && d <= addDays(limaToday(), OFFER_MAX_AHEAD_DAYS), { error: "offers.validation.date" });

/**
 * The public offer form. `contact` is a Peruvian mobile or an e-mail (one field: people type
 * what they have); `website` is a honeypot a person never sees, `altcha` the proof of work.
 * Every text is bounded; unknown keys are refused.
 */
export const ZCreateOfferInput = z
  .object({
    needId: zId,
    formKey: zIdempotencyKey,
    what: zOptionalText(120).refine((v) => v == null || v.length >= 2, { error: "offers.validation.whatShort" }),
    quantity: zQuantity.nullable().optional(),
    availableOn: zComingDay,
    deliveryMode: z.enum(DELIVERY_MODES),
    supporterName: zName(120).refine((v) => v.length >= 2, { error: "offers.validation.nameShort" }),
    supporterKind: z.enum(SUPPORTER_KINDS, { error: "offers.validation.kind" }),
    contact: z
      .string()
      .max(254)
      .transform((v, ctx) => {
        const c = normalizeLoginIdentifier(v);
        if (!c) {
          ctx.addIssue({ code: "custom", message: "offers.validation.contact" });
          return z.NEVER;
        }
        return c;
      }),
    message: zOptionalText(500),
    thankByName: z.boolean().default(false),
    website: z.string().max(200).optional(),
    altcha: z.string().max(4000).optional(),
  })
  .strict();

/** A follow-up link's token: any string is looked up the same way (a wrong one is NOT_FOUND, never BAD_REQUEST). */
export const ZOfferTokenInput = z.object({ token: z.string().max(200) }).strict();

export const ZPublicNeedInput = z.object({ needId: zId }).strict();

export const ZOllaOffersInput = z
  .object({ ollaId: zId, status: z.enum(OFFER_VIEW_STATUSES).optional(), limit: z.number().int().min(1).max(200).default(100) })
  .strict();

export const ZAcceptOfferInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    offerId: zId,
    message: zOptionalText(300),
    agreedOn: zComingDay.nullable().optional(),
  })
  .strict();

export const ZDeclineOfferInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    offerId: zId,
    reason: z.enum(DECLINE_REASONS, { error: "offers.validation.reason" }),
    note: zOptionalText(300),
  })
  .strict();

/**
 * "Recibido": the quantity actually received and the ledger source it is recorded under (the
 * delegate confirms the suggestion from the supporter's kind, picks an institution from the
 * network's list or names a new one). itemId/unit only for an offer whose need names no item.
 */
export const ZDeliverOfferInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    offerId: zId,
    quantity: zQuantity,
    occurredOn: zIsoDate.refine((d) => d <= limaToday() && d >= addDays(limaToday(), -60), { error: "offers.validation.deliveredOn" }),
    sourceType: z.enum(SOURCE_TYPES),
    sourceId: zId.nullable().optional(),
    newSourceName: zOptionalName(120).refine((v) => v == null || v.length >= 2, { error: "stock.validation.sourceNameShort" }),
    itemId: zId.nullable().optional(),
    unit: z.enum(STOCK_UNITS).nullable().optional(),
  })
  .strict();

export const ZOfferRefInput = z.object({ ollaId: zId, idempotencyKey: zIdempotencyKey, offerId: zId }).strict();

export const ZOffersInScopeInput = z
  .object({
    zoneId: zId.optional(),
    status: z.enum(OFFER_VIEW_STATUSES).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();

export const ZChallengeInput = z.object({}).strict().optional();

