/**
 * The public needs list (/necesidades, the home page's most urgent): most urgent first, then
 * newest, read in the order of needs_public_urgency_idx instead of sorting every open public need
 * of the city (135 ms of PostgreSQL at 200,000 needs, for the three on the home page), and its
 * count shared between visitors yet never stale. On PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import { publicNeedsPageQuery } from "~/server/db/queries/needs";
import { needs, ollas } from "~/server/db/schema";
import { NEED_URGENCIES } from "~/shared/needs";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  // 600 needs over the three ollas: every urgency, both visibilities, some met, some created in the
  // same second (the id decides), so that the order has to be the index's, not an accident.
  await t.db.execute(sql`
    insert into needs (olla_id, category, description, urgency, visibility, status, closed_at, created_at)
    select (array[${w.ollas.a}, ${w.ollas.b}, ${w.ollas.c}]::uuid[])[1 + g % 3], 'water', 'Necesidad ' || g,
      (array['low', 'medium', 'high', 'critical']::need_urgency[])[1 + (g * 7) % 4],
      (case when g % 5 = 0 then 'network' else 'public' end)::need_visibility,
      (case when g % 11 = 0 then 'met' else 'open' end)::need_status,
      case when g % 11 = 0 then now() else null end,
      date_trunc('second', now()) - (g / 3) * interval '1 minute'
    from generate_series(1, 600) g`);
  await t.db.execute(sql`analyze needs`);
}, 120_000);
afterAll(async () => t?.close());

const rank = (u: string) => NEED_URGENCIES.length - 1 - NEED_URGENCIES.indexOf(u as (typeof NEED_URGENCIES)[number]);

/** Every public need, ordered in plain JavaScript: the list's rule, written the other way. */
async function expected(): Promise<string[]> {
  const rows = await t.db
    .select({ id: needs.id, urgency: needs.urgency, createdAt: needs.createdAt, status: needs.status, visibility: needs.visibility, ollaStatus: ollas.status })
    .from(needs)
    .innerJoin(ollas, eq(ollas.id, needs.ollaId));
  return rows
    .filter((r) => r.status === "open" && r.visibility === "public" && r.ollaStatus !== "closed")
    .sort((x, y) => rank(x.urgency) - rank(y.urgency) || y.createdAt.getTime() - x.createdAt.getTime() || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0))
    .map((r) => r.id);
}

describe("the public needs list", () => {
  it("is most urgent first, then newest (then by id), page after page, and counts them all", async () => {
    const want = await expected();
    const anon = w.caller("anon");
    const got: string[] = [];
    for (let offset = 0; offset < want.length + 50; offset += 50) {
      const page = await anon.need.publicList({ limit: 50, offset });
      expect(page.total).toBe(want.length);
      got.push(...page.items.map((i) => i.id));
    }
    expect(got).toEqual(want);
    expect(NEED_URGENCIES).toEqual(["low", "medium", "high", "critical"]); // the order the index relies on
  });

  it("is read in the index's order: no sort of every public need", async () => {
    const plan = await t.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const rows = rowsOf<Record<string, unknown>>(await tx.execute(sql`explain ${publicNeedsPageQuery(tx, { limit: 3, offset: 0 }).getSQL()}`));
      return rows.map((r) => String(Object.values(r)[0])).join("\n");
    });
    expect(plan).toContain("needs_public_urgency_idx");
    expect(plan).not.toMatch(/Sort/);
  });

  it("shares its count between visitors, and a change shows in it at once", async () => {
    const before = process.env.PUBLIC_CACHE_SECONDS;
    process.env.PUBLIC_CACHE_SECONDS = "60"; // as in production (the tests' default is 0)
    try {
      const anon = w.caller("anon");
      const n0 = (await anon.need.publicList({ limit: 1, offset: 0 })).total;
      expect((await anon.need.publicList({ limit: 1, offset: 0 })).total).toBe(n0);
      // Her new public need: counted on the next visit, not a minute later.
      await w.caller("delegateA").need.create({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), category: "food", description: "Arroz para la semana", quantity: 50, unit: "kg", urgency: "critical", visibility: "public" });
      const first = await anon.need.publicList({ limit: 1, offset: 0 });
      expect(first.total).toBe(n0 + 1);
      expect(first.items[0]!.description).toBe("Arroz para la semana");
      // An olla closed (even outside the app): its needs leave the count at once.
      await t.db.update(ollas).set({ status: "closed" }).where(eq(ollas.id, w.ollas.c));
      try {
        const open = (await expected()).length;
        expect(open).toBeLessThan(n0 + 1);
        expect((await anon.need.publicList({ limit: 1, offset: 0 })).total).toBe(open);
      } finally {
        await t.db.update(ollas).set({ status: "active" }).where(eq(ollas.id, w.ollas.c));
      }
      // Each filter has its own count.
      const critical = await anon.need.publicList({ urgency: "critical", limit: 100, offset: 0 });
      expect(critical.total).toBe((await anon.need.publicList({ urgency: "critical", limit: 100, offset: 100 })).total);
      expect(critical.items.every((i) => i.urgency === "critical")).toBe(true);
      expect(critical.total).toBeLessThan((await anon.need.publicList({ limit: 1, offset: 0 })).total);
    } finally {
      if (before === undefined) delete process.env.PUBLIC_CACHE_SECONDS;
      else process.env.PUBLIC_CACHE_SECONDS = before;
    }
  });
});
