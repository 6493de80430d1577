import { z } from "zod";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { isValidAssessmentDate } from "~/server/domain/assessment";
import { zIdempotencyKey } from "./stock";
import { zId, zIsoDate, zLatLng, zName, zOptionalName, zOptionalText, zPeruMobile, zUbigeo } from "./common";

import { OLLA_STATUSES, WEEKDAYS } from "~/shared/olla";

export { OLLA_STATUSES, WEEKDAYS };

const count = z.number().int().min(0).max(5000);

/** The editable profile of an olla (private and public fields together). */
export const ZOllaProfile = z
  .object({
    name: zName(120).min(2),
    districtUbigeo: zUbigeo,
    zoneId: zId,
    addressReference: zOptionalText(300),
    location: zLatLng,
    publishExact: z.boolean(),
    status: z.enum(OLLA_STATUSES),
    foundedOn: zIsoDate.nullable().optional(),
    cookingDays: z.array(z.enum(WEEKDAYS)).max(7),
    rationsPerDay: count,
    beneficiaries: z
      .object({ children: count, olderAdults: count, pregnantNursing: count, disabled: count })
      .strict(),
    rationPriceCents: z.number().int().min(0).max(5000),
    contactName: zOptionalName(120),
    contactPhone: zPeruMobile.nullable().optional(),
  })
  .strict();
export type OllaProfileInput = z.input<typeof ZOllaProfile>;

export const ZCreateOllaInput = ZOllaProfile;

export const ZUpdateOllaInput = ZOllaProfile.extend({
  ollaId: zId,
  // The version the edit was based on: a stale one is refused with CONFLICT.
  version: z.number().int().min(1),
  // Sent by the delegate's phone (form or outbox): a replay after a lost answer is not a stale edit.
  idempotencyKey: zIdempotencyKey.optional(),
}).strict();

export const ZOllaIdInput = z.object({ ollaId: zId }).strict();

export const ZRecordAssessmentInput = z
  .object({
    ollaId: zId,
    category: z.enum(PROBLEM_CATEGORIES),
    level: z.number().int().min(0).max(3),
    note: zOptionalText(500),
    assessedOn: zIsoDate.refine((d) => isValidAssessmentDate(d), { error: "validation.dateNotFuture" }),
    // Sent by the delegate's phone: the same assessment queued twice is recorded once.
    idempotencyKey: zIdempotencyKey.optional(),
  })
  .strict();

export const ZListOllasInput = z
  .object({
    q: zName(120).optional(),
    zoneId: zId.optional(),
    districtUbigeo: zUbigeo.optional(),
    status: z.enum(OLLA_STATUSES).optional(),
    limit: z.number().int().min(1).max(100).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();

export const ZPublicListInput = z
  .object({
    q: zName(120).optional(),
    districtUbigeo: zUbigeo.optional(),
    limit: z.number().int().min(1).max(100).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();
