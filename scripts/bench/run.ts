/**
 * npm run bench        full run against DATABASE_URL (fill it first: npm run seed:scale)
 * npm run bench:quick  the same harness on a small fresh database, short durations (CI)
 *
 * One run: build (.next-bench) → first-load JS per route → a capture server behind a
 * PostgreSQL proxy learns each endpoint's SQL → the measured server: exports with memory
 * watched, autocannon on every read (1 connection for latency, 10 for throughput) with the
 * bare SQL timed beside it, the stock write at 100 req/s, Chromium under Slow 4G / Slow 3G.
 * Results: bench-results/latest.json (full) or quick.json, and BENCHMARKS.md (full only).
 */
import { execSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { openDatabase } from "~/server/db/client";
import { limaToday } from "~/shared/lima-day";
import { generateScaleData, SCALE_PASSWORD } from "./generate";
import { firstLoadJs, leafletChunkBytes } from "./lib/bundle";
import { launch, timePage, type NetworkName, type PageTiming } from "./lib/browser";
import { phoneVisits, type PhoneServer, type PhoneVisits } from "./lib/phone";
import { load, postgresCpuMs, type LoadResult } from "./lib/load";
import { paced } from "./lib/paced";
import { measureExport, type ExportRun } from "./lib/memory";
import { PgCaptureProxy, type CapturedStatement } from "./lib/pg-capture";
import { buildApp, DIST_DIR, login, restoreServiceWorker, startApp, TILE_PORT, type AppServer } from "./lib/server";
import { blankTileServer, meetsBudget, runLighthouse } from "./lib/lighthouse";
import { lighthousePages } from "./lib/lighthouse-pages";
import { timeBareSql, type SqlTiming } from "./lib/sql-replay";
import { summarize } from "./lib/stats";
import { writeReport, type Figure, type Results } from "./report";
import { rawRatioMisses, readAboveFloor, stackFloors, type PairedRound } from "./lib/floor";
import { LABOUR_READS } from "./labour";
import { PLAN_READS } from "./plans";
import { benchFederation, federationFigures } from "./federation";
import { benchPosts, POSTS_READS } from "./posts";
import { trpcGet } from "./lib/trpc-path";

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    port: { type: "string", default: "3300" },
    // Only for iterating on the harness: results say the build was not made by this run.
    "no-build": { type: "boolean", default: false },
    // Only these reads (comma-separated keys, e.g. labour-public,planner): the reads and their
    // uncached servers, nothing else; results to bench-results/only.json, BENCHMARKS.md untouched.
    only: { type: "string" },
  },
});
const QUICK = args.quick!;
const ONLY = args.only ? new Set(args.only.split(",").map((k) => k.trim()).filter(Boolean)) : null;
const PORT = Number(args.port);
const PROXY_PORT = PORT + 98;
const STATIC_PORT = PORT + 1;
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const SECRET = "bench-secret-bench-secret-bench-secret-0001";
const OUT_DIR = path.resolve("bench-results");
const LOG_DIR = path.join(OUT_DIR, "tmp"); // git-ignored: build and server logs of the last run

const D = QUICK
  ? { latencySeconds: 3, throughputSeconds: 3, writeSeconds: 5, writeWarmupSeconds: 2, sqlIterations: 50, sqlSeconds: 3, exportRuns: 2, browserRuns: 1 }
  : { latencySeconds: 15, throughputSeconds: 15, writeSeconds: 30, writeWarmupSeconds: 15, sqlIterations: 300, sqlSeconds: 10, exportRuns: 3, browserRuns: 3 };
/** Lighthouse runs per page (median by performance score). */
const LIGHTHOUSE_RUNS = QUICK ? 1 : 3;
/** Delegates (of different ollas) whose entries make up the write load. */
const WRITERS = 20;
const QUICK_SIZES = { ollas: 300, needs: 3_000, movements: 20_000, seed: 42 };

const log = (msg: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);

/** The public map's first request (src/components/map/city-map.tsx START: the metropolis at zoom 10). */
const CITY_VIEW = { filter: {}, bbox: { west: -77.35, south: -12.4, east: -76.65, north: -11.7 }, zoom: 10 };

interface ReadSpec {
  key: string;
  label: string;
  /** Candidate paths, first one that answers wins (a REST route or the tRPC procedure). */
  paths: (ctx: { ollaId: string }) => string[];
  auth: boolean;
  /** Who signs in for it (phone or email of the scale data); the first delegate when unset. */
  as?: string;
  /** Targets from the issue that apply to this read. */
  ratioTarget?: number;
  p95Target?: number;
  staticLowerBound?: boolean;
}

/**
 * The stack's per-request floor: the cheapest read through the same path (Next's route handling,
 * the tRPC adapter, superjson, the session cookie when signed in), anonymous and signed in. Their
 * app p50 minus their own bare SQL p50 is what any read pays before its own work; a ratio target
 * is met by the time a read adds above that floor (see "floor" in figures() and BENCHMARKS.md).
 */
const FLOOR_READS: ReadSpec[] = [
  { key: "floor-public", label: "Per-request floor, anonymous (reference.zones: one tiny statement)", paths: () => [trpcGet("reference.zones", undefined)], auth: false },
  { key: "floor-auth", label: "Per-request floor, signed in (me.get: her session and ollas)", paths: () => [trpcGet("me.get", undefined)], auth: true },
];

const ALL_READS: ReadSpec[] = [
  ...FLOOR_READS,
  { key: "map", label: "Public map data (clusters, whole city)", paths: () => [trpcGet("map.clusters", CITY_VIEW)], auth: false, ratioTarget: 1.5, p95Target: 150 },
  {
    key: "dashboard",
    label: "Public dashboard aggregates",
    paths: () => ["/api/public/v1/problems.json", trpcGet("dashboard.public", {})],
    auth: false,
    ratioTarget: 1.5,
    p95Target: 150,
  },
  { key: "geojson", label: "Public GeoJSON export (all ollas)", paths: () => ["/api/public/v1/ollas.geojson"], auth: false, staticLowerBound: true },
  { key: "home", label: "Delegate's olla home (page)", paths: ({ ollaId }) => [`/mi-olla/${ollaId}`], auth: true },
  ...LABOUR_READS,
  ...PLAN_READS,
  ...POSTS_READS,
];
// --only always measures the floors too: a ratio is judged above them.
const READS = ONLY ? ALL_READS.filter((r) => ONLY.has(r.key) || FLOOR_READS.includes(r)) : ALL_READS;
if (ONLY && READS.length - FLOOR_READS.filter((f) => !ONLY.has(f.key)).length !== ONLY.size) throw new Error(`--only: unknown read key among ${[...ONLY].join(", ")}; known: ${ALL_READS.map((r) => r.key).join(", ")}`);

