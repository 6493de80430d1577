/**
 * Subscribing to peers: a city coordinator adds a peer by URL and pins its key (the thumbprint
 * she compared by phone); each peer is pulled on a schedule (one app server at a time: a
 * transaction-scoped advisory lock per peer) and on demand. A page is applied only when all of
 * this holds, else it is refused whole, logged, and nothing changes:
 *  - it is a flattened JWS whose signature verifies under the pinned key, or under a key reached
 *    from the pinned one through rotations each signed by its predecessor;
 *  - it fits the byte limit, parses, carries no private-looking key and validates against the
 *    strict schema;
 *  - it comes from the peer's own URL, and continues exactly where the last applied page ended
 *    (same epoch, `since` = our cursor), or starts a new epoch from 0 (then the snapshot is
 *    replaced);
 *  - a snapshot page (no removals) only when this pull asked for it: from nothing, or paging
 *    through that very snapshot (same `upto`).
 * A peer that cannot be reached keeps its last good snapshot, shown as stale with its age.
 * Peers' data lives in its own tables (federation_peer_*), never in ollas or needs.
 */
import { compactVerify, flattenedVerify, importJWK, type JWK } from "jose";
import { z } from "zod";
import type { Db } from "~/server/db/client";
import {
  advancePeer,
  claimScheduledPull,
  clearPeerData,
  deletePeer,
  findPeer,
  insertPeer,
  listPeers,
  lockPeer,
  logPull,
  pinPeerKey,
  recentPullLog,
  recordAttempt,
  removePeerEntities,
  savePeerAggregates,
  setPeerPaused,
  upsertPeerNeeds,
  upsertPeerOllas,
  type PeerNeedInsert,
  type PeerOllaInsert,
  type PeerRow,
} from "~/server/db/queries/federation";
import type { Actor } from "~/server/domain/actor";
import { FEED_MAX_ITEMS, FEED_MAX_PAGE_BYTES, MAX_PAGES_PER_PULL, ZFeedPage, daysOf, privateLookingKeys, type FeedPage } from "~/server/domain/federation-feed";
import { parsePeerUrl } from "~/server/domain/federation-net";
import { badInput, conflict, notFound } from "~/server/errors";
import { guardedGet, PeerFetchError } from "./http";
import { ALG, ROTATION_TYP, publicMembers, thumbprint } from "./keys";
import { FEED_TYP } from "./publish";

export { MAX_PAGES_PER_PULL };
const MAX_KEYS_BYTES = 256 * 1024;

export type RefusalReason = "signature" | "unknown-key" | "sequence" | "schema" | "private-field" | "too-large" | "malformed" | "issuer";

export class FeedRefused extends Error {
  constructor(
    public readonly reason: RefusalReason,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = "FeedRefused";
  }
}

const ZEnvelope = z.object({ payload: z.string().max(FEED_MAX_PAGE_BYTES * 2), protected: z.string().max(4096), signature: z.string().max(512) }).strict();
const ZJwk = z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string().max(64), kid: z.string().max(64).optional(), alg: z.string().max(16).optional(), use: z.string().max(8).optional() }).strict();
const ZKeysDoc = z.object({ keys: z.array(ZJwk).min(1).max(50), rotations: z.array(z.string().max(4096)).max(50).default([]) }).strict();
const ZRotation = z.object({ iss: z.string().max(300), previous_kid: z.string().max(64), kid: z.string().max(64), jwk: ZJwk, iat: z.number().int() }).strict();

async function fetchKeys(baseUrl: string) {
  const raw = await guardedGet(`${baseUrl}/api/federation/v1/keys`, { maxBytes: MAX_KEYS_BYTES, timeoutMs: 10_000 });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString("utf8"));
  } catch {
    throw new FeedRefused("malformed", "keys document is not JSON");
  }
  const doc = ZKeysDoc.safeParse(parsed);
  if (!doc.success) throw new FeedRefused("malformed", "keys document outside its schema");
  return doc.data;
}

/**
 * Follows the peer's rotations from the pinned key to `targetKid`, each announcement verified
 * under the key before it. Null when the chain does not reach it (an unknown key).
 */
