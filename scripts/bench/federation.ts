/**
 * Federation in npm run bench (issue 18). This process subscribes to the measured server as a
 * peer would, into a subscriber database of its own on the same PostgreSQL server, through the
 * real pull (src/server/services/federation/subscribe.ts: HTTP, signature, schema, apply):
 *  - a pull from scratch of the whole peer (every public olla and need it publishes) — target
 *    ≤ 30 s at 10,000 ollas;
 *  - 100 of the peer's ollas changed, then one incremental pull — target ≤ 1 s;
 * with memory watched on both sides: this process's heap (the subscriber) and the server's RSS
 * (the publisher) must stay flat, because a pull goes page by page.
 * Quick mode (300 ollas) reports the same figures as INFO, without targets.
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, rowsOf } from "~/server/db/client";
import { findPeer, insertPeer } from "~/server/db/queries/federation";
import { pullPeer } from "~/server/services/federation/subscribe";
import type { Figure } from "./report";

export interface FederationResult {
  peerOllas: number;
  peerNeeds: number;
  pulls: number;
  pages: number;
  items: number;
  fullSeconds: number;
  incrementalSeconds: number;
  incrementalItems: number;
  subscriberHeapMb: { baseline: number; peak: number };
  publisherRssMb: { baseline: number; peak: number };
  error?: string;
}

const CHANGES = 100;
const FULL_TARGET_S = 30;
const INCREMENTAL_TARGET_S = 1;

function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN;
}

/** Peaks of this process's heap and the server's RSS while `fn` runs (polled every 20 ms). */
async function watched<T>(serverPid: number, fn: () => Promise<T>) {
  const heap = () => Math.round(process.memoryUsage().heapUsed / 104857.6) / 10;
  const out = { subscriberHeapMb: { baseline: heap(), peak: heap() }, publisherRssMb: { baseline: rssMb(serverPid), peak: rssMb(serverPid) } };
  const timer = setInterval(() => {
    out.subscriberHeapMb.peak = Math.max(out.subscriberHeapMb.peak, heap());
    out.publisherRssMb.peak = Math.max(out.publisherRssMb.peak, rssMb(serverPid));
  }, 20);
  try {
    return { value: await fn(), ...out };
  } finally {
    clearInterval(timer);
  }
}

type Options = {
  base: string;
  databaseUrl: string;
  adminUrl: string;
  serverPid: number;
  quick: boolean;
  log: (m: string) => void;
  /** false: the subscriber follows the changes from 0 instead of taking a snapshot (the comparison). */
  snapshot?: boolean;
};

/** Never throws: a failure is reported as the figures' value, and the rest of the bench goes on. */
export async function benchFederation(o: Options): Promise<FederationResult> {
  try {
    return await measure(o);
  } catch (err) {
    const error = (err instanceof Error ? err.message : String(err)).slice(0, 300);
    o.log(`federation: FAILED ${error}`);
    const none = { baseline: 0, peak: 0 };
    return { peerOllas: 0, peerNeeds: 0, pulls: 0, pages: 0, items: 0, fullSeconds: 0, incrementalSeconds: 0, incrementalItems: 0, subscriberHeapMb: none, publisherRssMb: none, error };
  }
}