const cleanups: (() => Promise<void>)[] = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      console.error("cleanup:", err instanceof Error ? err.message : err);
    }
  }
}
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

async function exists(base: string, p: string, cookie?: string): Promise<boolean> {
  const res = await fetch(base + p, { headers: cookie ? { cookie } : {} });
  await res.arrayBuffer();
  return res.status !== 404;
}

async function machine() {
  const free = execSync("free -h", { encoding: "utf8" }).trim();
  return {
    nproc: Number(execSync("nproc", { encoding: "utf8" }).trim()),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memory: free.split("\n")[1]?.split(/\s+/)[1] ?? "?",
    freeH: free,
    node: process.version,
    kernel: os.release(),
    // Other work on the machine skews every figure: recorded at the start and the end.
    loadavgStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    loadavgEnd: [] as number[],
    loadavgDuring: { mean: 0, max: 0 },
  };
}

function gitInfo() {
  const commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
  return { commit };
}

async function main() {
  mkdirSync(LOG_DIR, { recursive: true });
  const started = Date.now();
  // The 1-minute load average every 5 s: other work on the machine shows in every figure.
  const loadSamples: number[] = [];
  const loadTimer = setInterval(() => loadSamples.push(os.loadavg()[0]!), 5000);
  loadTimer.unref();
  const results: Results = {
    mode: QUICK ? "quick" : "full",
    date: new Date().toISOString(),
    ...gitInfo(),
    machine: await machine(),
    postgres: {},
    dataset: {},
    build: { seconds: null, reused: args["no-build"]! },
    firstLoadJs: [],
    reads: [],
    write: null,
    exports: [],
    browser: [],
    lighthouse: [],
    figures: [],
    seconds: 0,
  };

  // 1. The database.
  let databaseUrl = process.env.DATABASE_URL ?? "";
  if (QUICK) {
    const name = `ollas_bench_quick_${process.pid}`;
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    cleanups.push(async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const u = new URL(ADMIN_URL);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    log(`quick: generating ${QUICK_SIZES.ollas} ollas / ${QUICK_SIZES.needs} needs / ${QUICK_SIZES.movements} movements into ${name}`);
    const h = await openDatabase({ url: databaseUrl, max: 2 });
    try {
      await generateScaleData(h.db, { ...QUICK_SIZES, today: limaToday(), fast: true });
    } finally {
      await h.close();
    }
  } else if (!databaseUrl) {
    throw new Error("npm run bench needs DATABASE_URL (a database filled by npm run seed:scale); npm run bench:quick makes its own.");
  }
  const pg = postgres(databaseUrl, { max: 2, onnotice: () => {} });
  cleanups.push(() => pg.end({ timeout: 5 }));
  const [counts] = await pg`select
    (select count(*)::int from ollas) as ollas, (select count(*)::int from ollas where status <> 'closed') as open_ollas,
    (select count(*)::int from assessments) as assessments, (select count(*)::int from needs) as needs,
    (select count(*)::int from stock_movements) as movements, (select count(*)::int from users) as users,
    (select count(*)::int from zones) as zones, (select count(*)::int from shifts) as shifts, (select count(*)::int from cargo_terms) as cargo_terms`;
  if (!counts || counts.ollas === 0) throw new Error("the database has no ollas: run npm run seed:scale first");
  results.dataset = { ...counts };
  const [pgInfo] = await pg`select version() as version, current_setting('shared_buffers') as shared_buffers, current_setting('work_mem') as work_mem`;
  results.postgres = pgInfo ?? {};
  const [who] = await pg`select u.phone, m.olla_id from users u
    join memberships m on m.user_id = u.id and m.role = 'delegate' and m.active
    join ollas o on o.id = m.olla_id and o.status = 'active'
    where u.active and u.phone like '+5191%' order by u.phone limit 1`;
  if (!who) throw new Error("no active delegate made by seed:scale found");
  const delegate = { identifier: String(who.phone).replace(/^\+51/, ""), ollaId: String(who.olla_id) };
  // Further delegates (other ollas) for the write load; and the network staples they record.
  const others = (
    await pg`select u.phone, min(m.olla_id::text) as olla_id from users u
      join memberships m on m.user_id = u.id and m.role = 'delegate' and m.active
      join ollas o on o.id = m.olla_id and o.status = 'active'
      where u.active and u.phone like '+5191%' and u.phone > ${who.phone} group by u.phone order by u.phone limit ${WRITERS - 1}`
  ).map((x) => ({ identifier: String(x.phone).replace(/^\+51/, ""), ollaId: String(x.olla_id) }));
  const items = (await pg`select id, unit::text as unit from stock_items
    where olla_id is null and code in ('arroz', 'fideos', 'aceite', 'menestras', 'azucar', 'leche_tarro') order by code`) as unknown as { id: string; unit: string }[];
  log(`dataset: ${JSON.stringify(counts)}; delegate ${delegate.identifier} of olla ${delegate.ollaId}`);

  // 2. Build and first-load JS.
  if (!args["no-build"]) {
    log("building (next build → .next-bench)…");
    cleanups.push(async () => restoreServiceWorker());
    results.build.seconds = Math.round(await buildApp(path.join(LOG_DIR, `build-${results.mode}.log`)));
    log(`built in ${results.build.seconds} s`);
  }
  results.firstLoadJs = firstLoadJs(DIST_DIR);
  results.leafletChunkBytes = leafletChunkBytes(DIST_DIR);

  // 3. Capture: a server behind the proxy; one request per endpoint, its SQL recorded.
  const dbUrl = new URL(databaseUrl);
  const proxy = new PgCaptureProxy({ host: dbUrl.hostname, port: Number(dbUrl.port || 5432) });
  await proxy.listen(PROXY_PORT);
  const proxied = new URL(databaseUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String(PROXY_PORT);
  log("capture server (through the SQL proxy)…");
  let server: AppServer = await startApp({ port: PORT, databaseUrl: proxied.toString(), secret: SECRET, logFile: path.join(LOG_DIR, `capture-server-${results.mode}.log`) });
  // Each read's first request goes to a second capture server whose shared public cache is off:
  // reads share that cache (problems.json embeds labour.public), so on one server a read could
  // find its answer made by an earlier one and its "cold" SQL would be the cache's probe alone.
  const coldServer: AppServer = await startApp({
    port: PORT + 3,
    databaseUrl: proxied.toString(),
    secret: SECRET,
    logFile: path.join(LOG_DIR, `capture-cold-server-${results.mode}.log`),
    env: { PUBLIC_CACHE_SECONDS: "0" },
  });
  const cookie = await login(server.url, delegate.identifier, SCALE_PASSWORD);
  // One session per person a read signs in as (a city coordinator for the combined demand…),
  // made on the capture server and kept for the measured one (same secret).
  const sessions = new Map<string, string>([[delegate.identifier, cookie]]);
  const cookieFor = async (r: ReadSpec): Promise<string | undefined> => {
    if (!r.auth) return undefined;
    const who = r.as ?? delegate.identifier;
    if (!sessions.has(who)) sessions.set(who, await login(server.url, who, SCALE_PASSWORD));
    return sessions.get(who);
  };
  const chosen = new Map<string, string>();
  // Per read: the statements of its first request (cold: in-process caches empty, so all the SQL
  // that produces the answer from the database) and of a later one (warm: what it costs then).
  const captured = new Map<string, { cold: CapturedStatement[]; warm: CapturedStatement[] }>();
  for (const r of READS) {
    const readCookie = await cookieFor(r);
    const headers: Record<string, string> = readCookie ? { cookie: readCookie } : {};
    let cold: CapturedStatement[] = [];
    for (const p of r.paths(delegate)) {
      proxy.start();
      const found = await exists(coldServer.url, p, readCookie);
      await new Promise((res) => setTimeout(res, 50));
      cold = proxy.stop();
      if (found) {
        chosen.set(r.key, p);
        break;
      }
    }
    const p = chosen.get(r.key);
    if (!p) continue;
    for (let i = 0; i < 2; i++) await (await fetch(server.url + p, { headers })).arrayBuffer();
    proxy.start();
    await (await fetch(server.url + p, { headers })).arrayBuffer();
    await new Promise((res) => setTimeout(res, 50));
    captured.set(r.key, { cold, warm: proxy.stop() });
  }
  await server.stop();
  await coldServer.stop();
  await proxy.close();

  // 4. The measured server, straight to PostgreSQL.
  log("measured server…");
  server = await startApp({ port: PORT, databaseUrl, secret: SECRET, logFile: path.join(LOG_DIR, `server-${results.mode}.log`) });
  cleanups.push(() => server.stop());
  const base = server.url;
  for (const [key, p] of chosen) {
    const readCookie = await cookieFor(READS.find((r) => r.key === key)!);
    for (let i = 0; i < 3; i++) await (await fetch(base + p, { headers: readCookie ? { cookie: readCookie } : {} })).arrayBuffer();
  }

  // 4a. Full exports with memory watched (first, on a young heap: the harshest baseline).
  const exportBodies = new Map<string, Buffer>();
  // The first run of each builds it (cold: one per data version); later runs are served from the
  // export cache. The slowest run is the figure.
  for (const [kind, p] of ONLY ? [] : ([["geojson", "/api/public/v1/ollas.geojson"], ["csv", "/api/public/v1/ollas.csv"], ["needs-csv", "/api/public/v1/needs.csv"]] as const)) {
    if (!(await exists(base, p))) {
      results.exports.push({ kind, path: p, status: "MISSING", runs: [] });
      continue;
    }
    const runs: ExportRun[] = [];
    for (let i = 0; i < D.exportRuns; i++) {
      const { body, ...run } = await measureExport(base + p, server.pid);
      runs.push(run);
      exportBodies.set(kind, body);
    }
    results.exports.push({ kind, path: p, status: "ok", runs });
    log(`export ${kind}: ${runs.map((r) => `${r.seconds}s +${r.growthMb}MB`).join(", ")} (${runs[0]!.bytes} bytes)`);
  }

  // 4b. Reads: latency (1 connection), throughput (10), bare SQL, static lower bound.
  for (const r of READS) {
    const p = chosen.get(r.key);
    if (!p) {
      results.reads.push({ key: r.key, label: r.label, status: "MISSING", path: r.paths(delegate)[0]! });
      log(`${r.key}: MISSING`);
      continue;
    }
    const readCookie = await cookieFor(r);
    const headers: Record<string, string> = readCookie ? { cookie: readCookie } : {};
    const latency = await load({ url: base + p, connections: 1, seconds: D.latencySeconds, headers, cpuPid: server.pid });
    const throughput = await load({ url: base + p, connections: 10, seconds: D.throughputSeconds, headers, cpuPid: server.pid });
    const cap = captured.get(r.key) ?? { cold: [], warm: [] };
    const sql: SqlTiming = await timeBareSql(databaseUrl, cap.cold, { iterations: D.sqlIterations, maxSeconds: D.sqlSeconds });
    const sameSql = cap.warm.length === cap.cold.length && cap.warm.every((s, i) => s.text === cap.cold[i]!.text);
    const warmSql: SqlTiming = sameSql ? sql : await timeBareSql(databaseUrl, cap.warm, { iterations: D.sqlIterations, maxSeconds: D.sqlSeconds });
    let staticFile: LoadResult | undefined;
    let staticThroughput: LoadResult | undefined;
    if (r.staticLowerBound) {
      const body = exportBodies.get("geojson") ?? Buffer.from(await (await fetch(base + p)).arrayBuffer());
      const file = path.join(os.tmpdir(), `ollas-bench-${process.pid}.geojson`);
      writeFileSync(file, body);
      const stop = await startStaticServer(file, STATIC_PORT, "application/geo+json");
      try {
        staticFile = await load({ url: `http://127.0.0.1:${STATIC_PORT}/`, connections: 1, seconds: D.latencySeconds });
        staticThroughput = await load({ url: `http://127.0.0.1:${STATIC_PORT}/`, connections: 10, seconds: D.throughputSeconds });
      } finally {
        await stop();
      }
    }
    results.reads.push({
      key: r.key,
      label: r.label,
      status: "ok",
      path: p.length > 120 ? `${p.slice(0, 117)}…` : p,
      latency,
      throughput,
      sql,
      warmSql,
      ratio: sql.p50 > 0 ? Math.round((latency.p50 / sql.p50) * 100) / 100 : null,
      staticFile,
      staticThroughput,
      ratioTarget: r.ratioTarget,
      p95Target: r.p95Target,
      auth: r.auth,
    });
    log(
      `${r.key}: p50 ${latency.p50} p95 ${latency.p95} p99 ${latency.p99} ms; ${throughput.reqPerSec} req/s @10; ` +
        `SQL p50 ${sql.p50} ms (${sql.statements} statements; warm request ${warmSql.p50} ms, ${warmSql.statements})`,
    );
  }

  // The floor reads again, after the others (lib/floor.ts keeps the lower p50 of the two).
  for (const f of FLOOR_READS) {
    const x = results.reads.find((y) => y.key === f.key && y.status === "ok");
    const p = chosen.get(f.key);
    if (!x || !p) continue;
    const readCookie = await cookieFor(f);
    x.latencyAgain = await load({ url: base + p, connections: 1, seconds: D.latencySeconds, headers: readCookie ? { cookie: readCookie } : {}, cpuPid: server.pid });
    log(`${f.key} again: p50 ${x.latencyAgain.p50} p95 ${x.latencyAgain.p95} ms (first: p50 ${x.latency!.p50})`);
  }

  // Reads whose raw ratio misses are judged above the floor: rounds of the floor read and the
  // read back to back, so that the machine's drift between phases cancels (lib/floor.ts).
  const PAIRED = QUICK ? { rounds: 2, seconds: 1 } : { rounds: 5, seconds: 3 };
  // Each round times both bare SQLs too: they drift with the machine as the app's timings do.
  const sqlOf = async (key: string) => (await timeBareSql(databaseUrl, captured.get(key)?.cold ?? [], { iterations: 100, maxSeconds: 1 })).p50;
  for (const x of results.reads) {
    if (x.status !== "ok" || !rawRatioMisses(x)) continue;
    const floorSpec = FLOOR_READS.find((f) => f.key === (x.auth ? "floor-auth" : "floor-public"))!;
    const fp = chosen.get(floorSpec.key);
    const p = chosen.get(x.key);
    if (!fp || !p) continue;
    const floorCookie = await cookieFor(floorSpec);
    const readCookie = await cookieFor(READS.find((r) => r.key === x.key)!);
    const rounds: PairedRound[] = [];
    for (let i = 0; i < PAIRED.rounds; i++) {
      const f = await load({ url: base + fp, connections: 1, seconds: PAIRED.seconds, headers: floorCookie ? { cookie: floorCookie } : {} });
      const rd = await load({ url: base + p, connections: 1, seconds: PAIRED.seconds, headers: readCookie ? { cookie: readCookie } : {} });
      rounds.push({ floor: f.p50, read: rd.p50, floorSql: await sqlOf(floorSpec.key), readSql: await sqlOf(x.key) });
    }
    x.paired = { seconds: PAIRED.seconds, rounds };
    log(`${x.key} paired with ${floorSpec.key} (read/floor p50, read SQL/floor SQL p50): ${rounds.map((r) => `${r.read}/${r.floor}, ${r.readSql}/${r.floorSql}`).join("; ")} ms`);
  }

  // 4b'. The public dashboard (and its labour figures) are shared by all visitors for
  // PUBLIC_CACHE_SECONDS: what one computation costs is measured on a second server that
  // computes it on every request.
  const uncachedReads = (["dashboard", "labour-public"] as const).filter((k) => chosen.has(k) && results.reads.some((x) => x.key === k && x.sql));
  if (uncachedReads.length) {
    const fresh = await startApp({ port: PORT + 2, databaseUrl, secret: SECRET, logFile: path.join(LOG_DIR, `server-nocache-${results.mode}.log`), env: { PUBLIC_CACHE_SECONDS: "0" } });
    try {
      for (const key of uncachedReads) {
        const p = chosen.get(key)!;
        const sql = results.reads.find((x) => x.key === key)!.sql!;
        for (let i = 0; i < 3; i++) await (await fetch(fresh.url + p)).arrayBuffer();
        const latency = await load({ url: fresh.url + p, connections: 1, seconds: D.latencySeconds, cpuPid: fresh.pid });
        const measured = { latency, ratio: sql.p50 > 0 ? Math.round((latency.p50 / sql.p50) * 100) / 100 : null };
        if (key === "dashboard") results.dashboardUncached = measured;
        else results.labourUncached = measured;
        log(`${key} computed on every request: p50 ${latency.p50} p95 ${latency.p95} ms (bare SQL p50 ${sql.p50} ms)`);
      }
    } finally {
      await fresh.stop();
    }
  }
  if (ONLY) return finish(results, started, loadSamples, loadTimer);

  results.federation = await benchFederation({ base, databaseUrl, adminUrl: ADMIN_URL, serverPid: server.pid, quick: QUICK, log });

  // 4c. The stock write at 100 req/s across the city: WRITERS delegates, each posting entries
  // to her own olla (items in turn), every request with its own idempotency key.
  const writePath = "/api/trpc/stock.recordEntry";
  const writers: { cookie: string; ollaId: string }[] = [{ cookie, ollaId: delegate.ollaId }];
  for (const w of others) writers.push({ cookie: await login(base, w.identifier, SCALE_PASSWORD), ollaId: w.ollaId });
  let seq = 0;
  const entry = () => {
    const w = writers[seq % writers.length]!;
    const item = items[Math.floor(seq / writers.length) % items.length]!;
    seq += 1;
    const body = JSON.stringify({
      json: {
        ollaId: w.ollaId,
        idempotencyKey: randomUUID(),
        itemId: item.id,
        unit: item.unit,
        quantity: item.unit === "kg" || item.unit === "l" ? 12.5 : 12,
        occurredOn: limaToday(),
        sourceType: "purchase",
        valueCents: 5250,
      },
    });
    return { headers: { cookie: w.cookie, "content-type": "application/json", origin: base }, body };
  };
  const first = entry();
  const probe = await fetch(base + writePath, { method: "POST", headers: first.headers, body: first.body });
  const probeText = await probe.text();
  if (probe.status === 404 && /No procedure|NOT_FOUND/.test(probeText)) {
    results.write = { status: "MISSING", path: writePath };
  } else if (!probe.ok) {
    throw new Error(`stock write probe answered ${probe.status}: ${probeText.slice(0, 500)}`);
  } else {
    const count = async () => (await pg`select count(*)::int as n from stock_movements`)[0]!.n as number;
    // Open loop at a steady 100 requests a second (lib/paced.ts says why not autocannon's rate).
    // First a warm-up at the same rate, not recorded: a server that has just started compiles
    // the write path and opens its PostgreSQL connections (each new backend warms its caches),
    // and the first seconds' queue took the rest of a 30 s run to drain.
    await paced({ url: base + writePath, method: "POST", rate: 100, seconds: D.writeWarmupSeconds, request: entry });
    const before = await count();
    const pgCpu0 = postgresCpuMs();
    const w = await paced({ url: base + writePath, method: "POST", rate: 100, seconds: D.writeSeconds, cpuPid: server.pid, request: entry });
    const pgCpuMsPerRequest = Math.round(((postgresCpuMs() - pgCpu0) / Math.max(1, w.n)) * 10) / 10;
    const written = (await count()) - before;
    results.write = { status: "ok", path: writePath, load: w, rowsWritten: written, writers: writers.length, pgCpuMsPerRequest };
    log(`write: p50 ${w.p50} p95 ${w.p95} p99 ${w.p99} ms at ${w.reqPerSec} req/s; ${written} rows`);

    // The reconnect storm: a district's signal comes back and STORM_PHONES phones flush their
    // outboxes at once, STORM_QUEUE queued entries each, a phone's queue as one batched request.
    // Then every phone sends the same batch again (its acknowledgement was lost): nothing more
    // may be written.
    results.storm = await reconnectStorm(base, pg, items, others.length + 1);
    log(`storm: ${results.storm.phones} phones × ${results.storm.perPhone} entries in ${results.storm.seconds} s; applied ${results.storm.applied}, after replay ${results.storm.appliedAfterReplay}`);

    // The public map while delegates write (20 entries/s city-wide): caches keyed on the data's
    // version are rebuilt as it changes, so this is the map's latency in a live network.
    const mapPath = chosen.get("map");
    if (mapPath) {
      const [mapUnderWrites, writesBeside] = await Promise.all([
        load({ url: base + mapPath, connections: 1, seconds: D.latencySeconds }),
        paced({ url: base + writePath, method: "POST", rate: 20, seconds: D.latencySeconds, request: entry }),
      ]);
      results.mapUnderWrites = { map: mapUnderWrites, writes: writesBeside };
      log(`map during 20 writes/s: p50 ${mapUnderWrites.p50} p95 ${mapUnderWrites.p95} ms (writes p95 ${writesBeside.p95} ms)`);
    }
  }

  // Map tiles for every browser below: blank, from loopback (the build points at this port).
  const tiles = await blankTileServer(TILE_PORT);
  cleanups.push(() => new Promise<void>((r) => tiles.close(() => r())));

  // 4d. Chromium, throttled, cold cache.
  const browser = await launch();
  cleanups.push(() => browser.close());
  const mapPath = (await exists(base, "/mapa")) ? "/mapa" : null;
  const sessionCookies = cookie.split("; ").map((kv) => {
    const i = kv.indexOf("=");
    return { name: kv.slice(0, i), value: kv.slice(i + 1), url: base };
  });
  // The phone profile (#12) is timed by phoneVisits below (first visit, repeat, offline, reconnect, each proven by a submit).
  for (const network of ["slow-4g", "slow-3g"] as NetworkName[]) {
    const all: { name: string; path: string | null; ready: { selector: string; hydrated?: boolean }; prepare?: Parameters<typeof timePage>[2]["prepare"] }[] = [
      {
        name: "map-first-markers",
        path: mapPath,
        // A marker or cluster on the map: the server-drawn preview's or one Leaflet placed (the
        // legend uses the same symbols: not those).
        ready: { selector: `.map-preview .map-preview-marker, .leaflet-marker-pane .leaflet-marker-icon` },
      },
      {
        name: "map-leaflet-markers",
        path: mapPath,
        // The interactive map: Leaflet loaded and its first markers placed (they can be opened).
        ready: { selector: `.leaflet-marker-pane .leaflet-marker-icon` },
      },
      {
        name: "delegate-home-usable",
        path: `/mi-olla/${delegate.ollaId}`,
        // Usable: her olla's name is on screen and React has hydrated it (handlers attached).
        ready: { selector: `[data-testid="olla-name"]`, hydrated: true },
        prepare: (ctx) => ctx.addCookies(sessionCookies),
      },
    ];
    const pages = all;
    for (const pg0 of pages) {
      if (!pg0.path) {
        results.browser.push({ page: pg0.name, network, ms: null, transferredKb: 0, requests: 0, error: "MISSING" });
        continue;
      }
      const runs: PageTiming[] = [];
      for (let i = 0; i < D.browserRuns; i++) {
        runs.push(await timePage(browser, base, { name: pg0.name, path: pg0.path, network, ready: pg0.ready, timeoutMs: network === "slow-4g" ? 45_000 : 90_000, prepare: pg0.prepare }));
      }
      const ok = runs.filter((r) => r.ms !== null).map((r) => r.ms!);
      const median = ok.length ? summarize(ok).p50 : null;
      results.browser.push({ ...runs[0]!, ms: median, runs: runs.map((r) => r.ms), error: ok.length ? undefined : runs[0]!.error });
      log(`browser ${pg0.name} ${network}: ${runs.map((r) => r.ms ?? r.error).join(", ")} ms`);
    }
  }
  // 4e. The phone profile (#12): her home on a first visit, a repeat visit and offline (service
  // worker), each until a submit made then is saved; and a queued change's trip after reconnecting.
  {
    const phoneServer: PhoneServer = {
      newNeed: async () => {
        const res = await fetch(`${base}/api/trpc/need.create`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json", origin: base },
          body: JSON.stringify({ json: { ollaId: delegate.ollaId, idempotencyKey: randomUUID(), category: "water", description: `Bench ${randomUUID().slice(0, 8)}`, urgency: "critical", visibility: "network" } }),
        });
        const body = (await res.json()) as { result?: { data?: { json?: { id?: string } } } };
        const id = body.result?.data?.json?.id;
        if (!id) throw new Error(`need.create: HTTP ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
        return id;
      },
      needMet: async (id) => (await pg`select status from needs where id = ${id}`)[0]?.status === "met",
    };
    const visits: PhoneVisits[] = [];
    for (let i = 0; i < D.browserRuns; i++) {
      const v = await phoneVisits(browser, base, `/mi-olla/${delegate.ollaId}`, (ctx) => ctx.addCookies(sessionCookies), phoneServer);
      visits.push(v);
      log(`phone visit ${i + 1}: first ${v.firstMs} ms, repeat ${v.repeatMs} ms, offline ${v.offlineMs} ms, reconnect ${v.reconnectMs} ms${v.error ? ` (${v.error})` : ""}`);
    }
    for (const [name, pick] of [
      ["delegate-home-usable", (v: PhoneVisits) => v.firstMs],
      ["delegate-home-usable-repeat", (v: PhoneVisits) => v.repeatMs],
      ["delegate-home-usable-offline", (v: PhoneVisits) => v.offlineMs],
      ["delegate-reconnect-sent", (v: PhoneVisits) => v.reconnectMs],
    ] as const) {
      const ok = visits.map(pick).filter((m): m is number => m !== null);
      results.browser.push({ page: name, network: "phone", ms: ok.length ? summarize(ok).p50 : null, runs: visits.map(pick), transferredKb: 0, requests: 0, error: ok.length ? undefined : (visits.find((v) => v.error)?.error ?? "no run") });
      log(`browser ${name} phone: ${visits.map((v) => pick(v) ?? v.error).join(", ")} ms`);
    }
  }

  await benchPosts({ quick: QUICK, base, browser, outDir: OUT_DIR, log });

  // 4e. Lighthouse, mobile preset (simulated slow 4G, 4× CPU), signed out, on the public pages.
  results.lighthouse = await runLighthouse(base, await lighthousePages(base), LIGHTHOUSE_RUNS, log);

  return finish(results, started, loadSamples, loadTimer);
}

async function finish(results: Results, started: number, loadSamples: number[], loadTimer: NodeJS.Timeout) {
  await cleanup();
  results.machine.loadavgEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  clearInterval(loadTimer);
  results.machine.loadavgDuring = {
    mean: Math.round((loadSamples.reduce((a, b) => a + b, 0) / (loadSamples.length || 1)) * 100) / 100,
    max: Math.round(Math.max(0, ...loadSamples) * 100) / 100,
  };
  results.seconds = Math.round((Date.now() - started) / 1000);
  results.figures = figures(results);
  const failures = writeReport(results, { outDir: OUT_DIR, markdown: !QUICK && !ONLY, only: !!ONLY });
  log(`done in ${results.seconds} s → bench-results/${ONLY ? "only" : QUICK ? "quick" : "latest"}.json${QUICK || ONLY ? "" : " and BENCHMARKS.md"}`);
  for (const f of results.figures) console.log(`  ${f.status.padEnd(7)} ${f.figure}: ${f.value} (target ${f.target})`);
  if (failures.length) {
    console.error(`harness problems:\n  ${failures.join("\n  ")}`);
    process.exitCode = 1;
  }
}

function startStaticServer(file: string, port: number, type: string): Promise<() => Promise<void>> {
  // A separate process, as small as it gets: the bytes from disk, nothing else.
  const code = `const http=require("http"),fs=require("fs");const [f,p,t]=process.argv.slice(1);const size=fs.statSync(f).size;
http.createServer((q,s)=>{s.writeHead(200,{"content-type":t,"content-length":size});fs.createReadStream(f).pipe(s)}).listen(+p,"127.0.0.1",()=>console.log("ready"))`;
  const child = spawn(process.execPath, ["-e", code, file, String(port), type], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.stdout!.once("data", () =>
      resolve(
        () =>
          new Promise<void>((r) => {
            child.once("exit", () => r());
            child.kill("SIGTERM");
          }),
      ),
    );
  });
}

/** Every figure with its target; PASS / MISS (by how much) / MISSING / INFO. */
function figures(r: Results): Figure[] {
  const out: Figure[] = [];
  const miss = (value: number, target: number, unit: string) => `misses by ${Math.round((value - target) * 100) / 100} ${unit} (${Math.round((value / target) * 100 - 100)} %)`;
  const floors = stackFloors(r.reads);
  for (const read of r.reads) {
    if (read.status !== "ok") {
      out.push({ figure: `${read.label}`, value: "—", target: read.ratioTarget ? `≤ ${read.ratioTarget}× SQL, p95 ≤ ${read.p95Target} ms` : "—", status: "MISSING" });
      continue;
    }
    if (read.latency!.n === 0) {
      out.push({ figure: `${read.label}: p95`, value: `no answer within the ${read.latency!.seconds} s phase`, target: `≤ ${read.p95Target ?? "—"} ms`, status: "MISS" });
      continue;
    }
    if (read.p95Target) {
      const v = read.latency!.p95;
      out.push({ figure: `${read.label}: p95`, value: `${v} ms`, target: `≤ ${read.p95Target} ms`, status: v <= read.p95Target ? "PASS" : "MISS", note: v > read.p95Target ? miss(v, read.p95Target, "ms") : undefined });
    }
    if (read.ratioTarget && read.ratio !== null && read.ratio !== undefined) {
      const v = read.ratio;
      const floor = read.auth ? floors.auth : floors.public;
      const judged = readAboveFloor(read, r.reads);
      const above = judged?.ratio ?? null;
      out.push({
        figure: `${read.label}: app p50 / bare SQL p50`,
        value: `${v}× (${read.latency!.p50} / ${read.sql!.p50} ms)`,
        target: `≤ ${read.ratioTarget}×`,
        // Judged above the stack's floor when that is measured: the raw ratio of a read whose SQL
        // takes about a millisecond is the floor's, whatever the read does.
        status: v <= read.ratioTarget ? "PASS" : above !== null ? "INFO" : "MISS",
        note: v > read.ratioTarget ? (above !== null ? `includes the stack's floor of ${floor} ms: judged on the next line` : miss(v, read.ratioTarget, "×")) : undefined,
      });
      if (above !== null && v > read.ratioTarget) {
        out.push({
          figure: `${read.label}: (app p50 − stack floor) / bare SQL p50`,
          value: `${above}× (${judged!.how})`,
          target: `≤ ${read.ratioTarget}×`,
          status: above <= read.ratioTarget ? "PASS" : "MISS",
          note: above > read.ratioTarget ? miss(above, read.ratioTarget, "×") : undefined,
        });
      }
    }
  }
  for (const [label, uncached] of [
    ["Public dashboard computed on every request (PUBLIC_CACHE_SECONDS=0)", r.dashboardUncached],
    ["Public labour and renewal computed on every request (PUBLIC_CACHE_SECONDS=0)", r.labourUncached],
  ] as const) {
    if (!uncached) continue;
    const { latency, ratio } = uncached;
    out.push({ figure: `${label}: p95`, value: `${latency.p95} ms`, target: "≤ 150 ms", status: latency.p95 <= 150 ? "PASS" : "MISS", note: latency.p95 > 150 ? miss(latency.p95, 150, "ms") : undefined });
    if (ratio !== null) out.push({ figure: `${label}: app p50 / bare SQL p50`, value: `${ratio}× (${latency.p50} ms)`, target: "≤ 1.5×", status: ratio <= 1.5 ? "PASS" : "MISS", note: ratio > 1.5 ? miss(ratio, 1.5, "×") : undefined });
  }
  if (r.mapUnderWrites) {
    const v = r.mapUnderWrites.map.p95;
    out.push({ figure: "Public map data while 20 stock entries/s are written: p95", value: `${v} ms`, target: "≤ 150 ms", status: v <= 150 ? "PASS" : "MISS", note: v > 150 ? miss(v, 150, "ms") : undefined });
  }
  if (!r.write || r.write.status !== "ok") out.push({ figure: "Stock write p99 at 100 req/s", value: "—", target: "≤ 50 ms", status: "MISSING" });
  else {
    const v = r.write.load!.p99;
    out.push({ figure: "Stock write p99 at 100 req/s", value: `${v} ms (${r.write.load!.reqPerSec} req/s achieved)`, target: "≤ 50 ms", status: v <= 50 ? "PASS" : "MISS", note: v > 50 ? miss(v, 50, "ms") : undefined });
  }
  if (!r.storm) out.push({ figure: "Reconnect storm: 100 phones × 10 queued entries", value: "—", target: "all applied once ≤ 15 s", status: "MISSING" });
  else {
    const { seconds, applied, appliedAfterReplay, phones, perPhone } = r.storm;
    const want = phones * perPhone;
    const ok = seconds <= 15 && applied === want && appliedAfterReplay === want;
    out.push({
      figure: `Reconnect storm: ${phones} phones × ${perPhone} queued entries at once, then replayed`,
      value: `${seconds} s; ${applied} applied, ${appliedAfterReplay} after replay (batch p99 ${r.storm.batch.p99} ms, PostgreSQL CPU ${r.storm.pgCpuMsPerWrite} ms/write)`,
      target: `${want} applied exactly once, ≤ 15 s`,
      status: ok ? "PASS" : "MISS",
      note: ok ? undefined : seconds > 15 ? miss(seconds, 15, "s") : "not applied exactly once",
    });
  }
  out.push(...federationFigures(r.federation, r.mode === "quick"));
  for (const b of r.browser) {
    if (b.page === "map-first-markers" && b.network === "slow-4g") {
      if (b.ms === null) out.push({ figure: "Public map: first markers, Slow 4G", value: b.error ?? "—", target: "≤ 2000 ms", status: b.error === "MISSING" ? "MISSING" : "MISS" });
      else out.push({ figure: "Public map: first markers, Slow 4G", value: `${b.ms} ms`, target: "≤ 2000 ms", status: b.ms <= 2000 ? "PASS" : "MISS", note: b.ms > 2000 ? miss(b.ms, 2000, "ms") : undefined });
    } else if ((b.page === "delegate-home-usable-repeat" || b.page === "delegate-home-usable-offline") && b.network === "phone") {
      const figure =
        b.page.endsWith("repeat")
          ? "Delegate home usable, phone profile, repeat visit (service worker; a submit then is saved on the server)"
          : "Delegate home usable, phone profile, offline (service worker; a submit then is queued in the outbox)";
      if (b.ms === null) out.push({ figure, value: b.error ?? "—", target: "≤ 1500 ms", status: "MISS" });
      else out.push({ figure, value: `${b.ms} ms (runs ${b.runs?.join(", ")})`, target: "≤ 1500 ms", status: b.ms <= 1500 ? "PASS" : "MISS", note: b.ms > 1500 ? miss(b.ms, 1500, "ms") : undefined });
    } else if (b.page === "delegate-home-usable" && b.network === "phone") {
      // Issue #12: on the phone profile (360 px, 400 ms RTT, 400 kbit/s, CPU 4×), first visit, cold cache, no service worker yet.
      const figure = "Delegate home usable, phone profile, first visit (a submit then is saved on the server)";
      if (b.ms === null) out.push({ figure, value: b.error ?? "—", target: "≤ 5000 ms", status: b.error === "MISSING" ? "MISSING" : "MISS" });
      else out.push({ figure, value: `${b.ms} ms (runs ${b.runs?.join(", ")})`, target: "≤ 5000 ms", status: b.ms <= 5000 ? "PASS" : "MISS", note: b.ms > 5000 ? miss(b.ms, 5000, "ms") : undefined });
    } else if (b.page === "delegate-reconnect-sent" && b.network === "phone") {
      const figure = "A queued change reaches the server after the connection returns, phone profile";
      if (b.ms === null) out.push({ figure, value: b.error ?? "—", target: "≤ 2000 ms", status: "MISS" });
      else out.push({ figure, value: `${b.ms} ms (runs ${b.runs?.join(", ")})`, target: "≤ 2000 ms", status: b.ms <= 2000 ? "PASS" : "MISS", note: b.ms > 2000 ? miss(b.ms, 2000, "ms") : undefined });
    } else {
      out.push({ figure: `${b.page}, ${b.network}`, value: b.ms === null ? (b.error ?? "—") : `${b.ms} ms`, target: "—", status: b.error === "MISSING" ? "MISSING" : "INFO" });
    }
  }
  for (const lh of r.lighthouse) {
    const label = `Lighthouse ${lh.path} (mobile, median of ${lh.runs})`;
    const target = `performance ≥ ${lh.budget.performance}, accessibility ${lh.budget.accessibility}, best practices ≥ ${lh.budget.bestPractices}`;
    if (lh.error && lh.runs === 0) {
      out.push({ figure: label, value: lh.error, target, status: "MISSING" });
      continue;
    }
    const why = [
      lh.performance < lh.budget.performance ? `performance: TBT ${lh.tbt} ms, LCP ${lh.lcp} ms, ${lh.scriptKb} KB of JS` : null,
      ...lh.failing,
    ].filter(Boolean);
    out.push({
      figure: label,
      value: `${lh.performance} / ${lh.accessibility} / ${lh.bestPractices} (performance runs ${lh.performanceRuns.join(", ")}; TBT ${lh.tbt} ms, LCP ${lh.lcp} ms; host index ${lh.benchmarkIndex.join(", ")}${lh.slowHost ? ", all on a slow host" : ""}${lh.lost ? `; ${lh.lost} run(s) lost to Lighthouse and run again` : ""})`,
      target,
      status: meetsBudget(lh) ? "PASS" : "MISS",
      note: meetsBudget(lh) ? undefined : why.join("; "),
    });
  }
  for (const js of r.firstLoadJs.filter((x) => x.route === "/mapa")) {
    // The public map's JavaScript in all: its first load and the Leaflet chunk it loads next.
    const kb = Math.round(((js.gzipBytes + (r.leafletChunkBytes ?? 0)) / 1024) * 10) / 10;
    out.push({ figure: "Public /mapa JavaScript in all, first load + Leaflet (gzip)", value: `${kb} KB`, target: "≤ 200 KB", status: kb <= 200 ? "PASS" : "MISS", note: kb > 200 ? miss(kb, 200, "KB") : undefined });
  }
  for (const js of r.firstLoadJs.filter((x) => x.route.startsWith("/mi-olla"))) {
    const kb = Math.round((js.gzipBytes / 1024) * 10) / 10;
    out.push({ figure: `First-load JS ${js.route} (gzip)`, value: `${kb} KB`, target: "≤ 150 KB", status: kb <= 150 ? "PASS" : "MISS", note: kb > 150 ? miss(kb, 150, "KB") : undefined });
  }
  for (const e of r.exports) {
    const label = `Full ${e.kind.toUpperCase()} export`;
    if (e.status !== "ok") {
      out.push({ figure: label, value: "—", target: "≤ 2 s, memory flat", status: "MISSING" });
      continue;
    }
    const worst = Math.max(...e.runs.map((x) => x.seconds));
    const growth = Math.max(...e.runs.map((x) => x.growthMb));
    out.push({ figure: `${label}: time (slowest of ${e.runs.length})`, value: `${worst} s (${Math.round(e.runs[0]!.bytes / 1024)} KB)`, target: "≤ 2 s", status: worst <= 2 ? "PASS" : "MISS", note: worst > 2 ? miss(worst, 2, "s") : undefined });
    // Flat: the peak RSS during the download stays within 32 MB of the baseline (a buffered export of the
    // same rows holds the rows, the objects and the whole string at once).
    out.push({ figure: `${label}: peak RSS growth`, value: `${growth} MB (baseline ${e.runs[0]!.baselineRssMb} MB)`, target: "≤ 32 MB (flat)", status: growth <= 32 ? "PASS" : "MISS", note: growth > 32 ? miss(growth, 32, "MB") : undefined });
  }
  return out;
}

const STORM_PHONES = 100;
const STORM_QUEUE = 10;

/** 100 phones × 10 queued entries sent at once (each phone's queue in one tRPC batch), then replayed. */
async function reconnectStorm(base: string, pg: postgres.Sql, items: { id: string; unit: string }[], skip: number): Promise<NonNullable<Results["storm"]>> {
  const phones = (
    await pg`select u.phone, min(m.olla_id::text) as olla_id from users u
      join memberships m on m.user_id = u.id and m.role = 'delegate' and m.active
      join ollas o on o.id = m.olla_id and o.status = 'active'
      where u.active and u.phone like '+5191%' group by u.phone order by u.phone offset ${skip} limit ${STORM_PHONES}`
  ).map((x) => ({ identifier: String(x.phone).replace(/^\+51/, ""), ollaId: String(x.olla_id) }));
  const sessions: { cookie: string; ollaId: string }[] = [];
  for (const p of phones) sessions.push({ cookie: await login(base, p.identifier, SCALE_PASSWORD), ollaId: p.ollaId });
  const today = limaToday();
  const batches = sessions.map((s, i) => {
    const calls = Array.from({ length: STORM_QUEUE }, (_, j) => {
      const item = items[(i + j) % items.length]!;
      return { json: { ollaId: s.ollaId, idempotencyKey: randomUUID(), itemId: item.id, unit: item.unit, quantity: item.unit === "kg" || item.unit === "l" ? 2.5 : 2, occurredOn: today, sourceType: "purchase" } };
    });
    const procs = Array.from({ length: STORM_QUEUE }, () => "stock.recordEntry").join(",");
    return { url: `${base}/api/trpc/${procs}?batch=1`, headers: { cookie: s.cookie, "content-type": "application/json", origin: base }, body: JSON.stringify(Object.fromEntries(calls.map((c, k) => [String(k), c]))) };
  });
  const count = async () => (await pg`select count(*)::int as n from stock_movements`)[0]!.n as number;
  const send = async () => {
    const latencies: number[] = [];
    let failed = 0;
    const t0 = performance.now();
    await Promise.all(
      batches.map(async (b) => {
        const s0 = performance.now();
        const res = await fetch(b.url, { method: "POST", headers: b.headers, body: b.body });
        const out = (await res.json()) as { error?: unknown }[];
        failed += Array.isArray(out) ? out.filter((x) => x.error).length : STORM_QUEUE;
        latencies.push(performance.now() - s0);
      }),
    );
    return { seconds: Math.round((performance.now() - t0) / 100) / 10, latencies, failed };
  };
  const before = await count();
  const pgCpu0 = postgresCpuMs();
  const first = await send();
  const pgCpuMsPerWrite = Math.round(((postgresCpuMs() - pgCpu0) / (STORM_PHONES * STORM_QUEUE)) * 10) / 10;
  const applied = (await count()) - before;
  const replay = await send();
  const appliedAfterReplay = (await count()) - before;
  return {
    phones: sessions.length,
    perPhone: STORM_QUEUE,
    seconds: first.seconds,
    batch: summarize(first.latencies),
    failed: first.failed + replay.failed,
    applied,
    appliedAfterReplay,
    replaySeconds: replay.seconds,
    pgCpuMsPerWrite,
  };
}

main()
  .catch(async (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    await cleanup();
    process.exitCode = 1;
  })
  .finally(() => {
    // autocannon and postgres.js may keep handles: the run is over.
    setTimeout(() => process.exit(process.exitCode ?? 0), 500).unref();
  });
