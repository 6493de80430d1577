import { z } from "zod";
import { isInLima } from "~/server/domain/location";
import { normalizePeruMobile } from "~/server/domain/phone";

// Shared by tRPC inputs and client forms. Custom messages are i18n keys ("validation.*").
export const zId = z.uuid({ error: "validation.invalidId" });
export const zUbigeo = z.string().regex(/^[0-9]{6}$/, { error: "validation.ubigeo" });
// PostgreSQL text cannot hold U+0000 (it fails the whole write): a NUL pasted into a
// field is never meant, so it is dropped before anything else.
// eslint-disable-next-line no-control-regex -- removing NUL is the point
const withoutNul = (s: string) => s.replace(/\u0000/g, "");
export const zText = (max: number) => z.string().overwrite(withoutNul).trim().max(max);
export const zOptionalText = (max: number) =>
  z
    .string()
    .overwrite(withoutNul)
    .trim()
    .max(max)
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
