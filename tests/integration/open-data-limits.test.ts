/**
 * Issue #11, finding 3: anonymous heavy work is bounded. Through the real route handlers on the
 * test file's database (PGlite, or PostgreSQL with TEST_DATABASE_URL): request bodies are cut
 * at their limit (413), exports are built once per data version and answered 304 to a matching
 * If-None-Match, one address gets at most OPEN_DATA_RATE_LIMIT full downloads a minute (429,
 * counted in PostgreSQL), and builds beyond the concurrency bound wait or get 503.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import { openDataVersion } from "~/server/db/queries/open-data";
import { recordPeer } from "~/server/http/peer-address";
import { exportCacheStats, resetExportCache, serveExport, type ExportLimits } from "~/server/open-data/export-cache";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { BASE, sessionCookie, useTestDbInApp } from "../security/http";
import { addNeed } from "./map-fixtures";

let t: TestDb;
let w: World;
type Handler = (req: Request, ctx?: unknown) => Promise<Response>;
let routes: { geojson: Handler; ollasCsv: Handler; needsCsv: Handler; health: Handler; trpc: Handler; auth: Handler };

beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  useTestDbInApp(t);
  routes = {
    geojson: ((await import("~/app/api/public/v1/ollas.geojson/route")) as { GET: Handler }).GET,
    ollasCsv: ((await import("~/app/api/public/v1/ollas.csv/route")) as { GET: Handler }).GET,
    needsCsv: ((await import("~/app/api/public/v1/needs.csv/route")) as { GET: Handler }).GET,
    health: ((await import("~/app/api/health/route")) as { GET: Handler }).GET,
    trpc: ((await import("~/app/api/trpc/[trpc]/route")) as { POST: Handler }).POST,
    auth: ((await import("~/app/api/auth/[...nextauth]/route")) as { POST: Handler }).POST,
  };
});
afterAll(async () => t?.close());
beforeEach(() => resetExportCache());

/** A request as it reaches a route handler from `address` (the stamp next start puts on every request). */
function from(address: string, url: string, init: RequestInit = {}): Request {
  const fake = { socket: { remoteAddress: address }, headers: {} as Record<string, string> };
  recordPeer(fake as never);
  const headers = new Headers(init.headers);
  headers.set("host", new URL(BASE).host);
  headers.set("x-ollas-peer", fake.headers["x-ollas-peer"]!);
  return new Request(url, { ...init, headers, duplex: "half" } as RequestInit);
}

/** A body that counts what the server pulls from it: `total` bytes offered in 64 KB chunks. */
function countingBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const seen = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (seen.pulled >= total) return c.close();
      seen.pulled += chunk.byteLength;
      c.enqueue(chunk);
    },
  });
  return { stream, seen };
}

