import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMonths,
  improved,
  othersSharing,
  periodWindow,
  publicDistribution,
  worstSharedProblems,
  type LevelCounts,
} from "~/server/domain/dashboard";
import { dependencyIndicator, exceedsThreshold, hhiPoints, inflowKind, type Inflow } from "~/server/domain/dependency";
import type { ProblemCategory } from "~/shared/assessment";

const runs = Number(process.env.FC_NUM_RUNS ?? 150);

describe("where you stand", () => {
  it("counts the other ollas at critical or precarious, never her own", () => {
    const zone: LevelCounts = [10, 32, 5, 1];
    expect(othersSharing(zone, 0)).toBe(41);
    expect(othersSharing(zone, 1)).toBe(41);
    expect(othersSharing(zone, 2)).toBe(42);
    expect(othersSharing(zone, null)).toBe(42);
    expect(othersSharing([1, 0, 0, 0], 0)).toBe(0);
  });

  it("looks for help with her worst categories only when they are a problem", () => {
    const own = new Map<ProblemCategory, number>([
      ["water", 0],
      ["storage", 0],
      ["cooking", 2],
    ]);
    expect(worstSharedProblems(own)).toEqual(["water", "storage"]);
    expect(worstSharedProblems(new Map([["water", 2]]))).toEqual([]);
    expect(worstSharedProblems(new Map())).toEqual([]);
  });

  it("an olla improved when its level now is above its baseline", () => {
    expect(improved(0, 2)).toBe(true);
    expect(improved(2, 2)).toBe(false);
    expect(improved(3, 1)).toBe(false);
    expect(improved(null, 3)).toBe(false);
  });
});

describe("periods", () => {
  it("moves across year boundaries", () => {
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-01");
    expect(addMonths("2025-11-30", 2)).toBe("2026-01-01");
    expect(addMonths("2026-03-01", -27)).toBe("2023-12-01");
    expect(periodWindow("2026-05-20", 12)).toEqual({ from: "2025-06-01", to: "2026-05-01" });
    expect(periodWindow("2026-05-20", 1)).toEqual({ from: "2026-05-01", to: "2026-05-01" });
  });

  it("adding and removing months is the identity", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -400, max: 400 }), (y, m, n) => {
        const d = `${y}-${String(m).padStart(2, "0")}-01`;
        expect(addMonths(addMonths(d, n), -n)).toBe(d);
      }),
      { numRuns: runs },
    );
  });
});

describe("public distribution", () => {
  it("publishes the city line and the districts with small cells hidden", () => {
    const d = publicDistribution("water", [
      { key: "150132", counts: [12, 20, 6, 3] },
      { key: "150142", counts: [4, 9, 1, 0] },
      { key: "150101", counts: [1, 1, 0, 0] },
    ]);
    expect(d.city.cells).toEqual([17, 30, 7, 3]);
    expect(d.city.total).toBe(57);
    // VES has one adequate olla: hidden with its smallest neighbour (the empty "good" cell).
    const ves = d.areas.rows.find((r) => r.key === "150142");
    expect(ves).toBeUndefined(); // merged with the small Cercado row into "others"
    expect(d.hiddenCells).toBeGreaterThan(0);
  });
});

describe("dependency indicator", () => {
  const inst = (id: string, kg: number): Inflow => ({ kind: "institution", sourceId: id, kg });
  const own = (kg: number): Inflow => ({ kind: "own", sourceId: null, kg });

  it("a single institution supplying everything: 100%, HHI 10,000, warning", () => {
    const d = dependencyIndicator([inst("muni", 50), inst("muni", 30)], 0.6);
    expect(d.topShare).toBe(1);
    expect(hhiPoints(d.hhi)).toBe(10_000);
    expect(d.topSourceId).toBe("muni");
    expect(d.warning).toBe(true);
  });

  it("own means only: 0%, HHI 0, no warning", () => {
    const d = dependencyIndicator([own(40), own(10), { kind: "individual", sourceId: null, kg: 5 }], 0.6);
    expect(d.topShare).toBe(0);
    expect(d.hhi).toBe(0);
    expect(d.topSourceId).toBeNull();
    expect(d.warning).toBe(false);
    expect(d.ownKg).toBe(50);
  });

  it("own means count in the denominator: 60 kg of one institution among 100 is 60%, not past 60%", () => {
    const d = dependencyIndicator([inst("a", 60), own(30), { kind: "transfer", sourceId: null, kg: 10 }], 0.6);
    expect(d.topShare).toBeCloseTo(0.6);
    expect(d.warning).toBe(false);
    expect(dependencyIndicator([inst("a", 61), own(39)], 0.6).warning).toBe(true);
  });

  it("two equal institutions: HHI 5,000 when they are all the inflow", () => {
    const d = dependencyIndicator([inst("a", 10), inst("b", 10)], 0.6);
    expect(d.topShare).toBe(0.5);
    expect(hhiPoints(d.hhi)).toBe(5_000);
  });

  it("no inflow: nothing to warn about", () => {
    expect(dependencyIndicator([], 0.6)).toMatchObject({ totalKg: 0, topShare: 0, hhi: 0, warning: false });
  });

  it("classifies source types", () => {
    expect(inflowKind("purchase", false)).toBe("own");
    expect(inflowKind("member_contribution", false)).toBe("own");
    expect(inflowKind("individual_donation", false)).toBe("individual");
    expect(inflowKind("parish", false)).toBe("institution");
    expect(inflowKind("state_program", false)).toBe("institution");
    expect(inflowKind(null, true)).toBe("transfer");
  });

  it("shares stay in [0, 1], HHI never exceeds the top share, and the top share bounds it from below", () => {
    const inflow = fc.oneof(
      fc.record({ kind: fc.constant("institution" as const), sourceId: fc.constantFrom("a", "b", "c", "d"), kg: fc.double({ min: 0, max: 1000, noNaN: true }) }),
      fc.record({ kind: fc.constantFrom("own" as const, "individual" as const, "transfer" as const), sourceId: fc.constant(null), kg: fc.double({ min: 0, max: 1000, noNaN: true }) }),
    );
    fc.assert(
      fc.property(fc.array(inflow, { maxLength: 30 }), fc.double({ min: 0.1, max: 1, noNaN: true }), (flows, th) => {
        const d = dependencyIndicator(flows, th);
        expect(d.topShare).toBeGreaterThanOrEqual(0);
        expect(d.topShare).toBeLessThanOrEqual(1 + 1e-9);
        expect(d.hhi).toBeLessThanOrEqual(d.topShare + 1e-9);
        expect(d.hhi).toBeGreaterThanOrEqual(d.topShare ** 2 - 1e-9);
        expect(d.warning).toBe(exceedsThreshold(d.topShare, th));
      }),
      { numRuns: runs },
    );
  });
});
