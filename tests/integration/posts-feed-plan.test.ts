/**
 * The city feeds are served by their index, newest first, without sorting the table: at 200,000
 * posts a sort of every visible post took ~440 ms a page against ~26 ms by the index (the query's
 * DESC has to be the index's DESC NULLS LAST). Sequential scans are switched off for the EXPLAIN so
 * that the plan shows whether the index *can* give the order, whatever the table's size here.
 * On PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedQuery, type Viewer } from "~/server/db/queries/posts";
import { rowsOf } from "~/server/db/client";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  // 3,000 posts of three ollas over two days, a third of each visibility.
  await t.db.execute(sql`
    insert into posts (olla_id, author_id, body, visibility, created_at)
    select (array[${w.ollas.a}, ${w.ollas.b}, ${w.ollas.c}]::uuid[])[1 + g % 3], ${w.userIds.delegateA}, 'Hoy cocinamos', (array['public', 'network', 'olla']::post_visibility[])[1 + (g / 3) % 3], now() - g * interval '1 minute'
    from generate_series(1, 3000) g`);
  await t.db.execute(sql`analyze posts`);
}, 120_000);
afterAll(async () => t?.close());

async function plan(v: Viewer, f: Parameters<typeof feedQuery>[2]): Promise<string> {
  return t.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_bitmapscan = off`);
    const rows = rowsOf<Record<string, unknown>>(await tx.execute(sql`explain ${feedQuery(tx, v, f).getSQL()}`));
    return rows.map((r) => String(Object.values(r)[0])).join("\n");
  });
}

const anon: Viewer = { scope: { city: false, zoneIds: [], delegateOllaIds: [] }, member: false };

describe("feed plans", () => {
  it("the public city feed reads posts_feed_idx in order: no sort", async () => {
    const p = await plan(anon, { publicOnly: true, limit: 20 });
    expect(p).toContain("posts_feed_idx");
    expect(p).not.toMatch(/Sort/);
  });

  it("its next page too (keyset after the last post)", async () => {
    const p = await plan(anon, { publicOnly: true, limit: 20, before: { at: new Date(), id: "ffffffff-ffff-4fff-bfff-ffffffffffff" } });
    expect(p).toContain("posts_feed_idx");
    expect(p).not.toMatch(/Sort/);
  });

  it("a member's network feed (public, network and her own olla's) as well", async () => {
    const member: Viewer = { scope: { city: false, zoneIds: [], delegateOllaIds: [w.ollas.a] }, member: true };
    const p = await plan(member, { limit: 20 });
    expect(p).toContain("posts_feed_idx");
    expect(p).not.toMatch(/Sort/);
  });

  it("one olla's feed reads posts_olla_feed_idx in order", async () => {
    const p = await plan(anon, { publicOnly: true, ollaId: w.ollas.a, limit: 20 });
    expect(p).toMatch(/posts_olla_feed_idx|posts_feed_idx/);
    expect(p).not.toMatch(/Sort/);
  });
});
