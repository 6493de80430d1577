import type { Db } from "~/server/db/client";
import { peersMapVersion } from "~/server/db/queries/federation";
import { mapDataVersion, mapList, mapPoints, topPublicNeeds } from "~/server/db/queries/map";
import { findOllaForScope, findPublicOlla, latestAssessments } from "~/server/db/queries/ollas";
import { latestByCategory, worstProblems } from "~/server/domain/assessment";
import { buildClusterIndex, clustersFor, type BBox, type ClusterAnswer, type ClusterIndex } from "~/server/domain/map";
import { canSeeOlla, coordinatesOlla, isCoordinator, type Scope } from "~/server/domain/scope";
import { notFound } from "~/server/errors";
import type { MapFilter } from "~/validation/map";
import { peerListForMap, peerPointsForMap } from "./federation/view";

/*
 * Cluster indexes, cached per process. App servers hold no state that matters: an entry
 * is used only while the database's change fingerprint (mapDataVersion) is unchanged and
 * for at most TTL_MS, so every server answers exactly what the database says.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 64;

interface Entry {
  version: string;
  at: number;
  index: Promise<ClusterIndex>;
}

// Keyed by database handle, so two databases in one process (tests) never share entries.
let caches = new WeakMap<object, Map<string, Entry>>();

/** Which points a viewer gets: exact ones for the zones she coordinates, public ones otherwise. */
export function viewerKey(scope: Scope | null): string {
  if (!scope || !isCoordinator(scope)) return "public";
  if (scope.city) return "city";
  return `zones:${[...scope.zoneIds].sort().join(",")}`;
}

function filterKey(f: MapFilter): string {
  return JSON.stringify([f.districtUbigeo ?? null, f.zoneId ?? null, f.category ?? null, f.level ?? null, f.urgentNeeds ?? false]);
}

/** The cluster index for this viewer and filter, rebuilt when the data changed. */
export async function mapIndex(db: Db, viewer: Scope | null, filter: MapFilter): Promise<ClusterIndex> {
  const key = `${viewerKey(viewer)}|${filterKey(filter)}`;
  // Peers' ollas (README "Federation") are in the same index, each id marked as theirs.
  const version = (await Promise.all([mapDataVersion(db), peersMapVersion(db)])).join("|");
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.version === version && Date.now() - hit.at < TTL_MS) return hit.index;
  const entry: Entry = {
    version,
    at: Date.now(),
    index: Promise.all([mapPoints(db, filter, viewer), peerPointsForMap(db, filter)]).then(([own, peers]) => buildClusterIndex(own.length && peers.length ? own.concat(peers) : own.length ? own : peers)),
  };
  cache.delete(key);
  cache.set(key, entry);
  // Oldest first in insertion order: drop the least recently built beyond the cap.
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  entry.index.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return entry.index;
}

/** For tests and benchmarks: forget every cached index. */
export function clearMapCache(): void {
  caches = new WeakMap();
}

export async function mapClusters(db: Db, viewer: Scope | null, filter: MapFilter, bbox: BBox, zoom: number): Promise<ClusterAnswer> {
  return clustersFor(await mapIndex(db, viewer, filter), bbox, zoom);
}

/**
 * The map's list: this network's ollas (most serious first), then those of the networks it
 * follows, each with its provenance; one count for both.
 */
export async function mapListWithPeers(db: Db, filter: MapFilter, page: { limit: number; offset: number }) {
  const own = await mapList(db, filter, page);
  const peerOffset = Math.max(0, page.offset - own.total);
  const peerLimit = Math.max(0, page.limit - own.items.length);
  const peers = await peerListForMap(db, filter, { limit: peerLimit, offset: peerOffset });
  return {
    items: [...own.items.map((o) => ({ ...o, from: null })), ...peers.items],
    total: own.total + peers.total,
  };
}

/**
 * What the map's panel shows when an olla is opened: public facts for anyone; the exact
 * point, address and contact only for its delegate or a coordinator whose scope has it.
 */
export async function ollaSummary(db: Db, viewer: Scope | null, ollaId: string) {
  const pub = await findPublicOlla(db, ollaId);
  if (!pub || pub.status === "closed") throw notFound();
  const [latest, needs] = await Promise.all([latestAssessments(db, ollaId), topPublicNeeds(db, ollaId, 3)]);
  const worst = worstProblems(latestByCategory(latest));
  let privateFields: { addressReference: string | null; contactName: string | null; contactPhone: string | null } | null = null;
  let point = { lat: pub.lat, lng: pub.lng, exact: pub.exactLocation };
  // Where this viewer's map draws the olla (the same rule as the cluster index): the exact point
  // in a zone she coordinates, the public one otherwise, also for her own olla as a delegate.
  let mapPoint = { lat: pub.lat, lng: pub.lng };
  if (viewer) {
    const row = await findOllaForScope(db, ollaId);
    if (row && canSeeOlla(viewer, row)) {
      privateFields = { addressReference: row.addressReference, contactName: row.contactName, contactPhone: row.contactPhone };
      point = { lat: row.lat, lng: row.lng, exact: true };
      if (coordinatesOlla(viewer, row)) mapPoint = { lat: row.lat, lng: row.lng };
    }
  }
  return {
    id: pub.id,
    name: pub.name,
    status: pub.status,
    districtName: pub.districtName,
    zoneName: pub.zoneName,
    rationsPerDay: pub.rationsPerDay,
    point,
    mapPoint,
    worst: worst ? { level: worst.level, categories: worst.categories } : null,
    needs: needs.map((n) => ({ id: n.id, category: n.category, description: n.description, quantity: n.quantity, unit: n.unit, urgency: n.urgency })),
    private: privateFields,
  };
}
