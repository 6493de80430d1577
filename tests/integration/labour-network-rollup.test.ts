/**
 * The coordinators' renewal figures (labour.network) read the roll-ups of drizzle/0035 and 0037 —
 * one row an olla, a renewed span, a hold — instead of every term's history (1.4-3.7 s a zone at
 * 10,000 ollas). These runs prove that they answer exactly what the per-term statements answered
 * (tests/helpers/renewal-per-term.ts): today's renewal per zone and the trend per zone and month
 * (ollas, renewed, overdue roles) of areaRenewal's one statement, and networkLabour as a city and as a zone coordinator, on
 * random histories (a person's consecutive terms, gaps, two seats of one role held at once, 29
 * February), random settings of maxLeadershipTermMonths and random days; after terms are
 * corrected, removed, and an olla closed; and that the holds the triggers keep, also under
 * concurrent writers, equal their rebuild from the terms.
 */
import fc from "fast-check";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import { areaFilterFor, type AreaFilter } from "~/server/db/queries/dashboard";
import { areaRenewal, areaRenewalTrend } from "~/server/db/queries/labour";
import { cargoTerms, networkSettings, ollas } from "~/server/db/schema";
import { monthsBefore } from "~/server/domain/labour";
import type { Scope } from "~/server/domain/scope";
import { networkLabour, renewalPoints, renewalView } from "~/server/services/labour";
import { addDays, limaToday } from "~/shared/lima-day";
import { createTestDb, type TestDb } from "../helpers/db";
import { termsFromSeats, writeRoleHistory, type OllaKey, type Term } from "../helpers/role-history";
import { perTermRenewal, perTermRenewalTrend } from "../helpers/renewal-per-term";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

const writeHistory = (terms: readonly Term[]) => writeRoleHistory(t.db, w.ollas, terms);

const today = limaToday();
/** Days to read on: today, 29 February and its neighbours, a day at the end of a 31-day month. */
const DAYS = [today, "2024-02-29", "2024-03-01", "2025-02-28", "2026-01-31", "2028-02-29", "2029-02-28"];

const ollaList = () => sql.join(Object.values(w.ollas).map((id) => sql`${id}::uuid`), sql`, `);
const snapshot = async () => ({
  holds: rowsOf<Record<string, unknown>>(
    await t.db.execute(
      sql`select h.olla_id::text, h.cargo_id::text, h.held_from::text, h.held_to::text, h.since::text from labour_renewal_holds h where h.olla_id in (${ollaList()}) order by 1, 2, 3`,
    ),
  ),
  spans: rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`select s.olla_id::text, s.renewed_from::text, s.renewed_to::text from labour_renewal_spans s where s.olla_id in (${ollaList()}) order by 1, 2`),
  ),
});

const months12 = (day: string) => Array.from({ length: 12 }, (_, i) => monthsBefore(`${day.slice(0, 7)}-01`, 11 - i).slice(0, 7));

const areas = (): AreaFilter[] => [
  { zoneIds: null },
  { zoneIds: [w.zones.north] },
  { zoneIds: [w.zones.north, w.zones.south], zoneId: w.zones.south },
  { zoneIds: [] },
  { zoneIds: null, districtUbigeo: "150132" },
];

const scopes = (): { scope: Scope; zoneId?: string }[] => [
  { scope: { city: true, zoneIds: [], delegateOllaIds: [] } },
  { scope: { city: true, zoneIds: [], delegateOllaIds: [] }, zoneId: w.zones.north },
  { scope: { city: false, zoneIds: [w.zones.north], delegateOllaIds: [] } },
  { scope: { city: false, zoneIds: [w.zones.south], delegateOllaIds: [] } },
];

