/**
 * Concurrency (issue item 7): 100 simultaneous edits of one olla profile, all based on
 * the same version → exactly 1 succeeds and 99 answer CONFLICT, and the stored profile is
 * the winner's. (The stock cases — 50 concurrent exits on a balance of 20 — live with
 * the ledger's own tests; see SECURITY.md.)
 *
 * Runs on both databases. On PostgreSQL (TEST_DATABASE_URL, as CI sets) the 100 edits
 * really race over a pool of 20 connections; PGlite runs them one after another, so there
 * it checks the invariant (one winner, one audit line, no lost or doubled update), not the
 * contention.
 */
import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, ollas } from "~/server/db/schema";
import { createTestDb, type TestDb } from "../../helpers/db";
import { buildWorld, profileInput, type World } from "../../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

describe("concurrent edits", () => {
  it("100 parallel edits from the same version: exactly 1 succeeds, 99 CONFLICT", async () => {
    const { profile } = await w.caller("delegateA").olla.get({ ollaId: w.ollas.a });
    // Editors from every role that may edit olla A, each with her own value.
    const editors = ["delegateA", "zoneNorth", "city"] as const;
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        w
          .caller(editors[i % editors.length]!)
          .olla.update({ ...profileInput(profile), ollaId: w.ollas.a, version: profile.version, rationsPerDay: 1000 + i })
          .then((r) => ({ ok: true as const, rations: r.rationsPerDay }))
          .catch((e: unknown) => ({ ok: false as const, code: e instanceof TRPCError ? e.code : String(e) })),
      ),
    );
    const wins = outcomes.filter((o) => o.ok);
    const conflicts = outcomes.filter((o) => !o.ok && o.code === "CONFLICT").length;
    const other = outcomes.filter((o) => !o.ok && o.code !== "CONFLICT");
    console.info(`concurrency (${t.kind}): 100 parallel profile edits from version ${profile.version} → ${wins.length} succeeded, ${conflicts} CONFLICT, ${other.length} other`);
    expect(other).toEqual([]);
    expect(wins.length).toBe(1);
    expect(conflicts).toBe(99);
    const [row] = await t.db.select().from(ollas).where(eq(ollas.id, w.ollas.a));
    expect(row!.version).toBe(profile.version + 1);
    expect(row!.rationsPerDay).toBe((wins[0] as { rations: number }).rations);
    // One audit line for the one change.
    const [audit] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(and(eq(auditLog.entity, "olla"), eq(auditLog.entityId, w.ollas.a), eq(auditLog.action, "update")));
    expect(audit!.n).toBe(1);
  });
});
