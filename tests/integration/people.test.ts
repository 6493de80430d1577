import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, invitations, memberships, ollas, users } from "~/server/db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, profileInput, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

describe("coordinators", () => {
  it("a zone coordinator lists and searches only the ollas of her zone", async () => {
    const north = await w.caller("zoneNorth").olla.list({ limit: 50, offset: 0 });
    expect(north.items.map((o) => o.id).sort()).toEqual([w.ollas.a, w.ollas.b].sort());
    expect(north.total).toBe(2);
    const south = await w.caller("zoneSouth").olla.list({ limit: 50, offset: 0 });
    expect(south.items.map((o) => o.id)).toEqual([w.ollas.c]);
    // Asking for the other zone explicitly gives nothing, not the other zone's ollas.
    const sneaky = await w.caller("zoneSouth").olla.list({ zoneId: w.zones.north, limit: 50, offset: 0 });
    expect(sneaky.total).toBe(0);
    const city = await w.caller("city").olla.list({ limit: 50, offset: 0 });
    expect(city.total).toBe(3);
    const search = await w.caller("city").olla.list({ q: "manos", limit: 50, offset: 0 });
    expect(search.items.map((o) => o.name)).toEqual(["Olla B Manos Unidas"]);
    // LIKE wildcards are text, not patterns.
    expect((await w.caller("city").olla.list({ q: "%", limit: 50, offset: 0 })).total).toBe(0);
  });

  it("a zone coordinator creates an olla in her zone but not in another", async () => {
    const { profile } = await w.caller("city").olla.get({ ollaId: w.ollas.c });
    const base = profileInput(profile);
    const created = await w.caller("zoneSouth").olla.create({ ...base, name: "Olla Nueva del Sur" });
    expect(created.zoneId).toBe(w.zones.south);
    expect(created.publicLocation).not.toEqual(created.location);
    await expect(w.caller("zoneSouth").olla.create({ ...base, name: "Olla Intrusa", zoneId: w.zones.north })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const intrusa = await t.db.select().from(ollas).where(eq(ollas.name, "Olla Intrusa"));
    expect(intrusa).toHaveLength(0);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit.map((a) => a.action)).toContain("create");
  });
});

