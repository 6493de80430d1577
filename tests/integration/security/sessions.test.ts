/**
 * Sessions and login (issue item 6), through the same next-auth core that the
 * /api/auth route runs (AuthHandler with the app's authOptions, turned into a Response by
 * next-auth's own toResponse) and the real tRPC HTTP handler:
 *  - cookie flags: HttpOnly, SameSite=Lax, Path=/, Secure (and __Secure-/__Host- names) when NEXTAUTH_URL is https;
 *  - after logout the old token is refused (UNAUTHORIZED);
 *  - a deactivated delegate, a demoted coordinator and a deactivated user lose access on their next request;
 *  - callbackUrl never leads off-site;
 *  - state-changing requests from a foreign Origin are refused (403) and write nothing.
 */
import { eq } from "drizzle-orm";
import { createRequire } from "node:module";
import path from "node:path";
import type { AuthOptions } from "next-auth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/server/auth/password";
import { memberships, users } from "~/server/db/schema";
import { createTestDb, type TestDb } from "../../helpers/db";
import { buildWorld, PASSWORD, type World } from "../../helpers/world";
import { BASE, trpcErrorCode, trpcHttp, useTestDbInApp } from "../../security/http";
import { dbFingerprint } from "../../security/procedures";

// next-auth's core is not in its package exports; the route handler calls exactly these two.
const req = createRequire(path.resolve("node_modules/next-auth/package.json"));
const { AuthHandler } = req("./core/index.js") as { AuthHandler: (p: { req: unknown; options: AuthOptions }) => Promise<{ status?: number; redirect?: string; body?: unknown; headers?: unknown; cookies?: unknown }> };
const { toResponse } = req("./next/utils.js") as { toResponse: (r: unknown) => Response };

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  useTestDbInApp(t);
});
afterAll(async () => t?.close());
afterEach(() => {
  process.env.NEXTAUTH_URL = BASE;
});

interface SetCookie {
  name: string;
  value: string;
  attrs: Record<string, string | true>;
}
function parseSetCookie(header: string): SetCookie {
  const [pair, ...rest] = header.split(";").map((s) => s.trim());
  const i = pair!.indexOf("=");
  const attrs: Record<string, string | true> = {};
  for (const a of rest) {
    const j = a.indexOf("=");
    attrs[(j < 0 ? a : a.slice(0, j)).toLowerCase()] = j < 0 ? true : a.slice(j + 1);
  }
  return { name: pair!.slice(0, i), value: decodeURIComponent(pair!.slice(i + 1)), attrs };
}

/** One request to next-auth as the /api/auth/[...nextauth] route makes it; answers as a real Response. */
async function nextAuth(
  action: "csrf" | "callback" | "signout" | "session",
  opts: { method?: string; body?: Record<string, string>; cookies?: Record<string, string>; providerId?: string } = {},
) {
  const { authOptions } = await import("~/server/auth/options");
  const internal = await AuthHandler({
    req: {
      action,
      method: opts.method ?? "GET",
      providerId: opts.providerId,
      body: opts.body,
      query: {},
      cookies: opts.cookies ?? {},
      headers: { host: new URL(process.env.NEXTAUTH_URL!).host, "x-forwarded-for": "198.51.100.20" },
    },
    options: authOptions(),
  });
  const res = toResponse(internal);
  const setCookies = res.headers.getSetCookie().map(parseSetCookie);
  return { status: res.status, location: internal.redirect ?? res.headers.get("location"), setCookies, body: internal.body as unknown };
}

/** A full sign-in: CSRF token, then the credentials callback. Returns the jar. */
async function signIn(identifier: string, password: string, callbackUrl = "/") {
  const csrf = await nextAuth("csrf");
  const jar: Record<string, string> = {};
  for (const c of csrf.setCookies) jar[c.name] = c.value;
  const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
  const res = await nextAuth("callback", {
    method: "POST",
    providerId: "credentials",
    body: { identifier, password, csrfToken, callbackUrl, json: "true" },
    cookies: jar,
  });
  for (const c of res.setCookies) jar[c.name] = c.value;
  return { res, jar, csrfToken, csrfCookies: csrf.setCookies };
}
const cookieHeader = (jar: Record<string, string>) => Object.entries(jar).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("; ");

async function newPerson(name: string, email: string, role?: { role: "delegate"; ollaId: string } | { role: "zone_coordinator"; zoneId: string }) {
  const [u] = await t.db.insert(users).values({ name, email, passwordHash: await hashPassword("una-clave-segura") }).returning({ id: users.id });
  let membershipId: string | undefined;
  if (role) [{ id: membershipId }] = await t.db.insert(memberships).values({ userId: u!.id, ...role }).returning({ id: memberships.id }) as [{ id: string }];
  return { userId: u!.id, membershipId };
}

