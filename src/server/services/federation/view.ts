/**
 * What the public and coordinators see of peers: their ollas, needs and aggregates, each with
 * its provenance (the peer's name and URL) and age; a peer not refreshed for three pull
 * intervals, or whose last pull failed, is marked stale.
 */
import type { Db } from "~/server/db/client";
import { instanceEpoch, PEER_MAP_ID, peerMapId, peerMapList, peerMapOlla, peerMapPoints, peerNeeds, peerOllas, peerOnlyDistricts, peerSummaries } from "~/server/db/queries/federation";
import type { MapPoint } from "~/server/domain/map";
import { notFound } from "~/server/errors";
import { PROBLEM_CATEGORIES, type ProblemCategory } from "~/shared/assessment";
import type { FeedAggregates } from "~/server/domain/federation-feed";
import { signingKey } from "./keys";
import { identity } from "./publish";

const pullMinutes = () => Number(process.env.FEDERATION_PULL_MINUTES ?? 15);

export function isStale(lastSuccessAt: Date | null, lastError: string | null, now = Date.now()): boolean {
  if (!lastSuccessAt || lastError) return true;
  return now - lastSuccessAt.getTime() > 3 * Math.max(pullMinutes(), 5) * 60_000;
}

function provenance(p: { peerId: string; peerName: string; lastSuccessAt: Date | null; lastError?: string | null }) {
  return { peerId: p.peerId, peerName: p.peerName, updatedAt: p.lastSuccessAt, stale: isStale(p.lastSuccessAt, p.lastError ?? null) };
}

export async function publicPeerOllas(db: Db, input: { districtUbigeo?: string }) {
  const rows = await peerOllas(db, input);
  return rows.map((r) => ({
    id: r.remoteId,
    name: r.name,
    status: r.status as "active" | "paused",
    districtUbigeo: r.districtUbigeo,
    districtName: r.districtName,
    lat: r.lat,
    lng: r.lng,
    exactLocation: r.exactLocation,
    rationsPerDay: r.rationsPerDay,
    worstLevel: r.worstLevel,
    worstCategories: r.worstCategories,
    urgentPublicNeeds: r.urgentPublicNeeds,
    from: provenance(r),
  }));
}

/** The maps' district filter: peers' districts this instance does not have (another city's), to add to its own. */
export async function publicPeerDistricts(db: Db) {
  return peerOnlyDistricts(db);
}

export async function publicPeerNeeds(db: Db) {
  const rows = await peerNeeds(db);
  return rows.map((r) => ({
    id: r.remoteId,
    ollaName: r.ollaName,
    districtName: r.districtName,
    category: r.category,
    description: r.description,
    quantity: r.quantity,
    unit: r.unit,
    urgency: r.urgency,
    createdAt: r.createdAt,
    from: provenance({ ...r, lastError: null }),
  }));
}

/** Per peer: counts, freshness and its published district aggregates (already suppressed by the peer). */
export async function publicPeerSummary(db: Db) {
  const rows = await peerSummaries(db);
  return rows.map((r) => ({
    peerId: r.id,
    name: r.name,
    url: r.baseUrl,
    ollas: r.ollas,
    needs: r.needs,
    updatedAt: r.lastSuccessAt,
    stale: isStale(r.lastSuccessAt, r.lastError),
    aggregates: (r.aggregates ?? null) as FeedAggregates | null,
  }));
}

/** This instance as its peers see it: what the coordinator reads out by phone. */
export async function ownIdentity(db: Db) {
  const [k, e] = await Promise.all([signingKey(db), instanceEpoch(db)]);
  const who = identity();
  return { name: who.name, url: who.url, thumbprint: k.kid, epoch: e.epoch, epochStartedAt: e.startedAt };
}

// ----------------------------------------------------------------------------- peers on the maps

type MapFilterLike = Parameters<typeof peerMapPoints>[1];

/** The peers' ollas as map points (into the same cluster index as this network's own). */
export async function peerPointsForMap(db: Db, filter: MapFilterLike): Promise<MapPoint[]> {
  const rows = await peerMapPoints(db, filter);
  return rows.map((r) => ({
    id: peerMapId(r.peer_id, r.remote_id),
    lat: Number(r.lat),
    lng: Number(r.lng),
    exact: Boolean(r.exact_location),
    worstLevel: r.worst_level === null ? null : Number(r.worst_level),
    worstCategory: (PROBLEM_CATEGORIES as readonly string[]).includes(r.worst_category ?? "") ? (r.worst_category as ProblemCategory) : null,
    urgent: Boolean(r.urgent_public_needs),
  }));
}

/** Provenance as the map's client reads it (plain JSON, no superjson): the time as an ISO string. */
function wireProvenance(p: { peerId: string; peerName: string; lastSuccessAt: Date | string | null; lastError: string | null }) {
  const at = p.lastSuccessAt === null ? null : new Date(p.lastSuccessAt);
  return { peerId: p.peerId, peerName: p.peerName, updatedAt: at ? at.toISOString() : null, stale: isStale(at, p.lastError) };
}

export async function peerListForMap(db: Db, filter: MapFilterLike, page: { limit: number; offset: number }) {
  const { items, total } = await peerMapList(db, filter, page);
  return {
    total,
    items: items.map((r) => ({
      id: peerMapId(r.peer_id, r.remote_id),
      name: r.name,
      status: r.status as "active" | "paused",
      districtUbigeo: r.district_ubigeo,
      districtName: r.district_name,
      rationsPerDay: Number(r.rations_per_day),
      worstLevel: r.worst_level === null ? null : Number(r.worst_level),
      worstCategories: (r.worst_categories ?? []).filter((c): c is ProblemCategory => (PROBLEM_CATEGORIES as readonly string[]).includes(c)),
      urgent: Boolean(r.urgent_public_needs),
      from: wireProvenance({ peerId: r.peer_id, peerName: r.peer_name, lastSuccessAt: r.last_success_at, lastError: r.last_error }),
    })),
  };
}

/** The map's panel for a peer's olla: its public facts, its top needs and where it comes from. */
export async function peerOllaForMap(db: Db, input: { id: string }) {
  const m = PEER_MAP_ID.exec(input.id);
  const row = m ? await peerMapOlla(db, m[1]!, m[2]!) : null;
  if (!row) throw notFound();
  const o = row.olla;
  return {
    id: input.id,
    name: o.name,
    status: o.status as "active" | "paused",
    districtName: o.districtName,
    zoneName: o.zoneName,
    rationsPerDay: o.rationsPerDay,
    exactLocation: o.exactLocation,
    mapPoint: { lat: o.lat, lng: o.lng },
    worst: o.worstLevel === null ? null : { level: o.worstLevel, categories: o.worstCategories.filter((c): c is ProblemCategory => (PROBLEM_CATEGORIES as readonly string[]).includes(c)) },
    needs: row.needs.map((n) => ({ id: n.remoteId, category: n.category, description: n.description, quantity: n.quantity, unit: n.unit, urgency: n.urgency })),
    from: { ...wireProvenance(row), peerUrl: row.peerUrl },
  };
}
