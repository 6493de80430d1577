/**
 * npx tsx scripts/bench-map.ts [--ollas 10000] [--needs 200000] [--runs 15]
 *
 * Measures the city map at scale: server time and payload bytes of the map procedures
 * (through the real tRPC caller) and of the streamed GeoJSON export. With DATABASE_URL it
 * uses that PostgreSQL database (filling it if it has no ollas); without, an in-memory
 * PGlite that it fills with the deterministic scale generator (needs included, no ledger).
 * Prints a Markdown table for BENCHMARKS.md ("Map") and, with --json FILE, the raw figures.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { sql } from "drizzle-orm";
import superjson from "superjson";
import { appRouter } from "~/server/api/root";
import { createCallerFactory, createInnerContext } from "~/server/api/trpc";
import { openDatabase, rowsOf, type Db } from "~/server/db/client";
import { mapPoints } from "~/server/db/queries/map";
import { buildClusterIndex } from "~/server/domain/map";
import { geojsonPieces } from "~/server/open-data/ollas";
import { clearMapCache } from "~/server/services/map";
import { generateScaleData } from "./bench/generate";

const { values } = parseArgs({
  options: {
    ollas: { type: "string", default: "10000" },
    needs: { type: "string", default: "200000" },
    runs: { type: "string", default: "15" },
    json: { type: "string" },
  },
});
const RUNS = Number(values.runs);
const CITY = { west: -77.35, south: -12.4, east: -76.65, north: -11.7 };
/** A phone-sized viewport (≈ 400 × 700 px) centred on a point, at a zoom. */
function viewport(lat: number, lng: number, zoom: number) {
  const degPerPx = 360 / (256 * 2 ** zoom);
  return { west: lng - 200 * degPerPx, east: lng + 200 * degPerPx, south: lat - 350 * degPerPx, north: lat + 350 * degPerPx };
}

interface Row {
  what: string;
  medianMs: number;
  p95Ms: number;
  bytes: number;
  gzipBytes: number;
  note?: string;
}
const rows: Row[] = [];

const sizeOf = (result: unknown) => {
  // What the tRPC HTTP answer carries for one query: superjson's envelope inside {result:{data}}.
  const body = JSON.stringify({ result: { data: superjson.serialize(result) } });
  return { bytes: Buffer.byteLength(body), gzipBytes: gzipSync(body).length };
};

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { medianMs: Math.round(q(0.5) * 10) / 10, p95Ms: Math.round(q(0.95) * 10) / 10 };
}

async function measure(what: string, fn: () => Promise<unknown>, opts: { runs?: number; cold?: boolean; note?: string } = {}) {
  const times: number[] = [];
  let last: unknown;
  await fn(); // warm the code path (and, unless cold, the cache)
  for (let i = 0; i < (opts.runs ?? RUNS); i++) {
    if (opts.cold) clearMapCache();
    const t0 = performance.now();
    last = await fn();
    times.push(performance.now() - t0);
  }
  const row: Row = { what, ...stats(times), ...sizeOf(last), ...(opts.note ? { note: opts.note } : {}) };
  rows.push(row);
  console.error(`${what}: median ${row.medianMs} ms, p95 ${row.p95Ms} ms, ${row.bytes} B (${row.gzipBytes} B gzip)`);
  return last;
}

