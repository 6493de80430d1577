/**
 * Getting back in without e-mail or SMS: a coordinator in scope issues a one-time reset code
 * for a delegate; the delegate sets a new password with it. Through the tRPC callers on a
 * real database (PGlite, or PostgreSQL with TEST_DATABASE_URL).
 */
import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translate } from "~/i18n/translate";
import { attemptLogin } from "~/server/auth/login";
import { createCaller } from "~/server/api/root";
import { createInnerContext } from "~/server/api/trpc";
import { rowsOf } from "~/server/db/client";
import { createSession, loadSessionUser } from "~/server/db/queries/sessions";
import { auditLog, memberships, passwordResets } from "~/server/db/schema";
import { RESET_HOURS, RESET_ISSUE_LIMIT_PER_HOUR } from "~/server/domain/password-reset";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, CANARY, PASSWORD, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

const NEW_PASSWORD = "mi-nueva-clave-2026";

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    return e.code;
  }
}

async function delegateAMembership() {
  const list = await w.caller("city").delegate.list({ ollaId: w.ollas.a });
  return list.find((d) => d.userId === w.userIds.delegateA)!.membershipId;
}

/** A fresh delegate of olla A with her own login. */
async function newDelegateOfA(name: string) {
  const email = `${name.toLowerCase()}@example.pe`;
  const inv = await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: name, inviteeEmail: email, expiresInDays: 7 });
  const { userId } = await w.caller("anon").invitation.accept({ code: inv.code, name, password: PASSWORD });
  const m = (await w.caller("city").delegate.list({ ollaId: w.ollas.a })).find((d) => d.userId === userId)!;
  return { userId, email, membershipId: m.membershipId };
}

