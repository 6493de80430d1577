import { PROBLEM_CATEGORIES } from "./assessment";

/** The eight infrastructure categories of the assessments, plus food and other. */
export const NEED_CATEGORIES = [...PROBLEM_CATEGORIES, "food", "other"] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];
export const NEED_URGENCIES = ["low", "medium", "high", "critical"] as const;
export type NeedUrgency = (typeof NEED_URGENCIES)[number];
export const NEED_STATUSES = ["open", "in_progress", "met", "cancelled"] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_VISIBILITIES = ["public", "network"] as const;
export type NeedVisibility = (typeof NEED_VISIBILITIES)[number];

/** met and cancelled close a need (it leaves the public list); any status may be reopened. */
export const isClosedStatus = (s: NeedStatus) => s === "met" || s === "cancelled";

/** The closing timestamp after a status change: kept while closed, set on closing, cleared on reopening. */
export function closedAtAfter(prev: { status: NeedStatus; closedAt: Date | null }, next: NeedStatus, now: Date): Date | null {
  if (!isClosedStatus(next)) return null;
  return isClosedStatus(prev.status) && prev.closedAt ? prev.closedAt : now;
}

const URGENCY_RANK: Record<NeedUrgency, number> = { critical: 0, high: 1, medium: 2, low: 3 };
export const urgencyRank = (u: NeedUrgency) => URGENCY_RANK[u];

/**
 * A spreadsheet reads a cell starting with = + - @ (or tab/CR) as a formula: prefix it
 * with an apostrophe so the text stays text (OWASP CSV injection).
 */
export function neutraliseCsvCell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
