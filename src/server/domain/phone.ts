/**
 * Peruvian mobile numbers: nine digits starting with 9, optionally preceded by the
 * country code 51 (with or without "+"), typed with spaces, dots or dashes.
 * Returns E.164 ("+519XXXXXXXX") or null when it is not a Peruvian mobile number.
 */
export function normalizePeruMobile(input: string): string | null {
  const trimmed = input.trim();
  // Digits with the usual separators; a "+" only before the first digit ("+51", "(+51)").
  if (!/^[0-9 ()+.-]+$/.test(trimmed) || /[0-9].*\+/.test(trimmed) || (trimmed.match(/\+/g)?.length ?? 0) > 1) return null;
  let digits = trimmed.replace(/[^0-9]/g, "");
  if (digits.length === 11 && digits.startsWith("51")) digits = digits.slice(2);
  if (digits.length === 13 && digits.startsWith("0051")) digits = digits.slice(4);
  if (!/^9[0-9]{8}$/.test(digits)) return null;
  return `+51${digits}`;
}

/** "+51987654321" -> "987 654 321", for display. */
export function formatPeruMobile(e164: string): string {
  const d = e164.replace(/^\+51/, "");
  return `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}`;
}

/** A login identifier is an email (contains "@") or a Peruvian mobile number. */
export function normalizeLoginIdentifier(input: string): { kind: "email" | "phone"; value: string } | null {
  const t = input.trim();
  if (t.includes("@")) {
    const email = t.toLowerCase();
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? { kind: "email", value: email } : null;
  }
  const phone = normalizePeruMobile(t);
  return phone ? { kind: "phone", value: phone } : null;
}