/** The roll-ups as the triggers left them equal their rebuild; every read equals the per-term statements. */
async function expectSame(maxMonths: number, days: readonly string[], filters: readonly AreaFilter[] = areas()) {
  const kept = await snapshot();
  await t.db.execute(sql`select labour_renewal_rollup_recompute(null)`);
  expect(kept).toEqual(await snapshot());
  await t.db.update(networkSettings).set({ maxLeadershipTermMonths: maxMonths }).where(eq(networkSettings.id, 1));
  for (const day of days) {
    // The dashboard's points (month ends, `day` for its month) and the days around 29 February.
    // Distinct: the per-term statement counted a point given twice twice (the app never does).
    const points = [...new Set([...renewalPoints(months12(day), day), "2024-02-28", "2024-02-29", "2024-03-01", "2028-02-29", "2028-03-01"])].sort();
    const overdueBefore = monthsBefore(day, maxMonths + 1);
    for (const f of filters) {
      const wantTrend = await perTermRenewalTrend(t.db, f, points, maxMonths);
      const got = await areaRenewal(t.db, f, day, points, maxMonths);
      expect(got.trend).toEqual(wantTrend);
      expect(got.today).toEqual(await perTermRenewal(t.db, f, day, monthsBefore(day, 12), overdueBefore));
      expect(await areaRenewalTrend(t.db, f, points, maxMonths)).toEqual(wantTrend);
    }
    // The procedure itself, as a city and as a zone coordinator: its renewal part as the per-term statements make it.
    for (const { scope, zoneId } of scopes()) {
      const got = await networkLabour(t.db, scope, { months: 12, zoneId }, day);
      const f = areaFilterFor(scope, { zoneId });
      const months = got.months.map((m) => m.month);
      const pts = renewalPoints(months, day);
      const want = renewalView(await perTermRenewal(t.db, f, day, monthsBefore(day, 12), overdueBefore), await perTermRenewalTrend(t.db, f, pts, maxMonths), months, pts);
      expect({ renewal: got.renewal, renewalTrend: got.renewalTrend, renewalTrendByZone: got.renewalTrendByZone, maxMonths: got.maxMonths }).toEqual({ ...want, maxMonths });
    }
  }
}