describe("request body limits", () => {
  it("tRPC answers 413 to a declared 50 MB body without reading it, and to a streamed one after 64 KB", async () => {
    const cookie = await sessionCookie(w.sessions.delegateA!.sessionId);
    const url = `${BASE}/api/trpc/need.create`;
    const declared = countingBody(50 * 1024 * 1024);
    const r1 = await routes.trpc(
      from("198.51.100.10", url, { method: "POST", body: declared.stream, headers: { cookie, "content-type": "application/json", "content-length": String(50 * 1024 * 1024), origin: BASE } }),
    );
    expect(r1.status).toBe(413);
    expect(declared.seen.pulled).toBeLessThanOrEqual(64 * 1024); // at most what the stream buffered on its own
    const streamed = countingBody(50 * 1024 * 1024);
    const t0 = performance.now();
    const r2 = await routes.trpc(from("198.51.100.10", url, { method: "POST", body: streamed.stream, headers: { cookie, "content-type": "application/json", origin: BASE } }));
    expect(r2.status).toBe(413);
    expect(streamed.seen.pulled).toBeLessThanOrEqual(3 * 64 * 1024);
    console.info(`body limit: 50 MB declared → 413 after ${declared.seen.pulled} bytes pulled; 50 MB streamed → 413 after ${streamed.seen.pulled} bytes, ${(performance.now() - t0).toFixed(0)} ms`);
    // Nothing was written.
    expect(rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from needs`))[0]!.n).toBe(0);
  });

  it("a body under the limit still goes through", async () => {
    const cookie = await sessionCookie(w.sessions.delegateA!.sessionId);
    const body = JSON.stringify({ json: { ollaId: w.ollas.a } });
    const res = await routes.trpc(from("198.51.100.10", `${BASE}/api/trpc/olla.get?input=${encodeURIComponent(body)}`, { method: "GET", headers: { cookie } }));
    expect(res.status).toBe(200);
  });

  it("the login endpoint answers 413 past 16 KB; open-data and health refuse a declared body", async () => {
    const big = countingBody(1024 * 1024);
    const res = await routes.auth(
      from("198.51.100.11", `${BASE}/api/auth/callback/credentials`, { method: "POST", body: big.stream, headers: { "content-type": "application/x-www-form-urlencoded", origin: BASE } }),
      { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) },
    );
    expect(res.status).toBe(413);
    expect(big.seen.pulled).toBeLessThanOrEqual(3 * 64 * 1024);
    for (const [name, h] of [["ollas.geojson", routes.geojson], ["health", routes.health]] as const) {
      const r = await h(from("198.51.100.11", `${BASE}/api/${name === "health" ? "health" : `public/v1/${name}`}`, { headers: { "content-length": "10000000" } }));
      expect(r.status, name).toBe(413);
    }
  });
});

describe("exports: one build per data version, ETag and 304", () => {
  it("answers 304 to a matching If-None-Match, and a new ETag after any change the export shows", async () => {
    const url = `${BASE}/api/public/v1/ollas.geojson`;
    const first = await routes.geojson(from("198.51.100.20", url));
    expect(first.status).toBe(200);
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"\d+-[\w-]+"$/);
    const body = await first.text();
    const again = await routes.geojson(from("198.51.100.20", url, { headers: { "if-none-match": etag } }));
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // A need created by a delegate changes "urgent_public_needs": a new version, a new ETag.
    const v0 = await openDataVersion(t.db);
    await addNeed(t.db, w.ollas.a, { urgency: "critical" });
    expect(await openDataVersion(t.db)).toBe(v0 + 1);
    const changed = await routes.geojson(from("198.51.100.20", url, { headers: { "if-none-match": etag } }));
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    expect(await changed.text()).not.toBe(body);
  });

  it("the version moves once per committed transaction, and not for the stock ledger", async () => {
    const v0 = await openDataVersion(t.db);
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await addNeed(tx as never, w.ollas.b, { urgency: "low" });
    });
    expect(await openDataVersion(t.db)).toBe(v0 + 1);
    await t.db.transaction(async (tx) => {
      await addNeed(tx as never, w.ollas.b, { urgency: "low" });
      tx.rollback();
    }).catch(() => {});
    expect(await openDataVersion(t.db)).toBe(v0 + 1);
    await t.db.execute(sql`update network_settings set low_stock_days = low_stock_days where id = 1`);
    expect(await openDataVersion(t.db)).toBe(v0 + 1);
  });

  it("20 simultaneous downloads of one export build it once and get the same bytes", async () => {
    const url = `${BASE}/api/public/v1/needs.csv?urgency=critical`;
    const res = await Promise.all(Array.from({ length: 20 }, (_, i) => routes.needsCsv(from(`198.51.100.${30 + i}`, url))));
    const bodies = await Promise.all(res.map((r) => r.text()));
    expect(res.every((r) => r.status === 200)).toBe(true);
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain("need_id,olla_id");
    expect(exportCacheStats().entries).toBe(1);
  });
});

describe("per-address limit (PostgreSQL) and bounded builds", () => {
  it("one address gets OPEN_DATA_RATE_LIMIT downloads a minute, then 429 with Retry-After; another address is not affected; 304s do not count", async () => {
    const limit = 30;
    const url = `${BASE}/api/public/v1/ollas.csv`;
    const statuses: number[] = [];
    for (let i = 0; i < limit + 5; i++) {
      const r = await routes.ollasCsv(from("203.0.113.7", url));
      statuses.push(r.status);
      await r.body?.cancel();
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(limit);
    expect(statuses.slice(limit).every((s) => s === 429)).toBe(true);
    const refused = await routes.ollasCsv(from("203.0.113.7", url));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    // The count lives in PostgreSQL, where every app server reads it; once this server knows the
    // address is over, further refusals cost no write.
    const [row] = rowsOf<{ hits: number }>(await t.db.execute(sql`select hits from request_limits where key = 'od:ollas.csv:203.0.113.7'`));
    expect(row!.hits).toBe(limit + 1);
    const other = await routes.ollasCsv(from("203.0.113.8", url));
    expect(other.status).toBe(200);
    const etag = other.headers.get("etag")!;
    await other.body?.cancel();
    // A conditional request still answers 304 to the throttled address: checking for changes stays cheap and allowed.
    expect((await routes.ollasCsv(from("203.0.113.7", url, { headers: { "if-none-match": etag } }))).status).toBe(304);
    console.info(`per-address limit: ${statuses.length + 1} downloads from one address → ${limit} served, ${statuses.length + 1 - limit} answered 429`);
  });

  it("builds beyond the bound wait, then get 503 with Retry-After; requests for a body being built follow it", async () => {
    const limits: ExportLimits = { perMinute: 0, maxBuilds: 1, cacheBytes: 1 << 20, queueTimeoutMs: 150, maxQueue: 1 };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let builds = 0;
    const slow = (variant: string) => ({
      route: "slow.csv",
      variant,
      headers: { "content-type": "text/csv" },
      build: async function* () {
        builds++;
        yield "a\n";
        await gate;
        yield "b\n";
      },
    });
    const req = () => from("198.51.100.60", `${BASE}/x`);
    const first = await serveExport(req(), t.db, slow("one"), limits); // holds the only slot
    const followers = await Promise.all([1, 2, 3].map(() => serveExport(req(), t.db, slow("one"), limits)));
    const waiting = serveExport(req(), t.db, slow("two"), limits); // waits for the slot…
    const overflow = await serveExport(req(), t.db, slow("three"), limits); // …and the queue is full
    expect(overflow.status).toBe(503);
    expect(overflow.headers.get("retry-after")).toBe("5");
    expect((await waiting).status).toBe(503); // 150 ms passed with the slot still taken
    release();
    expect(await first.text()).toBe("a\nb\n");
    for (const f of followers) expect(await f.text()).toBe("a\nb\n");
    expect(builds).toBe(1);
    const later = await serveExport(req(), t.db, slow("two"), limits);
    expect(later.status).toBe(200);
    expect(await later.text()).toBe("a\nb\n");
  });

  it("an unreachable database answers 503 with Retry-After, not 500", async () => {
    // Fault injection: the client fails as postgres.js does while PostgreSQL restarts.
    const down = { execute: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")) } as unknown as typeof t.db;
    const res = await serveExport(from("198.51.100.70", `${BASE}/x`), down, { route: "ollas.csv", variant: "x", headers: {}, build: async function* () {} });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
  });

  it("health answers while exports are being built", async () => {
    const url = `${BASE}/api/public/v1/ollas.geojson`;
    const downloads = Array.from({ length: 40 }, (_, i) => routes.geojson(from(`192.0.2.${i + 1}`, url)).then((r) => r.text()));
    const t0 = performance.now();
    const health = await routes.health(from("192.0.2.200", `${BASE}/api/health`));
    const ms = performance.now() - t0;
    expect(health.status).toBe(200);
    await Promise.all(downloads);
    console.info(`health during 40 simultaneous exports: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2000);
  });
});
