/**
 * Ley 29733 (issue #11): people's names and phones corrected and erased on request by a
 * coordinator in scope, and erased after the retention period by a purge that runs once
 * across app servers. The ledger and the audit keep their facts (by id), not the person.
 * PGlite by default; the same file on PostgreSQL with TEST_DATABASE_URL.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rowsOf } from "~/server/db/client";
import { createSession, loadSessionUser } from "~/server/db/queries/sessions";
import { auditLog, invitations, memberships, ollas, stockMovements, users } from "~/server/db/schema";
import { purgePersonalData } from "~/server/services/personal-data";
import { ERASED_NAME } from "~/shared/personal-data";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, CANARY, profileInput, type World } from "../helpers/world";
import { databaseText } from "../security/procedures";

// Before ~/env is first read (imports are hoisted above plain statements).
const CRON_SECRET = vi.hoisted(() => (process.env.CRON_SECRET = "cron-secret-for-tests-0123456789"));

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

let seq = 0;
/** A new delegate of olla A (invited by the city, accepted), with her own signed-in caller. */
async function newDelegate(name: string) {
  seq++;
  const phone = `+5199${String(1_000_000 + seq * 7919).slice(-7)}`;
  const email = `persona.${seq}.${Date.now()}@example.pe`;
  const inv = await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: name, inviteePhone: phone, inviteeEmail: email, expiresInDays: 7 });
  const { userId } = await w.caller("anon").invitation.accept({ code: inv.code, name, password: "una-clave-larga" });
  const sessionId = await createSession(t.db, userId, 3600);
  const { createCallerFactory, createInnerContext } = await import("~/server/api/trpc");
  const { appRouter } = await import("~/server/api/root");
  const caller = async () => createCallerFactory(appRouter)(createInnerContext({ db: t.db, session: await loadSessionUser(t.db, sessionId), locale: "es" }));
  return { userId, phone, email, invitationId: inv.id, caller };
}

const count = async (table: typeof stockMovements | typeof auditLog, where?: ReturnType<typeof eq>) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(table).where(where))[0]!.n;

describe("finding a person", () => {
  it("a zone coordinator finds only the people of her zone; the city finds everyone", async () => {
    const north = await w.caller("zoneNorth").personalData.list({ limit: 100 });
    expect(north.map((p) => p.name)).toEqual(expect.arrayContaining([CANARY.delegateAName, "Delegada B", CANARY.contactNameA]));
    expect(north.find((p) => p.kind === "user" && p.id === w.userIds.zoneSouth)).toBeUndefined();
    const south = await w.caller("zoneSouth").personalData.list({ q: "Rosa", limit: 100 });
    expect(south).toEqual([]);
    const byPhone = await w.caller("city").personalData.list({ q: "987 650 001", limit: 10 });
    expect(byPhone.map((p) => p.id)).toContain(w.userIds.delegateA);
  });

  it("a name with digits in it searches names, not every phone that holds those digits", async () => {
    const d = await newDelegate("Delegada Numerada");
    const digitsOfHerPhone = d.phone.slice(-4);
    const byName = await w.caller("city").personalData.list({ q: `Nadie Se Llama Así ${digitsOfHerPhone}`, limit: 100 });
    expect(byName).toEqual([]);
    const byPhone = await w.caller("city").personalData.list({ q: d.phone.slice(-9), limit: 100 });
    expect(byPhone.map((p) => p.id)).toContain(d.userId);
  });
});

