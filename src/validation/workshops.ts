import { z } from "zod";
import { NEED_CATEGORIES, NEED_URGENCIES, NEED_VISIBILITIES } from "~/shared/needs";
import { PLAN_FUNDING } from "~/shared/plans";
import { FOLLOW_UP_STATUSES, MAX_POST_PHOTOS } from "~/shared/posts";
import { zId, zIsoDate, zOptionalText, zText } from "./common";
import { zPeriod } from "./dashboard";
import { zIdempotencyKey } from "./stock";

export const ZCreateWorkshopInput = z
  .object({
    zoneId: zId,
    idempotencyKey: zIdempotencyKey,
    heldOn: zIsoDate,
    place: zText(200).min(2, { error: "workshops.validation.place" }),
    facilitators: zOptionalText(300),
    ollaIds: z.array(zId).min(1, { error: "workshops.validation.ollas" }).max(60),
    problems: z.array(z.object({ category: z.enum(NEED_CATEGORIES), note: zText(300) }).strict()).max(10).default([]),
    agreements: zText(4000).default(""),
    followUps: z
      .array(
        z
          .object({
            what: zText(300).min(3, { error: "workshops.validation.what" }),
            ollaId: zId.nullable(),
            dueOn: zIsoDate,
            status: z.enum(FOLLOW_UP_STATUSES).default("pending"),
          })
          .strict(),
      )
      .max(30)
      .default([]),
    /** Photos of the day, as uploaded (bytes): only the upload route (src/app/api/talleres) passes them. */
    photos: z
      .array(z.custom<Uint8Array>((v) => v instanceof Uint8Array, { error: "posts.errors.notAPhoto" }))
      .max(MAX_POST_PHOTOS, { error: "posts.validation.tooManyPhotos" })
      .default([]),
  })
  .strict();

export const ZWorkshopsInScopeInput = z.object({ zoneId: zId.optional(), limit: z.number().int().min(1).max(100).default(30) }).strict();
export const ZWorkshopInput = z.object({ workshopId: zId }).strict();
export const ZOllaWorkshopsInput = z.object({ ollaId: zId }).strict();
export const ZFollowUpStatusInput = z.object({ followUpId: zId, status: z.enum(FOLLOW_UP_STATUSES) }).strict();
/** Her olla's delegate marks one of her olla's follow-ups, from her home (a delegate form, outbox-queued). */
export const ZMarkFollowUpInput = z.object({ ollaId: zId, idempotencyKey: zIdempotencyKey, followUpId: zId, status: z.enum(FOLLOW_UP_STATUSES) }).strict();
/** Her olla accepts a follow-up as one of its needs: the workshop proposes, the olla decides. */
export const ZAcceptFollowUpInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    followUpId: zId,
    category: z.enum(NEED_CATEGORIES, { error: "delegate.validation.chooseCategory" }),
    urgency: z.enum(NEED_URGENCIES).default("medium"),
    visibility: z.enum(NEED_VISIBILITIES).default("network"),
  })
  .strict();
/** Her olla accepts a follow-up into its infrastructure plan as one module of the catalogue. */
export const ZAcceptFollowUpAsPlanModuleInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    followUpId: zId,
    moduleId: zId,
    funding: z.enum(PLAN_FUNDING, { error: "plans.validation.funding" }).default("own_savings"),
  })
  .strict();
export const ZWorkshopDashboardInput = z.object({ from: zIsoDate, to: zIsoDate, zoneId: zId.optional() }).strict();

/** The public /panel's workshop counts: the dashboard's period (6, 12 or 24 months). */
export const ZPublicWorkshopCountsInput = z.object({ months: zPeriod.default(12) }).strict();