export async function followRotations(rotations: string[], pinned: { kid: string; jwk: JWK }, targetKid: string): Promise<{ kid: string; jwk: Record<string, string> } | null> {
  let current = { kid: pinned.kid, jwk: publicMembers(pinned.jwk) as Record<string, string> };
  for (let step = 0; step < 50 && current.kid !== targetKid; step++) {
    let next: { kid: string; jwk: Record<string, string> } | null = null;
    for (const r of rotations) {
      try {
        const v = await compactVerify(r, await importJWK(current.jwk, ALG), { algorithms: [ALG] });
        if (v.protectedHeader.kid !== current.kid || v.protectedHeader.typ !== ROTATION_TYP) continue;
        const body = ZRotation.parse(JSON.parse(new TextDecoder().decode(v.payload)));
        if (body.previous_kid !== current.kid || (await thumbprint(body.jwk)) !== body.kid) continue;
        next = { kid: body.kid, jwk: publicMembers(body.jwk) as Record<string, string> };
        break;
      } catch {
        /* not signed by the current key: not a step of this chain */
      }
    }
    if (!next) return null;
    current = next;
  }
  return current.kid === targetKid ? current : null;
}

export interface Expected {
  baseUrl: string;
  pinnedKid: string;
  pinnedJwk: Record<string, string>;
  epoch: string | null;
  cursor: number;
  /** The `upto` of the snapshot this pull is paging through, if it is. */
  snapshotUpto?: number | null;
}

/**
 * Verifies one page as received (bytes). Returns the page and, when it was signed by a key
 * reached through rotations, that key (to pin once the page is applied).
 */
export async function verifyPage(raw: Buffer, peer: Expected, rotationsOf: () => Promise<string[]>): Promise<{ page: FeedPage; newKey: { kid: string; jwk: Record<string, string> } | null }> {
  if (raw.length > FEED_MAX_PAGE_BYTES) throw new FeedRefused("too-large", `${raw.length} bytes`);
  let envelope: z.infer<typeof ZEnvelope>;
  try {
    envelope = ZEnvelope.parse(JSON.parse(raw.toString("utf8")));
  } catch {
    throw new FeedRefused("malformed", "not a flattened JWS");
  }
  let header: { alg?: unknown; kid?: unknown; typ?: unknown };
  try {
    header = JSON.parse(Buffer.from(envelope.protected, "base64url").toString("utf8")) as typeof header;
  } catch {
    throw new FeedRefused("malformed", "unreadable protected header");
  }
  if (header.alg !== ALG || header.typ !== FEED_TYP || typeof header.kid !== "string") throw new FeedRefused("malformed", "unexpected JWS header");
  let key = { kid: peer.pinnedKid, jwk: peer.pinnedJwk };
  let newKey: typeof key | null = null;
  if (header.kid !== peer.pinnedKid) {
    const reached = await followRotations(await rotationsOf(), { kid: peer.pinnedKid, jwk: peer.pinnedJwk }, header.kid);
    if (!reached) throw new FeedRefused("unknown-key", `page signed by ${header.kid.slice(0, 12)}…, not the pinned key or a rotation of it`);
    key = newKey = reached;
  }
  let payload: Uint8Array;
  try {
    payload = (await flattenedVerify(envelope, await importJWK(key.jwk, ALG), { algorithms: [ALG] })).payload;
  } catch {
    throw new FeedRefused("signature", "signature does not verify");
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload));
  } catch {
    throw new FeedRefused("malformed", "payload is not JSON");
  }
  const leaked = privateLookingKeys(body);
  if (leaked.length) throw new FeedRefused("private-field", leaked.join(", "));
  const parsed = ZFeedPage.safeParse(body);
  if (!parsed.success) throw new FeedRefused("schema", parsed.error.issues.slice(0, 3).map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const page = parsed.data;
  if (page.instance.url.replace(/\/+$/, "") !== peer.baseUrl) throw new FeedRefused("issuer", `page of ${page.instance.url}`);
  if (page.epoch === peer.epoch) {
    if (page.since !== peer.cursor) throw new FeedRefused("sequence", `page starts after ${page.since}, expected ${peer.cursor}`);
  } else if (page.since !== 0) {
    throw new FeedRefused("sequence", `new epoch must start at 0, page starts after ${page.since}`);
  }
  if (page.snapshot) {
    // A snapshot carries no removals: it is right only for a subscriber that holds nothing (a
    // first page from 0, or a new epoch whose page replaces everything) or that is paging
    // through that very snapshot. Anywhere else (a replayed snapshot page) it would leave behind
    // what it does not remove.
    const fresh = page.since === 0 && (page.epoch !== peer.epoch || peer.cursor === 0);
    const continuing = page.epoch === peer.epoch && peer.snapshotUpto != null && page.snapshot.upto === peer.snapshotUpto;
    if (!fresh && !continuing) throw new FeedRefused("sequence", `a snapshot page (upto ${page.snapshot.upto}) not asked for`);
  }
  return { page, newKey };
}

