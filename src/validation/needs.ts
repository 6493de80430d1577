import { z } from "zod";
import { NEED_CATEGORIES, NEED_STATUSES, NEED_URGENCIES, NEED_VISIBILITIES } from "~/shared/needs";
import { zId, zText, zUbigeo } from "./common";
import { zIdempotencyKey } from "./stock";

const zNeedQuantity = z
  .number({ error: "needs.validation.quantity" })
  .positive({ error: "needs.validation.quantityPositive" })
  .max(1_000_000, { error: "needs.validation.quantityAbsurd" });

/** What a delegate writes about a need. Quantity and unit go together or not at all. */
const needFields = {
  category: z.enum(NEED_CATEGORIES, { error: "delegate.validation.chooseCategory" }),
  description: zText(500).min(3, { error: "needs.validation.descriptionShort" }),
  quantity: zNeedQuantity.nullable().optional(),
  unit: zText(20).nullable().optional(),
  // A catalogue item: the need is then counted in its unit (offers, deliveries, progress).
  itemId: zId.nullable().optional(),
  urgency: z.enum(NEED_URGENCIES),
  visibility: z.enum(NEED_VISIBILITIES),
};

function quantityWithUnit(v: { quantity?: number | null; unit?: string | null; itemId?: string | null }, ctx: z.RefinementCtx) {
  const hasQ = v.quantity != null;
  // An item brings its own unit.
  const hasU = (v.unit != null && v.unit !== "") || v.itemId != null;
  if (v.itemId != null && !hasQ) {
    ctx.addIssue({ code: "custom", path: ["quantity"], message: "needs.validation.quantityRequired" });
    return;
  }
  if (hasQ && !hasU) ctx.addIssue({ code: "custom", path: ["unit"], message: "needs.validation.unitRequired" });
  if (!hasQ && hasU) ctx.addIssue({ code: "custom", path: ["quantity"], message: "needs.validation.quantityRequired" });
}

export const ZCreateNeedInput = z
  .object({ ollaId: zId, idempotencyKey: zIdempotencyKey, ...needFields })
  .strict()
  .superRefine(quantityWithUnit);

export const ZUpdateNeedInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    needId: zId,
    // The version the edit was based on: a stale one is refused with CONFLICT.
    version: z.number().int().min(1),
    status: z.enum(NEED_STATUSES),
    ...needFields,
  })
  .strict()
  .superRefine(quantityWithUnit);

export const ZOllaNeedsInput = z
  .object({ ollaId: zId, status: z.enum(NEED_STATUSES).optional(), limit: z.number().int().min(1).max(200).default(100) })
  .strict();

export const ZPublicNeedsInput = z
  .object({
    districtUbigeo: zUbigeo.optional(),
    category: z.enum(NEED_CATEGORIES).optional(),
    urgency: z.enum(NEED_URGENCIES).optional(),
    limit: z.number().int().min(1).max(100).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();

export const ZNeedsInScopeInput = z
  .object({
    zoneId: zId.optional(),
    category: z.enum(NEED_CATEGORIES).optional(),
    urgency: z.enum(NEED_URGENCIES).optional(),
    status: z.enum(NEED_STATUSES).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();

/** The public needs CSV's query: the same filters as the public needs page (?district=&category=&urgency=). */
export const ZNeedsCsvQuery = z
  .object({
    district: zUbigeo.optional(),
    category: z.enum(NEED_CATEGORIES).optional(),
    urgency: z.enum(NEED_URGENCIES).optional(),
  })
  .strict();
