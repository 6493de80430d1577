import type { NeedStatus } from "~/shared/needs";

/** met and cancelled close a need (it leaves the public list); any status may be reopened. */
export const isClosedStatus = (s: NeedStatus) => s === "met" || s === "cancelled";

/** The closing timestamp after a status change: kept while closed, set on closing, cleared on reopening. */
export function closedAtAfter(prev: { status: NeedStatus; closedAt: Date | null }, next: NeedStatus, now: Date): Date | null {
  if (!isClosedStatus(next)) return null;
  return isClosedStatus(prev.status) && prev.closedAt ? prev.closedAt : now;
}

/**
 * A spreadsheet reads a cell starting with = + - @ (or tab/CR) as a formula: prefix it
 * with an apostrophe so the text stays text (OWASP CSV injection).
 */
export function neutraliseCsvCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