function ollaRow(peerId: string, seq: number, s: Extract<FeedPage["items"][number], { type: "service"; op: "upsert" }>["service"]): PeerOllaInsert {
  const loc = s.service_at_locations[0]!.location;
  return {
    peerId,
    remoteId: s.id,
    seq,
    name: s.name,
    status: s.status === "active" ? "active" : "paused",
    districtUbigeo: loc.x_district_ubigeo,
    districtName: loc.x_district_name,
    zoneName: loc.x_zone_name,
    lat: loc.latitude,
    lng: loc.longitude,
    exactLocation: loc.x_location_precision === "exact",
    rationsPerDay: s.x_rations_per_day,
    rationPriceCents: Math.round(s.x_ration_price_pen * 100),
    cookingDays: daysOf(s.schedules),
    worstLevel: s.x_worst_level,
    worstCategories: s.x_worst_categories,
    urgentPublicNeeds: s.x_urgent_public_needs,
  };
}

/** Applies a verified page in one transaction; "superseded" when another pull got there first. */
async function applyPage(db: Db, peer: PeerRow, page: FeedPage, newKey: { kid: string; jwk: Record<string, string> } | null): Promise<"applied" | "superseded"> {
  return db.transaction(async (tx) => {
    await lockPeer(tx, peer.id);
    const now = await findPeer(tx, peer.id);
    if (!now || now.paused || now.epoch !== peer.epoch || Number(now.cursor) !== Number(peer.cursor)) return "superseded";
    if (page.epoch !== now.epoch) await clearPeerData(tx, peer.id);
    const ollas: PeerOllaInsert[] = [];
    const needs: PeerNeedInsert[] = [];
    const goneOllas: string[] = [];
    const goneNeeds: string[] = [];
    for (const it of page.items) {
      if (it.op === "remove") (it.type === "service" ? goneOllas : goneNeeds).push(it.id);
      else if (it.type === "service") ollas.push(ollaRow(peer.id, it.seq, it.service));
      else
        needs.push({
          peerId: peer.id,
          remoteId: it.need.id,
          remoteOllaId: it.need.service_id,
          seq: it.seq,
          category: it.need.category,
          description: it.need.description,
          quantity: it.need.quantity,
          unit: it.need.unit,
          urgency: it.need.urgency,
          createdAt: new Date(it.need.created_at),
        });
    }
    await removePeerEntities(tx, peer.id, goneOllas, goneNeeds);
    await upsertPeerOllas(tx, ollas);
    await upsertPeerNeeds(tx, needs);
    if (page.aggregates) await savePeerAggregates(tx, peer.id, page.aggregates.as_of, page.aggregates);
    if (newKey) await pinPeerKey(tx, peer.id, newKey.kid, newKey.jwk);
    await advancePeer(tx, peer.id, { epoch: page.epoch, cursor: page.next, name: page.instance.name });
    return "applied";
  });
}

export interface PullResult {
  outcome: "ok" | "refused" | "unreachable" | "skipped";
  reason: string | null;
  pages: number;
  items: number;
}

