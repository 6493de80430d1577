/**
 * The labour domain's tuples (turnos, socias, cargos), shared by the database enums, the
 * input schemas and the pages. Browser-safe.
 */

/** What a turno (volunteer shift) was spent on. */
export const SHIFT_TASKS = ["cooking", "purchasing", "cleaning", "distribution", "firewood_water", "accounts"] as const;
export type ShiftTask = (typeof SHIFT_TASKS)[number];

/** The roles every olla has by default; "other" carries the olla's own label. */
export const CARGO_KINDS = ["presidenta", "tesorera", "almacenera", "delegada_red", "other"] as const;
export type CargoKind = (typeof CARGO_KINDS)[number];

/** Most people one turno row may count, and most hours one person works in a day. */
export const MAX_SHIFT_PEOPLE = 200;
export const MAX_HOURS_PER_PERSON_DAY = 24;
/** Most seats one role may have (e.g. two vocales). */
export const MAX_CARGO_SEATS = 6;
/** Hourly rate of the minimum wage: monthly ÷ 30 days ÷ 8 hours. */
export const WAGE_DAYS_PER_MONTH = 30;
export const WAGE_HOURS_PER_DAY = 8;

/** Soles as Peru writes them ("S/ 1,940", "S/ 0.86"): es-PE groups with commas and decimals with a point. */
export function soles(cents: number, locale: string, decimals: 0 | 2 = 0): string {
  const n = new Intl.NumberFormat(locale === "en" ? "en-US" : "es-PE", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return `S/ ${n.format(cents / 100)}`;
}

/** Hours with at most one decimal, in the reader's locale ("412", "3.5"). */
export function hoursText(hours: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-US" : "es-PE", { maximumFractionDigits: 1 }).format(hours);
}
