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

type Options = { base: string; databaseUrl: string; adminUrl: string; serverPid: number; quick: boolean; log: (m: string) => void };

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
        const r = await pullPeer(sub.db, peer.id);
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