describe("session cookies", () => {
  it("over http: HttpOnly, SameSite=Lax, Path=/ and not readable by scripts", async () => {
    const p = await newPerson("Cookie Http", "cookie.http@example.pe");
    const { res, jar } = await signIn("cookie.http@example.pe", "una-clave-segura");
    expect(new URL(res.location!).searchParams.get("error")).toBeNull();
    const session = res.setCookies.find((c) => c.name.endsWith("next-auth.session-token"))!;
    expect(session, "a session cookie is set").toBeDefined();
    expect(session.attrs.httponly).toBe(true);
    expect(String(session.attrs.samesite).toLowerCase()).toBe("lax");
    expect(session.attrs.path).toBe("/");
    // The token carries only a server-side session id, never roles.
    const me = await trpcHttp("me.get", "query", undefined, { cookie: cookieHeader(jar) });
    expect(me.status).toBe(200);
    expect(me.text).toContain("Cookie Http");
    expect(p.userId).toBeTruthy();
  });

  it("over https: the same, plus Secure and the __Secure-/__Host- prefixes", async () => {
    process.env.NEXTAUTH_URL = "https://ollas.example";
    await newPerson("Cookie Https", "cookie.https@example.pe");
    const { res, csrfCookies } = await signIn("cookie.https@example.pe", "una-clave-segura");
    expect(new URL(res.location!).searchParams.get("error")).toBeNull();
    const session = res.setCookies.find((c) => c.name === "__Secure-next-auth.session-token");
    expect(session, `session cookie among ${res.setCookies.map((c) => c.name).join(", ")}`).toBeDefined();
    expect(session!.attrs.secure).toBe(true);
    expect(session!.attrs.httponly).toBe(true);
    expect(String(session!.attrs.samesite).toLowerCase()).toBe("lax");
    const csrf = csrfCookies.find((c) => c.name === "__Host-next-auth.csrf-token")!;
    expect(csrf.attrs.secure).toBe(true);
    expect(csrf.attrs.httponly).toBe(true);
    const flags = [session!, csrf].map((c) => `${c.name}: ${Object.keys(c.attrs).join(" ")}`);
    console.info(`session cookies (https): ${flags.join("; ")}`);
  });
});

describe("logout, deactivation and demotion bite on the next request", () => {
  it("after logout the old token is refused (UNAUTHORIZED), even though its signature is still valid", async () => {
    await newPerson("Sale Pronto", "sale.pronto@example.pe", { role: "delegate", ollaId: w.ollas.b });
    const { jar, csrfToken } = await signIn("sale.pronto@example.pe", "una-clave-segura");
    const cookie = cookieHeader(jar);
    expect((await trpcHttp("olla.get", "query", { ollaId: w.ollas.b }, { cookie })).status).toBe(200);
    const out = await nextAuth("signout", { method: "POST", body: { csrfToken }, cookies: jar });
    expect(out.status).toBeLessThan(400);
    const again = await trpcHttp("me.get", "query", undefined, { cookie });
    expect(again.status).toBe(401);
    expect(trpcErrorCode(again)).toBe("UNAUTHORIZED");
    expect(trpcErrorCode(await trpcHttp("olla.get", "query", { ollaId: w.ollas.b }, { cookie }))).toBe("UNAUTHORIZED");
  });

  it("a delegate deactivated by her coordinator loses her olla on her next request", async () => {
    const p = await newPerson("Delegada Temporal", "temporal.b@example.pe", { role: "delegate", ollaId: w.ollas.b });
    const { jar } = await signIn("temporal.b@example.pe", "una-clave-segura");
    const cookie = cookieHeader(jar);
    expect((await trpcHttp("olla.get", "query", { ollaId: w.ollas.b }, { cookie })).status).toBe(200);
    await w.caller("zoneNorth").delegate.deactivate({ ollaId: w.ollas.b, membershipId: p.membershipId! });
    expect(trpcErrorCode(await trpcHttp("olla.get", "query", { ollaId: w.ollas.b }, { cookie }))).toBe("NOT_FOUND");
    const me = await trpcHttp("me.get", "query", undefined, { cookie });
    expect((me.json as { result: { data: { json: { ollas: unknown[] } } } }).result.data.json.ollas).toEqual([]);
  });

  it("a demoted coordinator loses her zone on her next request; a deactivated user loses everything", async () => {
    const p = await newPerson("Coordinadora Saliente", "saliente@example.pe", { role: "zone_coordinator", zoneId: w.zones.north });
    const { jar } = await signIn("saliente@example.pe", "una-clave-segura");
    const cookie = cookieHeader(jar);
    expect((await trpcHttp("olla.list", "query", { limit: 5, offset: 0 }, { cookie })).status).toBe(200);
    await t.db.update(memberships).set({ active: false }).where(eq(memberships.id, p.membershipId!));
    expect(trpcErrorCode(await trpcHttp("olla.list", "query", { limit: 5, offset: 0 }, { cookie }))).toBe("FORBIDDEN");
    expect(trpcErrorCode(await trpcHttp("olla.get", "query", { ollaId: w.ollas.a }, { cookie }))).toBe("NOT_FOUND");
    await t.db.update(users).set({ active: false }).where(eq(users.id, p.userId));
    expect(trpcErrorCode(await trpcHttp("me.get", "query", undefined, { cookie }))).toBe("UNAUTHORIZED");
  });
});

