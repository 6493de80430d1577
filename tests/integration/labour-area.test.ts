/**
 * The zone/city labour aggregate (areaLabourSql) values hours at the wage of each day. It now
 * reads a monthly roll-up kept by triggers (shifts written, removed or corrected; a wage added
 * after the shifts it revalues) instead of every shift with a wage lookup per (olla, day): these
 * runs prove it answers exactly what the per-day statement answered, and what a plain JS
 * computation gives, on worlds where the wage changes mid-month and shifts fall across months,
 * at the range's edges and in every zone filter; and that concurrent writes leave the roll-up
 * equal to its rebuild from the shifts.
 */
import fc from "fast-check";
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import { areaLabour } from "~/server/db/queries/labour";
import type { AreaFilter } from "~/server/db/queries/dashboard";
import { minimumWages, shifts } from "~/server/db/schema";
import { addDays } from "~/shared/lima-day";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

/** The statement before the rewrite (a lateral wage lookup per olla and day), kept as the reference. */
function perDaySql(f: AreaFilter, from: string, to: string, byZone: boolean): SQL {
  const key = byZone ? sql`o.zone_id::text` : sql`''`;
  const parts: SQL[] = [sql`true`];
  if (f.zoneIds) parts.push(f.zoneIds.length ? sql`o.zone_id in (${sql.join(f.zoneIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql`false`);
  if (f.zoneId) parts.push(sql`o.zone_id = ${f.zoneId}::uuid`);
  if (f.districtUbigeo) parts.push(sql`o.district_ubigeo = ${f.districtUbigeo}`);
  return sql`
    with d as (
      select ${key} as key, s.olla_id, s.worked_on, sum(round(s.hours * 100))::bigint as centi
      from shifts s join ollas o on o.id = s.olla_id
      where ${sql.join(parts, sql` and `)} and s.worked_on >= ${from}::date and s.worked_on < ${to}::date
      group by 1, 2, 3
    )
    select d.key, to_char(d.worked_on, 'YYYY-MM') as month,
      (sum(d.centi) / 100.0)::float8 as hours,
      round(sum(d.centi * coalesce(w.monthly_cents, 0)) / 24000.0)::bigint as value_cents,
      count(distinct d.olla_id)::int as ollas
    from d
    left join lateral (
      select m.monthly_cents from minimum_wages m where m.valid_from <= d.worked_on order by m.valid_from desc limit 1
    ) w on true
    group by 1, 2 order by 2, 1`;
}

const asRows = (rs: Record<string, unknown>[]) =>
  rs.map((r) => ({ key: String(r.key), month: String(r.month), hours: Number(r.hours), valueCents: Number(r.value_cents), ollas: Number(r.ollas) }));

interface Fact {
  olla: "a" | "b" | "c";
  workedOn: string;
  centi: number;
}

/** The rule in plain JS: each shift's centi-hours at the wage valid on its day, summed per cell, rounded once. */
function plainJs(facts: Fact[], wages: { validFrom: string; monthlyCents: number }[], f: AreaFilter, from: string, to: string, byZone: boolean) {
  const zoneOf = { a: w.zones.north, b: w.zones.north, c: w.zones.south };
  const sorted = [...wages].sort((x, y) => x.validFrom.localeCompare(y.validFrom));
  const wageOn = (day: string) => sorted.filter((x) => x.validFrom <= day).at(-1)?.monthlyCents ?? 0;
  const cells = new Map<string, { key: string; month: string; centi: number; valued: number; ollas: Set<string> }>();
  for (const s of facts) {
    const zone = zoneOf[s.olla];
    if (f.zoneIds && !f.zoneIds.includes(zone)) continue;
    if (f.zoneId && f.zoneId !== zone) continue;
    if (s.workedOn < from || s.workedOn >= to) continue;
    const key = byZone ? zone : "";
    const month = s.workedOn.slice(0, 7);
    const id = `${month}|${key}`;
    const c = cells.get(id) ?? { key, month, centi: 0, valued: 0, ollas: new Set<string>() };
    c.centi += s.centi;
    c.valued += s.centi * wageOn(s.workedOn);
    c.ollas.add(s.olla);
    cells.set(id, c);
  }
  return [...cells.values()]
    .sort((x, y) => x.month.localeCompare(y.month) || x.key.localeCompare(y.key))
    .map((c) => ({ key: c.key, month: c.month, hours: c.centi / 100, valueCents: Math.round(c.valued / 24000), ollas: c.ollas.size }));
}

describe("areaLabourSql: per (olla, month, wage) equals per (olla, day)", () => {
  it("a wage changed on the 15th: the month's hours before it at the old wage, after it at the new one", async () => {
    await t.db.insert(minimumWages).values({ validFrom: "2300-01-01", monthlyCents: 120000 });
    await t.db.insert(shifts).values([
      { ollaId: w.ollas.a, workedOn: "2300-03-14", task: "cooking", people: 2, hours: 10 },
      { ollaId: w.ollas.a, workedOn: "2300-03-15", task: "cooking", people: 2, hours: 10 },
      { ollaId: w.ollas.b, workedOn: "2300-02-28", task: "cleaning", people: 1, hours: 3.5 },
      { ollaId: w.ollas.c, workedOn: "2300-03-31", task: "accounts", people: 1, hours: 1.25 },
      { ollaId: w.ollas.c, workedOn: "2300-04-01", task: "accounts", people: 1, hours: 2 },
    ]);
    // Added after the shifts were logged: it revalues them from its day on.
    await t.db.insert(minimumWages).values({ validFrom: "2300-03-15", monthlyCents: 144000 });
    const got = await areaLabour(t.db, { zoneIds: null }, "2300-02-01", "2300-05-01", true);
    const north = got.filter((r) => r.key === w.zones.north);
    // March, north: 10 h at S/ 1,200 ÷ 240 = S/ 50 + 10 h at S/ 1,440 ÷ 240 = S/ 60.
    expect(north.find((r) => r.month === "2300-03")).toEqual({ key: w.zones.north, month: "2300-03", hours: 20, valueCents: 11000, ollas: 1 });
    expect(north.find((r) => r.month === "2300-02")).toEqual({ key: w.zones.north, month: "2300-02", hours: 3.5, valueCents: 1750, ollas: 1 });
    const city = await areaLabour(t.db, { zoneIds: null }, "2300-02-01", "2300-05-01", false);
    expect(city.map((r) => [r.month, r.hours, r.valueCents, r.ollas])).toEqual([
      ["2300-02", 3.5, 1750, 1],
      ["2300-03", 21.25, 11000 + 750, 2],
      ["2300-04", 2, 1200, 1],
    ]);
    for (const byZone of [true, false]) {
      const old = asRows(rowsOf<Record<string, unknown>>(await t.db.execute(perDaySql({ zoneIds: null }, "2300-02-01", "2300-05-01", byZone))));
      expect(await areaLabour(t.db, { zoneIds: null }, "2300-02-01", "2300-05-01", byZone)).toEqual(old);
    }
  });

  it("random shifts across months and wages changed mid-month: the same rows as the per-day statement and as plain JS, in every area (property)", async () => {
    // Each run in its own year far ahead, with its own wage history (the table is append-only).
    let run = 0;
    const ollaArb = fc.constantFrom<"a" | "b" | "c">("a", "b", "c");
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({
            olla: ollaArb,
            d: fc.integer({ min: 0, max: 364 }),
            // Half the shifts on a wage change's day or the day before (where an off-by-one would show).
            near: fc.option(fc.record({ k: fc.integer({ min: 0, max: 2 }), before: fc.boolean() }), { nil: null }),
            people: fc.integer({ min: 1, max: 8 }),
            centi: fc.integer({ min: 1, max: 2400 }),
          }), { maxLength: 40 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 364 }), { minLength: 0, maxLength: 3 }),
        fc.array(fc.integer({ min: 50000, max: 1000000 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 7, max: 12 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.record({ pick: fc.nat(), days: fc.integer({ min: -40, max: 40 }), centi: fc.integer({ min: 1, max: 2400 }) }), { maxLength: 4 }),
        async (rows, changeDays, wageValues, fromMonth, toMonth, deletes, updates) => {
          const year = 2400 + run++;
          const jan1 = `${year}-01-01`;
          const dayOf = (r: (typeof rows)[number]) => (r.near && changeDays[r.near.k] !== undefined ? changeDays[r.near.k]! - (r.near.before ? 1 : 0) : r.d);
          let facts: (Fact & { id?: string; people: number })[] = rows.map((r) => ({ olla: r.olla, workedOn: addDays(jan1, dayOf(r)), centi: Math.min(r.centi, r.people * 2400), people: r.people }));
          const insert = async (fs: typeof facts) => {
            if (!fs.length) return;
            const ids = await t.db
              .insert(shifts)
              .values(fs.map((f) => ({ ollaId: w.ollas[f.olla], workedOn: f.workedOn, task: "cooking" as const, people: f.people, hours: f.centi / 100 })))
              .returning({ id: shifts.id });
            fs.forEach((f, i) => (f.id = ids[i]!.id));
          };
          // The way a history grows: a wage, half the shifts, the wage changes (revaluing what is
          // there), the other half; then some shifts removed and some corrected.
          await t.db.insert(minimumWages).values({ validFrom: jan1, monthlyCents: wageValues[0]! });
          const half = Math.floor(facts.length / 2);
          await insert(facts.slice(0, half));
          if (changeDays.length) await t.db.insert(minimumWages).values(changeDays.map((d, i) => ({ validFrom: addDays(jan1, d), monthlyCents: wageValues[i + 1]! })));
          await insert(facts.slice(half));
          if (facts.length) {
            const gone = new Set(deletes.map((d) => facts[d % facts.length]!.id!));
            if (gone.size) await t.db.delete(shifts).where(inArray(shifts.id, [...gone]));
            facts = facts.filter((f) => !gone.has(f.id!));
          }
          for (const u of updates) {
            if (!facts.length) break;
            const f = facts[u.pick % facts.length]!;
            const day = addDays(f.workedOn, u.days);
            if (day < jan1 || day >= `${year + 1}-01-01`) continue;
            f.workedOn = day;
            f.centi = Math.min(u.centi, f.people * 2400);
            await t.db.update(shifts).set({ workedOn: f.workedOn, hours: f.centi / 100 }).where(eq(shifts.id, f.id!));
          }
          const wages = await t.db.select({ validFrom: minimumWages.validFrom, monthlyCents: minimumWages.monthlyCents }).from(minimumWages);
          const from = `${year}-${String(fromMonth + 1).padStart(2, "0")}-01`;
          const to = toMonth === 12 ? `${year + 1}-01-01` : `${year}-${String(toMonth + 1).padStart(2, "0")}-01`;
          const areas: AreaFilter[] = [{ zoneIds: null }, { zoneIds: [w.zones.north] }, { zoneIds: [] }, { zoneIds: null, zoneId: w.zones.south }, { zoneIds: null, districtUbigeo: "150132" }];
          for (const f of areas) {
            for (const byZone of [true, false]) {
              const now = await areaLabour(t.db, f, from, to, byZone);
              const old = asRows(rowsOf<Record<string, unknown>>(await t.db.execute(perDaySql(f, from, to, byZone))));
              expect(now).toEqual(old);
              // districtUbigeo 150132 is the north zone's district in the world.
              const asZones: AreaFilter = f.districtUbigeo ? { zoneIds: [w.zones.north] } : f;
              expect(now).toEqual(plainJs(facts, wages, asZones, from, to, byZone));
            }
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("a wage added while shifts of its month are being written: the roll-up still equals its rebuild from the shifts", async () => {
    await t.db.insert(minimumWages).values({ validFrom: "2390-01-01", monthlyCents: 100000 });
    const writes = Array.from({ length: 8 }, (_, i) =>
      t.db.transaction(async (tx) => {
        await tx.insert(shifts).values({ ollaId: [w.ollas.a, w.ollas.b, w.ollas.c][i % 3]!, workedOn: `2390-06-${String(10 + i).padStart(2, "0")}`, task: "cooking", people: 2, hours: 3 + i });
      }),
    );
    const wage = t.db.transaction(async (tx) => {
      await tx.insert(minimumWages).values({ validFrom: "2390-06-14", monthlyCents: 150000 });
    });
    await Promise.all([...writes, wage]);
    const snapshot = async () =>
      rowsOf<Record<string, unknown>>(await t.db.execute(sql`select olla_id, month::text, shifts, centi_hours::text, valued::text from labour_month_rollup order by 1, 2`));
    const kept = await snapshot();
    await t.db.execute(sql`select labour_month_rollup_rebuild()`);
    expect(kept).toEqual(await snapshot());
    const old = asRows(rowsOf<Record<string, unknown>>(await t.db.execute(perDaySql({ zoneIds: null }, "2390-06-01", "2390-07-01", true))));
    expect(await areaLabour(t.db, { zoneIds: null }, "2390-06-01", "2390-07-01", true)).toEqual(old);
  });
});
