import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import { publicPoint } from "~/server/domain/public-point";
import { locationKey } from "~/server/location-key";
import { limaToday } from "~/shared/lima-day";
import { datasetChecksum, generateScaleData, verifyIntegrity, type ScaleOptions } from "../../scripts/bench/generate";
import { createTestDb, type TestDb } from "../helpers/db";

// The city-scale generator at a tiny size: the same code path as npm run seed:scale. "Today" is
// Lima's, as for a real seed, so the dashboard's day windows (migrated for today) hold its data.
const LIMA_TODAY = limaToday();
const SIZES: ScaleOptions = { ollas: 60, needs: 500, movements: 3_000, seed: 7, today: LIMA_TODAY };

let a: TestDb;
let b: TestDb;
let checksumA: string;
let checksumB: string;
beforeAll(async () => {
  a = await createTestDb();
  b = await createTestDb();
  // Database a: row by row with every trigger and foreign key; database b: the bulk path.
  checksumA = (await generateScaleData(a.db, { ...SIZES, fast: false })).checksum;
  checksumB = (await generateScaleData(b.db, { ...SIZES, fast: true })).checksum;
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

const one = async <T>(t: TestDb, q: ReturnType<typeof sql>) => rowsOf<T>(await t.db.execute(q))[0]!;

describe("seed:scale generator", () => {
  it("loads exactly the sizes asked for, with a delegate for every olla and coordinators for every zone", async () => {
    const c = await one<Record<string, number>>(a, sql`select
      (select count(*)::int from ollas) as ollas, (select count(*)::int from needs) as needs,
      (select count(*)::int from stock_movements) as movements, (select count(*)::int from assessments) as assessments,
      (select count(*)::int from ollas o where not exists (select 1 from memberships m where m.olla_id = o.id and m.role = 'delegate')) as orphan_ollas,
      (select count(*)::int from zones z where not exists (select 1 from memberships m where m.zone_id = z.id)) as orphan_zones,
      (select count(*)::int from memberships where role = 'city_coordinator') as city`);
    expect(c).toMatchObject({ ollas: 60, needs: 500, movements: 3_000, orphan_ollas: 0, orphan_zones: 0, city: 5 });
    // Histories: one to four points for each of the eight categories of every olla.
    expect(c.assessments).toBeGreaterThanOrEqual(60 * 8);
    expect(c.assessments).toBeLessThanOrEqual(60 * 8 * 4);
  });

  it("keeps the ledger plausible: no balance below zero, nothing after 'today', entries name their institution", async () => {
    const r = await one<{ negative: number; future: number; nameless: number; ins: number; outs: number }>(a, sql`select
      (select count(*)::int from (select sum(case when direction = 'in' then quantity else -quantity end) as bal
         from stock_movements group by olla_id, item_id) x where bal < 0) as negative,
      (select count(*)::int from stock_movements where occurred_on > ${SIZES.today}::date) as future,
      (select count(*)::int from stock_movements where source_type in ('parish','ngo','company','municipal_program','state_program') and source_id is null) as nameless,
      (select count(*)::int from stock_movements where direction = 'in') as ins,
      (select count(*)::int from stock_movements where direction = 'out') as outs`);
    expect(r).toMatchObject({ negative: 0, future: 0, nameless: 0 });
    expect(r.outs).toBeGreaterThan(r.ins * 3);
  });

  it("keeps the dashboard's stock balances (kept by a ledger trigger) equal to the ledger after the bulk load", async () => {
    const r = await one<{ differing: number; balances: number }>(b, sql`select
      (select count(*)::int from (
        select olla_id, item_id, sum(case when direction = 'in' then quantity else -quantity end) as balance from stock_movements group by 1, 2
        except select olla_id, item_id, balance from dashboard_stock_balance) x) as differing,
      (select count(*)::int from dashboard_stock_balance) as balances`);
    expect(r.balances).toBeGreaterThan(0);
    expect(r.differing).toBe(0);
  });

  it("leaves every table kept by triggers (roll-ups, dashboard windows) equal to its rebuild from the data", async () => {
    // Convention of the schema: a trigger-kept table X has a function X_rebuild() (some take the day).
    const tables = rowsOf<{ t: string }>(
      await b.db.execute(sql`select tablename as t from pg_tables where schemaname = 'public'
        and (tablename like '%rollup%' or tablename like 'dashboard%') and tablename not like '%meta' order by 1`),
    ).map((r) => r.t);
    const snapshot = async () => {
      const out: Record<string, string> = {};
      for (const t of tables) {
        const [row] = rowsOf<{ s: string | null }>(await b.db.execute(sql.raw(`select md5(string_agg(x::text, ',' order by x::text)) as s from "${t}" x`)));
        out[t] = row?.s ?? "";
      }
      return out;
    };
    const loaded = await snapshot();
    const fns = rowsOf<{ name: string; args: number }>(
      await b.db.execute(sql`select proname as name, pronargs as args from pg_proc
        where pronamespace = 'public'::regnamespace and proname like '%\_rebuild' order by 1`),
    );
    expect(fns.length).toBeGreaterThan(0);
    // The dashboard's ledger windows are of one day (dashboard_window_meta.as_of, set when the
    // database was migrated): rebuilt for that same day they must come out the same.
    for (const f of fns) {
      await b.db.execute(sql.raw(f.args === 0 ? `select "${f.name}"()` : `select "${f.name}"((select as_of from dashboard_window_meta where id = 1))`));
    }
    const rebuilt = await snapshot();
    for (const t of tables) expect(rebuilt[t], `${t} is empty`).not.toBe("");
    expect(loaded).toEqual(rebuilt);
  });

  it("publishes only the approximate point unless the olla opted in", async () => {
    const rows = rowsOf<{ lat: number; lng: number; public_lat: number; public_lng: number; location_seed: number; publish_exact: boolean }>(
      await a.db.execute(sql`select lat, lng, public_lat, public_lng, location_seed, publish_exact from ollas`),
    );
    for (const o of rows) {
      const expected = o.publish_exact ? { lat: o.lat, lng: o.lng } : publicPoint({ lat: o.lat, lng: o.lng }, o.location_seed, false, locationKey());
      expect({ lat: o.public_lat, lng: o.public_lng }).toEqual(expected);
    }
    expect(rows.some((o) => !o.publish_exact)).toBe(true);
  });

  it("is deterministic: the same seed gives the same data through the bulk path; another seed does not", async () => {
    expect(checksumB).toBe(checksumA);
    await verifyIntegrity(b.db);
    const c = await createTestDb();
    try {
      const other = await generateScaleData(c.db, { ...SIZES, seed: 8, fast: true });
      expect(other.checksum).not.toBe(checksumA);
      expect(other.counts.ollas).toBe(60);
    } finally {
      await c.close();
    }
    expect(await datasetChecksum(a.db)).toBe(checksumA);
  });

  it("refuses a database that already has ollas", async () => {
    await expect(generateScaleData(a.db, SIZES)).rejects.toThrow(/already has 60 ollas/);
  });
});
