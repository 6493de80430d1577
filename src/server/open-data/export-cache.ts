import { createHash } from "node:crypto";
import type { Db } from "~/server/db/client";
import { openDataVersion } from "~/server/db/queries/open-data";
import { countHitWithOpenDataVersion, pruneRequestLimits } from "~/server/db/queries/request-limits";
import { requestAddress } from "~/server/http/client-address";
import { markOver, overUntil, resetOverLimit } from "~/server/http/over-limit";

/**
 * Open-data exports without letting anonymous crowds turn into database work:
 *
 * 1. ETag = the open-data version (moved by every committed change the exports show) and the
 *    variant (route, filter, origin): `If-None-Match` with it answers 304 after one tiny read.
 * 2. Per client address and route, at most OPEN_DATA_RATE_LIMIT full answers a minute, counted
 *    in PostgreSQL (so every app server shares the count): then 429 with Retry-After.
 * 3. A body is built once per (variant, version) and kept in memory (OPEN_DATA_CACHE_MB in all,
 *    least recently used dropped first): everybody else streams the same bytes. Requests that
 *    arrive while it is being built follow the build as it grows.
 * 4. At most OPEN_DATA_MAX_BUILDS builds at once per process; others wait up to 5 s for a
 *    slot (at most 16 waiting), then get 503 with Retry-After.
 *
 * A build reads its pages as fast as the database gives them, whatever the client's speed, so a
 * slow phone never holds a build slot; the price is that a body being built sits in memory
 * (6–8 MB for the largest export at 10,000 ollas).
 */

export interface ExportSpec {
  /** Route name, e.g. "ollas.geojson": the unit of the per-address limit. */
  route: string;
  /** What else makes the body differ: filter, origin (the URLs inside). */
  variant: string;
  headers: Record<string, string>;
  /** The body, piece by piece (a page of rows each). */
  build: () => AsyncIterable<string>;
}

export interface ExportLimits {
  perMinute: number;
  maxBuilds: number;
  cacheBytes: number;
  queueTimeoutMs: number;
  maxQueue: number;
}

// Read from process.env when a request needs them (src/env.js validated them at start), so that
// importing this module does not freeze the environment before a test sets its own.
function setting(v: unknown, fallback: number): number {
  const n = Number(v ?? fallback);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

export function defaultExportLimits(): ExportLimits {
  return {
    perMinute: setting(process.env.OPEN_DATA_RATE_LIMIT, 30),
    maxBuilds: Math.max(1, setting(process.env.OPEN_DATA_MAX_BUILDS, 2)),
    cacheBytes: setting(process.env.OPEN_DATA_CACHE_MB, 64) * 1024 * 1024,
    queueTimeoutMs: 5_000,
    maxQueue: 16,
  };
}

const WINDOW_SECONDS = 60;
const OVER_LIMIT = "open-data";
const RETRY_BUSY_SECONDS = 5;

interface Entry {
  key: string;
  version: number;
  chunks: Uint8Array[];
  bytes: number;
  done: boolean;
  error: unknown;
  lastUsed: number;
  tick: Promise<void>;
  notify: () => void;
}

interface State {
  entries: Map<string, Entry>;
  active: number;
  waiting: (() => void)[];
}

// One state per process: every route handler's module graph shares it.
const g = globalThis as unknown as { __ollasExports?: State };
function state(): State {
  return (g.__ollasExports ??= { entries: new Map(), active: 0, waiting: [] });
}

/** Forgets every cached body (tests; a process starts empty anyway). */
export function resetExportCache(): void {
  g.__ollasExports = undefined;
  resetOverLimit(OVER_LIMIT);
}

export function exportCacheStats(): { entries: number; bytes: number; active: number; waiting: number } {
  const s = state();
  let bytes = 0;
  for (const e of s.entries.values()) bytes += e.bytes;
  return { entries: s.entries.size, bytes, active: s.active, waiting: s.waiting.length };
}

function newEntry(key: string, version: number): Entry {
  const e = { key, version, chunks: [], bytes: 0, done: false, error: undefined, lastUsed: Date.now() } as unknown as Entry;
  const arm = () => {
    e.tick = new Promise<void>((resolve) => {
      e.notify = () => {
        arm();
        resolve();
      };
    });
  };
  arm();
  return e;
}

async function acquire(s: State, limits: ExportLimits): Promise<boolean> {
  if (s.active < limits.maxBuilds) {
    s.active++;
    return true;
  }
  if (s.waiting.length >= limits.maxQueue) return false;
  return new Promise<boolean>((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      resolve(true); // the slot was handed over by release(): active already counts it
    };
    const timer = setTimeout(() => {
      const i = s.waiting.indexOf(wake);
      if (i >= 0) s.waiting.splice(i, 1);
      resolve(false);
    }, limits.queueTimeoutMs);
    s.waiting.push(wake);
  });
}

function release(s: State): void {
  const next = s.waiting.shift();
  if (next) next();
  else s.active--;
}

function evict(s: State, limits: ExportLimits, keep: Entry): void {
  let total = 0;
  for (const e of s.entries.values()) total += e.bytes;
  if (total <= limits.cacheBytes) return;
  const done = [...s.entries.values()].filter((e) => e.done && e !== keep).sort((a, b) => a.lastUsed - b.lastUsed);
  for (const e of done) {
    if (total <= limits.cacheBytes) break;
    s.entries.delete(e.key);
    total -= e.bytes;
  }
  // Bigger than the whole cache: served to whoever follows it now, kept by nobody.
  if (total > limits.cacheBytes && keep.done) s.entries.delete(keep.key);
}

