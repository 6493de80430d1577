/**
 * The dashboards' trigger-kept roll-ups stay equal to a rebuild from the history and the
 * ledger, also when many writers insert at once (on PostgreSQL each call below runs on its
 * own pooled connection; PGlite serialises them).
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import { assessments, stockItems, stockMovements } from "~/server/db/schema";
import { limaToday } from "~/server/domain/dashboard";
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

async function snapshot(table: "assessment_rollup" | "dashboard_stock_balance") {
  const rows =
    table === "assessment_rollup"
      ? await t.db.execute(sql`select zone_id::text || '|' || district_ubigeo || '|' || category || '|' || month || '|' || level as k, delta::text as v from assessment_rollup where delta <> 0`)
      : await t.db.execute(sql`select olla_id::text || '|' || item_id::text as k, balance::text as v from dashboard_stock_balance`);
  return new Map(rowsOf<{ k: string; v: string }>(rows).map((r) => [r.k, Number(r.v)]));
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
});