/**
 * Pulls one peer until it has nothing more (or MAX_PAGES_PER_PULL), page by page. The first
 * request of a pull asks for a snapshot (`snapshot=1`): a publisher that would answer from 0 (a
 * new subscriber, or a new epoch) then sends only what is public now, up to its head `upto`, and
 * this pull pages through it (`upto=H`) before going on with the changes after it. A publisher
 * without snapshots ignores the parameter and answers with changes, which are always right.
 * A snapshot cut halfway (a refused page, the peer down, the page cap) is not resumed: the next
 * pull goes on from the cursor with the changes, removals included.
 */
export async function pullPeer(db: Db, peerId: string, opts: { pageItems?: number; snapshot?: boolean } = {}): Promise<PullResult> {
  let pages = 0;
  let items = 0;
  let rotationCache: string[] | null = null;
  let peer = await findPeer(db, peerId);
  if (!peer) throw notFound();
  let snapshotUpto: number | null = null;
  // `snapshot: false` follows the changes only (tests compare the two ways).
  let snapshotAsked = opts.snapshot === false;
  if (peer.paused) return { outcome: "skipped", reason: "paused", pages, items };
  try {
    const feedUrl = (at: { cursor: number; epoch: string | null }, upto: number | null, askSnapshot: boolean) => {
      // The largest page a publisher serves (1,000 changes, ~1 MB): half the round trips and
      // transactions of its default 500, which dominated a 10,000-olla pull (421 pages, 143 s loaded).
      const q = new URLSearchParams({ since: String(at.cursor), limit: String(opts.pageItems ?? FEED_MAX_ITEMS) });
      if (at.epoch) q.set("epoch", at.epoch);
      if (upto !== null) q.set("upto", String(upto));
      else if (askSnapshot) q.set("snapshot", "1");
      return `${peer!.baseUrl}/api/federation/v1/feed?${q}`;
    };
    const get = (url: string) => guardedGet(url, { maxBytes: FEED_MAX_PAGE_BYTES, accept: "application/jose+json" });
    // The next page, asked for while this one is applied (the publisher builds it meanwhile); used
    // only if the cursor then is the one it was asked from.
    let ahead: { url: string; raw: Promise<Buffer> } | null = null;
    try {
      for (; pages < MAX_PAGES_PER_PULL; ) {
        const url = feedUrl({ cursor: Number(peer.cursor), epoch: peer.epoch }, snapshotUpto, !snapshotAsked);
        snapshotAsked = true;
        const raw = ahead && ahead.url === url ? await ahead.raw : await get(url);
        ahead = null;
        const base = peer.baseUrl;
        const { page, newKey } = await verifyPage(
          raw,
          { baseUrl: peer.baseUrl, pinnedKid: peer.pinnedKid, pinnedJwk: peer.pinnedJwk, epoch: peer.epoch, cursor: Number(peer.cursor), snapshotUpto },
          async () => (rotationCache ??= (await fetchKeys(base)).rotations),
        );
        const stillSnapshot = (p: FeedPage) => (p.snapshot && p.next < p.snapshot.upto ? p.snapshot.upto : null);
        if (page.has_more && pages + 1 < MAX_PAGES_PER_PULL) {
          const nextUrl = feedUrl({ cursor: page.next, epoch: page.epoch }, stillSnapshot(page), false);
          ahead = { url: nextUrl, raw: get(nextUrl) };
          ahead.raw.catch(() => {}); // awaited (and its error handled) only if used
        }
        const applied = await applyPage(db, peer, page, newKey);
        pages++;
        if (applied === "superseded") return { outcome: "skipped", reason: "another pull is ahead", pages, items };
        items += page.items.length;
        peer = (await findPeer(db, peerId))!;
        // Still inside the snapshot, and nobody else moved the cursor meanwhile: ask for its next page.
        snapshotUpto = peer.epoch === page.epoch && Number(peer.cursor) === page.next ? stillSnapshot(page) : null;
        if (!page.has_more) break;
      }
    } finally {
      ahead = null;
    }
    await recordAttempt(db, peerId, true, null);
    await logPull(db, { peerId, outcome: "ok", reason: null, pages, items });
    return { outcome: "ok", reason: null, pages, items };
  } catch (err) {
    const refused = err instanceof FeedRefused || (err instanceof PeerFetchError && (err.reason === "too-large" || err.reason === "address"));
    if (!refused && !(err instanceof PeerFetchError)) throw err;
    const reason = (err as Error).message.slice(0, 300);
    const outcome = refused ? "refused" : "unreachable";
    console.warn(JSON.stringify({ event: `federation-pull-${outcome}`, peerId, reason }));
    await recordAttempt(db, peerId, false, reason);
    await logPull(db, { peerId, outcome, reason, pages, items });
    return { outcome, reason, pages, items };
  }
}