async function measure(o: Options): Promise<FederationResult> {
  // The measured server is on loopback: allowed here as in the tests and the two-instance demo.
  process.env.FEDERATION_ALLOW_LOOPBACK = "1";
  const name = `ollas_bench_fed_${process.pid}`;
  const admin = postgres(o.adminUrl, { max: 1, onnotice: () => {} });
  const publisher = postgres(o.databaseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const u = new URL(o.adminUrl);
  u.pathname = `/${name}`;
  const sub = await openDatabase({ url: u.toString(), max: 4 });
  try {
    // Pin the server's current key, as a coordinator does after comparing its thumbprint.
    const keys = (await (await fetch(`${o.base}/api/federation/v1/keys`)).json()) as { keys: { kid: string; kty: string; crv: string; x: string }[] };
    const k = keys.keys[keys.keys.length - 1]!;
    const peer = await insertPeer(sub.db, { name: "bench", baseUrl: o.base, pinnedKid: k.kid, pinnedJwk: { kty: k.kty, crv: k.crv, x: k.x }, createdBy: null });
    const [head] = await publisher`select coalesce(max(seq), 0)::bigint as head from federation_changes`;

    // From scratch: pull until the cursor reaches the head (one pull reads at most 400 pages).
    const t0 = performance.now();
    const full = await watched(o.serverPid, async () => {
      let pulls = 0;
      let pages = 0;
      let items = 0;
      for (;;) {
        const r = await pullPeer(sub.db, peer.id, { snapshot: o.snapshot });
        pulls++;
        pages += r.pages;
        items += r.items;
        if (r.outcome !== "ok") throw new Error(`pull ${pulls}: ${r.outcome} ${r.reason ?? ""}`);
        if (Number((await findPeer(sub.db, peer.id))!.cursor) >= Number(head!.head) || r.pages === 0) break;
      }
      return { pulls, pages, items };
    });
    const fullSeconds = Math.round((performance.now() - t0) / 10) / 100;
    const [got] = rowsOf<{ ollas: number; needs: number }>(
      await sub.db.execute(sql`select (select count(*)::int from federation_peer_ollas) as ollas, (select count(*)::int from federation_peer_needs) as needs`),
    );
    o.log(`federation: full pull ${fullSeconds} s (${full.value.pulls} pulls, ${full.value.pages} pages, ${full.value.items} items → ${got!.ollas} ollas, ${got!.needs} needs); subscriber heap ${full.subscriberHeapMb.baseline} → ${full.subscriberHeapMb.peak} MB, publisher RSS ${full.publisherRssMb.baseline} → ${full.publisherRssMb.peak} MB`);

    // 100 ollas change on the peer (their rations: one committed change each), then one pull.
    await publisher`update ollas set rations_per_day = rations_per_day + 1 where id in (select id from ollas where status <> 'closed' order by id limit ${CHANGES})`;
    const t1 = performance.now();
    const inc = await pullPeer(sub.db, peer.id);
    const incrementalSeconds = Math.round(performance.now() - t1) / 1000;
    if (inc.outcome !== "ok") throw new Error(`incremental pull: ${inc.outcome} ${inc.reason ?? ""}`);
    o.log(`federation: ${inc.items} changes pulled in ${incrementalSeconds} s (${inc.pages} page)`);
    return {
      peerOllas: Number(got!.ollas),
      peerNeeds: Number(got!.needs),
      ...full.value,
      fullSeconds,
      incrementalSeconds,
      incrementalItems: inc.items,
      subscriberHeapMb: full.subscriberHeapMb,
      publisherRssMb: full.publisherRssMb,
    };
  } finally {
    await sub.close();
    await publisher.end({ timeout: 5 });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end({ timeout: 5 });
  }
}

/** The figures: PASS/MISS against the issue's targets in a full run, INFO in a quick one. */
export function federationFigures(r: FederationResult | undefined, quick: boolean): Figure[] {
  const full = `Federation: pull of a peer from scratch${r ? ` (${r.peerOllas} ollas, ${r.peerNeeds} needs)` : ""}`;
  const inc = `Federation: incremental pull of ${CHANGES} changes`;
  if (!r || r.error) {
    return [
      { figure: full, value: r?.error ?? "—", target: `≤ ${FULL_TARGET_S} s at 10,000 ollas`, status: quick ? "INFO" : "MISSING" },
      { figure: inc, value: "—", target: `≤ ${INCREMENTAL_TARGET_S} s`, status: quick ? "INFO" : "MISSING" },
    ];
  }
  const memory = `subscriber heap ${r.subscriberHeapMb.baseline} → ${r.subscriberHeapMb.peak} MB, publisher RSS ${r.publisherRssMb.baseline} → ${r.publisherRssMb.peak} MB`;
  const status = (ok: boolean) => (quick ? "INFO" : ok ? "PASS" : "MISS");
  return [
    { figure: full, value: `${r.fullSeconds} s (${r.pages} pages; ${memory})`, target: `≤ ${FULL_TARGET_S} s at 10,000 ollas, memory flat`, status: status(r.fullSeconds <= FULL_TARGET_S) },
    { figure: inc, value: `${r.incrementalSeconds} s (${r.incrementalItems} items)`, target: `≤ ${INCREMENTAL_TARGET_S} s`, status: status(r.incrementalSeconds <= INCREMENTAL_TARGET_S && r.incrementalItems >= CHANGES) },
  ];
}

// ----------------------------------------------------------------------------- on its own
//
//   tsx scripts/bench/federation.ts --database-url postgres://…/ollas_copy [--port 4701] [--quick]
//
// The federation figures alone, without building the app: a second process serves the
// publisher's feed and keys with the route handlers' own code (feedResponse, jwks, rotations;
// the address stamped as `next start` does, so the rate limit counts it) on loopback, and this
// process pulls it through the real subscriber. The database is migrated first and is written
// to (the 100 changed ollas): use a copy of the scale database, never the shared one.

async function servePublisher(databaseUrl: string, port: number): Promise<void> {
  const { createServer } = await import("node:http");
  const { openDatabase } = await import("~/server/db/client");
  const { recordPeer, PEER_HEADER } = await import("~/server/http/peer-address");
  const { jwks, rotations } = await import("~/server/services/federation/keys");
  const { feedResponse } = await import("~/server/services/federation/publish");
  const { db } = await openDatabase({ url: databaseUrl });
  const base = `http://127.0.0.1:${port}`;
  const server = createServer((req, res) => {
    void (async () => {
      recordPeer(req);
      const u = new URL(req.url ?? "/", base);
      if (u.pathname === "/api/federation/v1/keys") {
        return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...(await jwks(db)), rotations: await rotations(db) }));
      }
      if (u.pathname !== "/api/federation/v1/feed") return res.writeHead(404).end();
      const answer = await feedResponse(new Request(`${base}${u.pathname}${u.search}`, { headers: { [PEER_HEADER]: String(req.headers[PEER_HEADER]) } }), db);
      const retryAfter = answer.headers.get("retry-after");
      res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json", ...(retryAfter ? { "retry-after": retryAfter } : {}) }).end(await answer.text());
    })().catch((err: unknown) => res.writeHead(500).end(String(err)));
  });
  server.listen(port, "127.0.0.1", () => console.log("ready"));
}

