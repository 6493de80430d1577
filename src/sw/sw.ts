/**
 * The service worker (built by `serwist build` into public/sw.js, a plain static file: no inline
 * script, so a nonce CSP does not concern it).
 *
 *   - precache: static assets only (styles, fonts, icons, the offline page) — every page is
 *     dynamic and signed-in data never goes into the precache;
 *   - her pages (/mi-olla/…): from the network, kept at run time in a cache of their own per
 *     person (the person is read from the page itself), served from there when offline; another
 *     person's cached pages are deleted as soon as someone else's page arrives;
 *   - /api/* (tRPC, auth, the outbox): network only, never cached;
 *   - scripts and styles under /_next/static/ (content-hashed): cache first;
 *   - background sync wakes the outbox (the server checks whose session it is).
 */
import { CacheFirst, ExpirationPlugin, NetworkOnly, Serwist, type PrecacheEntry, type RouteHandlerCallbackOptions } from "serwist";
import { flushEveryone } from "../components/delegate/outbox-sender";

declare const self: { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined; location: Location; addEventListener(type: string, listener: (e: never) => void): void };

const PERSON_CACHE = "person";
const PERSON_KEY = "/__person";
const PAGES = (person: string) => `pages-${person}`;
const OFFLINE = "/offline.html";
const PERSON_RE = /data-ollas-person="([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/;
// A slow line: after this long, her cached page is shown (the network answer still refreshes the cache).
const NETWORK_TIMEOUT_MS = 6000;

async function currentPerson(): Promise<string | null> {
  const hit = await (await caches.open(PERSON_CACHE)).match(PERSON_KEY);
  return hit ? hit.text() : null;
}

/** Someone else's page arrived: forget the previous person's pages (a shared phone). */
async function becomePerson(person: string) {
  await (await caches.open(PERSON_CACHE)).put(PERSON_KEY, new Response(person));
  for (const k of await caches.keys()) if (k.startsWith("pages-") && k !== PAGES(person)) await caches.delete(k);
}

function cacheKey(request: Request): string {
  const u = new URL(request.url);
  return `${u.origin}${u.pathname}`;
}

async function keep(request: Request, response: Response) {
  const html = await response.text();
  const m = PERSON_RE.exec(html);
  if (!m) return;
  const person = m[1]!;
  if (person !== (await currentPerson())) await becomePerson(person);
  const headers = new Headers(response.headers);
  headers.set("x-cached-at", String(Date.now()));
  await (await caches.open(PAGES(person))).put(cacheKey(request), new Response(html, { status: 200, headers }));
}

async function fromCache(request: Request): Promise<Response | null> {
  const person = await currentPerson();
  if (!person) return null;
  return (await (await caches.open(PAGES(person))).match(cacheKey(request))) ?? null;
}

async function offlinePage(): Promise<Response> {
  return (await caches.match(OFFLINE, { ignoreSearch: true })) ?? new Response("Sin conexión", { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** Her pages: network first (refreshing her cache), her cached copy when offline or too slow. */
async function herPage({ request, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const network = fetch(request).then((res) => {
    if (res.ok && (res.headers.get("content-type") ?? "").includes("text/html")) {
      (event as unknown as { waitUntil(p: Promise<unknown>): void }).waitUntil(keep(request, res.clone()).catch(() => undefined));
    }
    return res;
  });
  const timeout = new Promise<"slow">((r) => setTimeout(() => r("slow"), NETWORK_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, timeout]);
    if (first !== "slow") return first;
    return (await fromCache(request)) ?? (await network);
  } catch {
    return (await fromCache(request)) ?? (await offlinePage());
  }
}

async function otherPage({ request, url }: RouteHandlerCallbackOptions): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    // The installed app starts at /inicio: offline, open her olla's home from her cache.
    const person = url.pathname === "/inicio" ? await currentPerson() : null;
    if (person) {
      const keys = await (await caches.open(PAGES(person))).keys();
      const home = keys.map((k) => new URL(k.url)).find((u) => /^\/mi-olla\/[0-9a-f-]{36}$/.test(u.pathname));
      if (home) return Response.redirect(home.href, 302);
    }
    return offlinePage();
  }
}

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: true,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    { matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/api/"), handler: new NetworkOnly(), method: "GET" },
    { matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/api/"), handler: new NetworkOnly(), method: "POST" },
    { matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && url.pathname.startsWith("/mi-olla/"), handler: herPage },
    { matcher: ({ request, sameOrigin }) => sameOrigin && request.mode === "navigate", handler: otherPage },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: "static-assets", plugins: [new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 60 * 24 * 3600 })] }),
    },
  ],
});
serwist.addEventListeners();

// The first page she opens is not the worker's yet: the page asks it to keep that page and the
// scripts it loaded (the worker's own lifetime, so navigating away does not cut it short).
self.addEventListener("message", (e: { data: unknown; waitUntil(p: Promise<unknown>): void }) => {
  const d = e.data as { type?: string; pages?: unknown; assets?: unknown } | null;
  if (d?.type !== "warm") return;
  const same = (u: unknown): u is string => typeof u === "string" && new URL(u, self.location.origin).origin === self.location.origin;
  const pages = (Array.isArray(d.pages) ? d.pages : []).filter(same).filter((u) => new URL(u, self.location.origin).pathname.startsWith("/mi-olla/"));
  const assets = (Array.isArray(d.assets) ? d.assets : []).filter(same).filter((u) => new URL(u, self.location.origin).pathname.startsWith("/_next/static/"));
  e.waitUntil(
    Promise.all([
      ...pages.map(async (u) => {
        const req = new Request(new URL(u, self.location.origin).href, { credentials: "same-origin" });
        if (await fromCache(req)) return;
        const res = await fetch(req);
        if (res.ok && (res.headers.get("content-type") ?? "").includes("text/html")) await keep(req, res);
      }),
      caches.open("static-assets").then((c) => Promise.all(assets.map(async (u) => (await c.match(u)) ?? c.add(u)))),
    ]).catch(() => undefined),
  );
});

// Background sync (Chrome): a wake-up to send the outbox; the outbox itself is ours, in IndexedDB.
self.addEventListener("sync", (e: { tag: string; waitUntil(p: Promise<unknown>): void }) => {
  if (e.tag === "ollas-outbox") e.waitUntil(flushEveryone());
});
