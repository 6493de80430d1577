/**
 * Renewal over time (issue 16: "per zone and city — the same in aggregate, with trends"): the
 * SQL that reads, month by month, the share of ollas with someone new in a role in the previous
 * 12 months and the roles held past the recommended term, against the domain's own rule
 * (renewalIndicators) on hand-made and random histories; the coordinator's and the public
 * dashboards' trends, with small cells hidden and no names.
 */
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { areaRenewalTrend } from "~/server/db/queries/labour";
import { monthsBefore, renewalIndicators } from "~/server/domain/labour";
import { renewalPoints } from "~/server/services/labour";
import { addDays, limaToday } from "~/shared/lima-day";
import { createTestDb, type TestDb } from "../helpers/db";
import { writeRoleHistory, type Term } from "../helpers/role-history";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

const writeHistory = (terms: readonly Term[]) => writeRoleHistory(t.db, w.ollas, terms, { oneStatement: true });

const today = limaToday();
const MAX = 24;
const months12 = Array.from({ length: 12 }, (_, i) => monthsBefore(`${today.slice(0, 7)}-01`, 11 - i).slice(0, 7));
const points = renewalPoints(months12, today);

/** The reference: for each point, the domain's indicators per olla as known that day, summed over the area. */
function expected(terms: readonly Term[], at: string) {
  let ollasN = 0;
  let renewed = 0;
  let overdue = 0;
  for (const olla of ["a", "b", "c"] as const) {
    const mine = terms.filter((x) => x.olla === olla && x.startsOn <= at);
    if (mine.length === 0) continue;
    ollasN++;
    const r = renewalIndicators(
      [0, 1].map((i) => ({ id: String(i), seats: i === 0 ? 1 : 2 })),
      mine.map((x) => ({ cargoId: String(x.cargo), seat: x.seat, sociaId: String(x.socia), startsOn: x.startsOn, endsOn: x.endsOn })),
      [],
      at,
      MAX,
    );
    if (r.renewedLastYear) renewed++;
    overdue += r.overdueRoles;
  }
  return { ollas: ollasN, renewed, overdueRoles: overdue };
}

async function actual(at: string) {
  const rows = (await areaRenewalTrend(t.db, { zoneIds: null }, points, MAX)).filter((r) => r.at === at);
  return { ollas: rows.reduce((n, r) => n + r.ollas, 0), renewed: rows.reduce((n, r) => n + r.renewed, 0), overdueRoles: rows.reduce((n, r) => n + r.overdueRoles, 0) };
}

