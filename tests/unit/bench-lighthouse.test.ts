import { describe, expect, it } from "vitest";
import { countedRuns, meetsBudget, pageError, SLOW_HOST_INDEX, type LighthouseResult } from "../../scripts/bench/lib/lighthouse";

const run = (benchmarkIndex: number, score = 0) => ({ benchmarkIndex, score });

describe("which Lighthouse runs the benchmark counts (scripts/bench/lib/lighthouse.ts)", () => {
  it("drops runs on a host at or below Lighthouse's slow-host threshold and keeps the first N others", () => {
    const all = [run(1500, 1), run(700, 2), run(SLOW_HOST_INDEX, 3), run(1200, 4), run(1300, 5), run(1400, 6)];
    const { counted, discarded, slowHost } = countedRuns(all, 3);
    expect(counted.map((r) => r.score)).toEqual([1, 4, 5]);
    expect(discarded).toBe(2);
    expect(slowHost).toBe(false);
  });

  it("keeps fewer than N fast runs rather than counting a slow one", () => {
    const { counted, discarded } = countedRuns([run(800), run(1100, 7), run(900)], 3);
    expect(counted.map((r) => r.score)).toEqual([7]);
    expect(discarded).toBe(2);
  });

  it("when every run was on a slow host, counts them and says so", () => {
    const { counted, slowHost, discarded } = countedRuns([run(800, 1), run(900, 2), run(700, 3), run(600, 4)], 3);
    expect(counted.map((r) => r.score)).toEqual([1, 2, 3]);
    expect(slowHost).toBe(true);
    expect(discarded).toBe(0);
  });

  it("no run at all is no figure, not a slow host", () => {
    expect(countedRuns([], 3)).toEqual({ counted: [], discarded: 0, slowHost: false });
  });

  it("a run Lighthouse lost and the bench ran again does not fail the page; a page still short of runs does", () => {
    expect(pageError(3, 3, "NO_NAVSTART")).toBeUndefined();
    expect(pageError(2, 3, "NO_NAVSTART")).toBe("NO_NAVSTART");
    expect(pageError(0, 3, undefined)).toBe("fewer runs than asked for");
    const page = { performance: 98, accessibility: 100, bestPractices: 100, budget: { performance: 95, accessibility: 100, bestPractices: 95 } } as LighthouseResult;
    expect(meetsBudget({ ...page, error: pageError(3, 3, "NO_NAVSTART") })).toBe(true);
    expect(meetsBudget({ ...page, error: pageError(2, 3, "NO_NAVSTART") })).toBe(false);
  });
});
