import { z } from "zod";
import { PERSON_KINDS, RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN } from "~/shared/personal-data";
import { zId, zName, zPeruMobile } from "./common";

const zPersonRef = { kind: z.enum(PERSON_KINDS), id: zId };

/** Find people in the coordinator's scope by name, phone or email (empty: the most recent). */
export const ZListPeopleInput = z
  .object({
    q: zName(120).optional(),
    limit: z.number().int().min(1).max(100).default(30),
  })
  .strict();

/** A correction on request: the fields given are replaced; a phone may be removed (null). */
export const ZCorrectPersonInput = z
  .object({
    ...zPersonRef,
    name: zName(120).min(1).optional(),
    phone: zPeruMobile.nullable().optional(),
  })
  .strict()
  .refine((v) => v.name !== undefined || v.phone !== undefined, { error: "personalData.validation.nothingToCorrect", path: ["name"] });
export type CorrectPersonInput = z.output<typeof ZCorrectPersonInput>;

export const ZErasePersonInput = z.object(zPersonRef).strict();
export type PersonRef = z.output<typeof ZErasePersonInput>;

/** The retention period, in months after a person left, set by a city coordinator. */
export const ZUpdateRetentionInput = z
  .object({
    version: z.number().int().min(1),
    personalDataRetentionMonths: z.number({ error: "validation.number" }).int({ error: "validation.number" }).min(RETENTION_MONTHS_MIN).max(RETENTION_MONTHS_MAX),
  })
  .strict();
