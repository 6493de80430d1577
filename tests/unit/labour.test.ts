import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hourlyCents,
  isAllowedWageStart,
  isValidShiftDate,
  labourByMonth,
  monthsBefore,
  monthsBetween,
  renewalIndicators,
  totalHours,
  wageOn,
  weekStart,
  type ShiftFact,
  type WageRow,
} from "~/server/domain/labour";

const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
const shift: fc.Arbitrary<ShiftFact> = fc.record({
  workedOn: day,
  people: fc.integer({ min: 1, max: 12 }),
  hours: fc.integer({ min: 1, max: 2400 }).map((c) => c / 100),
  rations: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
});
const wages: fc.Arbitrary<WageRow[]> = fc
  .uniqueArray(fc.record({ validFrom: day, monthlyCents: fc.integer({ min: 50000, max: 300000 }) }), { selector: (w) => w.validFrom, maxLength: 5 })
  .map((ws) => [{ validFrom: "2016-05-01", monthlyCents: 85000 }, ...ws]);

/** The plain computation the issue asks for: every shift valued on its own, summed per month. */
function plain(shifts: ShiftFact[], ws: WageRow[]) {
  const out = new Map<string, { hours: number; value: number }>();
  for (const s of shifts) {
    const wage = [...ws].filter((w) => w.validFrom <= s.workedOn).sort((a, b) => b.validFrom.localeCompare(a.validFrom))[0]!.monthlyCents;
    const m = out.get(s.workedOn.slice(0, 7)) ?? { hours: 0, value: 0 };
    m.hours += Math.round(s.hours * 100);
    m.value += Math.round(s.hours * 100) * wage;
    out.set(s.workedOn.slice(0, 7), m);
  }
  return [...out.entries()].sort().map(([month, m]) => ({ month, hours: m.hours / 100, valueCents: Math.round(m.value / 24000) }));
}

describe("labour value (replacement cost at the minimum wage)", () => {
  it("hourly = monthly ÷ 30 ÷ 8: S/ 1,130 a month is S/ 4.71 an hour", () => {
    expect(hourlyCents(113000)).toBeCloseTo(470.83, 2);
  });

  it("the issue's example: 412 hours in 2025 are worth S/ 1,940 (S/ 0.86 a ration over 2,256 rations)", () => {
    const shifts: ShiftFact[] = Array.from({ length: 24 }, (_, i) => ({ workedOn: `2025-11-${String(i + 1).padStart(2, "0")}`, people: 6, hours: i < 4 ? 18 : 17, rations: 94 }));
    const [m] = labourByMonth(shifts, [{ validFrom: "2025-01-01", monthlyCents: 113000 }], 0);
    expect(m!.hours).toBe(412);
    expect(Math.round(m!.valueCents / 100)).toBe(1940);
    expect(m!.rations).toBe(2256);
    expect(m!.valuePerRationCents).toBe(86);
    expect(m!.people).toBe(6);
  });

  it("hours and value per month equal a plain computation over random shifts and wage histories", () => {
    fc.assert(
      fc.property(fc.array(shift, { maxLength: 60 }), wages, (shifts, ws) => {
        const got = labourByMonth(shifts, ws, 50).map(({ month, hours, valueCents }) => ({ month, hours, valueCents }));
        expect(got).toEqual(plain(shifts, ws));
      }),
    );
  });

  it("a wage change applies from its date only: earlier months and days keep their value", () => {
    fc.assert(
      fc.property(fc.array(shift, { maxLength: 60 }), wages, day, fc.integer({ min: 50000, max: 300000 }), (shifts, ws, from, cents) => {
        fc.pre(!ws.some((w) => w.validFrom === from));
        const before = labourByMonth(shifts, ws, 50);
        const after = labourByMonth(shifts, [...ws, { validFrom: from, monthlyCents: cents }], 50);
        for (const m of before.filter((m) => m.month < from.slice(0, 7))) expect(after.find((a) => a.month === m.month)).toEqual(m);
        // Within the month of the change, only the days from its date on move.
        const early = shifts.filter((s) => s.workedOn < from);
        expect(labourByMonth(early, [...ws, { validFrom: from, monthlyCents: cents }], 50)).toEqual(labourByMonth(early, ws, 50));
      }),
    );
  });

  it("rations: the day's logged count, else the profile's rations per day (counted as estimated)", () => {
    const [m] = labourByMonth(
      [
        { workedOn: "2025-06-02", people: 2, hours: 8, rations: 120 },
        { workedOn: "2025-06-02", people: 1, hours: 3, rations: 100 },
        { workedOn: "2025-06-03", people: 3, hours: 9, rations: null },
      ],
      [{ validFrom: "2025-01-01", monthlyCents: 113000 }],
      80,
    );
    expect(m).toMatchObject({ days: 2, rations: 200, estimatedDays: 1, people: 3, hours: 20 });
  });

  it("wageOn picks the latest value not after the day", () => {
    const ws = [{ validFrom: "2022-05-01", monthlyCents: 102500 }, { validFrom: "2025-01-01", monthlyCents: 113000 }];
    expect(wageOn(ws, "2024-12-31")).toBe(102500);
    expect(wageOn(ws, "2025-01-01")).toBe(113000);
    expect(wageOn(ws, "2020-01-01")).toBeNull();
  });

  it("a new wage may not start before the current month", () => {
    expect(isAllowedWageStart("2026-12-01", "2026-12-03")).toBe(true);
    expect(isAllowedWageStart("2026-11-30", "2026-12-03")).toBe(false);
  });

  it("hours each × people, or the total as typed; dates within 400 days", () => {
    expect(totalHours(3, 4.5, "each")).toBe(13.5);
    expect(totalHours(3, 10, "total")).toBe(10);
    expect(isValidShiftDate("2026-12-03", "2026-12-03")).toBe(true);
    expect(isValidShiftDate("2026-12-05", "2026-12-03")).toBe(false);
    expect(isValidShiftDate("2026-02-30", "2026-12-03")).toBe(false);
    expect(weekStart("2026-12-03")).toBe("2026-11-30"); // a Thursday → Monday
    expect(weekStart("2026-12-06")).toBe("2026-11-30"); // Sunday
  });
});