describe("correction on request", () => {
  it("a zone coordinator corrects a delegate's name and phone; the audit names the fields, not the values", async () => {
    await w.caller("zoneNorth").personalData.correct({ kind: "user", id: w.userIds.delegateB, name: "Delegada Beatriz", phone: "987 650 099" });
    const [u] = await t.db.select({ name: users.name, phone: users.phone }).from(users).where(eq(users.id, w.userIds.delegateB));
    expect(u).toEqual({ name: "Delegada Beatriz", phone: "+51987650099" });
    const [a] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "correct"), eq(auditLog.entityId, w.userIds.delegateB)));
    expect(a!.actorUserId).toBe(w.userIds.zoneNorth);
    expect(a!.after).toEqual({ fields: ["name", "phone"] });
    expect(JSON.stringify(a)).not.toContain("Beatriz");
  });

  it("a phone that belongs to another account is a translated field error, nothing changed", async () => {
    const before = await t.db.select().from(users).where(eq(users.id, w.userIds.delegateB));
    await expect(w.caller("zoneNorth").personalData.correct({ kind: "user", id: w.userIds.delegateB, phone: CANARY.delegateAPhone })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await t.db.select().from(users).where(eq(users.id, w.userIds.delegateB))).toEqual(before);
  });

  it("the olla's contact person is corrected too", async () => {
    await w.caller("city").personalData.correct({ kind: "contact", id: w.ollas.a, name: "Florinda\u200B Ccori Q." });
    const [o] = await t.db.select({ contactName: ollas.contactName, contactPhone: ollas.contactPhone }).from(ollas).where(eq(ollas.id, w.ollas.a));
    expect(o).toEqual({ contactName: "Florinda Ccori Q.", contactPhone: CANARY.contactPhoneA });
  });
});