async function standalone(): Promise<void> {
  const { parseArgs } = await import("node:util");
  const { spawn } = await import("node:child_process");
  const os = await import("node:os");
  const { values } = parseArgs({
    options: {
      "database-url": { type: "string" },
      port: { type: "string", default: "4701" },
      serve: { type: "boolean", default: false },
      quick: { type: "boolean", default: false },
      "changes-only": { type: "boolean", default: false },
    },
  });
  const databaseUrl = values["database-url"] ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("--database-url (a copy of the scale database) is required");
  const port = Number(values.port);
  if (values.serve) return servePublisher(databaseUrl, port);
  const base = `http://127.0.0.1:${port}`;
  process.env.FEDERATION_URL = base;
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, "--serve", "--database-url", databaseUrl, "--port", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, FEDERATION_URL: base, FEDERATION_NAME: "Bench publisher" },
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => (d.toString().includes("ready") ? resolve() : undefined));
    child.once("exit", (code) => reject(new Error(`publisher exited ${code}`)));
  });
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const loads: number[] = [];
  const sample = setInterval(() => loads.push(os.loadavg()[0]!), 1000);
  const at = new Date().toISOString();
  const before = os.loadavg();
  // CPU seconds, which the machine's load does not change: this process (the subscriber), the publisher's, and PostgreSQL's.
  const { readFileSync: read } = await import("node:fs");
  const ticks = (pid: number) => {
    const f = read(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[11]) + Number(f[12])) / 100;
  };
  const cpu0 = { sub: process.cpuUsage(), pub: ticks(child.pid!) };
  try {
    const r = await benchFederation({ base, databaseUrl, adminUrl: process.env.BENCH_ADMIN_URL ?? admin.toString(), serverPid: child.pid!, quick: values.quick, log: (m) => console.log(m), snapshot: !values["changes-only"] });
    const after = os.loadavg();
    const used = process.cpuUsage(cpu0.sub);
    console.log(
      `cpu seconds (whole run, both pulls): subscriber ${((used.user + used.system) / 1e6).toFixed(1)}, publisher ${(ticks(child.pid!) - cpu0.pub).toFixed(1)}, PostgreSQL not counted`,
    );
    const mean = loads.length ? loads.reduce((x, y) => x + y, 0) / loads.length : after[0]!;
    console.log(JSON.stringify({ at, ...r, load: { start: before.map((x) => x.toFixed(2)), end: after.map((x) => x.toFixed(2)), mean1m: mean.toFixed(2), max1m: Math.max(...loads, after[0]!).toFixed(2) } }, null, 2));
    for (const f of federationFigures(r, values.quick)) console.log(`${f.status}  ${f.figure}: ${f.value} (target ${f.target})`);
  } finally {
    clearInterval(sample);
    child.kill();
  }
}

if (process.argv[1] && /federation\.ts$/.test(process.argv[1])) {
  standalone().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