describe("labour.network's renewal from the roll-ups equals the per-term statements", () => {
  it("random histories and settings, then terms corrected and removed and an olla closed (property)", async () => {
    const seatHistory = fc.record({
      olla: fc.constantFrom<OllaKey>("a", "b", "c"),
      cargo: fc.integer({ min: 0, max: 1 }),
      seat: fc.integer({ min: 1, max: 2 }),
      lengths: fc.array(fc.record({ months: fc.integer({ min: 1, max: 40 }), socia: fc.integer({ min: 0, max: 3 }), gap: fc.boolean(), open: fc.boolean() }), {
        minLength: 1,
        maxLength: 5,
      }),
      // Start months back from today, or on a 29 February, or its neighbours, or a 31st.
      start: fc.oneof(
        fc.integer({ min: 0, max: 90 }).map((back) => monthsBefore(today, back)),
        fc.constantFrom("2024-02-29", "2020-02-29", "2028-02-29", "2024-02-28", "2024-03-01", "2023-12-31", "2025-01-31"),
      ),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(seatHistory, { minLength: 0, maxLength: 7 }),
        // The setting's range (network_settings_term_range).
        fc.integer({ min: 6, max: 60 }),
        fc.subarray(DAYS, { minLength: 1, maxLength: 2 }),
        fc.nat(),
        async (seats, maxMonths, days, pick) => {
          const terms = termsFromSeats(seats);
          await writeHistory(terms);
          await expectSame(maxMonths, days);
          const all = await t.db.select().from(cargoTerms).where(inArray(cargoTerms.ollaId, Object.values(w.ollas)));
          if (all.length) {
            // A term's end corrected or reopened (an UPDATE), and another removed (a DELETE).
            const moved = all[pick % all.length]!;
            const later = all.some((x) => x.id !== moved.id && x.cargoId === moved.cargoId && x.seat === moved.seat && x.startsOn > moved.startsOn);
            await t.db
              .update(cargoTerms)
              .set(later || moved.endsOn === null ? { startsOn: addDays(moved.startsOn, 1) } : { endsOn: null })
              .where(eq(cargoTerms.id, moved.id));
            const gone = all[(pick + 1) % all.length]!;
            await t.db.delete(cargoTerms).where(eq(cargoTerms.id, gone.id));
            await expectSame(maxMonths, days.slice(0, 1));
          }
          // A closed olla leaves every figure (the roll-ups keep its rows; the statements filter it).
          await t.db.update(ollas).set({ status: "closed" }).where(eq(ollas.id, w.ollas.a));
          try {
            await expectSame(maxMonths, [today], [{ zoneIds: null }, { zoneIds: [w.zones.north] }]);
          } finally {
            await t.db.update(ollas).set({ status: "active" }).where(eq(ollas.id, w.ollas.a));
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it("a role held on two seats at once counts once, and the longer-held seat decides", async () => {
    // Vocal: Ana on seat 1 for 5 years, Bea on seat 2 for 3 years then Carla; the treasurer renewed a year ago.
    await writeHistory([
      { olla: "a", cargo: 1, seat: 1, socia: 0, startsOn: monthsBefore(today, 60), endsOn: monthsBefore(today, 30) },
      { olla: "a", cargo: 1, seat: 1, socia: 0, startsOn: monthsBefore(today, 30), endsOn: null },
      { olla: "a", cargo: 1, seat: 2, socia: 1, startsOn: monthsBefore(today, 50), endsOn: monthsBefore(today, 14) },
      { olla: "a", cargo: 1, seat: 2, socia: 2, startsOn: monthsBefore(today, 14), endsOn: null },
      { olla: "a", cargo: 0, seat: 1, socia: 3, startsOn: monthsBefore(today, 40), endsOn: monthsBefore(today, 11) },
      { olla: "a", cargo: 0, seat: 1, socia: 0, startsOn: monthsBefore(today, 11), endsOn: null },
    ]);
    // Olla A: the vocal overdue (Ana since 60 months), once; the treasurer new 11 months ago. Olla B has roles, no terms.
    expect((await areaRenewal(t.db, { zoneIds: [w.zones.north] }, today, [today], 24)).today).toEqual([{ zoneId: w.zones.north, ollas: 2, renewed: 1, overdueRoles: 1 }]);
    // 20 months ago both vocal seats were past 24 months (Ana 40, Bea 30): still one role.
    const back = monthsBefore(today, 20);
    expect((await areaRenewal(t.db, { zoneIds: [w.zones.north] }, back, [back], 24)).today).toEqual([{ zoneId: w.zones.north, ollas: 2, renewed: 0, overdueRoles: 1 }]);
    await expectSame(24, [today, back]);
    await expectSame(6, [today, back]);
  });

  it("two roles of one olla given in concurrent transactions: the holds count both", async () => {
    const made = await writeHistory([]);
    const a = made.a!;
    const day = monthsBefore(today, 40);
    const writes = [0, 1].map((i) =>
      t.db.transaction(async (tx) => {
        await tx.insert(cargoTerms).values({ ollaId: w.ollas.a, cargoId: a.cargos[i]!.id, cargoSeq: a.cargos[i]!.seq, seat: 1, sociaId: a.socias[i]!, startsOn: addDays(day, i), endsOn: null });
        // Both statements have run their triggers before either commits (on PostgreSQL).
        await tx.execute(sql`select pg_sleep(0.05)`);
      }),
    );
    await Promise.all(writes);
    const { holds } = await snapshot();
    expect(holds.map((h) => [h.held_from, h.held_to, h.since])).toEqual(
      expect.arrayContaining([
        [day, "infinity", day],
        [addDays(day, 1), "infinity", addDays(day, 1)],
      ]),
    );
    expect(holds).toHaveLength(2);
    await expectSame(24, [today], [{ zoneIds: null }]);
  });
});