describe("out of scope", () => {
  it("another zone's coordinator gets NOT_FOUND for every person of olla A, and nothing changes", async () => {
    const d = await newDelegate("Fuera de Alcance");
    const inv = await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "Invitada Norte", inviteePhone: "+51911111111", expiresInDays: 7 });
    const attempts = [
      () => w.caller("zoneSouth").personalData.correct({ kind: "user", id: d.userId, name: "X" }),
      () => w.caller("zoneSouth").personalData.erase({ kind: "user", id: d.userId }),
      () => w.caller("zoneSouth").personalData.erase({ kind: "invitee", id: inv.id }),
      () => w.caller("zoneSouth").personalData.erase({ kind: "contact", id: w.ollas.a }),
      // A coordinator is the city's to handle, not another zone coordinator's.
      () => w.caller("zoneNorth").personalData.erase({ kind: "user", id: w.userIds.zoneSouth }),
      () => w.caller("zoneNorth").personalData.erase({ kind: "user", id: crypto.randomUUID() }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.caller("delegateA").personalData.erase({ kind: "user", id: d.userId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const [u] = await t.db.select({ name: users.name, erasedAt: users.erasedAt }).from(users).where(eq(users.id, d.userId));
    expect(u).toEqual({ name: "Fuera de Alcance", erasedAt: null });
    const [c] = await t.db.select({ n: ollas.contactName }).from(ollas).where(eq(ollas.id, w.ollas.a));
    expect(c!.n).not.toBeNull();
  });
});

describe("erasure on request", () => {
  it("a delegate's name, phone, email and access go; her stock movements and needs stay, by id", async () => {
    const d = await newDelegate("Marcelina Huamán Erase");
    const me = await d.caller();
    const rice = (await me.stock.catalogue({ ollaId: w.ollas.a })).find((i) => i.code === "arroz")!;
    const day = new Date(Date.now() - 5 * 3600_000).toISOString().slice(0, 10);
    await me.stock.recordEntry({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), itemId: rice.id, unit: "kg", quantity: 12, occurredOn: day, sourceType: "purchase" });
    await me.stock.recordExit({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), itemId: rice.id, unit: "kg", quantity: 2, occurredOn: day, reason: "cooked" });
    const movementsBefore = await t.db.select().from(stockMovements).where(eq(stockMovements.createdBy, d.userId));
    const stockBefore = await w.caller("delegateA").stock.levels({ ollaId: w.ollas.a });
    const auditBefore = await count(auditLog, eq(auditLog.actorUserId, d.userId));
    await t.db.execute(sql`insert into login_known_addresses (user_id, address) values (${d.userId}::uuid, '203.0.113.77')`);
    expect(movementsBefore).toHaveLength(2);

    const r = await w.caller("zoneNorth").personalData.erase({ kind: "user", id: d.userId });
    expect(r).toEqual({ ok: true, erased: true });

    const [u] = await t.db.select().from(users).where(eq(users.id, d.userId));
    expect(u).toMatchObject({ name: ERASED_NAME, phone: null, email: null, active: false });
    expect(u!.erasedAt).toBeInstanceOf(Date);
    expect(await t.db.select({ a: memberships.active }).from(memberships).where(eq(memberships.userId, d.userId))).toEqual([{ a: false }]);
    expect(rowsOf(await t.db.execute(sql`select 1 from login_known_addresses where user_id = ${d.userId}::uuid`))).toEqual([]);
    // Her session no longer works.
    await expect((await d.caller()).me.get()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    // The ledger keeps every movement, unchanged, still naming her by id; balances are the same.
    expect(await t.db.select().from(stockMovements).where(eq(stockMovements.createdBy, d.userId))).toEqual(movementsBefore);
    expect(await w.caller("delegateA").stock.levels({ ollaId: w.ollas.a })).toEqual(stockBefore);
    // The audit keeps who did what (her id), plus one line for the erasure by the coordinator.
    expect(await count(auditLog, eq(auditLog.actorUserId, d.userId))).toBe(auditBefore);
    const erasure = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "erase"), eq(auditLog.entityId, d.userId)));
    expect(erasure).toHaveLength(1);
    expect(erasure[0]).toMatchObject({ actorUserId: w.userIds.zoneNorth, entity: "user", after: { reason: "request" } });
    // Her invitation's copy of her data went too: nothing in the database names or reaches her.
    const [inv] = await t.db.select().from(invitations).where(eq(invitations.id, d.invitationId));
    expect(inv).toMatchObject({ inviteeName: ERASED_NAME, inviteePhone: null, inviteeEmail: null });
    const everything = await databaseText(t.db);
    for (const v of ["Marcelina", d.phone, d.email]) expect(everything.includes(v), v).toBe(false);
    // She now shows as erased, and erasing again changes nothing.
    const listed = (await w.caller("zoneNorth").personalData.list({ limit: 100 })).find((p) => p.id === d.userId);
    expect(listed).toMatchObject({ name: ERASED_NAME, phone: null });
    expect(await w.caller("zoneNorth").personalData.erase({ kind: "user", id: d.userId })).toEqual({ ok: true, erased: false });
    await expect(w.caller("zoneNorth").personalData.correct({ kind: "user", id: d.userId, name: "Otra" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("an olla's contact is erased from the olla and from its audit trail; the olla's other facts stay", async () => {
    const { profile } = await w.caller("city").olla.get({ ollaId: w.ollas.b });
    await w.caller("zoneNorth").olla.update({ ...profileInput(profile), ollaId: w.ollas.b, version: profile.version, contactName: "Eusebia Contacto", contactPhone: "+51955544433" } as never);
    await w.caller("zoneNorth").personalData.erase({ kind: "contact", id: w.ollas.b });
    const after = (await w.caller("city").olla.get({ ollaId: w.ollas.b })).profile;
    expect(after).toMatchObject({ contactName: null, contactPhone: null, name: profile.name, rationsPerDay: profile.rationsPerDay });
    expect(after.version).toBe(profile.version + 2);
    const trail = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, "olla"), eq(auditLog.entityId, w.ollas.b)));
    expect(trail.length).toBeGreaterThan(0);
    expect(JSON.stringify(trail)).not.toMatch(/Eusebia|955544433/);
  });

  it("a coordinator cannot erase herself", async () => {
    await expect(w.caller("city").personalData.erase({ kind: "user", id: w.userIds.city })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("retention", () => {
  it("the purge erases only people who left longer ago than the setting, and runs once under two concurrent calls", async () => {
    const s = await w.caller("anon").settings.get();
    await w.caller("city").settings.updateRetention({ version: s.version, personalDataRetentionMonths: 12 });
    expect((await w.caller("anon").settings.get()).personalDataRetentionMonths).toBe(12);

    const longGone = await newDelegate("Se Fue Hace Tiempo");
    const recent = await newDelegate("Se Fue Hace Poco");
    const staying = await newDelegate("Sigue Activa");
    for (const d of [longGone, recent]) {
      const m = (await w.caller("city").delegate.list({ ollaId: w.ollas.a })).find((x) => x.userId === d.userId)!;
      await w.caller("zoneNorth").delegate.deactivate({ ollaId: w.ollas.a, membershipId: m.membershipId });
    }
    // Left 13 months ago vs 11 months ago (the clock is moved, not the rows' meaning).
    await t.db.execute(sql`update memberships set deactivated_at = now() - interval '13 months' where user_id = ${longGone.userId}::uuid`);
    await t.db.execute(sql`update memberships set deactivated_at = now() - interval '11 months' where user_id = ${recent.userId}::uuid`);
    const oldInvite = await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "Invitada Vieja", inviteePhone: "+51922233344", expiresInDays: 1 });
    await t.db.execute(sql`update invitations set created_at = now() - interval '14 months', expires_at = now() - interval '13 months' where id = ${oldInvite.id}::uuid`);
    const ledger = await count(stockMovements);

    // Two app servers (or the cron and a server) at once: exactly one purge runs.
    const results = await Promise.all([purgePersonalData(t.db), purgePersonalData(t.db)]);
    expect(results.filter((r) => r.ran)).toHaveLength(1);
    const done = results.find((r) => r.ran)!;
    expect(done.users).toBe(1);
    expect(done.invitees).toBe(1); // the old invitation (the long-gone delegate's own goes with her account)

    const name = async (id: string) => (await t.db.select({ name: users.name }).from(users).where(eq(users.id, id)))[0]!.name;
    expect(await name(longGone.userId)).toBe(ERASED_NAME);
    expect(await name(recent.userId)).toBe("Se Fue Hace Poco");
    expect(await name(staying.userId)).toBe("Sigue Activa");
    const [inv] = await t.db.select({ n: invitations.inviteeName, p: invitations.inviteePhone }).from(invitations).where(eq(invitations.id, oldInvite.id));
    expect(inv).toEqual({ n: ERASED_NAME, p: null });
    const [own] = await t.db.select({ n: invitations.inviteeName }).from(invitations).where(eq(invitations.id, longGone.invitationId));
    expect(own!.n).toBe(ERASED_NAME);
    const purgeLines = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "erase"), eq(auditLog.entityId, longGone.userId)));
    expect(purgeLines).toEqual([expect.objectContaining({ actorUserId: null, after: { reason: "retention" } })]);
    expect(await count(stockMovements)).toBe(ledger);

    // Within the hour another server's purge is skipped; later, a purge finds nothing new.
    expect((await purgePersonalData(t.db)).ran).toBe(false);
    const later = await purgePersonalData(t.db, { now: new Date(Date.now() + 2 * 3_600_000) });
    expect(later).toEqual({ ran: true, users: 0, invitees: 0, contacts: 0, socias: 0, shiftNames: 0, supporters: 0 });
    // A month later the recent one's period is over too.
    const monthLater = await purgePersonalData(t.db, { now: new Date(Date.now() + 62 * 24 * 3_600_000) });
    expect(monthLater.users).toBe(1);
    expect(await name(recent.userId)).toBe(ERASED_NAME);
    expect(await name(staying.userId)).toBe("Sigue Activa");
  });

  it("POST /api/cron/personal-data-purge needs the CRON_SECRET", async () => {
    const { useTestDbInApp } = await import("../security/http");
    useTestDbInApp(t);
    const { POST } = await import("~/app/api/cron/personal-data-purge/route");
    const call = (auth?: string) => POST(new Request("http://ollas.test/api/cron/personal-data-purge", { method: "POST", headers: auth ? { authorization: auth } : {} }));
    expect((await call()).status).toBe(401);
    expect((await call("Bearer wrong-secret-0123456789abcdef")).status).toBe(401);
    const ok = await call(`Bearer ${CRON_SECRET}`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ran: expect.any(Boolean) });
    const rows = rowsOf(await t.db.execute(sql`select personal_data_purged_at from network_settings`));
    expect(rows).toHaveLength(1);
  });
});
