/**
 * Federation, subscribing: instance B pulls instance A (a live loopback peer serving A's real
 * feed). A's ollas and needs appear in B's own peer tables with provenance, changes and removals
 * follow, a down peer keeps its snapshot, and every kind of bad page is refused whole with
 * nothing changed. A's private values never reach B (canaries).
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { districts, federationPeerAggregates, federationPeerNeeds, federationPeerOllas, federationPeers, ollaPlanItems, ollas } from "~/server/db/schema";
import type { FeedAggregates } from "~/server/domain/federation-feed";
import { publicPlanCounts } from "~/server/services/plans";
import { startNewEpoch } from "~/server/db/queries/federation";
import { rotateKey } from "~/server/services/federation/keys";
import { addPeer, pausePeer, previewPeer, pullDuePeers, pullPeer, removePeer } from "~/server/services/federation/subscribe";
import { AppError } from "~/server/errors";
import { mapClusters, mapListWithPeers } from "~/server/services/map";
import { peerOllaForMap } from "~/server/services/federation/view";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { canaryHits, plantCanaries, type Planted } from "../security/canaries";
import { startPeer, type Peer } from "./federation-peer";
import { addNeed, assess, insertOlla } from "./map-fixtures";

let a: TestDb;
let b: TestDb;
let wa: World;
let wb: World;
let planted: Planted;
let peer: Peer;
let peerId: string;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDb(), createTestDb()]);
  [wa, wb] = await Promise.all([buildWorld(a.db), buildWorld(b.db)]);
  planted = await plantCanaries(wa);
  // Plans on A (the canary planter already has olla A saving toward a water tank): B and C plan
  // a water module too (3 ollas: published), B finished a storage one (1 olla: hidden).
  const city = wa.caller("city");
  const mod = (code: string, category: "water" | "storage") =>
    city.planModule.create({ idempotencyKey: crypto.randomUUID(), code, nameEs: code, nameEn: code, category, costMinCents: 10_000, costMaxCents: 20_000 });
  const [water, storage] = [await mod("fed-agua", "water"), await mod("fed-almacen", "storage")];
  await a.db.insert(ollaPlanItems).values([
    { ollaId: wa.ollas.b, moduleId: water.id, position: 0 },
    { ollaId: wa.ollas.c, moduleId: water.id, position: 0, status: "in_progress" },
    { ollaId: wa.ollas.b, moduleId: storage.id, position: 1, status: "done", doneOn: "2026-10-01" },
  ]);
  await assess(a.db, wa.ollas.a, { water: 0 });
  await addNeed(a.db, wa.ollas.a, { urgency: "critical", description: "Tanque de agua" });
  peer = await startPeer(a.db);
  process.env.FEDERATION_URL = peer.url;
  process.env.FEDERATION_NAME = "Red de Ollas de Villa El Salvador";
  process.env.FEDERATION_ALLOW_LOOPBACK = "1";
});
afterAll(async () => {
  await peer?.close();
  await Promise.all([a?.close(), b?.close()]);
});

/** Everything B holds about its peers, as one string (to compare before/after and to search for canaries). */
async function snapshot() {
  const [p, o, n, g] = await Promise.all([
    b.db.select({ cursor: federationPeers.cursor, epoch: federationPeers.epoch, kid: federationPeers.pinnedKid, name: federationPeers.name }).from(federationPeers),
    b.db.select().from(federationPeerOllas).orderBy(federationPeerOllas.remoteId),
    b.db.select().from(federationPeerNeeds).orderBy(federationPeerNeeds.remoteId),
    b.db.select({ body: federationPeerAggregates.body }).from(federationPeerAggregates),
  ]);
  return JSON.stringify({ p, o, n, g });
}

const code = async (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof AppError ? `${e.code} ${e.key}` : String(e)));

