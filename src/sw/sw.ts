/**
 * The service worker (built by `serwist build` into public/sw.js, a plain static file: no inline
 * script, so a nonce CSP does not concern it).
 *
 *   - precache: static assets only (styles, fonts, icons, the offline page) — every page is
 *     dynamic and signed-in data never goes into the precache;
 *   - her pages (/mi-olla/…): kept at run time in a cache of their own per person (the person is
 *     read from the page itself) and served from there at once (stale-while-revalidate: the
 *     network answer refreshes the cache, the page says how old it is and refreshes itself);
 *     after she changed something (any POST from her pages) a page cached before the change is
 *     not shown while the network can answer; another person's cached pages are deleted as soon
 *     as someone else's page arrives;
 *   - /api/* (tRPC, auth, the outbox): network only, never cached;
 *   - scripts and styles under /_next/static/ (content-hashed): cache first;
 *   - background sync wakes the outbox (the server checks whose session it is).
 */
import { CacheFirst, ExpirationPlugin, NetworkOnly, Serwist, type PrecacheEntry, type RouteHandlerCallbackOptions } from "serwist";
import { nextSeq } from "../components/delegate/outbox-core";
import { flushEveryone } from "../components/delegate/outbox-sender";
import { putChange } from "../components/delegate/outbox-store";
import { DELEGATE_PROCEDURES, formToInput, formValues, type DelegateProcedure } from "../shared/delegate-forms";

declare const self: { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined; location: Location; addEventListener(type: string, listener: (e: never) => void): void };

const PERSON_CACHE = "person";
const PERSON_KEY = "/__person";
const DIRTY_KEY = "/__changed";
// A change (a POST) makes pages fetched before this long after it stale: the POST itself takes a moment.
const CHANGE_WINDOW_MS = 20_000;
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

/** She changed something: pages cached before it (and shortly after) are not served before the network's. */
async function markChanged() {
  await (await caches.open(PERSON_CACHE)).put(DIRTY_KEY, new Response(String(Date.now() + CHANGE_WINDOW_MS)));
}

async function changedUntil(): Promise<number> {
  const hit = await (await caches.open(PERSON_CACHE)).match(DIRTY_KEY);
  return hit ? Number(await hit.text()) || 0 : 0;
}

/**
 * A cached page must not replay its idempotency keys: each form's key (in the hidden input and in
 * the page's React payload alike) is replaced by a new one every time the copy is served.
 */
