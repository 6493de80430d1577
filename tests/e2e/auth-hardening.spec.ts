/**
 * Login hardening over real HTTP against the production build (issue 11, findings 1 and 4).
 * Requests go out from distinct loopback addresses (127.N.0.x, bound with `localAddress`),
 * so the server sees really different peers, and never from 127.0.0.1, which the other
 * specs log in from. Wrong passwords go to a delegate of the spec's own (freshOlla): more than
 * 10 for a demo account from addresses it never signed in from would throttle that account
 * for 15 minutes, from 127.0.0.1 too, and fail the specs that run after this one.
 */
import http from "node:http";
import { closeOllas, DEMO, expect, freshOlla, test } from "./fixtures";

// Fresh loopback addresses per run (127.N.0.x), so a retry does not start throttled.
const NET = `127.${2 + Math.floor(Math.random() * 250)}.0`;
const ATTACKER = `${NET}.31`;
const SPOOFER = `${NET}.32`;
const VICTIM = `${NET}.33`;
const PROBE = `${NET}.41`;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(baseURL: string, path: string, opts: { method?: string; from: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  const url = new URL(path, baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: opts.method ?? "GET", localAddress: opts.from, headers: opts.headers, agent: false },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

/** next-auth's CSRF token and the cookie that goes with it (double submit), fetched from `from`. */
async function csrf(baseURL: string, from: string) {
  const r = await send(baseURL, "/api/auth/csrf", { from });
  const cookie = (r.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  return { token: (JSON.parse(r.body) as { csrfToken: string }).csrfToken, cookie };
}

async function postForm(baseURL: string, path: string, from: string, fields: Record<string, string>, extraHeaders: Record<string, string> = {}) {
  const { token, cookie } = await csrf(baseURL, from);
  const body = new URLSearchParams({ ...fields, csrfToken: token }).toString();
  return send(baseURL, path, {
    method: "POST",
    from,
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [cookie, extraHeaders.cookie].filter(Boolean).join("; "), ...Object.fromEntries(Object.entries(extraHeaders).filter(([k]) => k !== "cookie")) },
  });
}

async function wrongLogin(baseURL: string, from: string, i: number, xff: string) {
  return postForm(baseURL, "/api/auth/callback/credentials", from, { identifier: `nadie.${from}.${i}@example.pe`, password: "adivinanza", callbackUrl: "/", json: "true" }, { "x-forwarded-for": xff });
}

test("a rotating, spoofed X-Forwarded-For neither escapes the per-address login limit nor gets another address throttled", async ({ baseURL, browser }) => {
  const base = baseURL!;
  const own = await freshOlla(browser);
  // An attacker rotates the header on every attempt.
  const attacker: number[] = [];
  for (let i = 0; i < 70; i++) attacker.push((await wrongLogin(base, ATTACKER, i, `198.51.100.${i + 1}`)).status);
  const processed = attacker.filter((s) => s !== 429).length;
  console.info(`rotating X-Forwarded-For: 70 wrong logins from one connection address → ${processed} processed, ${70 - processed} throttled`);
  expect(processed).toBe(60);
  expect(attacker.slice(60)).toEqual(Array(10).fill(429));

  // A second attacker writes the victim's address into the header 65 times...
  for (let i = 0; i < 65; i++) await wrongLogin(base, SPOOFER, i, VICTIM);
  // ...and the victim, connecting from that address, still signs in.
  const victim = await postForm(base, "/api/auth/callback/credentials", VICTIM, { identifier: DEMO.delegateA, password: DEMO.password, callbackUrl: "/", json: "true" });
  expect(victim.status).toBe(200);
  expect(new URL((JSON.parse(victim.body) as { url: string }).url).searchParams.get("error")).toBeNull();

  // A client-written x-ollas-peer (the header the server stamps itself) is not believed either.
  const forged = await postForm(base, "/api/auth/callback/credentials", ATTACKER, { identifier: own.delegate!.phone, password: own.delegate!.password, callbackUrl: "/", json: "true" }, { "x-ollas-peer": "0 127.0.0.99 -" });
  expect(forged.status).toBe(429);
  await closeOllas(browser, [own.id]);
});

test("CR/LF in callbackUrl never answers 500: sign-in and sign-out fall back to a same-site page", async ({ baseURL, browser }) => {
  const base = baseURL!;
  const own = await freshOlla(browser);
  const origin = new URL(base).origin;
  const hostile = ["/\r\nSet-Cookie: pwned=1", "/mi-olla\r\n", "\r\n/inicio", "/a\nb", "/%0d%0aSet-Cookie:%20pwned=1", `${origin}/\r\nx`];
  const results: string[] = [];
  for (const callbackUrl of hostile) {
    for (const json of ["true", ""]) {
      const signIn = await postForm(base, "/api/auth/callback/credentials", PROBE, { identifier: own.delegate!.phone, password: "no-es-la-clave", callbackUrl, ...(json ? { json } : {}) });
      const signOut = await postForm(base, "/api/auth/signout", PROBE, { callbackUrl, ...(json ? { json } : {}) });
      for (const [what, r] of [["sign-in", signIn], ["sign-out", signOut]] as const) {
        results.push(`${what} ${JSON.stringify(callbackUrl)} json=${json || "no"} → ${r.status}`);
        expect(r.status, `${what} with ${JSON.stringify(callbackUrl)}`).toBeLessThan(500);
        const target = r.headers.location ?? (r.body.startsWith("{") ? (JSON.parse(r.body) as { url?: string }).url : undefined);
        if (target) {
          expect(new URL(target, base).origin).toBe(origin);
          expect(target).not.toMatch(/[\r\n]/);
        }
        // No header was split: nobody set a cookie of their own.
        for (const c of r.headers["set-cookie"] ?? []) expect(c.split("=")[0]).not.toBe("pwned");
      }
    }
  }
  // The percent-encoded variant in the callback-url cookie next-auth keeps.
  const viaCookie = await postForm(base, "/api/auth/signout", PROBE, {}, { cookie: "next-auth.callback-url=%2F%0D%0ASet-Cookie%3A%20pwned%3D1" });
  expect(viaCookie.status).toBeLessThan(500);
  console.info(`CR/LF callbackUrl: ${results.length + 1} requests, 0 answered 5xx`);
  await closeOllas(browser, [own.id]);
});