describe("password reset codes", () => {
  it("the zone coordinator issues a code, the delegate sets a new password with it and signs in; old sessions end; both steps audited", async () => {
    const membershipId = await delegateAMembership();
    const oldSession = await createSession(t.db, w.userIds.delegateA, 3600);
    const issued = await w.caller("zoneNorth").passwordReset.issue({ ollaId: w.ollas.a, membershipId });
    expect(issued.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const hours = (issued.expiresAt.getTime() - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(RESET_HOURS - 0.1);
    expect(hours).toBeLessThanOrEqual(RESET_HOURS);
    // Only the hash is stored.
    const stored = rowsOf<{ code_hash: string }>(await t.db.execute(sql`select code_hash from password_resets`));
    expect(stored.map((r) => r.code_hash)).not.toContain(issued.code);

    // The holder of the code sees nothing private: the olla's public name and the expiry.
    const preview = await w.caller("anon").passwordReset.preview({ code: issued.code.toLowerCase() });
    expect(Object.keys(preview).sort()).toEqual(["expiresAt", "ollaName"]);
    expect(JSON.stringify(preview)).not.toContain(CANARY.delegateAName);
    expect(JSON.stringify(preview)).not.toContain(CANARY.delegateAPhone);

    expect(await w.caller("anon").passwordReset.redeem({ code: issued.code, password: NEW_PASSWORD })).toEqual({ ok: true });
    expect((await attemptLogin(t.db, { identifier: CANARY.delegateAEmail, password: NEW_PASSWORD, clientAddress: "10.50.0.1" })).status).toBe("ok");
    expect((await attemptLogin(t.db, { identifier: CANARY.delegateAEmail, password: PASSWORD, clientAddress: "10.50.0.1" })).status).toBe("invalid");
    expect(await loadSessionUser(t.db, oldSession)).toBeNull();

    const audit = await t.db.select({ action: auditLog.action, actor: auditLog.actorUserId, after: auditLog.after }).from(auditLog).where(eq(auditLog.entity, "password_reset"));
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ["issue", w.userIds.zoneNorth],
      ["redeem", w.userIds.delegateA],
    ]);
    expect(JSON.stringify(audit)).not.toContain(issued.code);
    // Back to the world's password, for the other tests.
    const again = await w.caller("city").passwordReset.issue({ ollaId: w.ollas.a, membershipId });
    await w.caller("anon").passwordReset.redeem({ code: again.code, password: PASSWORD });
  });

  it("a used code does not work twice", async () => {
    const d = await newDelegateOfA("Reusa");
    const { code } = await w.caller("city").passwordReset.issue({ ollaId: w.ollas.a, membershipId: d.membershipId });
    await w.caller("anon").passwordReset.redeem({ code, password: NEW_PASSWORD });
    expect(await codeOf(w.caller("anon").passwordReset.redeem({ code, password: "otra-clave-mas" }))).toBe("NOT_FOUND");
    expect(await codeOf(w.caller("anon").passwordReset.preview({ code }))).toBe("NOT_FOUND");
    expect((await attemptLogin(t.db, { identifier: d.email, password: NEW_PASSWORD, clientAddress: "10.50.0.2" })).status).toBe("ok");
  });

  it("an expired code, a replaced code and a made-up code are refused, and nothing changes", async () => {
    const d = await newDelegateOfA("Vencida");
    const first = await w.caller("city").passwordReset.issue({ ollaId: w.ollas.a, membershipId: d.membershipId });
    const second = await w.caller("city").passwordReset.issue({ ollaId: w.ollas.a, membershipId: d.membershipId });
    expect(await codeOf(w.caller("anon").passwordReset.redeem({ code: first.code, password: NEW_PASSWORD })), "a newer code replaces the older").toBe("NOT_FOUND");
    await t.db.execute(sql`update password_resets set created_at = now() - interval '25 hours', expires_at = now() - interval '1 hour' where id = ${second.id}`);
    expect(await codeOf(w.caller("anon").passwordReset.redeem({ code: second.code, password: NEW_PASSWORD }))).toBe("NOT_FOUND");
    expect(await codeOf(w.caller("anon").passwordReset.redeem({ code: "ABCD-EFGH-JKMN", password: NEW_PASSWORD }))).toBe("NOT_FOUND");
    expect((await attemptLogin(t.db, { identifier: d.email, password: PASSWORD, clientAddress: "10.50.0.3" })).status).toBe("ok");
  });

  it("out of scope answers NOT_FOUND: another zone's coordinator, another olla's delegate, and a delegate who holds a role beyond the issuer's scope", async () => {
    const membershipId = await delegateAMembership();
    expect(await codeOf(w.caller("zoneSouth").passwordReset.issue({ ollaId: w.ollas.a, membershipId }))).toBe("NOT_FOUND");
    expect(await codeOf(w.caller("delegateA").passwordReset.issue({ ollaId: w.ollas.a, membershipId }))).toBe("FORBIDDEN");
    // Olla A's coordinator naming olla B's delegate through olla A.
    const listB = await w.caller("city").delegate.list({ ollaId: w.ollas.b });
    expect(await codeOf(w.caller("zoneNorth").passwordReset.issue({ ollaId: w.ollas.a, membershipId: listB[0]!.membershipId }))).toBe("NOT_FOUND");
    // A delegate of olla A who also coordinates the south zone: only the city may reset her.
    const d = await newDelegateOfA("Doble");
    await t.db.insert(memberships).values({ userId: d.userId, role: "zone_coordinator", zoneId: w.zones.south });
    expect(await codeOf(w.caller("zoneNorth").passwordReset.issue({ ollaId: w.ollas.a, membershipId: d.membershipId }))).toBe("NOT_FOUND");
    expect(await codeOf(w.caller("city").passwordReset.issue({ ollaId: w.ollas.a, membershipId: d.membershipId }))).toBeNull();
    // A deactivated delegate gets no code.
    await w.caller("city").delegate.deactivate({ ollaId: w.ollas.a, membershipId: d.membershipId });
    expect(await codeOf(w.caller("city").passwordReset.issue({ ollaId: w.ollas.a, membershipId: d.membershipId }))).toBe("NOT_FOUND");
    const issuedBySouth = await t.db.select().from(passwordResets).where(and(eq(passwordResets.issuedBy, w.userIds.zoneSouth)));
    expect(issuedBySouth).toEqual([]);
  });

  it(`throttled: at most ${RESET_ISSUE_LIMIT_PER_HOUR} codes per coordinator per hour, and a refusal writes nothing`, async () => {
    const d = await newDelegateOfA("Muchas");
    const [{ n: before }] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from password_resets where issued_by = ${w.userIds.zoneNorth} and created_at > now() - interval '1 hour'`)) as [{ n: number }];
    const results: (string | null)[] = [];
    for (let i = 0; i < RESET_ISSUE_LIMIT_PER_HOUR + 3 - before; i++) results.push(await codeOf(w.caller("zoneNorth").passwordReset.issue({ ollaId: w.ollas.a, membershipId: d.membershipId })));
    expect(results.filter((r) => r === null)).toHaveLength(RESET_ISSUE_LIMIT_PER_HOUR - before);
    expect(results.slice(-3)).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
    const [{ n: after }] = rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from password_resets where issued_by = ${w.userIds.zoneNorth}`)) as [{ n: number }];
    expect(after).toBe(RESET_ISSUE_LIMIT_PER_HOUR);
    // Another coordinator is not held back by her colleague's limit.
    expect(await codeOf(w.caller("city").passwordReset.issue({ ollaId: w.ollas.a, membershipId: d.membershipId }))).toBeNull();
    // The message is translated (the HTTP error formatter turns the key into the reader's language).
    await expect(w.caller("zoneNorth").passwordReset.issue({ ollaId: w.ollas.a, membershipId: d.membershipId })).rejects.toThrow("errors.resetThrottled");
    expect(translate("es", "errors.resetThrottled", { limit: RESET_ISSUE_LIMIT_PER_HOUR })).toMatch(/^Ya creaste 20 códigos en la última hora/);
    expect(translate("en", "errors.resetThrottled", { limit: RESET_ISSUE_LIMIT_PER_HOUR })).toMatch(/^You created 20 codes/);
  });

  it("under a stranger's attack, the delegate gets back in from the address she redeemed the code from", async () => {
    const d = await newDelegateOfA("Atacada");
    // Strangers' wrong guesses from many addresses: the account is throttled from new addresses.
    for (let i = 0; i < 15; i++) await attemptLogin(t.db, { identifier: d.email, password: `adivina-${i}`, clientAddress: `203.0.114.${i + 1}` });
    expect((await attemptLogin(t.db, { identifier: d.email, password: PASSWORD, clientAddress: "10.60.0.9" })).status).toBe("throttled");
    const { code } = await w.caller("city").passwordReset.issue({ ollaId: w.ollas.a, membershipId: d.membershipId });
    // She redeems it from her phone's current address (the request context carries it).
    const fromHerPhone = createCaller(createInnerContext({ db: t.db, session: null, clientAddress: "10.60.0.9" }));
    await fromHerPhone.passwordReset.redeem({ code, password: NEW_PASSWORD });
    expect((await attemptLogin(t.db, { identifier: d.email, password: NEW_PASSWORD, clientAddress: "10.60.0.9" })).status).toBe("ok");
    // Guessing from anywhere else is still held back.
    expect((await attemptLogin(t.db, { identifier: d.email, password: NEW_PASSWORD, clientAddress: "203.0.114.200" })).status).toBe("throttled");
  });

  it("the new password is validated like any other (too short: a field error, nothing changes)", async () => {
    const d = await newDelegateOfA("Corta");
    const { code } = await w.caller("city").passwordReset.issue({ ollaId: w.ollas.a, membershipId: d.membershipId });
    expect(await codeOf(w.caller("anon").passwordReset.redeem({ code, password: "corta" }))).toBe("BAD_REQUEST");
    expect((await w.caller("anon").passwordReset.preview({ code })).ollaName).toBeTruthy();
  });
});
