import { PROBLEM_CATEGORIES, type ProblemCategory } from "~/shared/assessment";
import { suppressLine, suppressTable, type SuppressedTable } from "./suppression";

/** Ollas per level 0–3 (critical, precarious, adequate, good). */
export type LevelCounts = [number, number, number, number];
export const emptyCounts = (): LevelCounts => [0, 0, 0, 0];

/**
 * "Sharing a problem": an olla shares the problem of a category when its current level
 * there is critical (0) or precarious (1). "Tu olla comparte el problema de agua con 41
 * ollas" counts the OTHER non-closed ollas at level 0 or 1 in that category (her own olla
 * is never in the count). Levels are public facts of each olla (its public page shows
 * them), so these counts disclose nothing private.
 */
export const SHARED_PROBLEM_MAX_LEVEL = 1;
export const sharesProblem = (level: number) => level <= SHARED_PROBLEM_MAX_LEVEL;

export function othersSharing(counts: LevelCounts, ownLevel: number | null): number {
  const withProblem = counts.slice(0, SHARED_PROBLEM_MAX_LEVEL + 1).reduce((s, n) => s + n, 0);
  return Math.max(0, withProblem - (ownLevel !== null && sharesProblem(ownLevel) ? 1 : 0));
}

/** First day of the month of an ISO date, as YYYY-MM-01. */
export function monthStart(isoDay: string): string {
  return `${isoDay.slice(0, 7)}-01`;
}

/** The first day of the month `n` months after (negative: before) the month of `isoDay`. */
export function addMonths(isoDay: string, n: number): string {
  const y = Number(isoDay.slice(0, 4));
  const m = Number(isoDay.slice(5, 7)) - 1 + n;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${String(yy).padStart(4, "0")}-${String(mm + 1).padStart(2, "0")}-01`;
}

/** The months of a period ending with today's month: [first month start, last month start]. */
export function periodWindow(today: string, months: number): { from: string; to: string } {
  const to = monthStart(today);
  return { from: addMonths(to, -(months - 1)), to };
}

/** The same calendar day `n` months earlier (clamped to the month's last day: 31 March - 1 = 28/29 Feb). */
export function sameDayMonthsAgo(isoDay: string, n: number): string {
  const first = addMonths(isoDay, -n);
  const y = Number(first.slice(0, 4));
  const m = Number(first.slice(5, 7));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const d = Math.min(Number(isoDay.slice(8, 10)), last);
  return `${first.slice(0, 8)}${String(d).padStart(2, "0")}`;
}

/** Improvement window for "who nearby already solved it": the last 12 months. */
export const IMPROVED_WINDOW_MONTHS = 12;
/** "Within a few kilometres": the radius for nearby ollas, measured between public points. */
export const NEARBY_RADIUS_KM = 3;
export const NEARBY_LIMIT = 5;

/**
 * An olla improved a category in the window when its current level is higher than its
 * baseline: the latest level on or before the window start or, when it was first
 * assessed inside the window, its first level there.
 */
export function improved(baseline: number | null, current: number | null): boolean {
  return baseline !== null && current !== null && current > baseline;
}

/** The categories to look for help with: her worst ones, when they are a shared problem. */
export function worstSharedProblems(own: Map<ProblemCategory, number>): ProblemCategory[] {
  let worst: number | null = null;
  for (const c of PROBLEM_CATEGORIES) {
    const l = own.get(c);
    if (l !== undefined && (worst === null || l < worst)) worst = l;
  }
  if (worst === null || !sharesProblem(worst)) return [];
  return PROBLEM_CATEGORIES.filter((c) => own.get(c) === worst);
}

// ---------------------------------------------------------------------------------------
// Public (suppressed) views. Input rows come from SQL aggregates; these functions only
// decide what may be published.

export interface AreaLevels {
  key: string; // district UBIGEO
  counts: LevelCounts;
}

export interface PublicDistribution {
  category: ProblemCategory;
  city: { cells: (number | null)[]; total: number | null };
  areas: SuppressedTable;
  hiddenCells: number;
}

/** Level distribution of one category, city line and per area, with small cells hidden. */
export function publicDistribution(category: ProblemCategory, areas: readonly AreaLevels[]): PublicDistribution {
  const city = emptyCounts();
  for (const a of areas) a.counts.forEach((n, i) => (city[i as 0] += n));
  const cityOllas = city.reduce((s, n) => s + n, 0);
  const cityLine = suppressLine(
    city.map((n) => ({ value: n, ollas: n })),
    cityOllas,
  );
  const table = suppressTable(
    areas.map((a) => ({ key: a.key, ollas: a.counts.reduce((s, n) => s + n, 0), cells: a.counts.map((n) => ({ value: n, ollas: n })) })),
    { rowMargin: true, columnMargin: true },
  );
  return { category, city: { cells: cityLine.cells, total: cityLine.total }, areas: table, hiddenCells: cityLine.hiddenCells + table.hiddenCells };
}

/** A trend month published on its own: small cells hidden against the month's total. */
export function publicTrendMonth(counts: LevelCounts): { cells: (number | null)[]; total: number | null; hiddenCells: number } {
  return suppressLine(
    counts.map((n) => ({ value: n, ollas: n })),
    counts.reduce((s, n) => s + n, 0),
  );
}

/** Dependency shares as whole percentages for display (0–100). */
export const percent = (share: number) => Math.round(share * 1000) / 10;
