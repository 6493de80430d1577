import { z } from "zod";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { MAX_MONEY_CENTS, MAX_PREREQ_ALTERNATIVES, MAX_PREREQ_GROUPS, PLAN_FUNDING, PLAN_ITEM_STATUSES } from "~/shared/plans";
import { zId, zIsoDate, zName, zOptionalText } from "./common";
import { zIdempotencyKey } from "./stock";

/** Money in céntimos: whole, not negative, below S/ 1,000,000. */
export const zCents = z
  .number({ error: "plans.validation.money" })
  .int({ error: "plans.validation.money" })
  .min(0, { error: "plans.validation.moneyNegative" })
  .max(MAX_MONEY_CENTS, { error: "plans.validation.moneyAbsurd" });

const zPrerequisites = z
  .array(z.array(zId).min(1).max(MAX_PREREQ_ALTERNATIVES), { error: "plans.validation.prerequisites" })
  .max(MAX_PREREQ_GROUPS, { error: "plans.validation.prerequisites" });

const moduleFields = {
  code: z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: "plans.validation.code" }),
  nameEs: zName(120).min(2, { error: "plans.validation.name" }),
  nameEn: zName(120).min(2, { error: "plans.validation.name" }),
  category: z.enum(PROBLEM_CATEGORIES, { error: "plans.validation.category" }),
  costMinCents: zCents,
  costMaxCents: zCents,
  sizeNoteEs: zOptionalText(200),
  sizeNoteEn: zOptionalText(200),
  prerequisites: zPrerequisites.default([]),
  active: z.boolean().default(true),
};

function costRange(v: { costMinCents: number; costMaxCents: number }, ctx: z.RefinementCtx) {
  if (v.costMinCents > v.costMaxCents) ctx.addIssue({ code: "custom", path: ["costMaxCents"], message: "plans.validation.costRange" });
}

export const ZCreateModuleInput = z.object({ idempotencyKey: zIdempotencyKey, ...moduleFields }).strict().superRefine(costRange);
/**
 * An edit names only what changes: an omitted field stays as it is (no defaults here, or an
 * edit that leaves out `active` would bring a retired module back, and one that leaves out
 * `prerequisites` would drop them). Min ≤ max is checked here when both come, and against the
 * stored value by the service when only one does.
 */
export const ZUpdateModuleInput = z
  .object({
    idempotencyKey: zIdempotencyKey,
    moduleId: zId,
    version: z.number().int().min(1),
    code: moduleFields.code.optional(),
    nameEs: moduleFields.nameEs.optional(),
    nameEn: moduleFields.nameEn.optional(),
    category: moduleFields.category.optional(),
    costMinCents: zCents.optional(),
    costMaxCents: zCents.optional(),
    sizeNoteEs: moduleFields.sizeNoteEs,
    sizeNoteEn: moduleFields.sizeNoteEn,
    prerequisites: zPrerequisites.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.costMinCents !== undefined && v.costMaxCents !== undefined) costRange({ costMinCents: v.costMinCents, costMaxCents: v.costMaxCents }, ctx);
  });
export const ZListModulesInput = z.object({ includeRetired: z.boolean().default(false) }).strict().optional();

const ollaWrite = { ollaId: zId, idempotencyKey: zIdempotencyKey };

export const ZPlanSettingsInput = z
  .object({
    ...ollaWrite,
    version: z.number().int().min(1),
    monthlyCapacityCents: zCents,
    savingsCents: zCents,
    showAmounts: z.boolean(),
    hidden: z.boolean(),
  })
  .strict();

/** Adds a catalogue module at the end of her plan. Other features (a workshop's follow-up) may call it too. */
export const ZAddPlanModuleInput = z
  .object({
    ...ollaWrite,
    moduleId: zId,
    funding: z.enum(PLAN_FUNDING, { error: "plans.validation.funding" }).default("own_savings"),
  })
  .strict();

export const ZUpdatePlanItemInput = z
  .object({
    ...ollaWrite,
    itemId: zId,
    version: z.number().int().min(1),
    status: z.enum(PLAN_ITEM_STATUSES, { error: "plans.validation.status" }),
    funding: z.enum(PLAN_FUNDING, { error: "plans.validation.funding" }),
    savedCents: zCents,
    // When it was done (status done); empty: today in Lima.
    doneOn: zIsoDate.nullable().optional(),
  })
  .strict();

export const ZRemovePlanItemInput = z.object({ ...ollaWrite, itemId: zId, version: z.number().int().min(1) }).strict();
export const ZMovePlanItemInput = z
  .object({ ...ollaWrite, itemId: zId, version: z.number().int().min(1), direction: z.enum(["up", "down"]) })
  .strict();
export const ZSetExistingInput = z.object({ ...ollaWrite, moduleId: zId, has: z.boolean() }).strict();

export const ZPlanOllaInput = z.object({ ollaId: zId }).strict();
export const ZPlanDemandInput = z
  .object({ zoneId: zId.optional(), category: z.enum(PROBLEM_CATEGORIES).optional() })
  .strict()
  .optional();