async function main() {
  const url = process.env.DATABASE_URL;
  const handle = url ? await openDatabase({ url, max: 4 }) : await openDatabase({});
  const db: Db = handle.db;
  const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ollas`));
  if (n === 0) {
    const [{ su } = { su: false }] = rowsOf<{ su: boolean }>(await db.execute(sql`select rolsuper as su from pg_roles where rolname = current_user`));
    const t0 = performance.now();
    await generateScaleData(db, { ollas: Number(values.ollas), needs: Number(values.needs), movements: 0, seed: 42, today: "2026-06-01", fast: su });
    console.error(`generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const counts = rowsOf<{ ollas: number; active: number; assessments: number; needs: number; urgent: number }>(
    await db.execute(sql`select (select count(*)::int from ollas) as ollas, (select count(*)::int from ollas where status <> 'closed') as active,
      (select count(*)::int from assessments) as assessments, (select count(*)::int from needs) as needs,
      (select count(distinct olla_id)::int from needs where status = 'open' and visibility = 'public' and urgency in ('high', 'critical')) as urgent`),
  )[0]!;
  console.error(`dataset: ${JSON.stringify(counts)} on ${handle.kind}`);

  const createCaller = createCallerFactory(appRouter);
  const anon = createCaller(createInnerContext({ db, session: null }));
  const city = createCaller(
    createInnerContext({ db, session: { id: "00000000-0000-0000-0000-000000000000", name: "bench", sessionId: "bench", memberships: [{ role: "city_coordinator", ollaId: null, zoneId: null }] } }),
  );
  // San Juan de Lurigancho, the densest district, at neighbourhood and street zoom.
  const sjl = rowsOf<{ lat: number; lng: number }>(await db.execute(sql`select centroid_lat as lat, centroid_lng as lng from districts where ubigeo = '150132'`))[0]!;
  const SJL_13 = viewport(sjl.lat, sjl.lng, 13);
  const SJL_16 = viewport(sjl.lat, sjl.lng, 16);
  const someOlla = rowsOf<{ id: string }>(await db.execute(sql`select id from ollas where status = 'active' order by id limit 1`))[0]!.id;

  // The index build alone: the SQL that feeds it, then supercluster.
  await measure("index SQL (compact rows, all ollas)", () => mapPoints(db, {}, null), { runs: 5, note: "server-internal: never sent to a client" });
  const pts = await mapPoints(db, {}, null);
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const tb = performance.now();
    buildClusterIndex(pts);
    loads.push(performance.now() - tb);
  }
  rows.push({ what: `supercluster index build (${pts.length} points, in process)`, ...stats(loads), bytes: 0, gzipBytes: 0, note: "server-internal" });

  await measure("map.clusters, whole city, zoom 10, cold (index rebuilt)", () => anon.map.clusters({ bbox: CITY, zoom: 10 }), { runs: 5, cold: true });
  await measure("map.clusters, whole city, zoom 10, cached index", () => anon.map.clusters({ bbox: CITY, zoom: 10 }));
  await measure("map.clusters, SJL, phone viewport, zoom 13, cached", () => anon.map.clusters({ bbox: SJL_13, zoom: 13 }));
  await measure("map.clusters, SJL, phone viewport, zoom 16, cached", () => anon.map.clusters({ bbox: SJL_16, zoom: 16 }));
  await measure("map.clusters, filter water: critical, cold", () => anon.map.clusters({ bbox: CITY, zoom: 10, filter: { category: "water", level: 0 } }), { runs: 5, cold: true });
  await measure("map.clusters, filter urgent needs, cold", () => anon.map.clusters({ bbox: CITY, zoom: 10, filter: { urgentNeeds: true } }), { runs: 5, cold: true });
  await measure("map.clusters as city coordinator (exact points), cold", () => city.map.clusters({ bbox: CITY, zoom: 10 }), { runs: 5, cold: true });
  await measure("map.list, first page of 50", () => anon.map.list({ limit: 50, offset: 0 }), { runs: 5 });
  await measure("map.ollaSummary (panel)", () => anon.map.ollaSummary({ ollaId: someOlla }));
  await measure("map.zoneLayer, water, whole city", () => city.map.zoneLayer({ category: "water" }), { runs: 5 });
  const pairs = (await measure("map.nearPairs, whole city (grid join)", () => city.map.nearPairs({}), { runs: 5 })) as { total: number };
  rows.at(-1)!.note = `${pairs.total} pairs`;

  // For scale: what shipping every olla as a full public object would weigh.
  const all = await anon.map.list({ limit: 100, offset: 0 });
  const perItem = sizeOf(all.items).bytes / all.items.length;
  const naiveBytes = Math.round(perItem * counts.active);

  // The streamed export: time, bytes, and how much the heap grows while it is read.
  const exportTimes: number[] = [];
  let exportBytes = 0;
  let heapGrowth = 0;
  for (let i = 0; i < 3; i++) {
    global.gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const t0 = performance.now();
    let bytes = 0;
    for await (const piece of geojsonPieces(db, "https://bench.example")) {
      bytes += Buffer.byteLength(piece);
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    exportTimes.push(performance.now() - t0);
    exportBytes = bytes;
    heapGrowth = Math.max(heapGrowth, peak - base);
  }
  rows.push({ what: "GET /api/public/v1/ollas.geojson (streamed, all active ollas)", ...stats(exportTimes), bytes: exportBytes, gzipBytes: 0, note: `heap +${(heapGrowth / 1e6).toFixed(1)} MB while streaming` });

  const load = os.loadavg().map((x) => x.toFixed(1)).join(" / ");
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${handle.kind === "pglite" ? "PGlite (embedded, in memory)" : "PostgreSQL (same machine)"}; load average at the end ${load}`;
  const lines = [
    `Machine: ${machine}. Date: ${new Date().toISOString().slice(0, 10)}.`,
    `Dataset: ${counts.ollas} ollas (${counts.active} not closed), ${counts.assessments} assessments, ${counts.needs} needs (${counts.urgent} ollas with urgent public needs). Runs per row: ${RUNS} (5 for cold and heavy rows).`,
    "",
    "| what | median ms | p95 ms | payload bytes | gzip bytes | note |",
    "|---|---:|---:|---:|---:|---|",
    ...rows.map((r) => `| ${r.what} | ${r.medianMs} | ${r.p95Ms} | ${r.bytes ? r.bytes.toLocaleString("en") : "–"} | ${r.gzipBytes ? r.gzipBytes.toLocaleString("en") : "–"} | ${r.note ?? ""} |`),
    "",
    `For comparison, sending every olla as a list item (name, district, rations, worst problem) would be ≈ ${naiveBytes.toLocaleString("en")} bytes per map load.`,
  ];
  console.log(lines.join("\n"));
  if (values.json) writeFileSync(values.json, JSON.stringify({ machine, counts, rows, naiveBytes }, null, 2));
  await handle.close();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
