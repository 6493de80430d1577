/**
 * The public renewal figures (labour.public, problems.json) read labour_renewal_rollup, one row
 * an olla kept by triggers on cargo_terms (drizzle/0035), instead of every term's history (4–5 s
 * at 10,000 ollas). These runs prove they answer exactly what the per-term statements answer
 * (the per-term statements of tests/helpers/renewal-per-term.ts, summed over zones) on random histories written,
 * ended and removed, at points that include 29 February and its neighbours, in every area filter;
 * and that concurrent writers of one olla leave the roll-up equal to its rebuild from the terms.
 */
import fc from "fast-check";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import type { AreaFilter } from "~/server/db/queries/dashboard";
import { publicRenewalNow, publicRenewalTrend } from "~/server/db/queries/labour";
import { cargoTerms, ollas } from "~/server/db/schema";
import { monthsBefore } from "~/server/domain/labour";
import { renewalPoints } from "~/server/services/labour";
import { addDays, limaToday } from "~/shared/lima-day";
import { createTestDb, type TestDb } from "../helpers/db";
import { termsFromSeats, writeRoleHistory, type OllaKey, type Term } from "../helpers/role-history";
import { perTermRenewal as areaRenewal, perTermRenewalTrend as areaRenewalTrend } from "../helpers/renewal-per-term";
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
const months12 = Array.from({ length: 12 }, (_, i) => monthsBefore(`${today.slice(0, 7)}-01`, 11 - i).slice(0, 7));
// The dashboard's points, and days where "12 months before" is delicate (29 February, its neighbours).
const points = [...renewalPoints(months12, today), "2024-02-28", "2024-02-29", "2024-03-01", "2025-02-28", "2025-03-01", "2028-02-28", "2028-02-29", "2029-02-28", "2029-03-01"].sort();

const snapshot = async () =>
  rowsOf<Record<string, unknown>>(
    await t.db.execute(sql`select r.olla_id::text, r.first_term::text, r.renewed::text from labour_renewal_rollup r where r.olla_id in (${sql.join(Object.values(w.ollas).map((id) => sql`${id}::uuid`), sql`, `)}) order by 1`),
  );

/** The roll-up as the triggers left it equals its rebuild from the terms, and both statements equal the per-term ones. */
async function expectSame(areas: readonly AreaFilter[]) {
  const kept = await snapshot();
  await t.db.execute(sql`select labour_renewal_rollup_recompute(null)`);
  expect(kept).toEqual(await snapshot());
  for (const f of areas) {
    const old = await areaRenewalTrend(t.db, f, points, 24);
    const want = points.map((at) => {
      const rows = old.filter((r) => r.at === at);
      return { at, ollas: rows.reduce((n, r) => n + r.ollas, 0), renewed: rows.reduce((n, r) => n + r.renewed, 0) };
    });
    expect(await publicRenewalTrend(t.db, f, points)).toEqual(want);
    for (const day of [today, "2025-02-28", "2025-03-01", "2028-02-29"]) {
      const oldNow = await areaRenewal(t.db, f, day, monthsBefore(day, 12), "0001-01-01");
      expect(await publicRenewalNow(t.db, f, day)).toEqual({ ollas: oldNow.reduce((n, r) => n + r.ollas, 0), renewed: oldNow.reduce((n, r) => n + r.renewed, 0) });
    }
  }
}

const areas = (): AreaFilter[] => [{ zoneIds: null }, { zoneIds: [w.zones.north] }, { zoneIds: [] }, { zoneIds: null, districtUbigeo: "150132" }];

describe("labour_renewal_rollup equals the per-term renewal statements", () => {
  it("random histories, then terms ended and removed and an olla closed (property)", async () => {
    const seatHistory = fc.record({
      olla: fc.constantFrom<OllaKey>("a", "b", "c"),
      cargo: fc.integer({ min: 0, max: 1 }),
      seat: fc.integer({ min: 1, max: 2 }),
      lengths: fc.array(fc.record({ months: fc.integer({ min: 1, max: 40 }), socia: fc.integer({ min: 0, max: 3 }), gap: fc.boolean(), open: fc.boolean() }), { minLength: 1, maxLength: 4 }),
      // Start months back from today, or on a 29 February.
      start: fc.oneof(fc.integer({ min: 0, max: 80 }).map((back) => monthsBefore(today, back)), fc.constantFrom("2024-02-29", "2020-02-29", "2028-02-29", "2024-02-28", "2024-03-01")),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(seatHistory, { minLength: 0, maxLength: 6 }), fc.nat(), async (seats, pick) => {
        const terms = termsFromSeats(seats);
        await writeHistory(terms);
        await expectSame(areas());
        const all = await t.db.select().from(cargoTerms).where(inArray(cargoTerms.ollaId, Object.values(w.ollas)));
        if (all.length) {
          // A term's start corrected (an UPDATE), and another removed (a DELETE).
          const moved = all[pick % all.length]!;
          await t.db.update(cargoTerms).set({ startsOn: addDays(moved.startsOn, 1) }).where(eq(cargoTerms.id, moved.id));
          const gone = all[(pick + 1) % all.length]!;
          await t.db.delete(cargoTerms).where(eq(cargoTerms.id, gone.id));
          await expectSame(areas());
        }
        // A closed olla leaves the public figures (the roll-up keeps its row; the statements filter it).
        await t.db.update(ollas).set({ status: "closed" }).where(eq(ollas.id, w.ollas.c));
        try {
          await expectSame([{ zoneIds: null }]);
        } finally {
          await t.db.update(ollas).set({ status: "active" }).where(eq(ollas.id, w.ollas.c));
        }
      }),
      { numRuns: 20 },
    );
  });

  it("two roles of one olla given in concurrent transactions: the roll-up counts both", async () => {
    const made = await writeHistory([]);
    const a = made.a!;
    const day = monthsBefore(today, 2);
    const writes = [0, 1].map((i) =>
      t.db.transaction(async (tx) => {
        await tx.insert(cargoTerms).values({ ollaId: w.ollas.a, cargoId: a.cargos[i]!.id, cargoSeq: a.cargos[i]!.seq, seat: 1, sociaId: a.socias[i]!, startsOn: addDays(day, i), endsOn: null });
        // Both statements have run their triggers before either commits (on PostgreSQL).
        await tx.execute(sql`select pg_sleep(0.05)`);
      }),
    );
    await Promise.all(writes);
    const [row] = await snapshot();
    expect(row).toMatchObject({ first_term: day });
    expect(String(row!.renewed)).toBe(`{[${day},${monthsBefore(addDays(day, 1), -12)})}`);
    await expectSame([{ zoneIds: null }]);
  });
});
