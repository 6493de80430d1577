import type { ZodError } from "zod";
import type { Locale } from "~/i18n/config";
import { hasKey, translate } from "~/i18n/translate";

type Issue = ZodError["issues"][number];

/** One translated message for a zod issue. Custom refinements carry an i18n key as message. */
export function issueMessage(locale: Locale, issue: Issue): string {
  if (issue.message && /^[a-zA-Z]+(\.[a-zA-Z0-9_]+)+$/.test(issue.message) && hasKey(locale, issue.message)) {
    return translate(locale, issue.message);
  }
  const i = issue as Issue & { maximum?: number | bigint; minimum?: number | bigint; origin?: string; input?: unknown };
  switch (issue.code) {
    case "invalid_type":
      if (i.input === undefined || i.input === null) return translate(locale, "validation.required");
      return translate(locale, typeof i.input === "number" && Number.isNaN(i.input) ? "validation.number" : "validation.invalidType");
    case "too_big":
      return translate(locale, i.origin === "string" ? "validation.tooLong" : i.origin === "array" ? "validation.tooMany" : "validation.tooBig", {
        max: Number(i.maximum),
      });
    case "too_small":
      if (i.origin === "string" && Number(i.minimum) === 1) return translate(locale, "validation.required");
      return translate(locale, i.origin === "string" ? "validation.tooShort" : i.origin === "array" ? "validation.tooFew" : "validation.tooSmall", {
        min: Number(i.minimum),
      });
    case "invalid_format":
      return translate(locale, "validation.invalidFormat");
    case "invalid_value":
      return translate(locale, "validation.invalidOption");
    case "unrecognized_keys":
      return translate(locale, "validation.unknownKeys", { keys: issue.keys.join(", ") });
    default:
      return translate(locale, "validation.invalid");
  }
}

/** Field errors keyed by dotted path ("" for the form as a whole), translated. */
export function fieldErrors(locale: Locale, err: ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of err.issues) {
    const key = issue.path.map(String).join(".");
    (out[key] ??= []).push(issueMessage(locale, issue));
  }
  return out;
}