describe("invitations", () => {
  it("a coordinator invites a delegate; she sets her own password, once, and reaches her olla", async () => {
    const inv = await w.caller("zoneNorth").invitation.create({ ollaId: w.ollas.b, inviteeName: "Carmen Flores", inviteePhone: "987 000 111", expiresInDays: 7 });
    const [stored] = await t.db.select().from(invitations).where(eq(invitations.id, inv.id));
    expect(stored!.codeHash).not.toContain(inv.code.replace(/-/g, ""));
    expect(await w.caller("anon").invitation.preview({ code: inv.code.toLowerCase() })).toMatchObject({ ollaName: "Olla B Manos Unidas" });
    const accepted = await w.caller("anon").invitation.accept({ code: inv.code, name: "Carmen Flores", password: "mi-clave-segura" });
    expect(accepted.login).toBe("+51987000111");
    const [m] = await t.db.select().from(memberships).where(eq(memberships.userId, accepted.userId));
    expect(m).toMatchObject({ role: "delegate", ollaId: w.ollas.b, active: true });
    // Single use.
    await expect(w.caller("anon").invitation.accept({ code: inv.code, name: "Otra", password: "otra-clave-123" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.caller("anon").invitation.preview({ code: inv.code })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an expired or revoked invitation cannot be used", async () => {
    const c = w.caller("city");
    const expired = await c.invitation.create({ ollaId: w.ollas.a, inviteeName: "Vencida", inviteeEmail: "vencida@example.pe", expiresInDays: 1 });
    await t.db.update(invitations).set({ expiresAt: sql`now() - interval '1 minute'` }).where(eq(invitations.id, expired.id));
    await expect(w.caller("anon").invitation.accept({ code: expired.code, name: "Vencida", password: "clave-larga-1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const revoked = await c.invitation.create({ ollaId: w.ollas.a, inviteeName: "Anulada", inviteeEmail: "anulada@example.pe", expiresInDays: 7 });
    await c.invitation.revoke({ ollaId: w.ollas.a, invitationId: revoked.id });
    await expect(w.caller("anon").invitation.accept({ code: revoked.code, name: "Anulada", password: "clave-larga-1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.select().from(users).where(eq(users.email, "anulada@example.pe"))).toHaveLength(0);
    const states = (await c.invitation.list({ ollaId: w.ollas.a })).map((i) => [i.inviteeName, i.state]);
    expect(states).toEqual(expect.arrayContaining([["Vencida", "expired"], ["Anulada", "revoked"]]));
  });

  it("an invitation to a phone that already has an account is refused, and the code stays unused", async () => {
    const inv = await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "Repetida", inviteePhone: "+51987650002", expiresInDays: 7 });
    await expect(w.caller("anon").invitation.accept({ code: inv.code, name: "Repetida", password: "clave-larga-1" })).rejects.toMatchObject({ code: "CONFLICT" });
    const [row] = await t.db.select().from(invitations).where(eq(invitations.id, inv.id));
    expect(row!.usedAt).toBeNull();
  });

  it("bad invitation input gets field errors and writes nothing", async () => {
    const before = (await t.db.select().from(invitations)).length;
    await expect(w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "", inviteePhone: "123", expiresInDays: 7 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "Sin contacto", expiresInDays: 7 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "Larga", inviteeEmail: "l@example.pe", expiresInDays: 400 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await t.db.select().from(invitations)).length).toBe(before);
  });
});

describe("deactivation", () => {
  it("takes effect on the delegate's very next request, with the same session", async () => {
    const before = w.caller("delegateB");
    expect((await before.olla.get({ ollaId: w.ollas.b })).profile.id).toBe(w.ollas.b);
    const list = await w.caller("zoneNorth").delegate.list({ ollaId: w.ollas.b });
    const m = list.find((d) => d.name === "Delegada B")!;
    await w.caller("zoneNorth").delegate.deactivate({ ollaId: w.ollas.b, membershipId: m.membershipId });
    // The next request builds its context from the same session id: roles come from the database.
    await w.refreshSession("delegateB");
    await expect(w.caller("delegateB").olla.get({ ollaId: w.ollas.b })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.caller("delegateB").me.get()).ollas).toEqual([]);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, m.membershipId));
    expect(audit.map((a) => a.action)).toContain("deactivate");
  });

  it("a zone coordinator cannot deactivate a delegate of another zone", async () => {
    const list = await w.caller("city").delegate.list({ ollaId: w.ollas.a });
    const m = list.find((d) => d.active)!;
    await expect(w.caller("zoneSouth").delegate.deactivate({ ollaId: w.ollas.a, membershipId: m.membershipId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // And naming her membership under an olla of her own zone does not work either.
    await expect(w.caller("zoneSouth").delegate.deactivate({ ollaId: w.ollas.c, membershipId: m.membershipId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await t.db.select().from(memberships).where(eq(memberships.id, m.membershipId));
    expect(row!.active).toBe(true);
  });
});

describe("assessments", () => {
  it("every assessment is kept with its date; the latest shows as current", async () => {
    const a = w.caller("delegateA");
    await a.assessment.record({ ollaId: w.ollas.a, category: "water", level: 0, note: "Sin conexión a red", assessedOn: "2026-01-10" });
    await a.assessment.record({ ollaId: w.ollas.a, category: "water", level: 2, note: "Tanque nuevo", assessedOn: "2026-05-10" });
    const history = await a.assessment.history({ ollaId: w.ollas.a, category: "water" });
    expect(history.map((h) => h.level)).toEqual([2, 0]);
    const { assessments } = await a.olla.get({ ollaId: w.ollas.a });
    expect(assessments.find((x) => x.category === "water")?.level).toBe(2);
  });

  it("refuses a level outside 0–3, a future date and an over-long note, writing nothing", async () => {
    const a = w.caller("delegateA");
    const before = (await a.assessment.history({ ollaId: w.ollas.a })).length;
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    for (const bad of [{ level: 4 }, { level: -1 }, { assessedOn: future }, { note: "x".repeat(501) }, { category: "wifi" }]) {
      await expect(
        a.assessment.record({ ollaId: w.ollas.a, category: "water", level: 1, note: null, assessedOn: "2026-02-01", ...bad } as never),
      ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    expect((await a.assessment.history({ ollaId: w.ollas.a })).length).toBe(before);
  });

  it("the database itself refuses an out-of-range level", async () => {
    await expect(t.db.execute(sql`insert into assessments (olla_id, category, level, assessed_on) values (${w.ollas.a}, 'water', 7, '2026-01-01')`)).rejects.toThrow();
  });
});