describe("renewal month by month (SQL) equals the domain's rule", () => {
  it("a hand-made history: a handover six months ago, a treasurer re-elected past 24 months, an olla with no roles", async () => {
    const handover = monthsBefore(today, 6);
    const terms: Term[] = [
      // A: Ana treasurer since 2020 (overdue), handed to Bea six months ago.
      { olla: "a", cargo: 0, seat: 1, socia: 0, startsOn: "2020-01-01", endsOn: handover },
      { olla: "a", cargo: 0, seat: 1, socia: 1, startsOn: handover, endsOn: null },
      // B: Carla treasurer in two back-to-back terms since 2021: one run, overdue all year.
      { olla: "b", cargo: 0, seat: 1, socia: 2, startsOn: "2021-03-01", endsOn: "2023-03-01" },
      { olla: "b", cargo: 0, seat: 1, socia: 2, startsOn: "2023-03-01", endsOn: null },
      // B: Dora in the vocal's second seat since 20 months ago: overdue from the fifth month on.
      { olla: "b", cargo: 1, seat: 2, socia: 3, startsOn: monthsBefore(today, 20), endsOn: null },
    ];
    await writeHistory(terms);
    const first = await actual(points[0]!);
    const last = await actual(points.at(-1)!);
    // Eleven months ago: two ollas with roles; Dora's seat had begun 9 months before, so B counted as
    // renewed, A not; overdue: both treasuries (Ana since 2020, Carla's one run since 2021).
    expect(first).toEqual(expected(terms, points[0]!));
    expect(first).toEqual({ ollas: 2, renewed: 1, overdueRoles: 2 });
    // Today: A renewed (Bea), B no longer (Dora came 20 months ago); overdue: B's treasury only.
    expect(last).toEqual({ ollas: 2, renewed: 1, overdueRoles: 1 });
    // A's treasury was overdue until the handover month, then not.
    const before = await actual(points[4]!);
    expect(before.overdueRoles).toBe(expected(terms, points[4]!).overdueRoles);
    for (const p of points) expect(await actual(p)).toEqual(expected(terms, p));
  });

  it("random histories of consecutive terms, gaps and re-elections (property)", async () => {
    const term = fc.record({
      olla: fc.constantFrom("a" as const, "b" as const, "c" as const),
      cargo: fc.integer({ min: 0, max: 1 }),
      seat: fc.integer({ min: 1, max: 2 }),
      // Terms of 3–40 months, one after the other on each seat, with occasional gaps.
      lengths: fc.array(fc.record({ months: fc.integer({ min: 3, max: 40 }), socia: fc.integer({ min: 0, max: 3 }), gap: fc.boolean(), open: fc.boolean() }), { minLength: 1, maxLength: 4 }),
      startBack: fc.integer({ min: 1, max: 80 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(term, { minLength: 1, maxLength: 6 }), async (seats) => {
        const terms: Term[] = [];
        const used = new Set<string>();
        for (const s of seats) {
          const seat = s.cargo === 0 ? 1 : s.seat;
          const k = `${s.olla}:${s.cargo}:${seat}`;
          if (used.has(k)) continue;
          used.add(k);
          let start = monthsBefore(today, s.startBack);
          s.lengths.forEach((l, i) => {
            if (start > today) return;
            const lastOne = i === s.lengths.length - 1;
            const end = lastOne && l.open ? null : monthsBefore(start, -l.months);
            terms.push({ olla: s.olla, cargo: s.cargo, seat, socia: l.socia, startsOn: start, endsOn: end });
            if (end === null) return;
            start = l.gap ? addDays(end, 20) : end;
          });
        }
        // Terms that would begin after today are not history yet.
        const known = terms.filter((x) => x.startsOn <= today);
        await writeHistory(known);
        const rows = await areaRenewalTrend(t.db, { zoneIds: null }, points, MAX);
        for (const p of points) {
          const at = rows.filter((r) => r.at === p);
          const got = { ollas: at.reduce((n, r) => n + r.ollas, 0), renewed: at.reduce((n, r) => n + r.renewed, 0), overdueRoles: at.reduce((n, r) => n + r.overdueRoles, 0) };
          expect(got).toEqual(expected(known, p));
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe("the trend on the dashboards", () => {
  it("the coordinator sees the area's and each zone's trend; the public sees the share only, hidden when it rests on 1–2 ollas, never a name", async () => {
    const handover = monthsBefore(today, 3);
    // A and B: a new person three months ago; C: the same treasurer since 2019.
    await writeHistory([
      { olla: "a", cargo: 0, seat: 1, socia: 0, startsOn: "2019-01-01", endsOn: handover },
      { olla: "a", cargo: 0, seat: 1, socia: 1, startsOn: handover, endsOn: null },
      { olla: "b", cargo: 0, seat: 1, socia: 0, startsOn: "2019-01-01", endsOn: handover },
      { olla: "b", cargo: 0, seat: 1, socia: 2, startsOn: handover, endsOn: null },
      { olla: "c", cargo: 0, seat: 1, socia: 3, startsOn: "2019-01-01", endsOn: null },
    ]);
    const city = await w.caller("city").labour.network({ months: 12 });
    expect(city.renewalTrend).toHaveLength(12);
    const now = city.renewalTrend.at(-1)!;
    expect(now).toMatchObject({ ollas: 3, renewed: 2, overdueRoles: 1 });
    // 2 of 3 renewed: the other side rests on a single olla, so even the coordinator's share is hidden.
    expect(now.renewedShare).toBeNull();
    // A year ago none had renewed and all three treasuries were overdue: 0 of 3 is shown.
    expect(city.renewalTrend[0]).toMatchObject({ ollas: 3, renewed: 0, overdueRoles: 3, renewedShare: 0 });
    const zoneSum = city.renewalTrendByZone.reduce((n, z) => n + z.months.at(-1)!.ollas, 0);
    expect(zoneSum).toBe(3);

    const pub = await w.caller("anon").labour.public({ months: 12 });
    expect(pub.renewalTrend[0]).toEqual({ month: months12[0], ollas: 3, renewedShare: 0 });
    expect(pub.renewalTrend.at(-1)).toEqual({ month: months12.at(-1), ollas: null, renewedShare: null });
    expect(JSON.stringify(pub)).not.toMatch(/Prueba|overdue/);

    // Coordinator of one zone: only her zone's ollas.
    const north = await w.caller("zoneNorth").labour.network({ months: 12 });
    expect(north.renewalTrend.at(-1)!.ollas).toBeLessThan(3);
    expect(north.renewalTrendByZone.every((z) => z.zoneId === w.zones.north)).toBe(true);
  });

  it("renewalPoints: each month's last day, today for the current month", () => {
    expect(renewalPoints(["2025-01", "2025-02", "2024-02"], "2025-06-10")).toEqual(["2025-01-31", "2025-02-28", "2024-02-29"]);
    expect(renewalPoints(["2025-06"], "2025-06-10")).toEqual(["2025-06-10"]);
  });
});

// Keep the query planner honest on an empty area: no rows, not an error.
describe("edge", () => {
  it("an area with no terms answers no rows", async () => {
    await writeHistory([]);
    expect(await areaRenewalTrend(t.db, { zoneIds: [] }, points, MAX)).toEqual([]);
    expect((await t.db.execute(sql`select 1 as one`)) !== null).toBe(true);
  });
});