describe("federation pull", () => {
  it("adds a peer only with the thumbprint of its key, and never on a private address", async () => {
    const preview = await previewPeer({ url: `${peer.url}/` });
    expect(preview.url).toBe(peer.url);
    expect(await code(addPeer(b.db, { userId: wb.userIds.city }, { url: peer.url, thumbprint: "A".repeat(43) }))).toBe("BAD_REQUEST federation.errors.thumbprint");
    peerId = (await addPeer(b.db, { userId: wb.userIds.city }, { url: peer.url, thumbprint: preview.thumbprint })).peerId;
    expect(await code(addPeer(b.db, { userId: wb.userIds.city }, { url: peer.url, thumbprint: preview.thumbprint }))).toBe("CONFLICT federation.errors.duplicate");

    process.env.FEDERATION_ALLOW_LOOPBACK = "0";
    try {
      for (const url of [peer.url, peer.url.replace("127.0.0.1", "localhost"), "http://10.1.2.3", "http://169.254.169.254", "http://[::1]:3000", "http://[::ffff:192.168.0.1]", "http://100.64.0.1"]) {
        expect(await code(previewPeer({ url })), url).toBe("BAD_REQUEST federation.errors.url.address");
      }
      expect(await code(previewPeer({ url: "file:///etc/passwd" }))).toBe("BAD_REQUEST federation.errors.url.scheme");
      expect(await code(previewPeer({ url: "http://user:pw@example.org" }))).toBe("BAD_REQUEST federation.errors.url.credentials");
      // A pull of a peer on loopback is refused too once the setting is off.
      const r = await pullPeer(b.db, peerId);
      expect(r.outcome).toBe("refused");
    } finally {
      process.env.FEDERATION_ALLOW_LOOPBACK = "1";
    }
  });

  it("a first pull brings A's public ollas, needs and aggregates into B's peer tables, with A's name; no canary", async () => {
    const r = await pullPeer(b.db, peerId, { pageItems: 2 });
    expect(r).toMatchObject({ outcome: "ok" });
    expect(r.pages).toBeGreaterThan(2);
    const got = await b.db.select().from(federationPeerOllas);
    expect(got.map((o) => o.remoteId).sort()).toEqual([wa.ollas.a, wa.ollas.b, wa.ollas.c].sort());
    expect(got.find((o) => o.remoteId === wa.ollas.a)!.worstLevel).toBe(0);
    const needRows = await b.db.select().from(federationPeerNeeds);
    expect(needRows.map((n) => n.description)).toContain("Tanque de agua");
    const [p] = await b.db.select().from(federationPeers);
    expect(p!.name).toBe("Red de Ollas de Villa El Salvador");
    expect(p!.lastSuccessAt).not.toBeNull();
    const aggregates = await b.db.select().from(federationPeerAggregates);
    expect(aggregates.length).toBe(1);
    // A's plan-module counts, network-wide and suppressed exactly as A's public dashboard shows them.
    const plans = (aggregates[0]!.body as FeedAggregates).plan_modules!;
    expect(plans).toEqual((await publicPlanCounts(a.db)).categories);
    expect(plans.find((c) => c.category === "water")).toEqual({ category: "water", planned: 3, done: 0 });
    expect(plans.find((c) => c.category === "storage")).toEqual({ category: "storage", planned: 0, done: null });
    // Nothing of a plan but those counts: no olla, no module, no money (the plan canaries).
    expect(JSON.stringify(aggregates[0]!.body)).not.toMatch(/fed-agua|fed-almacen|Tanque canario|olla_id|cents/);
    expect(canaryHits(await snapshot(), planted)).toEqual([]);
    // B's own tables are untouched: still its own three ollas.
    expect((await b.db.select().from(ollas)).length).toBe(3);
  });

  it("B's public map carries A's ollas: in its clusters and count, after B's own in its list, and in the panel, with provenance", async () => {
    const all = { west: -77.6, south: -12.6, east: -76.4, north: -11.4 };
    const clusters = await mapClusters(b.db, null, {}, all, 18);
    expect(clusters.total).toBe(6);
    const peerPoints = clusters.points.filter((p) => p[0].startsWith("peer:"));
    expect(peerPoints.map((p) => p[0].split(":")[2]).sort()).toEqual([wa.ollas.a, wa.ollas.b, wa.ollas.c].sort());
    // A's worst state travels to B's marker (water critical: level 0).
    expect(peerPoints.find((p) => p[0].endsWith(wa.ollas.a))![3]).toBe(0);
    // A zone filter is B's own: no peer olla.
    expect((await mapClusters(b.db, null, { zoneId: wb.zones.north }, all, 18)).points.some((p) => p[0].startsWith("peer:"))).toBe(false);

    const page1 = await mapListWithPeers(b.db, {}, { limit: 4, offset: 0 });
    expect(page1.total).toBe(6);
    expect(page1.items.slice(0, 3).every((i) => i.from === null)).toBe(true);
    expect(page1.items[3]!.from).toMatchObject({ peerName: "Red de Ollas de Villa El Salvador", stale: false });
    const page2 = await mapListWithPeers(b.db, {}, { limit: 4, offset: 4 });
    expect(page2.items).toHaveLength(2);
    expect(new Set([...page1.items, ...page2.items].map((i) => i.id)).size).toBe(6);

    const panel = await peerOllaForMap(b.db, { id: peerPoints.find((p) => p[0].endsWith(wa.ollas.a))![0] });
    expect(panel.from).toMatchObject({ peerName: "Red de Ollas de Villa El Salvador", peerUrl: peer.url, stale: false });
    expect(typeof panel.from.updatedAt).toBe("string");
    expect(panel.needs.map((n) => n.description)).toContain("Tanque de agua");
    expect(canaryHits(JSON.stringify([clusters, page1, page2, panel]), planted)).toEqual([]);
  });

  it("the maps' district filter offers a peer's districts this network does not have (another city's), and filters by them", async () => {
    // A's network reaches up the Rímac valley into Huarochirí (a district B's reference table, Lima and Callao, lacks).
    await a.db.insert(districts).values({ ubigeo: "150726", name: "Santa Eulalia", province: "Huarochirí", centroidLat: -11.92, centroidLng: -76.67 });
    const id = await insertOlla(a.db, { zoneId: wa.zones.south, district: "150726", name: "Olla Santa Eulalia", lat: -11.921, lng: -76.668 });
    expect((await pullPeer(b.db, peerId)).outcome).toBe("ok");
    const offered = await wb.caller("anon").federation.districts();
    expect(offered).toEqual([{ ubigeo: "150726", name: "Santa Eulalia" }]);
    const list = await mapListWithPeers(b.db, { districtUbigeo: "150726" }, { limit: 10, offset: 0 });
    expect(list.items.map((i) => i.name)).toEqual(["Olla Santa Eulalia"]);
    // Paused, its districts leave the filter with its ollas; closed there, gone after the next pull.
    await pausePeer(b.db, { peerId, paused: true });
    expect(await wb.caller("anon").federation.districts()).toEqual([]);
    await pausePeer(b.db, { peerId, paused: false });
    await a.db.update(ollas).set({ status: "closed" }).where(eq(ollas.id, id));
    await pullPeer(b.db, peerId);
    expect(await wb.caller("anon").federation.districts()).toEqual([]);
  });

  it("follows changes: a new olla appears, a closed one disappears, in a small incremental pull", async () => {
    const id = await insertOlla(a.db, { zoneId: wa.zones.south, district: "150142", name: "Olla Nueva Esperanza", lat: -12.21, lng: -76.94 });
    const r = await pullPeer(b.db, peerId);
    expect(r).toMatchObject({ outcome: "ok", pages: 1, items: 1 });
    expect((await b.db.select().from(federationPeerOllas).where(eq(federationPeerOllas.remoteId, id))).length).toBe(1);
    await a.db.update(ollas).set({ status: "closed" }).where(eq(ollas.id, id));
    await pullPeer(b.db, peerId);
    expect((await b.db.select().from(federationPeerOllas).where(eq(federationPeerOllas.remoteId, id))).length).toBe(0);
  });

  it.each([
    ["tamper", "signature"],
    ["unpinned", "unknown-key"],
    ["telefono", "private-field"],
    ["backwards", "sequence"],
    ["huge", "too-large"],
    ["huge-declared", "too-large"],
  ] as const)("refuses a page (%s) whole: %s, logged, nothing changed", async (mode, reason) => {
    await insertOlla(a.db, { zoneId: wa.zones.south, district: "150142", name: `Olla ${mode}`, lat: -12.2, lng: -76.93 });
    const before = await snapshot();
    peer.mode = mode;
    try {
      const r = await pullPeer(b.db, peerId);
      expect(r.outcome).toBe("refused");
      expect(r.reason).toContain(reason);
    } finally {
      peer.mode = "ok";
    }
    expect(await snapshot()).toBe(before);
    const [p] = await b.db.select().from(federationPeers);
    expect(p!.lastError).toContain(reason);
    // The next good pull brings the olla.
    expect((await pullPeer(b.db, peerId)).outcome).toBe("ok");
  });

  it("refuses a replayed old page as a sequence going backwards", async () => {
    const before = await snapshot();
    peer.mode = "replay";
    try {
      const r = await pullPeer(b.db, peerId);
      expect(r).toMatchObject({ outcome: "refused" });
      expect(r.reason).toContain("sequence");
    } finally {
      peer.mode = "ok";
    }
    expect(await snapshot()).toBe(before);
  });

  it("keeps the last good snapshot while the peer is down, with the error recorded", async () => {
    const before = await snapshot();
    peer.mode = "down";
    try {
      expect((await pullPeer(b.db, peerId)).outcome).toBe("unreachable");
    } finally {
      peer.mode = "ok";
    }
    expect(await snapshot()).toBe(before);
    const [p] = await b.db.select().from(federationPeers);
    expect(p!.lastError).toContain("HTTP 503");
  });

  it("follows a key rotation signed by the pinned key, and resynchronises on a new epoch", async () => {
    const r = await rotateKey(a.db, peer.url);
    await insertOlla(a.db, { zoneId: wa.zones.south, district: "150142", name: "Olla Tras Rotación", lat: -12.2, lng: -76.93 });
    expect((await pullPeer(b.db, peerId)).outcome).toBe("ok");
    const [p] = await b.db.select().from(federationPeers);
    expect(p!.pinnedKid).toBe(r.kid);
    const count = (await b.db.select().from(federationPeerOllas)).length;
    await startNewEpoch(a.db);
    const again = await pullPeer(b.db, peerId);
    expect(again.outcome).toBe("ok");
    const [q] = await b.db.select().from(federationPeers);
    expect(q!.epoch).not.toBe(p!.epoch);
    expect((await b.db.select().from(federationPeerOllas)).length).toBe(count);
  });

  it("the schedule pulls a due peer once across app servers; a paused peer is not pulled", async () => {
    await b.db.update(federationPeers).set({ lastAttemptAt: new Date(Date.now() - 3600_000) });
    const [n1, n2] = await Promise.all([pullDuePeers(b.db, 15), pullDuePeers(b.db, 15)]);
    expect(n1 + n2).toBe(1);
    await pausePeer(b.db, { peerId, paused: true });
    await b.db.update(federationPeers).set({ lastAttemptAt: new Date(Date.now() - 3600_000) });
    expect(await pullDuePeers(b.db, 15)).toBe(0);
    await pausePeer(b.db, { peerId, paused: false });
  });

  it("removing the peer drops all its data", async () => {
    const all = { west: -77.6, south: -12.6, east: -76.4, north: -11.4 };
    expect((await mapClusters(b.db, null, {}, all, 18)).points.some((p) => p[0].startsWith("peer:"))).toBe(true);
    await removePeer(b.db, { peerId });
    // Off B's map at once (the map cache's version follows the peers), and off its list.
    expect((await mapClusters(b.db, null, {}, all, 18)).points.some((p) => p[0].startsWith("peer:"))).toBe(false);
    expect((await mapListWithPeers(b.db, {}, { limit: 100, offset: 0 })).items.every((i) => i.from === null)).toBe(true);
    expect(await b.db.select().from(federationPeerOllas)).toEqual([]);
    expect(await b.db.select().from(federationPeerNeeds)).toEqual([]);
    expect(await b.db.select().from(federationPeerAggregates)).toEqual([]);
  });
});
