import { describe, expect, it } from "vitest";
import { isValidAssessmentDate, latestByCategory, worstProblems, type AssessmentRow } from "~/server/domain/assessment";

describe("assessments", () => {
  const rows: AssessmentRow[] = [
    { id: 1, category: "water", level: 0, assessedOn: "2026-01-10" },
    { id: 2, category: "water", level: 2, assessedOn: "2026-06-01" },
    { id: 3, category: "storage", level: 1, assessedOn: "2026-03-01" },
    { id: 4, category: "storage", level: 2, assessedOn: "2026-03-01" },
    { id: 5, category: "nutrition", level: 1, assessedOn: "2026-02-01" },
  ];

  it("the latest per category wins: newest date, then newest row that day", () => {
    const latest = latestByCategory(rows);
    expect(latest.get("water")?.level).toBe(2);
    expect(latest.get("storage")?.id).toBe(4);
    expect(latest.has("cooking")).toBe(false);
  });

  it("the worst problems are the categories at the lowest current level", () => {
    expect(worstProblems(latestByCategory(rows))).toEqual({ level: 1, categories: ["nutrition"] });
    expect(worstProblems(new Map())).toBeNull();
  });

  it("an assessment date cannot be in the future or malformed", () => {
    const today = new Date("2026-06-15T12:00:00Z");
    expect(isValidAssessmentDate("2026-06-15", today)).toBe(true);
    expect(isValidAssessmentDate("2026-06-16", today)).toBe(true); // tomorrow: time-zone slack
    expect(isValidAssessmentDate("2026-06-18", today)).toBe(false);
    expect(isValidAssessmentDate("2026-02-30", today)).toBe(false);
    expect(isValidAssessmentDate("15/06/2026", today)).toBe(false);
    expect(isValidAssessmentDate("1969-12-31", today)).toBe(false);
  });
});
