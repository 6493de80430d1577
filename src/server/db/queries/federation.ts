/** Federation: this instance's identity, keys and feed; peers and their data in their own tables. */
import { and, asc, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { jsonValue, rowsOf, type DbOrTx } from "../client";
import {
  federationChanges,
  federationInstance,
  federationKeys,
  federationPeerAggregates,
  federationPeerNeeds,
  federationPeerOllas,
  federationPeers,
  federationPullLog,
} from "../schema";
import { URGENT, WORST_LATERAL } from "./map";

/** Transaction-scoped advisory lock keys (distinct from the other features' keys). */
export const KEY_LOCK = 1868983362;
const PEER_LOCK_SPACE = 1868983363;

// ----------------------------------------------------------------------------- identity, keys

export async function instanceEpoch(db: DbOrTx): Promise<{ epoch: string; startedAt: Date }> {
  const [row] = await db.select().from(federationInstance).where(eq(federationInstance.id, 1));
  if (row) return { epoch: row.epoch, startedAt: row.epochStartedAt };
  const [made] = await db.insert(federationInstance).values({ id: 1 }).onConflictDoNothing().returning();
  return made ? { epoch: made.epoch, startedAt: made.epochStartedAt } : instanceEpoch(db);
}

export async function startNewEpoch(db: DbOrTx): Promise<string> {
  const [row] = await db
    .update(federationInstance)
    .set({ epoch: sql`gen_random_uuid()`, epochStartedAt: sql`now()` })
    .where(eq(federationInstance.id, 1))
    .returning({ epoch: federationInstance.epoch });
  return row!.epoch;
}

export async function lockKeys(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${KEY_LOCK})`);
}

export async function activeKey(db: DbOrTx) {
  const [row] = await db.select().from(federationKeys).where(isNull(federationKeys.retiredAt));
  return row ?? null;
}

/** Every key this instance ever signed with, oldest first (the JWKS and the rotation chain). */
export async function allKeys(db: DbOrTx) {
  return db.select().from(federationKeys).orderBy(asc(federationKeys.createdAt), asc(federationKeys.kid));
}

export async function insertKey(
  db: DbOrTx,
  k: { kid: string; publicJwk: Record<string, string>; privateJwk: Record<string, string>; previousKid: string | null; rotation: string | null },
): Promise<void> {
  if (k.previousKid) await db.update(federationKeys).set({ retiredAt: sql`now()` }).where(eq(federationKeys.kid, k.previousKid));
  await db.insert(federationKeys).values(k);
}

// ----------------------------------------------------------------------------- the feed

export async function feedHead(db: DbOrTx): Promise<number> {
  const rows = rowsOf<{ head: string | number | null }>(await db.execute(sql`select max(seq) as head from federation_changes`));
  return Number(rows[0]?.head ?? 0);
}

/** The entities whose latest change is after `since`, in sequence order (an index range scan). */
export async function changesAfter(db: DbOrTx, since: number, limit: number) {
  return db
    .select()
    .from(federationChanges)
    .where(gt(federationChanges.seq, since))
    .orderBy(asc(federationChanges.seq))
    .limit(limit);
}

/**
 * A snapshot's page: the entities whose latest change is in (since, upto] and that are public
 * now (an olla not closed; an open public need of an olla not closed), in sequence order. The
 * entities that are not public are skipped, not sent as removals: a subscriber taking a
 * snapshot holds none of them. Walks the sequence index from `since` and stops at `limit` hits.
 */
export async function publishedChangesAfter(db: DbOrTx, since: number, upto: number, limit: number) {
  const res = await db.execute(sql`
    select c.kind, c.entity_id as "entityId", c.seq
    from federation_changes c
    where c.seq > ${since} and c.seq <= ${upto}
      -- Scalar subqueries probed row by row (primary-key lookups): written as EXISTS, PostgreSQL
      -- hashed every public need and olla for each page (680 ms a page at 10,000 ollas, 140 ms so).
      and coalesce(case c.kind
        when 'olla' then (select true from ollas o where o.id = c.entity_id and o.status <> 'closed' limit 1)
        else (
          select true from needs n join ollas o on o.id = n.olla_id
          where n.id = c.entity_id and n.status = 'open' and n.visibility = 'public' and o.status <> 'closed' limit 1)
      end, false)
    order by c.seq
    limit ${limit}`);
  return rowsOf<{ kind: string; entityId: string; seq: string | number }>(res);
}

/** Up to 1,000 ids as one parameter (a list of 1,000 parameters cost more to plan than to run). */
const uuidArray = (ids: string[]) => sql`string_to_array(${ids.join(",")}, ',')::uuid[]`;

/** The public facts of the given ollas that are still published (not closed). */
export async function publishedOllas(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  const res = await db.execute(sql`
    select ollas.id, ollas.name, ollas.status, ollas.district_ubigeo, d.name as district_name, z.name as zone_name,
      ollas.public_lat, ollas.public_lng, ollas.publish_exact, ollas.rations_per_day, ollas.ration_price_cents,
      ollas.cooking_days, w.level as worst_level, coalesce(w.categories, '{}') as worst_categories, ${URGENT} as urgent
    from ollas
    join districts d on d.ubigeo = ollas.district_ubigeo
    join zones z on z.id = ollas.zone_id
    ${WORST_LATERAL}
    where ollas.id = any(${uuidArray(ids)}) and ollas.status <> 'closed'`);
  return rowsOf<{
    id: string;
    name: string;
    status: "active" | "paused";
    district_ubigeo: string;
    district_name: string;
    zone_name: string | null;
    public_lat: number;
    public_lng: number;
    publish_exact: boolean;
    rations_per_day: number;
    ration_price_cents: number;
    cooking_days: string[];
    worst_level: number | null;
    worst_categories: string[];
    urgent: boolean;
  }>(res);
}

/** The given needs that are still open, public, of a published olla. */
export async function publishedNeeds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  const res = await db.execute(sql`
    select n.id, n.olla_id, n.category, n.description, n.quantity::text as quantity, n.unit, n.urgency, n.created_at
    from needs n join ollas o on o.id = n.olla_id
    where n.id = any(${uuidArray(ids)}) and n.status = 'open' and n.visibility = 'public' and o.status <> 'closed'`);
  return rowsOf<{ id: string; olla_id: string; category: string; description: string; quantity: string | null; unit: string | null; urgency: string; created_at: string | Date }>(res);
}

// ----------------------------------------------------------------------------- peers

export type PeerRow = typeof federationPeers.$inferSelect;

export async function listPeers(db: DbOrTx) {
  return db.select().from(federationPeers).orderBy(asc(federationPeers.name));
}

export async function findPeer(db: DbOrTx, id: string): Promise<PeerRow | null> {
  const [row] = await db.select().from(federationPeers).where(eq(federationPeers.id, id));
  return row ?? null;
}

export async function insertPeer(db: DbOrTx, p: { name: string; baseUrl: string; pinnedKid: string; pinnedJwk: Record<string, string>; createdBy: string | null }) {
  const [row] = await db.insert(federationPeers).values(p).returning();
  return row!;
}

export async function setPeerPaused(db: DbOrTx, id: string, paused: boolean) {
  const [row] = await db.update(federationPeers).set({ paused }).where(eq(federationPeers.id, id)).returning({ id: federationPeers.id });
  return row ?? null;
}

/** Deletes a peer; its ollas, needs, aggregates and log go with it (ON DELETE CASCADE). */
export async function deletePeer(db: DbOrTx, id: string) {
  const [row] = await db.delete(federationPeers).where(eq(federationPeers.id, id)).returning({ id: federationPeers.id });
  return row ?? null;
}

/** Serialises the pulls of one peer across app servers until the transaction ends. */
export async function lockPeer(tx: DbOrTx, peerId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${PEER_LOCK_SPACE}, hashtext(${peerId}))`);
}

