import { PROBLEM_CATEGORIES, type ProblemCategory } from "~/shared/assessment";

export interface AssessmentRow {
  category: ProblemCategory;
  level: number;
  assessedOn: string; // YYYY-MM-DD
  id: number;
}

/** Latest assessment per category: the newest date wins, then the newest row that day. */
export function latestByCategory<T extends AssessmentRow>(rows: readonly T[]): Map<ProblemCategory, T> {
  const out = new Map<ProblemCategory, T>();
  for (const r of rows) {
    const cur = out.get(r.category);
    if (!cur || r.assessedOn > cur.assessedOn || (r.assessedOn === cur.assessedOn && r.id > cur.id)) {
      out.set(r.category, r);
    }
  }
  return out;
}

/** Categories at their worst current level (lowest number), in catalogue order; empty if none assessed. */
export function worstProblems(latest: Map<ProblemCategory, { level: number }>): { level: number; categories: ProblemCategory[] } | null {
  let worst: number | null = null;
  for (const c of PROBLEM_CATEGORIES) {
    const a = latest.get(c);
    if (a && (worst === null || a.level < worst)) worst = a.level;
  }
  if (worst === null) return null;
  return { level: worst, categories: PROBLEM_CATEGORIES.filter((c) => latest.get(c)?.level === worst) };
}

/** An assessment may not be dated in the future (one day of slack for time zones) nor before 1970. */
export function isValidAssessmentDate(isoDate: string, today: Date = new Date()): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return false;
  const d = new Date(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== isoDate) return false;
  const tomorrow = new Date(today.getTime() + 36 * 3600 * 1000);
  return d >= new Date("1970-01-01T00:00:00Z") && d <= tomorrow;
}