const OFFSITE = [
  "//evil.example",
  "https://evil.example",
  "http://evil.example/mi-olla",
  "/\\evil.example",
  "\\\\evil.example",
  "/%2F%2Fevil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "//evil.example/%2E%2E",
  "https:evil.example",
  "javascript:alert(document.cookie)",
  "data:text/html,<script>alert(1)</script>",
  " //evil.example",
  "/\t/evil.example",
  `${BASE}.evil.example/`,
  `${BASE}@evil.example/`,
];

describe("callbackUrl never leads off-site", () => {
  it("the sign-in answer points to this site, whatever callbackUrl asked for", async () => {
    await newPerson("Redirigida", "redirigida@example.pe");
    const bad: string[] = [];
    for (const url of OFFSITE) {
      const { res } = await signIn("redirigida@example.pe", "una-clave-segura", url);
      const target = new URL(String((res.body as { url?: string } | undefined)?.url ?? res.location), BASE);
      if (target.origin !== BASE) bad.push(`${url} -> ${target.href}`);
    }
    console.info(`callbackUrl: ${OFFSITE.length} off-site values tried at sign-in, ${bad.length} left the site`);
    expect(bad).toEqual([]);
    // …while a same-site path is honoured (the check above is not vacuous).
    const { res } = await signIn("redirigida@example.pe", "una-clave-segura", "/mi-olla/abc?x=1");
    expect(res.location).toBe(`${BASE}/mi-olla/abc?x=1`);
  });
});

describe("cross-site requests", () => {
  it("a mutation from a foreign Origin (or Sec-Fetch-Site: cross-site) is refused with 403 and writes nothing", async () => {
    const { jar } = await signIn("norte@example.pe", PASSWORD);
    const cookie = cookieHeader(jar);
    const input = { ollaId: w.ollas.a, inviteeName: "Desde otro sitio", inviteeEmail: "csrf@example.pe", expiresInDays: 7 };
    const before = await dbFingerprint(t.db);
    const attempts = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: `${BASE}.evil.example` },
      { secFetchSite: "cross-site" },
      { origin: "https://evil.example", secFetchSite: "same-origin" },
    ];
    for (const a of attempts) {
      const res = await trpcHttp("invitation.create", "mutation", input, { cookie, ...a });
      expect(res.status, JSON.stringify(a)).toBe(403);
    }
    expect(await dbFingerprint(t.db)).toEqual(before);
    // The same request from this site goes through.
    const ok = await trpcHttp("invitation.create", "mutation", input, { cookie, origin: BASE, secFetchSite: "same-origin" });
    expect(ok.status).toBe(200);
    // Reads carry no CORS grant, so another site cannot read the answers.
    const read = await trpcHttp("olla.get", "query", { ollaId: w.ollas.a }, { cookie, origin: "https://evil.example" });
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
    console.info(`cross-site: ${attempts.length} foreign-origin mutations, ${attempts.length} refused with 403, 0 rows written`);
  });

  it("the login endpoint refuses a cross-site POST (login CSRF) before next-auth runs", async () => {
    const route = (await import("~/app/api/auth/[...nextauth]/route")) as unknown as { POST: (req: Request, ctx: unknown) => Promise<Response> };
    const res = await route.POST(
      new Request(`${BASE}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { host: new URL(BASE).host, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
        body: "identifier=norte%40example.pe&password=x",
      }),
      { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) },
    );
    expect(res.status).toBe(403);
  });
});