/**
 * Claims the scheduled pull of a peer: true when no other app server is pulling it (the
 * transaction-scoped advisory lock) and its last attempt is older than `minAgeSeconds`; the
 * attempt time is stamped in the same statement, so the next server skips it.
 */
export async function claimScheduledPull(db: DbOrTx, peerId: string, minAgeSeconds: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ ok: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${PEER_LOCK_SPACE}, hashtext(${peerId})) as ok`));
    if (!lock?.ok) return false;
    const rows = await tx
      .update(federationPeers)
      .set({ lastAttemptAt: sql`now()` })
      .where(
        and(
          eq(federationPeers.id, peerId),
          eq(federationPeers.paused, false),
          sql`(${federationPeers.lastAttemptAt} is null or ${federationPeers.lastAttemptAt} < now() - make_interval(secs => ${minAgeSeconds}))`,
        ),
      )
      .returning({ id: federationPeers.id });
    return rows.length === 1;
  });
}

export async function recordAttempt(db: DbOrTx, peerId: string, ok: boolean, error: string | null) {
  await db
    .update(federationPeers)
    .set(ok ? { lastAttemptAt: sql`now()`, lastSuccessAt: sql`now()`, lastError: null } : { lastAttemptAt: sql`now()`, lastError: error })
    .where(eq(federationPeers.id, peerId));
}

export async function logPull(db: DbOrTx, e: { peerId: string; outcome: "ok" | "refused" | "unreachable"; reason: string | null; pages: number; items: number }) {
  await db.insert(federationPullLog).values(e);
}

export async function recentPullLog(db: DbOrTx, peerId: string, limit = 10) {
  return db.select().from(federationPullLog).where(eq(federationPullLog.peerId, peerId)).orderBy(desc(federationPullLog.at), desc(federationPullLog.id)).limit(limit);
}

/** Moves the peer's cursor (and epoch, and its self-declared name) after a page was applied. */
export async function advancePeer(tx: DbOrTx, peerId: string, v: { epoch: string; cursor: number; name: string }) {
  await tx.update(federationPeers).set(v).where(eq(federationPeers.id, peerId));
}

export async function pinPeerKey(tx: DbOrTx, peerId: string, kid: string, jwk: Record<string, string>) {
  await tx.update(federationPeers).set({ pinnedKid: kid, pinnedJwk: jwk }).where(eq(federationPeers.id, peerId));
}

/** A new epoch of the peer: its whole snapshot is replaced, starting from nothing. */
export async function clearPeerData(tx: DbOrTx, peerId: string) {
  await tx.delete(federationPeerNeeds).where(eq(federationPeerNeeds.peerId, peerId));
  await tx.delete(federationPeerOllas).where(eq(federationPeerOllas.peerId, peerId));
  await tx.delete(federationPeerAggregates).where(eq(federationPeerAggregates.peerId, peerId));
}

export type PeerOllaInsert = typeof federationPeerOllas.$inferInsert;
export type PeerNeedInsert = typeof federationPeerNeeds.$inferInsert;

// A page's rows go in as one JSON parameter (jsonb_to_recordset): built by drizzle's insert,
// 1,000 rows of 17 columns cost the subscriber more CPU than the rest of the page (2.8 s of
// drizzle's entity checks alone in a 10,000-olla pull).
export async function upsertPeerOllas(tx: DbOrTx, rows: PeerOllaInsert[]) {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      peer_id: r.peerId,
      remote_id: r.remoteId,
      seq: r.seq,
      name: r.name,
      status: r.status,
      district_ubigeo: r.districtUbigeo,
      district_name: r.districtName,
      zone_name: r.zoneName ?? null,
      lat: r.lat,
      lng: r.lng,
      exact_location: r.exactLocation,
      rations_per_day: r.rationsPerDay,
      ration_price_cents: r.rationPriceCents,
      cooking_days: r.cookingDays,
      worst_level: r.worstLevel ?? null,
      worst_categories: r.worstCategories,
      urgent_public_needs: r.urgentPublicNeeds,
    })),
  );
  await tx.execute(sql`
    insert into federation_peer_ollas (peer_id, remote_id, seq, name, status, district_ubigeo, district_name, zone_name, lat, lng,
      exact_location, rations_per_day, ration_price_cents, cooking_days, worst_level, worst_categories, urgent_public_needs)
    select peer_id, remote_id, seq, name, status, district_ubigeo, district_name, zone_name, lat, lng,
      exact_location, rations_per_day, ration_price_cents, cooking_days, worst_level, worst_categories, urgent_public_needs
    from jsonb_to_recordset(${json}::jsonb) as x(peer_id uuid, remote_id uuid, seq bigint, name text, status varchar(16),
      district_ubigeo varchar(6), district_name text, zone_name text, lat double precision, lng double precision,
      exact_location boolean, rations_per_day integer, ration_price_cents integer, cooking_days text[], worst_level smallint,
      worst_categories text[], urgent_public_needs boolean)
    on conflict (peer_id, remote_id) do update set
      seq = excluded.seq, name = excluded.name, status = excluded.status, district_ubigeo = excluded.district_ubigeo,
      district_name = excluded.district_name, zone_name = excluded.zone_name, lat = excluded.lat, lng = excluded.lng,
      exact_location = excluded.exact_location, rations_per_day = excluded.rations_per_day,
      ration_price_cents = excluded.ration_price_cents, cooking_days = excluded.cooking_days, worst_level = excluded.worst_level,
      worst_categories = excluded.worst_categories, urgent_public_needs = excluded.urgent_public_needs`);
}

export async function upsertPeerNeeds(tx: DbOrTx, rows: PeerNeedInsert[]) {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      peer_id: r.peerId,
      remote_id: r.remoteId,
      remote_olla_id: r.remoteOllaId,
      seq: r.seq,
      category: r.category,
      description: r.description,
      quantity: r.quantity ?? null,
      unit: r.unit ?? null,
      urgency: r.urgency,
      created_at: r.createdAt instanceof Date ? r.createdAt.toISOString() : r.createdAt,
    })),
  );
  await tx.execute(sql`
    insert into federation_peer_needs (peer_id, remote_id, remote_olla_id, seq, category, description, quantity, unit, urgency, created_at)
    select peer_id, remote_id, remote_olla_id, seq, category, description, quantity, unit, urgency, created_at
    from jsonb_to_recordset(${json}::jsonb) as x(peer_id uuid, remote_id uuid, remote_olla_id uuid, seq bigint, category varchar(20),
      description text, quantity text, unit varchar(20), urgency varchar(10), created_at timestamptz)
    on conflict (peer_id, remote_id) do update set
      remote_olla_id = excluded.remote_olla_id, seq = excluded.seq, category = excluded.category, description = excluded.description,
      quantity = excluded.quantity, unit = excluded.unit, urgency = excluded.urgency, created_at = excluded.created_at`);
}

/** Removes the given ollas (and their needs) and needs of a peer. */
export async function removePeerEntities(tx: DbOrTx, peerId: string, ollaIds: string[], needIds: string[]) {
  if (ollaIds.length) {
    await tx.delete(federationPeerNeeds).where(and(eq(federationPeerNeeds.peerId, peerId), inArray(federationPeerNeeds.remoteOllaId, ollaIds)));
    await tx.delete(federationPeerOllas).where(and(eq(federationPeerOllas.peerId, peerId), inArray(federationPeerOllas.remoteId, ollaIds)));
  }
  if (needIds.length) await tx.delete(federationPeerNeeds).where(and(eq(federationPeerNeeds.peerId, peerId), inArray(federationPeerNeeds.remoteId, needIds)));
}

export async function savePeerAggregates(tx: DbOrTx, peerId: string, asOf: string, body: unknown) {
  await tx
    .insert(federationPeerAggregates)
    .values({ peerId, asOf, body })
    .onConflictDoUpdate({ target: federationPeerAggregates.peerId, set: { asOf, body, receivedAt: sql`now()` } });
}

// ----------------------------------------------------------------------------- reading peers' data

/** Ollas of active (not paused) peers, with their provenance, for maps and lists. */
export async function peerOllas(db: DbOrTx, opts: { districtUbigeo?: string; limit?: number } = {}) {
  return db
    .select({
      peerId: federationPeers.id,
      peerName: federationPeers.name,
      peerUrl: federationPeers.baseUrl,
      lastSuccessAt: federationPeers.lastSuccessAt,
      lastError: federationPeers.lastError,
      remoteId: federationPeerOllas.remoteId,
      name: federationPeerOllas.name,
      status: federationPeerOllas.status,
      districtUbigeo: federationPeerOllas.districtUbigeo,
      districtName: federationPeerOllas.districtName,
      lat: federationPeerOllas.lat,
      lng: federationPeerOllas.lng,
      exactLocation: federationPeerOllas.exactLocation,
      rationsPerDay: federationPeerOllas.rationsPerDay,
      worstLevel: federationPeerOllas.worstLevel,
      worstCategories: federationPeerOllas.worstCategories,
      urgentPublicNeeds: federationPeerOllas.urgentPublicNeeds,
    })
    .from(federationPeerOllas)
    .innerJoin(federationPeers, eq(federationPeers.id, federationPeerOllas.peerId))
    .where(and(eq(federationPeers.paused, false), opts.districtUbigeo ? eq(federationPeerOllas.districtUbigeo, opts.districtUbigeo) : undefined))
    .orderBy(asc(federationPeers.name), asc(federationPeerOllas.name), asc(federationPeerOllas.remoteId))
    .limit(opts.limit ?? 20000);
}

export async function peerNeeds(db: DbOrTx, limit = 500) {
  return db
    .select({
      peerId: federationPeers.id,
      peerName: federationPeers.name,
      lastSuccessAt: federationPeers.lastSuccessAt,
      remoteId: federationPeerNeeds.remoteId,
      ollaName: federationPeerOllas.name,
      districtName: federationPeerOllas.districtName,
      category: federationPeerNeeds.category,
      description: federationPeerNeeds.description,
      quantity: federationPeerNeeds.quantity,
      unit: federationPeerNeeds.unit,
      urgency: federationPeerNeeds.urgency,
      createdAt: federationPeerNeeds.createdAt,
    })
    .from(federationPeerNeeds)
    .innerJoin(federationPeers, eq(federationPeers.id, federationPeerNeeds.peerId))
    .innerJoin(federationPeerOllas, and(eq(federationPeerOllas.peerId, federationPeerNeeds.peerId), eq(federationPeerOllas.remoteId, federationPeerNeeds.remoteOllaId)))
    .where(eq(federationPeers.paused, false))
    .orderBy(desc(federationPeerNeeds.createdAt), asc(federationPeerNeeds.remoteId))
    .limit(limit);
}

/** Per active peer: its aggregates, counts and freshness (the public dashboard's federated section). */
export async function peerSummaries(db: DbOrTx) {
  const res = await db.execute(sql`
    select p.id, p.name, p.base_url, p.last_success_at, p.last_error,
      (select count(*) from federation_peer_ollas o where o.peer_id = p.id) as ollas,
      (select count(*) from federation_peer_needs n where n.peer_id = p.id) as needs,
      a.as_of, a.body
    from federation_peers p left join federation_peer_aggregates a on a.peer_id = p.id
    where not p.paused
    order by p.name, p.id`);
  return rowsOf<{ id: string; name: string; base_url: string; last_success_at: string | Date | null; last_error: string | null; ollas: string | number; needs: string | number; as_of: string | null; body: unknown }>(res).map((r) => ({
    id: r.id,
    name: r.name,
    baseUrl: r.base_url,
    lastSuccessAt: r.last_success_at === null ? null : new Date(r.last_success_at),
    lastError: r.last_error,
    ollas: Number(r.ollas),
    needs: Number(r.needs),
    asOf: r.as_of,
    aggregates: jsonValue<unknown>(r.body),
  }));
}

// ----------------------------------------------------------------------------- peers on the maps

/** A peer olla's id on the map (markers, clusters, the list): never confused with a local olla's uuid. */
export const peerMapId = (peerId: string, remoteId: string) => `peer:${peerId}:${remoteId}`;
export const PEER_MAP_ID = /^peer:([0-9a-f-]{36}):([0-9a-f-]{36})$/;

/**
 * The peers' ollas a map filter keeps (active peers only). A zone is this network's own: a zone
 * filter keeps none. A problem filter can only use what the peer publishes, the worst level and
 * the categories at it: "has this problem" keeps those whose worst is critical or precarious in
 * it, a level keeps those whose worst is that level in it.
 */
function peerFilterWhere(f: { districtUbigeo?: string; zoneId?: string; category?: string; level?: number; urgentNeeds?: boolean }) {
  const parts = [sql`not p.paused`];
  if (f.zoneId) parts.push(sql`false`);
  if (f.districtUbigeo) parts.push(sql`o.district_ubigeo = ${f.districtUbigeo}`);
  if (f.category) {
    parts.push(sql`${f.category} = any(o.worst_categories)`);
    parts.push(f.level !== undefined ? sql`o.worst_level = ${f.level}` : sql`o.worst_level <= 1`);
  }
  if (f.urgentNeeds) parts.push(sql`o.urgent_public_needs`);
  return sql.join(parts, sql` and `);
}

type PeerFilter = Parameters<typeof peerFilterWhere>[0];

/** What changes the peers' part of the map (a pull, a pause, a removal): part of the map cache's version. */
export async function peersMapVersion(db: DbOrTx): Promise<string> {
  const res = await db.execute(sql`
    select coalesce(string_agg(id::text || '/' || coalesce(epoch::text, '') || '/' || cursor || '/' || paused::text, ',' order by id), '') as v
    from federation_peers`);
  return rowsOf<{ v: string }>(res)[0]?.v ?? "";
}

/** Districts where followed (not paused) peers have ollas and this instance has no district of its own (another city's). */
export async function peerOnlyDistricts(db: DbOrTx) {
  return rowsOf<{ ubigeo: string; name: string }>(
    await db.execute(sql`
      select o.district_ubigeo as ubigeo, min(o.district_name) as name
      from federation_peer_ollas o join federation_peers p on p.id = o.peer_id
      where not p.paused and not exists (select 1 from districts d where d.ubigeo = o.district_ubigeo)
      group by o.district_ubigeo
      order by 2, 1`),
  );
}

export async function peerMapPoints(db: DbOrTx, filter: PeerFilter) {
  const res = await db.execute(sql`
    select o.peer_id, o.remote_id, o.lat, o.lng, o.exact_location, o.worst_level, o.worst_categories[1] as worst_category, o.urgent_public_needs
    from federation_peer_ollas o join federation_peers p on p.id = o.peer_id
    where ${peerFilterWhere(filter)}`);
  return rowsOf<{ peer_id: string; remote_id: string; lat: number; lng: number; exact_location: boolean; worst_level: number | null; worst_category: string | null; urgent_public_needs: boolean }>(res);
}

/** The peers' ollas of the map's list (after this network's own), with their provenance; and their count. */
export async function peerMapList(db: DbOrTx, filter: PeerFilter, page: { limit: number; offset: number }) {
  const where = peerFilterWhere(filter);
  const [itemsRes, countRes] = await Promise.all([
    page.limit > 0
      ? db.execute(sql`
      select o.peer_id, o.remote_id, o.name, o.status, o.district_ubigeo, o.district_name, o.rations_per_day, o.worst_level,
        o.worst_categories, o.urgent_public_needs, p.name as peer_name, p.last_success_at, p.last_error
      from federation_peer_ollas o join federation_peers p on p.id = o.peer_id
      where ${where}
      order by p.name, p.id, coalesce(o.worst_level, 4), o.name, o.remote_id
      limit ${page.limit} offset ${page.offset}`)
      : Promise.resolve(null),
    db.execute(sql`select count(*)::int as n from federation_peer_ollas o join federation_peers p on p.id = o.peer_id where ${where}`),
  ]);
  const items = itemsRes
    ? rowsOf<{
        peer_id: string;
        remote_id: string;
        name: string;
        status: string;
        district_ubigeo: string;
        district_name: string;
        rations_per_day: number;
        worst_level: number | null;
        worst_categories: string[];
        urgent_public_needs: boolean;
        peer_name: string;
        last_success_at: string | Date | null;
        last_error: string | null;
      }>(itemsRes)
    : [];
  return { items, total: Number(rowsOf<{ n: number }>(countRes)[0]?.n ?? 0) };
}

/** One peer olla as the map's panel shows it, with its peer, and its open public needs (most urgent first). */
export async function peerMapOlla(db: DbOrTx, peerId: string, remoteId: string) {
  const [row] = await db
    .select({
      peerId: federationPeers.id,
      peerName: federationPeers.name,
      peerUrl: federationPeers.baseUrl,
      lastSuccessAt: federationPeers.lastSuccessAt,
      lastError: federationPeers.lastError,
      olla: federationPeerOllas,
    })
    .from(federationPeerOllas)
    .innerJoin(federationPeers, eq(federationPeers.id, federationPeerOllas.peerId))
    .where(and(eq(federationPeerOllas.peerId, peerId), eq(federationPeerOllas.remoteId, remoteId), eq(federationPeers.paused, false)));
  if (!row) return null;
  const needs = await db
    .select()
    .from(federationPeerNeeds)
    .where(and(eq(federationPeerNeeds.peerId, peerId), eq(federationPeerNeeds.remoteOllaId, remoteId)))
    .orderBy(sql`case ${federationPeerNeeds.urgency} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`, desc(federationPeerNeeds.createdAt))
    .limit(3);
  return { ...row, needs };
}
