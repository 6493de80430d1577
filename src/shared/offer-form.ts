/**
 * The public offer form as plain data: how its fields become offer.create's input. Browser-safe;
 * the server action is the only caller today, the unit test holds the mapping.
 */
import { decimal, type FormSource } from "./delegate-forms";

const str = (f: FormSource, n: string): string => {
  const v = f.get(n);
  return typeof v === "string" ? v : "";
};
const opt = (f: FormSource, n: string): string | null => {
  const v = str(f, n).trim();
  return v === "" ? null : v;
};

/** Fields the form gives back after a refusal (never the honeypot or the proof of work). */
export const OFFER_FORM_FIELDS = ["what", "quantity", "availableOn", "deliveryMode", "supporterName", "supporterKind", "contact", "message", "thankByName"] as const;

export function offerFormToInput(f: FormSource): Record<string, unknown> {
  const q = opt(f, "quantity");
  return {
    needId: str(f, "needId"),
    formKey: str(f, "formKey"),
    what: opt(f, "what"),
    quantity: q === null ? null : decimal(q),
    availableOn: str(f, "availableOn"),
    deliveryMode: str(f, "deliveryMode") || "deliver",
    supporterName: str(f, "supporterName"),
    supporterKind: str(f, "supporterKind"),
    contact: str(f, "contact"),
    message: opt(f, "message"),
    thankByName: str(f, "thankByName") === "on",
    website: str(f, "website"),
    altcha: opt(f, "altcha") ?? undefined,
  };
}
