/**
 * The dashboards' trigger-kept roll-ups stay equal to a rebuild from the history and the
 * ledger, also when many writers insert at once (on PostgreSQL each call below runs on its
 * own pooled connection; PGlite serialises them).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import { assessments, needs, stockItems, stockMovements, stockSources } from "~/server/db/schema";
import { limaToday } from "~/shared/lima-day";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

const day = (ago: number) => new Date(new Date(`${limaToday()}T12:00:00Z`).getTime() - ago * 86_400_000).toISOString().slice(0, 10);

const SNAPSHOTS = {
  assessment_rollup: sql`select zone_id::text || '|' || district_ubigeo || '|' || category || '|' || month || '|' || level as k, delta::text as v from assessment_rollup where delta <> 0`,
  dashboard_stock_balance: sql`select olla_id::text || '|' || item_id::text as k, balance::text as v from dashboard_stock_balance`,
  dashboard_needs_area: sql`select zone_id::text || '|' || district_ubigeo || '|' || category || '|' || urgency as k, needs || '/' || ollas as v from dashboard_needs_area where needs <> 0 or ollas <> 0`,
  dashboard_inflow_window: sql`select olla_id::text || '|' || kind || '|' || source_key::text as k, kg::text as v from dashboard_inflow_window`,
  dashboard_cooked_window: sql`select olla_id::text || '|' || item_id::text as k, quantity::text as v from dashboard_cooked_window where quantity <> 0`,
  dashboard_dependency_olla: sql`select olla_id::text as k, total || '/' || institutional || '/' || own || '/' || coalesce(top_source::text, '') || '/' || top_share || '/' || hhi as v from dashboard_dependency_olla`,
};

async function snapshot(table: keyof typeof SNAPSHOTS) {
  return new Map(rowsOf<{ k: string; v: string }>(await t.db.execute(SNAPSHOTS[table])).map((r) => [r.k, r.v.includes("/") ? r.v : Number(r.v)]));
}

describe("trigger-kept roll-ups", () => {
  it("40 concurrent assessments of the same ollas, back-dated and not, leave the roll-up equal to a rebuild", async () => {
    const ollas = [w.ollas.a, w.ollas.b, w.ollas.c];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.db.insert(assessments).values({ ollaId: ollas[i % 3]!, category: i % 2 ? "water" : "storage", level: (i * 7) % 4, assessedOn: day((i * 37) % 500) }),
      ),
    );
    // A zone move and a closure in the middle of more writes.
    await Promise.all([
      t.db.execute(sql`update ollas set zone_id = ${w.zones.south}::uuid where id = ${w.ollas.b}::uuid`),
      ...Array.from({ length: 10 }, (_, i) => t.db.insert(assessments).values({ ollaId: w.ollas.b, category: "water", level: i % 4, assessedOn: day(i * 3) })),
      t.db.execute(sql`update ollas set status = 'closed' where id = ${w.ollas.c}::uuid`),
    ]);
    const kept = await snapshot("assessment_rollup");
    expect(kept.size).toBeGreaterThan(0);
    await t.db.execute(sql`select assessment_rollup_rebuild()`);
    expect(await snapshot("assessment_rollup")).toEqual(kept);
  });

  it("50 concurrent ledger inserts leave every staple balance equal to the ledger's sum", async () => {
    const [rice] = await t.db.select().from(stockItems).where(eq(stockItems.code, "arroz"));
    await t.db.insert(stockMovements).values({ ollaId: w.ollas.a, itemId: rice!.id, unit: "kg", direction: "in", quantity: "100", occurredOn: day(10), sourceType: "purchase" });
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.db.insert(stockMovements).values(
          i % 5 === 0
            ? { ollaId: w.ollas.a, itemId: rice!.id, unit: "kg", direction: "in", quantity: "2.5", occurredOn: day(i % 20), sourceType: "member_contribution" }
            : { ollaId: w.ollas.a, itemId: rice!.id, unit: "kg", direction: "out", quantity: "1.25", occurredOn: day(i % 20), exitReason: "cooked" },
        ),
      ),
    );
    const kept = await snapshot("dashboard_stock_balance");
    const [ledger] = rowsOf<{ b: string }>(
      await t.db.execute(sql`select sum(case when direction = 'in' then quantity else -quantity end)::text as b from stock_movements where olla_id = ${w.ollas.a}::uuid and item_id = ${rice!.id}::uuid`),
    );
    expect(kept.get(`${w.ollas.a}|${rice!.id}`)).toBe(Number(ledger!.b));
    expect(Number(ledger!.b)).toBe(100 + 10 * 2.5 - 40 * 1.25);
    await t.db.execute(sql`select dashboard_stock_balance_rebuild()`);
    expect(await snapshot("dashboard_stock_balance")).toEqual(kept);
  });

  it("concurrent needs opened, edited, closed and moved leave the open-needs roll-up equal to a rebuild", async () => {
    const ollas = [w.ollas.a, w.ollas.b, w.ollas.c];
    const ids = (
      await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          t.db
            .insert(needs)
            .values({ ollaId: ollas[i % 3]!, category: (["water", "food", "storage"] as const)[i % 3]!, urgency: (["low", "high", "critical"] as const)[i % 3]!, description: "Necesidad de prueba" })
            .returning({ id: needs.id }),
        ),
      )
    ).map((r) => r[0]!.id);
    await Promise.all([
      ...ids.slice(0, 6).map((id) => t.db.execute(sql`update needs set status = 'met', closed_at = now() where id = ${id}::uuid`)),
      ...ids.slice(6, 12).map((id) => t.db.execute(sql`update needs set urgency = 'medium', category = 'water' where id = ${id}::uuid`)),
      ...ids.slice(12, 14).map((id) => t.db.execute(sql`delete from needs where id = ${id}::uuid`)),
      t.db.execute(sql`update ollas set zone_id = ${w.zones.north}::uuid, status = 'active' where id = ${w.ollas.c}::uuid`),
    ]);
    const kept = await snapshot("dashboard_needs_area");
    expect(kept.size).toBeGreaterThan(0);
    await t.db.execute(sql`select dashboard_needs_area_rebuild()`);
    expect(await snapshot("dashboard_needs_area")).toEqual(kept);
  });

  it("concurrent entries, cooking and reversals keep the 90- and 28-day windows equal to a rebuild for the same day", async () => {
    const [rice] = await t.db.select().from(stockItems).where(eq(stockItems.code, "arroz"));
    const [src] = await t.db.insert(stockSources).values({ type: "ngo", name: "ONG Ventanas" }).returning({ id: stockSources.id });
    const made = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.db
          .insert(stockMovements)
          .values(
            i % 3 === 2
              ? { ollaId: w.ollas.b, itemId: rice!.id, unit: "kg", direction: "out", quantity: "1", occurredOn: day(i * 2), exitReason: "cooked" }
              : { ollaId: w.ollas.b, itemId: rice!.id, unit: "kg", direction: "in", quantity: String(5 + i), occurredOn: day(i * 4), sourceType: "ngo", sourceId: src!.id },
          )
          .returning({ id: stockMovements.id, direction: stockMovements.direction, quantity: stockMovements.quantity }),
      ),
    );
    // Reverse every fifth movement, concurrently with more entries.
    await Promise.all([
      ...made
        .filter((_, i) => i % 5 === 0)
        .map(([m]) =>
          t.db.insert(stockMovements).values({ ollaId: w.ollas.b, itemId: rice!.id, unit: "kg", direction: m!.direction === "in" ? "out" : "in", quantity: m!.quantity, occurredOn: day(0), reversesId: m!.id }),
        ),
      ...Array.from({ length: 10 }, (_, i) =>
        t.db.insert(stockMovements).values({ ollaId: w.ollas.b, itemId: rice!.id, unit: "kg", direction: "in", quantity: "2", occurredOn: day(85 + i), sourceType: "purchase" }),
      ),
    ]);
    const [{ d } = { d: "" }] = rowsOf<{ d: string }>(await t.db.execute(sql`select as_of::text as d from dashboard_window_meta`));
    const inflow = await snapshot("dashboard_inflow_window");
    const cooked = await snapshot("dashboard_cooked_window");
    const perOlla = await snapshot("dashboard_dependency_olla");
    expect(inflow.size).toBeGreaterThan(0);
    expect(cooked.size).toBeGreaterThan(0);
    await t.db.execute(sql`select dashboard_windows_rebuild(${d}::date)`);
    expect(await snapshot("dashboard_inflow_window")).toEqual(inflow);
    expect(await snapshot("dashboard_cooked_window")).toEqual(cooked);
    expect(await snapshot("dashboard_dependency_olla")).toEqual(perOlla);
  });
});
