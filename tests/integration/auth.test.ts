import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { ACCOUNT_ADDRESS_LIMIT, ACCOUNT_LIMIT, attemptLogin } from "~/server/auth/login";
import { hashPassword } from "~/server/auth/password";
import { UNKNOWN_ADDRESS } from "~/server/http/peer-address";
import { createSession, loadSessionUser, revokeSession } from "~/server/db/queries/sessions";
import { users } from "~/server/db/schema";
import type { Locale } from "~/i18n/config";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, CANARY, PASSWORD, profileInput, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

async function newAccount(email: string): Promise<string> {
  await t.db.insert(users).values({ name: email, email, passwordHash: await hashPassword(PASSWORD) });
  return email;
}

describe("login", () => {
  it("accepts the phone typed any usual way, or the email", async () => {
    for (const identifier of ["987 650 001", "+51 987650001", "51987650001", CANARY.delegateAEmail.toUpperCase()]) {
      const r = await attemptLogin(t.db, { identifier, password: PASSWORD, clientAddress: "10.1.1.1" });
      expect(r.status, identifier).toBe("ok");
    }
  });

  it("refuses a wrong password, an unknown account and a deactivated user the same way", async () => {
    expect((await attemptLogin(t.db, { identifier: "987650001", password: "wrong-password", clientAddress: "10.1.1.2" })).status).toBe("invalid");
    expect((await attemptLogin(t.db, { identifier: "999999999", password: PASSWORD, clientAddress: "10.1.1.2" })).status).toBe("invalid");
    await t.db.execute(sql`update users set active = false where email = 'sinrol@example.pe'`);
    expect((await attemptLogin(t.db, { identifier: "sinrol@example.pe", password: PASSWORD, clientAddress: "10.1.1.2" })).status).toBe("invalid");
  });

  it("throttles an account after 10 attempts in the window from addresses it never signed in from, even with the right password", async () => {
    const results: string[] = [];
    for (let i = 0; i < 15; i++) {
      results.push((await attemptLogin(t.db, { identifier: "norte@example.pe", password: "bad-guess-" + i, clientAddress: `10.2.0.${i}` })).status);
    }
    expect(results.filter((r) => r === "invalid")).toHaveLength(ACCOUNT_LIMIT);
    expect(results.slice(ACCOUNT_LIMIT)).toEqual(Array(5).fill("throttled"));
    expect((await attemptLogin(t.db, { identifier: "norte@example.pe", password: PASSWORD, clientAddress: "10.2.0.99" })).status).toBe("throttled");
  });

  it("throttles one address trying many accounts", async () => {
    const statuses = new Set<string>();
    for (let i = 0; i < 65; i++) {
      statuses.add((await attemptLogin(t.db, { identifier: `nobody${i}@example.pe`, password: "x", clientAddress: "10.3.3.3" })).status);
    }
    expect(statuses).toEqual(new Set(["invalid", "throttled"]));
  });

  it("a successful login gives its attempt back, so a person typing her password right is never locked out", async () => {
    for (let i = 0; i < 15; i++) {
      expect((await attemptLogin(t.db, { identifier: "sur@example.pe", password: PASSWORD, clientAddress: "10.4.4.4" })).status).toBe("ok");
    }
  });
});

describe("a stranger cannot lock a delegate out (issue 11, finding 5)", () => {
  const login = (identifier: string, password: string, clientAddress: string) => attemptLogin(t.db, { identifier, password, clientAddress }).then((r) => r.status);

  it("the owner's right password still gets in from her known address after strangers' wrong guesses; guessing is still stopped", async () => {
    const owner = await newAccount("duena@example.pe");
    expect(await login(owner, PASSWORD, "10.7.0.1")).toBe("ok"); // her phone: now a known address
    // Strangers: 30 wrong passwords from 30 addresses, then the right one from yet another.
    const strangers: string[] = [];
    for (let i = 0; i < 30; i++) strangers.push(await login(owner, `adivina-${i}`, `203.0.113.${i + 1}`));
    expect(strangers.filter((s) => s === "invalid")).toHaveLength(ACCOUNT_LIMIT);
    expect(strangers.slice(ACCOUNT_LIMIT)).toEqual(Array(30 - ACCOUNT_LIMIT).fill("throttled"));
    expect(await login(owner, PASSWORD, "203.0.113.200"), "a guessed password from a new address is not even checked").toBe("throttled");
    // The owner, from her address, with her password: in.
    expect(await login(owner, PASSWORD, "10.7.0.1")).toBe("ok");
    // Her address is no free pass for guessing either: 10 wrong there, then throttled there too.
    const atHers: string[] = [];
    for (let i = 0; i < 12; i++) atHers.push(await login(owner, `otra-${i}`, "10.7.0.1"));
    expect(atHers.filter((s) => s === "invalid")).toHaveLength(ACCOUNT_ADDRESS_LIMIT);
    expect(atHers.slice(ACCOUNT_ADDRESS_LIMIT)).toEqual(["throttled", "throttled"]);
    console.info(`lock-out: 30 strangers' guesses → ${ACCOUNT_LIMIT} checked, the owner gets in from her known address; 12 guesses from her address → ${ACCOUNT_ADDRESS_LIMIT} checked`);
  });

  it("one stranger's address does not throttle the owner's other known addresses", async () => {
    const owner = await newAccount("duena2@example.pe");
    expect(await login(owner, PASSWORD, "10.7.1.1")).toBe("ok");
    expect(await login(owner, PASSWORD, "10.7.1.2")).toBe("ok");
    for (let i = 0; i < 15; i++) await login(owner, `x-${i}`, "10.7.1.1");
    expect(await login(owner, PASSWORD, "10.7.1.1")).toBe("throttled");
    expect(await login(owner, PASSWORD, "10.7.1.2")).toBe("ok");
  });

  it("an address is known for 30 days after a successful sign-in, then forgotten", async () => {
    const owner = await newAccount("duena3@example.pe");
    expect(await login(owner, PASSWORD, "10.7.2.1")).toBe("ok");
    for (let i = 0; i < ACCOUNT_LIMIT + 1; i++) await login(owner, `y-${i}`, `198.18.2.${i}`);
    await t.db.execute(sql`update login_known_addresses set last_success_at = now() - interval '31 days' where address = '10.7.2.1'`);
    expect(await login(owner, PASSWORD, "10.7.2.1")).toBe("throttled");
    expect(await login(owner, PASSWORD, UNKNOWN_ADDRESS), "an unknown address is never a known one").toBe("throttled");
  });
});

