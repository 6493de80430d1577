import { z } from "zod";
import { PERIOD_MONTHS } from "~/shared/dashboard";
import { zId, zUbigeo } from "./common";

/** Period of the trends: the last 6, 12 or 24 months, ending with the current one. */
export const zPeriod = z.literal(PERIOD_MONTHS, { error: "validation.invalidOption" });

export const ZPublicDashboardInput = z
  .object({
    districtUbigeo: zUbigeo.optional(),
    months: zPeriod.default(12),
  })
  .strict();

export const ZCoordinatorDashboardInput = z
  .object({
    zoneId: zId.optional(),
    districtUbigeo: zUbigeo.optional(),
    months: zPeriod.default(12),
  })
  .strict();

export const ZOllaDashboardInput = z.object({ ollaId: zId }).strict();

/** Network settings as a city coordinator edits them; bounds mirror the table's CHECKs. */
export const ZUpdateSettingsInput = z
  .object({
    version: z.number().int().min(1),
    // Percent in the form (60), stored as a share (0.60).
    dependencyThresholdPercent: z.number().int({ error: "validation.number" }).min(10).max(100),
    stapleItems: z
      .array(z.string().trim().regex(/^[a-z0-9_-]{1,40}$/, { error: "validation.invalidOption" }))
      .min(1)
      .max(20)
      .refine((codes) => new Set(codes).size === codes.length, { error: "dashboard.validation.duplicateStaple" }),
    lowStockDays: z.number().int({ error: "validation.number" }).min(1).max(60),
    // Soles per month, whole céntimos.
    monthlyMinimumWage: z
      .number()
      .min(500)
      .max(10_000)
      .refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, { error: "dashboard.validation.cents" }),
    maxLeadershipTermMonths: z.number().int({ error: "validation.number" }).min(6).max(120),
  })
  .strict();
export type UpdateSettingsInput = z.input<typeof ZUpdateSettingsInput>;