/** The scheduled pull: every due, active peer this app server manages to claim. */
export async function pullDuePeers(db: Db, everyMinutes: number): Promise<number> {
  let pulled = 0;
  for (const p of await listPeers(db)) {
    if (p.paused) continue;
    if (!(await claimScheduledPull(db, p.id, everyMinutes * 60 - 5))) continue;
    await pullPeer(db, p.id);
    pulled++;
  }
  return pulled;
}

// ----------------------------------------------------------------------------- the coordinator's acts

function peerUrl(input: string): string {
  const u = parsePeerUrl(input);
  if (!u.ok) throw badInput("url", `federation.errors.url.${u.reason}`);
  return u.url;
}

async function keysOrRefuse(url: string) {
  try {
    return await fetchKeys(url);
  } catch (err) {
    if (err instanceof PeerFetchError) throw badInput("url", err.reason === "address" ? "federation.errors.url.address" : "federation.errors.url.unreachable");
    if (err instanceof FeedRefused) throw badInput("url", "federation.errors.url.notAPeer");
    throw err;
  }
}

/** What the coordinator compares by phone before pinning: the peer's current key thumbprint. */
export async function previewPeer(input: { url: string }) {
  const url = peerUrl(input.url);
  const doc = await keysOrRefuse(url);
  const current = doc.keys[doc.keys.length - 1]!;
  return { url, thumbprint: await thumbprint(current), keys: doc.keys.length };
}

export async function addPeer(db: Db, actor: Actor, input: { url: string; thumbprint: string }) {
  const url = peerUrl(input.url);
  const doc = await keysOrRefuse(url);
  let match: { kid: string; jwk: Record<string, string> } | null = null;
  for (const k of doc.keys) if ((await thumbprint(k)) === input.thumbprint) match = { kid: input.thumbprint, jwk: publicMembers(k) as Record<string, string> };
  if (!match) throw badInput("thumbprint", "federation.errors.thumbprint");
  if ((await listPeers(db)).some((p) => p.baseUrl === url)) throw conflict("federation.errors.duplicate");
  const row = await insertPeer(db, { name: new URL(url).host, baseUrl: url, pinnedKid: match.kid, pinnedJwk: match.jwk, createdBy: actor.userId });
  return { peerId: row.id };
}

export async function pausePeer(db: Db, input: { peerId: string; paused: boolean }) {
  if (!(await setPeerPaused(db, input.peerId, input.paused))) throw notFound();
  return { ok: true as const };
}

export async function removePeer(db: Db, input: { peerId: string }) {
  if (!(await deletePeer(db, input.peerId))) throw notFound();
  return { ok: true as const };
}

export async function pullNow(db: Db, input: { peerId: string }) {
  if (!(await findPeer(db, input.peerId))) throw notFound();
  return pullPeer(db, input.peerId);
}


/** The coordinator's peers page: each peer, its pin, freshness and recent pulls. */
export async function peersView(db: Db) {
  const peers = await listPeers(db);
  return Promise.all(
    peers.map(async (p) => ({
      id: p.id,
      name: p.name,
      baseUrl: p.baseUrl,
      thumbprint: p.pinnedKid,
      paused: p.paused,
      epoch: p.epoch,
      cursor: Number(p.cursor),
      lastAttemptAt: p.lastAttemptAt,
      lastSuccessAt: p.lastSuccessAt,
      lastError: p.lastError,
      log: (await recentPullLog(db, p.id, 5)).map((l) => ({ at: l.at, outcome: l.outcome, reason: l.reason, pages: l.pages, items: l.items })),
    })),
  );
}