describe("sessions", () => {
  it("a revoked (logged-out) session is refused on the next request", async () => {
    const [u] = await t.db.select({ id: users.id }).from(users).where(sql`email = 'ciudad@example.pe'`);
    const sid = await createSession(t.db, u!.id, 3600);
    expect(await loadSessionUser(t.db, sid)).not.toBeNull();
    await revokeSession(t.db, sid);
    expect(await loadSessionUser(t.db, sid)).toBeNull();
  });

  it("an expired session or a malformed id is refused", async () => {
    const [u] = await t.db.select({ id: users.id }).from(users).where(sql`email = 'ciudad@example.pe'`);
    const sid = await createSession(t.db, u!.id, -10);
    expect(await loadSessionUser(t.db, sid)).toBeNull();
    expect(await loadSessionUser(t.db, "not-a-uuid")).toBeNull();
  });
});

/** Calls the tRPC HTTP handler as a browser would, with the session id the cookie would carry. */
async function http(path: string, input: unknown, opts: { sessionId: string | null; locale: Locale; method?: "GET" | "POST" }) {
  const method = opts.method ?? "POST";
  const enc = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  const req = new Request(`http://localhost/api/trpc/${path}${method === "GET" ? `?input=${enc}` : ""}`, {
    method,
    headers: { "content-type": "application/json" },
    body: method === "POST" ? JSON.stringify(superjson.serialize(input)) : undefined,
  });
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ info }) => createTRPCContext({ headers: req.headers, db: t.db, locale: opts.locale, sessionId: opts.sessionId, calls: info.calls }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { json: { message: string; data: { code: string; fieldErrors: Record<string, string[]> | null } } } } };
}

describe("errors over HTTP are translated", () => {
  it("a stale edit answers 409 with the message in the reader's language", async () => {
    const sid = w.sessions.delegateA!.sessionId;
    const { profile } = await w.caller("delegateA").olla.get({ ollaId: w.ollas.a });
    const input = { ...profileInput(profile), ollaId: w.ollas.a, version: profile.version - 1 || 999 };
    const es = await http("olla.update", input, { sessionId: sid, locale: "es" });
    expect(es.status).toBe(409);
    expect(es.body.error!.json.message).toBe(
      "Alguien más cambió esta información mientras la editabas. Carga los cambios más recientes y vuelve a intentarlo.",
    );
    const en = await http("olla.update", input, { sessionId: sid, locale: "en" });
    expect(en.body.error!.json.message).toMatch(/^Someone else changed this information/);
  });

  it("bad input answers 400 with translated messages per field", async () => {
    const sid = w.sessions.delegateA!.sessionId;
    const { profile } = await w.caller("delegateA").olla.get({ ollaId: w.ollas.a });
    const input = { ...profileInput(profile), ollaId: w.ollas.a, version: profile.version, rationsPerDay: -3, contactPhone: "123", location: { lat: -16.4, lng: -71.5 } };
    const es = await http("olla.update", input, { sessionId: sid, locale: "es" });
    expect(es.status).toBe(400);
    const f = es.body.error!.json.data.fieldErrors!;
    expect(f.rationsPerDay).toEqual(["El valor mínimo es 0."]);
    expect(f.contactPhone?.[0]).toMatch(/celular peruano/);
    expect(f["location.lat"]).toEqual(["La ubicación debe estar en Lima o Callao."]);
    const en = await http("olla.update", input, { sessionId: sid, locale: "en" });
    expect(en.body.error!.json.data.fieldErrors!.rationsPerDay).toEqual(["The minimum is 0."]);
  });

  it("an unknown district is a field error too", async () => {
    const sid = w.sessions.delegateA!.sessionId;
    const { profile } = await w.caller("delegateA").olla.get({ ollaId: w.ollas.a });
    const res = await http("olla.update", { ...profileInput(profile), ollaId: w.ollas.a, version: profile.version, districtUbigeo: "150199" }, { sessionId: sid, locale: "es" });
    expect(res.status).toBe(400);
    expect(res.body.error!.json.data.fieldErrors!.districtUbigeo).toEqual(["Ese distrito no está en Lima ni en Callao."]);
  });

  it("signed out, a private procedure answers 401 with a translated message", async () => {
    const res = await http("olla.get", { ollaId: w.ollas.a }, { sessionId: null, locale: "es", method: "GET" });
    expect(res.status).toBe(401);
    expect(res.body.error!.json.message).toBe("Ingresa para continuar.");
  });
});
