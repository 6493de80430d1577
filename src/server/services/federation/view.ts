/**
 * What the public and coordinators see of peers: their ollas, needs and aggregates, each with
 * its provenance (the peer's name and URL) and age; a peer not refreshed for three pull
 * intervals, or whose last pull failed, is marked stale.
 */
import type { Db } from "~/server/db/client";
import { instanceEpoch, peerNeeds, peerOllas, peerSummaries } from "~/server/db/queries/federation";
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
