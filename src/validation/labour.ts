import { z } from "zod";
import { isValidRoleDate, isValidShiftDate } from "~/server/domain/labour";
import { CARGO_KINDS, MAX_CARGO_SEATS, MAX_HOURS_PER_PERSON_DAY, MAX_SHIFT_PEOPLE, SHIFT_TASKS } from "~/shared/labour";
import { limaToday } from "~/shared/lima-day";
import { zId, zIsoDate, zName, zOptionalName, zOptionalText } from "./common";
import { zIdempotencyKey } from "./stock";

const zShiftDate = zIsoDate.refine((d) => isValidShiftDate(d, limaToday()), { error: "labour.validation.shiftDate" });
const zRoleDate = zIsoDate.refine((d) => isValidRoleDate(d, limaToday()), { error: "labour.validation.roleDate" });
const hasAtMostTwoDecimals = (n: number) => Math.abs(Math.round(n * 100) - n * 100) < 1e-6;

export const ZOllaLabourInput = z.object({ ollaId: zId }).strict();

export const ZLogShiftInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    workedOn: zShiftDate,
    task: z.enum(SHIFT_TASKS, { error: "labour.validation.task" }),
    people: z.number({ error: "labour.validation.people" }).int({ error: "labour.validation.people" }).min(1, { error: "labour.validation.people" }).max(MAX_SHIFT_PEOPLE, { error: "labour.validation.people" }),
    // Hours of each person, or of everyone together (hoursMode).
    hours: z
      .number({ error: "labour.validation.hours" })
      .positive({ error: "labour.validation.hoursPositive" })
      .max(MAX_HOURS_PER_PERSON_DAY * MAX_SHIFT_PEOPLE, { error: "labour.validation.hoursTooMany" })
      .refine(hasAtMostTwoDecimals, { error: "labour.validation.hours" }),
    hoursMode: z.enum(["each", "total"]).default("each"),
    rations: z.number({ error: "labour.validation.rations" }).int({ error: "labour.validation.rations" }).min(0, { error: "labour.validation.rations" }).max(20000, { error: "labour.validation.rations" }).nullable().optional(),
    names: zOptionalText(300),
  })
  .strict()
  .superRefine((v, ctx) => {
    const each = v.hoursMode === "each" ? v.hours : v.hours / v.people;
    if (each > MAX_HOURS_PER_PERSON_DAY) ctx.addIssue({ code: "custom", path: ["hours"], message: "labour.validation.hoursTooMany" });
  });

export const ZCopyWeekInput = z.object({ ollaId: zId, idempotencyKey: zIdempotencyKey }).strict();

export const ZRemoveShiftInput = z.object({ ollaId: zId, idempotencyKey: zIdempotencyKey, shiftId: zId }).strict();

export const ZAddSociaInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    name: zName(80).min(2, { error: "labour.validation.name" }),
    joinedOn: zRoleDate,
  })
  .strict();

export const ZUpdateSociaInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    sociaId: zId,
    version: z.number().int().positive(),
    name: zName(80).min(2, { error: "labour.validation.name" }),
    joinedOn: zRoleDate,
    active: z.boolean(),
  })
  .strict();

export const ZAddCargoInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    kind: z.enum(CARGO_KINDS, { error: "labour.validation.kind" }),
    label: zOptionalName(60),
    seats: z.number().int().min(1, { error: "labour.validation.seats" }).max(MAX_CARGO_SEATS, { error: "labour.validation.seats" }).default(1),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === "other" && (!v.label || v.label.length < 2)) ctx.addIssue({ code: "custom", path: ["label"], message: "labour.validation.label" });
  });

/**
 * A term of one seat. Without endsOn it is a handover: the seat's current term ends on
 * startsOn and hers begins. With endsOn it records a past term.
 */
export const ZAssignTermInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    cargoId: zId,
    seat: z.number().int().min(1).max(MAX_CARGO_SEATS).default(1),
    sociaId: z.uuid({ error: "labour.validation.chooseSocia" }),
    startsOn: zRoleDate,
    endsOn: zRoleDate.nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endsOn && v.endsOn <= v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "labour.validation.endsBeforeStart" });
  });

export const ZEndTermInput = z
  .object({ ollaId: zId, idempotencyKey: zIdempotencyKey, termId: zId, version: z.number().int().positive(), endsOn: zRoleDate })
  .strict();

export const ZMarkApoyoInput = z
  .object({ ollaId: zId, idempotencyKey: zIdempotencyKey, cargoId: zId, sociaId: z.uuid({ error: "labour.validation.chooseSocia" }), learning: z.boolean() })
  .strict();

export const ZLabourNetworkInput = z
  .object({ zoneId: zId.optional(), months: z.number().int().min(1).max(36).default(12) })
  .strict();

export const ZPublicLabourInput = z.object({ months: z.number().int().min(1).max(36).default(12) }).strict();

export const ZAddWageInput = z
  .object({
    idempotencyKey: zIdempotencyKey,
    validFrom: zIsoDate,
    monthlyCents: z.number().int().min(50000, { error: "labour.validation.wage" }).max(1000000, { error: "labour.validation.wage" }),
  })
  .strict();