async function runBuild(s: State, limits: ExportLimits, entry: Entry, spec: ExportSpec): Promise<void> {
  const enc = new TextEncoder();
  try {
    for await (const piece of spec.build()) {
      if (!piece) continue;
      const bytes = enc.encode(piece);
      entry.chunks.push(bytes);
      entry.bytes += bytes.byteLength;
      entry.notify();
    }
    entry.done = true;
    evict(s, limits, entry);
  } catch (err) {
    entry.error = err;
    if (s.entries.get(entry.key) === entry) s.entries.delete(entry.key);
    console.error(JSON.stringify({ event: "export-build-failed", route: spec.route, error: (err as Error).message?.slice(0, 200) }));
  } finally {
    release(s);
    entry.notify();
  }
}

function follow(entry: Entry): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (i >= entry.chunks.length && !entry.done && entry.error === undefined) await entry.tick;
        if (entry.error !== undefined) {
          controller.error(entry.error);
          return;
        }
        if (i < entry.chunks.length) controller.enqueue(entry.chunks[i++]!);
        else controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}

const COMMON = {
  // Browsers and proxies may keep it 5 minutes, then ask again with If-None-Match.
  "cache-control": "public, max-age=300",
  // Open data for outside tools: any site may read it (no cookies are involved).
  "access-control-allow-origin": "*",
  "access-control-expose-headers": "ETag, Retry-After",
};

function tooMany(limits: ExportLimits, spec: ExportSpec, windowEnd: number): Response {
  return Response.json(
    { error: "TOO_MANY_REQUESTS", message: `at most ${limits.perMinute} downloads of ${spec.route} a minute from one address; use If-None-Match with the ETag to check for changes` },
    { status: 429, headers: { ...COMMON, "cache-control": "no-store", "retry-after": String(Math.max(1, Math.ceil((windowEnd - Date.now()) / 1000))) } },
  );
}

function etagMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag);
}

export async function serveExport(req: Request, db: Db, spec: ExportSpec, limits: ExportLimits = defaultExportLimits()): Promise<Response> {
  const s = state();
  const key = `${spec.route}|${spec.variant}`;
  const variantTag = createHash("sha256").update(key).digest("base64url").slice(0, 16);
  const tagOf = (version: number) => `"${version}-${variantTag}"`;
  const conditional = req.headers.get("if-none-match");
  const limitKey = `od:${spec.route}:${requestAddress(req)}`;
  // An address this server already saw over its limit is refused until its window ends without
  // another write to PostgreSQL: a flood costs the database one statement per allowed download.
  const knownOver = limits.perMinute > 0 && conditional === null ? overUntil(OVER_LIMIT, limitKey) : null;
  if (knownOver !== null) return tooMany(limits, spec, knownOver);
  // A conditional request reads the version only (and is never counted); a plain download is
  // counted and reads the version in the same statement.
  let version: number;
  let hits = 0;
  try {
    if (conditional !== null || limits.perMinute <= 0) {
      version = await openDataVersion(db);
      if (etagMatches(conditional, tagOf(version))) return new Response(null, { status: 304, headers: { ...COMMON, ...spec.headers, etag: tagOf(version) } });
      if (limits.perMinute > 0) hits = (await countHitWithOpenDataVersion(db, limitKey, WINDOW_SECONDS)).hits;
    } else {
      ({ hits, version } = await countHitWithOpenDataVersion(db, limitKey, WINDOW_SECONDS));
    }
  } catch (err) {
    // The database is unreachable or restarting: say "retry" (503), as the rest of the app does.
    console.error(JSON.stringify({ event: "export-unavailable", route: spec.route, error: (err as Error).message?.slice(0, 200) }));
    return Response.json(
      { error: "UNAVAILABLE", message: "the database is not answering; retry shortly" },
      { status: 503, headers: { ...COMMON, "cache-control": "no-store", "retry-after": String(RETRY_BUSY_SECONDS) } },
    );
  }
  const etag = tagOf(version);
  const headers = { ...COMMON, ...spec.headers, etag };

  if (limits.perMinute > 0) {
    if (Math.random() < 0.01) void pruneRequestLimits(db, 3600).catch(() => {});
    if (hits > limits.perMinute) return tooMany(limits, spec, markOver(OVER_LIMIT, limitKey, WINDOW_SECONDS));
  }

  let entry = s.entries.get(key);
  if (!entry || entry.version !== version || entry.error !== undefined) {
    if (!(await acquire(s, limits))) {
      return Response.json(
        { error: "BUSY", message: "too many exports are being prepared; retry shortly" },
        { status: 503, headers: { ...COMMON, "cache-control": "no-store", "retry-after": String(RETRY_BUSY_SECONDS) } },
      );
    }
    // While this request waited, another may have built the same body.
    const again = s.entries.get(key);
    if (again && again.version === version && again.error === undefined) {
      release(s);
      entry = again;
    } else {
      entry = newEntry(key, version);
      s.entries.set(key, entry);
      void runBuild(s, limits, entry, spec);
    }
  }
  entry.lastUsed = Date.now();
  return new Response(follow(entry), { headers });
}
