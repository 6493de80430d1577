import { TRPCError } from "@trpc/server";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, ollas } from "~/server/db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, profileInput, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

async function expectCode(p: Promise<unknown>, code: TRPCError["code"]) {
  await expect(p).rejects.toMatchObject({ code });
}

describe("olla profile", () => {
  it("a delegate reads and edits her own olla, and the edit is audited", async () => {
    const me = w.caller("delegateA");
    const { profile } = await me.olla.get({ ollaId: w.ollas.a });
    expect(profile.contactPhone).toBe("+51912345678");
    const updated = await me.olla.update({
      ...profileInput(profile),
      ollaId: w.ollas.a,
      version: profile.version,
      rationsPerDay: 120,
      contactPhone: "987 111 222",
    });
    expect(updated.rationsPerDay).toBe(120);
    expect(updated.contactPhone).toBe("+51987111222");
    expect(updated.version).toBe(profile.version + 1);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, w.ollas.a));
    expect(audit.some((r) => r.action === "update" && (r.after as { rationsPerDay: number }).rationsPerDay === 120)).toBe(true);
  });

  it("another olla's profile answers NOT_FOUND, for reading and for editing", async () => {
    const me = w.caller("delegateA");
    await expectCode(me.olla.get({ ollaId: w.ollas.b }), "NOT_FOUND");
    const { profile } = await w.caller("delegateB").olla.get({ ollaId: w.ollas.b });
    await expectCode(me.olla.update({ ...profileInput(profile), ollaId: w.ollas.b, version: profile.version, name: "Hijacked" }), "NOT_FOUND");
    const [row] = await t.db.select().from(ollas).where(eq(ollas.id, w.ollas.b));
    expect(row!.name).toBe("Olla B Manos Unidas");
  });

  it("a stale edit is refused with CONFLICT and a translated message, never overwriting", async () => {
    const a = w.caller("delegateA");
    const coord = w.caller("zoneNorth", "en");
    const { profile } = await a.olla.get({ ollaId: w.ollas.a });
    await coord.olla.update({ ...profileInput(profile), ollaId: w.ollas.a, version: profile.version, rationsPerDay: 90 });
    const stale = coord.olla.update({ ...profileInput(profile), ollaId: w.ollas.a, version: profile.version, rationsPerDay: 70 });
    await expect(stale).rejects.toMatchObject({ code: "CONFLICT", message: "errors.staleVersion" });
    const { profile: after } = await a.olla.get({ ollaId: w.ollas.a });
    expect(after.rationsPerDay).toBe(90);
  });

  it("bad input gets field errors and writes nothing", async () => {
    const me = w.caller("delegateA");
    const { profile } = await me.olla.get({ ollaId: w.ollas.a });
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    const cases: Record<string, unknown>[] = [
      { districtUbigeo: "999999" },
      { location: { lat: -16.4, lng: -71.5 } }, // Arequipa
      { rationsPerDay: -5 },
      { rationsPerDay: 1e9 },
      { name: "x".repeat(500) },
      { contactPhone: "12345" },
      { beneficiaries: { children: -1, olderAdults: 0, pregnantNursing: 0, disabled: 0 } },
    ];
    for (const c of cases) {
      await expectCode(me.olla.update({ ...profileInput(profile), ollaId: w.ollas.a, version: profile.version, ...c } as never), "BAD_REQUEST");
    }
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog);
    const { profile: unchanged } = await me.olla.get({ ollaId: w.ollas.a });
    expect(unchanged.version).toBe(profile.version);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("a delegate cannot move her olla to another zone", async () => {
    const me = w.caller("delegateA");
    const { profile } = await me.olla.get({ ollaId: w.ollas.a });
    await expectCode(me.olla.update({ ...profileInput(profile), ollaId: w.ollas.a, version: profile.version, zoneId: w.zones.south }), "BAD_REQUEST");
  });

  it("the public profile has no private field", async () => {
    const pub = await w.caller("anon").olla.publicProfile({ ollaId: w.ollas.a });
    const json = JSON.stringify(pub);
    expect(json).not.toContain("CANARY");
    expect(json).not.toContain("912345678");
    expect(json).not.toContain("-12.017731");
    expect(pub.name).toBe("Olla A Virgen de Guadalupe");
  });

  it("the public profile lists the olla's open public needs, never its network-only ones", async () => {
    const me = w.caller("delegateA");
    const base = { ollaId: w.ollas.a, category: "water", quantity: 1, unit: "unidad", urgency: "high" } as const;
    await me.need.create({ ...base, idempotencyKey: crypto.randomUUID(), description: "PUBLICA tanque de agua", visibility: "public" });
    await me.need.create({ ...base, idempotencyKey: crypto.randomUUID(), description: "SOLO-RED no debe salir", visibility: "network" });
    const pub = await w.caller("anon").olla.publicProfile({ ollaId: w.ollas.a });
    expect(pub.needs.map((n) => n.description)).toContain("PUBLICA tanque de agua");
    expect(JSON.stringify(pub)).not.toContain("SOLO-RED");
  });
});