function freshKeys(html: string): string {
  const keys = new Set<string>();
  for (const m of html.matchAll(/name="idempotencyKey" value="([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g)) keys.add(m[1]!);
  for (const k of keys) html = html.split(k).join(crypto.randomUUID());
  return html;
}

async function forgetEveryone() {
  for (const k of await caches.keys()) if (k.startsWith("pages-") || k === PERSON_CACHE) await caches.delete(k);
}

/** A page and its query (the item chosen on an entry form), without "corregir" (read in the page itself). */
function cacheKey(request: Request): string {
  const u = new URL(request.url);
  u.searchParams.delete("corregir");
  u.searchParams.sort();
  return `${u.origin}${u.pathname}${u.search}`;
}

/** `fetchedAt`: when the request for this copy left (a change after it is not in the copy). */
async function keep(request: Request, response: Response, fetchedAt: number) {
  const html = await response.text();
  const m = PERSON_RE.exec(html);
  if (!m) return;
  const person = m[1]!;
  if (person !== (await currentPerson())) await becomePerson(person);
  const headers = new Headers(response.headers);
  headers.set("x-cached-at", String(fetchedAt));
  await (await caches.open(PAGES(person))).put(cacheKey(request), new Response(html, { status: 200, headers }));
}

async function forget(request: Request) {
  const person = await currentPerson();
  if (person) await (await caches.open(PAGES(person))).delete(cacheKey(request));
}

/** Her copy of the page; `loose`: of the page with any query when that exact one was never kept (offline, better than nothing). */
async function fromCache(request: Request, loose = false): Promise<Response | null> {
  const person = await currentPerson();
  if (!person) return null;
  const cache = await caches.open(PAGES(person));
  const hit = (await cache.match(cacheKey(request))) ?? (loose ? await cache.match(cacheKey(request), { ignoreSearch: true }) : undefined);
  if (!hit) return null;
  // Marked for the page: it refreshes itself from the server once it is interactive and online.
  const html = freshKeys(await hit.text()).replace("data-rendered-at=", "data-from-cache data-rendered-at=");
  return new Response(html, { status: 200, headers: hit.headers });
}

async function offlinePage(): Promise<Response> {
  return (await caches.match(OFFLINE, { ignoreSearch: true })) ?? new Response("Sin conexión", { status: 503, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/**
 * Her pages: her cached copy at once, refreshed from the network behind it (stale-while-revalidate);
 * a copy older than her last change, or none, waits for the network — up to a few seconds on a
 * slow line, then the copy anyway — and offline it is the copy or the offline page.
 */
async function herPage({ request, event }: RouteHandlerCallbackOptions): Promise<Response> {
  const waitUntil = (p: Promise<unknown>) => (event as unknown as { waitUntil(p: Promise<unknown>): void }).waitUntil(p);
  const fetchedAt = Date.now();
  const network = fetch(request).then((res) => {
    if (res.ok && !res.redirected && (res.headers.get("content-type") ?? "").includes("text/html")) waitUntil(keep(request, res.clone(), fetchedAt).catch(() => undefined));
    // The server no longer shows her this page (she was deactivated, the olla closed, her session
    // ended): her copy goes too, so the next visit shows what the server says, not the old page.
    else if (res.status === 401 || res.status === 403 || res.status === 404 || res.status === 410 || res.redirected || res.type === "opaqueredirect") waitUntil(forget(request).catch(() => undefined));
    return res;
  });
  const person = await currentPerson();
  const copy = person ? await (await caches.open(PAGES(person))).match(cacheKey(request)) : undefined;
  if (copy && Number(copy.headers.get("x-cached-at") ?? 0) > (await changedUntil())) {
    waitUntil(network.catch(() => undefined));
    return (await fromCache(request)) ?? network;
  }
  waitUntil(network.catch(() => undefined));
  const timeout = new Promise<"slow">((r) => setTimeout(() => r("slow"), NETWORK_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, timeout]);
    if (first !== "slow") return first;
    return (await fromCache(request)) ?? (await network);
  } catch {
    return (await fromCache(request, true)) ?? (await offlinePage());
  }
}

/**
 * A form of hers submitted before its page was interactive is a plain POST (a server action).
 * Offline it cannot leave the phone: the worker puts it in her outbox instead — the same change,
 * key and order as the page would have queued — and shows her page again (from her cache), where
 * the outbox lists it and sends it when the signal returns. Never the browser's error page.
 */
async function herPost({ request }: RouteHandlerCallbackOptions): Promise<Response> {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch {
    const queued = await queueFormPost(copy).catch(() => false);
    return queued ? Response.redirect(request.url, 303) : offlinePage();
  }
}

async function queueFormPost(request: Request): Promise<boolean> {
  const fd = await request.formData();
  const procedure = String(fd.get("_procedure") ?? "") as DelegateProcedure;
  const person = await currentPerson();
  if (!person || !DELEGATE_PROCEDURES.includes(procedure)) return false;
  const input = formToInput(procedure, fd);
  const key = typeof input.idempotencyKey === "string" ? input.idempotencyKey : "";
  const ollaId = typeof input.ollaId === "string" ? input.ollaId : "";
  if (!key || !ollaId) return false;
  const now = Date.now();
  const values = formValues(fd);
  for (const k of Object.keys(values)) if (k.startsWith("$ACTION") || k.startsWith("_")) delete values[k];
  await putChange({
    key,
    userId: person,
    ollaId,
    procedure,
    input,
    values,
    formPath: new URL(request.url).pathname,
    label: String(fd.get("_title") ?? procedure),
    queuedAt: now,
    seq: nextSeq(now),
    state: "pending",
    attempts: 0,
    nextAttemptAt: now,
  });
  return true;
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
    { matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === "navigate" && url.pathname.startsWith("/mi-olla/"), handler: herPost, method: "POST" },
    { matcher: ({ request, sameOrigin }) => sameOrigin && request.mode === "navigate", handler: otherPage },
    {
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: "static-assets", plugins: [new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 60 * 24 * 3600 })] }),
    },
  ],
});
// Any change she sends from her pages (a server action, the outbox, tRPC) passes here first: mark
// her cached pages as older than it. Passive: the request itself goes on untouched.
// Signing in or out (a POST to /api/auth/) forgets every cached page: the next person's copies
// start empty, and nobody's page is shown from the cache before the server has said whose it is.
self.addEventListener("fetch", (e: { request: Request; waitUntil(p: Promise<unknown>): void }) => {
  const url = new URL(e.request.url);
  if (e.request.method === "GET" || url.origin !== self.location.origin) return;
  e.waitUntil((url.pathname.startsWith("/api/auth/") ? forgetEveryone() : markChanged()).catch(() => undefined));
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
        const fetchedAt = Date.now();
        const res = await fetch(req);
        if (res.ok && (res.headers.get("content-type") ?? "").includes("text/html")) await keep(req, res, fetchedAt);
      }),
      caches.open("static-assets").then((c) => Promise.all(assets.map(async (u) => (await c.match(u)) ?? c.add(u)))),
    ]).catch(() => undefined),
  );
});

// Background sync (Chrome): a wake-up to send the outbox; the outbox itself is ours, in IndexedDB.
self.addEventListener("sync", (e: { tag: string; waitUntil(p: Promise<unknown>): void }) => {
  if (e.tag === "ollas-outbox") e.waitUntil(flushEveryone({ force: true }).finally(() => markChanged().catch(() => undefined)));
});
