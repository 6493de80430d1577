import { describe, expect, it } from "vitest";
import { workshopPeriod } from "~/shared/posts";

describe("the dashboard period as workshop dates", () => {
  it("starts on the first day of the month months−1 before, across a year, and ends today", () => {
    expect(workshopPeriod(12, "2026-12-03")).toEqual({ from: "2026-01-01", to: "2026-12-03" });
    expect(workshopPeriod(6, "2026-03-31")).toEqual({ from: "2025-10-01", to: "2026-03-31" });
    expect(workshopPeriod(1, "2026-02-15")).toEqual({ from: "2026-02-01", to: "2026-02-15" });
  });
});