describe("months", () => {
  it("monthsBetween counts whole months; monthsBefore clamps to the month's end", () => {
    expect(monthsBetween("2024-01-15", "2024-03-14")).toBe(1);
    expect(monthsBetween("2024-01-15", "2024-03-15")).toBe(2);
    expect(monthsBefore("2025-03-31", 1)).toBe("2025-02-28");
    expect(monthsBefore("2025-01-10", 12)).toBe("2024-01-10");
  });
  it("monthsBetween(monthsBefore(d, n), d) = n", () => {
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 60 }), (d, n) => {
      expect(monthsBetween(monthsBefore(d, n), d)).toBe(n);
    }));
  });
});

describe("renewal indicators on hand-made histories", () => {
  const cargos = [{ id: "tes", seats: 1 }, { id: "pre", seats: 1 }, { id: "voc", seats: 2 }];
  const today = "2026-12-03";

  it("the treasury held 30 months by one person is overdue past 24; a learner is counted", () => {
    const r = renewalIndicators(
      cargos,
      [
        { cargoId: "tes", seat: 1, sociaId: "ana", startsOn: "2024-06-01", endsOn: null },
        { cargoId: "pre", seat: 1, sociaId: "bea", startsOn: "2022-01-01", endsOn: "2026-03-01" },
        { cargoId: "pre", seat: 1, sociaId: "car", startsOn: "2026-03-01", endsOn: null },
      ],
      [{ cargoId: "tes", sociaId: "dina", startedOn: "2026-10-01", endedOn: null }],
      today,
      24,
    );
    const tes = r.cargos.find((c) => c.cargoId === "tes")!;
    expect(tes).toMatchObject({ monthsHeld: 30, overdue: true, learners: 1, newPeopleLastYear: 0 });
    const pre = r.cargos.find((c) => c.cargoId === "pre")!;
    expect(pre).toMatchObject({ monthsHeld: 9, overdue: false, newPeopleLastYear: 1 });
    expect(r).toMatchObject({ overdueRoles: 1, learners: 1, newPeopleLastYear: 1, renewedLastYear: true });
  });

  it("re-elected to herself: back-to-back terms count as one run; another person in between resets it", () => {
    const run = renewalIndicators(
      cargos,
      [
        { cargoId: "tes", seat: 1, sociaId: "ana", startsOn: "2022-01-01", endsOn: "2024-01-01" },
        { cargoId: "tes", seat: 1, sociaId: "ana", startsOn: "2024-01-01", endsOn: null },
      ],
      [],
      today,
      24,
    );
    expect(run.cargos[0]).toMatchObject({ monthsHeld: 59, overdue: true });
    expect(run.renewedLastYear).toBe(false);
    const reset = renewalIndicators(
      cargos,
      [
        { cargoId: "tes", seat: 1, sociaId: "ana", startsOn: "2022-01-01", endsOn: "2024-01-01" },
        { cargoId: "tes", seat: 1, sociaId: "bea", startsOn: "2024-01-01", endsOn: "2025-01-01" },
        { cargoId: "tes", seat: 1, sociaId: "ana", startsOn: "2025-01-01", endsOn: null },
      ],
      [],
      today,
      24,
    );
    // Ana again, but not new to the role: no renewal in the last year.
    expect(reset.cargos[0]).toMatchObject({ monthsHeld: 23, overdue: false, newPeopleLastYear: 0 });
  });

  it("a role with two seats: each seat on its own; vacant seats count nothing; ended learners do not count", () => {
    const r = renewalIndicators(
      cargos,
      [
        { cargoId: "voc", seat: 1, sociaId: "eva", startsOn: "2020-01-01", endsOn: null },
        { cargoId: "voc", seat: 2, sociaId: "fio", startsOn: "2026-01-01", endsOn: "2026-06-01" },
      ],
      [{ cargoId: "voc", sociaId: "gina", startedOn: "2025-01-01", endedOn: "2025-06-01" }],
      today,
      24,
    );
    const voc = r.cargos.find((c) => c.cargoId === "voc")!;
    expect(voc.seats.map((s) => [s.holderId, s.overdue])).toEqual([["eva", true], [null, false]]);
    expect(voc).toMatchObject({ learners: 0, newPeopleLastYear: 1 });
  });
});
