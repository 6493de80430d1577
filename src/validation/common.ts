import { z } from "zod";
import { isInLima } from "~/server/domain/location";
import { normalizePeruMobile } from "~/server/domain/phone";
import { cleanFreeText, cleanName } from "~/shared/text";

// Shared by tRPC inputs and client forms. Custom messages are i18n keys ("validation.*").
export const zId = z.uuid({ error: "validation.invalidId" });
export const zUbigeo = z.string().regex(/^[0-9]{6}$/, { error: "validation.ubigeo" });
// Free text keeps what the person wrote, minus what cannot be stored (NUL: PostgreSQL text
// cannot hold it and the whole write failed) or could reorder the page around it (bidi
// embeddings, overrides and isolates): see src/shared/text.ts.
export const zText = (max: number) => z.string().overwrite(cleanFreeText).trim().max(max);
export const zOptionalText = (max: number) =>
  z
    .string()
    .overwrite(cleanFreeText)
    .trim()
    .max(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

/**
 * Every name people give (ollas, items, sources, delegates, invitees, contacts): invisible and
 * direction-changing characters removed, NFC, one line, single spaces, trimmed, so that one
 * name cannot pose as another in a list (finding 6). Length is checked on the clean value.
 */
export const zName = (max: number) => z.string().overwrite(cleanName).max(max);
export const zOptionalName = (max: number) =>
  zName(max)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional();

/** A Peruvian mobile number typed any usual way; normalised to +519XXXXXXXX. */
export const zPeruMobile = z.string().transform((v, ctx) => {
  const n = normalizePeruMobile(v);
  if (!n) {
    ctx.addIssue({ code: "custom", message: "validation.phone" });
    return z.NEVER;
  }
  return n;
});

export const zEmail = z.string().trim().toLowerCase().max(254).pipe(z.email({ error: "validation.email" }));

export const zLatLng = z
  .object({ lat: z.number().finite(), lng: z.number().finite() })
  .strict()
  .refine((p) => isInLima(p), { error: "validation.outsideLima", path: ["lat"] });

export const zIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "validation.date" });

export const zPassword = z.string().min(8, { error: "validation.passwordShort" }).max(200);
