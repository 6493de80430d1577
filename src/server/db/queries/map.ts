import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { MultiPolygon, Polygon } from "geojson";
import { jsonValue, rowsOf, type DbOrTx } from "../client";
import { needs, zones } from "../schema";
import { coordinatorScopeWhere } from "./ollas";
import type { MapFilter } from "~/validation/map";
import type { ProblemCategory } from "~/shared/assessment";
import { NEAR_DISTANCE_M, NEAR_GRID_DEG, type MapPoint, type OpenDataOlla } from "~/server/domain/map";
import type { Scope } from "~/server/domain/scope";

/*
 * The map's SQL. The FROM uses the bare table name "ollas" so that coordinatorScopeWhere
 * (which names "ollas"."zone_id") applies unchanged. Worst problem = the lowest level
 * among the latest assessment of each category (newest date, then newest row).
 */

/**
 * Per olla (LATERAL, one index range scan on assessments_olla_category_idx each): the
 * worst level among the latest assessment of every category, and every category at
 * that level (catalogue order = enum order). No row when the olla was never assessed.
 * Per-olla lookups keep the plan linear; a whole-table DISTINCT ON joined back to the
 * ollas was misestimated by the planner into a nested loop (seconds at 1,000 ollas).
 */
export const WORST_LATERAL = sql`left join lateral (
  select l.level, array_agg(l.category::text order by l.category) as categories
  from (
    select distinct on (a.category) a.category, a.level
    from assessments a
    where a.olla_id = ollas.id
    order by a.category, a.assessed_on desc, a.id desc
  ) l
  group by l.level
  order by l.level
  limit 1
) w on true`;

/** An open, public need of high or critical urgency (the map's "urgent public needs"). */
export const URGENT = sql`exists (
  select 1 from needs n
  where n.olla_id = ollas.id and n.status = 'open' and n.visibility = 'public' and n.urgency in ('high', 'critical')
)`;

/** The ollas a map filter keeps. Closed ollas are never on the map. */
function filterWhere(f: MapFilter): SQL {
  const parts: SQL[] = [sql`ollas.status <> 'closed'`];
  if (f.districtUbigeo) parts.push(sql`ollas.district_ubigeo = ${f.districtUbigeo}`);
  if (f.zoneId) parts.push(sql`ollas.zone_id = ${f.zoneId}`);
  if (f.category) {
    // The latest assessment of that category: one index lookup per olla.
    const latest = sql`(select a.level from assessments a where a.olla_id = ollas.id and a.category = ${f.category}::problem_category
      order by a.assessed_on desc, a.id desc limit 1)`;
    parts.push(f.level !== undefined ? sql`${latest} = ${f.level}` : sql`${latest} <= 1`);
  }
  if (f.urgentNeeds) parts.push(URGENT);
  return sql.join(parts, sql` and `);
}

/** Exact points for the ollas the viewer coordinates; everyone else gets the public point. */
const exactWhere = (viewer: Scope | null): SQL => (viewer && (viewer.city || viewer.zoneIds.length > 0) ? coordinatorScopeWhere(viewer) : sql`false`);

/** The compact rows the cluster index is built from: one per matching olla. */
export async function mapPoints(db: DbOrTx, filter: MapFilter, viewer: Scope | null): Promise<MapPoint[]> {
  const exact = exactWhere(viewer);
  const res = await db.execute(sql`
    select ollas.id,
      case when ${exact} then ollas.lat else ollas.public_lat end as lat,
      case when ${exact} then ollas.lng else ollas.public_lng end as lng,
      (${exact} or ollas.publish_exact) as exact,
      w.level as worst_level, w.categories[1] as worst_category,
      ${URGENT} as urgent
    from ollas ${WORST_LATERAL}
    where ${filterWhere(filter)}`);
  return rowsOf<{ id: string; lat: number; lng: number; exact: boolean; worst_level: number | null; worst_category: string | null; urgent: boolean }>(res).map(
    (r) => ({
      id: r.id,
      lat: Number(r.lat),
      lng: Number(r.lng),
      exact: Boolean(r.exact),
      worstLevel: r.worst_level === null ? null : Number(r.worst_level),
      worstCategory: (r.worst_category as ProblemCategory | null) ?? null,
      urgent: Boolean(r.urgent),
    }),
  );
}

/** The same filtered ollas as a list (public fields), the most serious first; and their count. */
export async function mapList(db: DbOrTx, filter: MapFilter, page: { limit: number; offset: number }) {
  const where = filterWhere(filter);
  const [itemsRes, countRes] = await Promise.all([
    db.execute(sql`
      select ollas.id, ollas.name, ollas.status, ollas.district_ubigeo, d.name as district_name, ollas.rations_per_day,
        w.level as worst_level, coalesce(w.categories, '{}') as worst_categories, ${URGENT} as urgent
      from ollas
      join districts d on d.ubigeo = ollas.district_ubigeo
      ${WORST_LATERAL}
      where ${where}
      order by coalesce(w.level, 4), ollas.name, ollas.id
      limit ${page.limit} offset ${page.offset}`),
    db.execute(sql`select count(*)::int as n from ollas where ${where}`),
  ]);
  const items = rowsOf<{
    id: string;
    name: string;
    status: "active" | "paused";
    district_ubigeo: string;
    district_name: string;
    rations_per_day: number;
    worst_level: number | null;
    worst_categories: string[];
    urgent: boolean;
  }>(itemsRes).map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    districtUbigeo: r.district_ubigeo,
    districtName: r.district_name,
    rationsPerDay: Number(r.rations_per_day),
    worstLevel: r.worst_level === null ? null : Number(r.worst_level),
    worstCategories: r.worst_categories as ProblemCategory[],
    urgent: Boolean(r.urgent),
  }));
  return { items, total: Number(rowsOf<{ n: number }>(countRes)[0]?.n ?? 0) };
}

/** Up to `limit` public needs of an olla that are still open or in progress, the most urgent first. */
export async function topPublicNeeds(db: DbOrTx, ollaId: string, limit = 3) {
  return db
    .select({ id: needs.id, category: needs.category, description: needs.description, quantity: needs.quantity, unit: needs.unit, urgency: needs.urgency })
    .from(needs)
    .where(and(eq(needs.ollaId, ollaId), eq(needs.visibility, "public"), inArray(needs.status, ["open", "in_progress"])))
    .orderBy(desc(needs.urgency), desc(needs.createdAt), desc(needs.id))
    .limit(limit);
}

/**
 * A cheap fingerprint of everything the map index depends on. Every change is audited in
 * its own transaction, so the newest audit row about an olla, an assessment or a need
 * moves whenever the map's data does (one probe per kind of the (entity, id) index; stock
 * movements and refusals do not invalidate the map). Assessments are append-only, and the
 * count of ollas catches rows loaded in bulk without an audit trail (seeds).
 */
export async function mapDataVersion(db: DbOrTx): Promise<string> {
  const res = await db.execute(sql`
    select greatest(
             (select coalesce(max(id), 0) from audit_log where entity = 'olla'),
             (select coalesce(max(id), 0) from audit_log where entity = 'assessment'),
             (select coalesce(max(id), 0) from audit_log where entity = 'need'))::text as a,
           (select coalesce(max(id), 0) from assessments)::text as s,
           (select count(*) from ollas)::text as o`);
  const r = rowsOf<{ a: string; s: string; o: string }>(res)[0];
  return `${r?.a}:${r?.s}:${r?.o}`;
}

// ---------------------------------------------------------------------------
// Coordinator layers

export interface AreaStateRow {
  id: string;
  name: string;
  districtUbigeo: string | null;
  boundary: Polygon | MultiPolygon | null;
  total: number;
  /** Ollas whose latest state of the category is 0, 1, 2, 3. */
  levels: [number, number, number, number];
  notAssessed: number;
}

const latestOfCategory = (category: ProblemCategory) => sql`latest_c as (
  select distinct on (a.olla_id) a.olla_id, a.level
  from assessments a
  where a.category = ${category}::problem_category
  order by a.olla_id, a.assessed_on desc, a.id desc
)`;

const LEVEL_COUNTS = sql`
  count(ollas.id)::int as total,
  (count(ollas.id) filter (where l.level = 0))::int as l0,
  (count(ollas.id) filter (where l.level = 1))::int as l1,
  (count(ollas.id) filter (where l.level = 2))::int as l2,
  (count(ollas.id) filter (where l.level = 3))::int as l3,
  (count(ollas.id) filter (where l.level is null))::int as unassessed`;

type AreaRaw = { id: string; name: string; district_ubigeo: string | null; boundary: unknown; total: number; l0: number; l1: number; l2: number; l3: number; unassessed: number };

function toArea(r: AreaRaw): AreaStateRow {
  const b = jsonValue<unknown>(r.boundary);
  return {
    id: r.id,
    name: r.name,
    districtUbigeo: r.district_ubigeo,
    boundary: (b as Polygon | MultiPolygon | null) ?? null,
    total: Number(r.total),
    levels: [Number(r.l0), Number(r.l1), Number(r.l2), Number(r.l3)],
    notAssessed: Number(r.unassessed),
  };
}

/** State of one category per zone of the coordinator's scope (zones without ollas included, for their boundary). */
export async function categoryStateByZone(db: DbOrTx, scope: Scope, category: ProblemCategory): Promise<AreaStateRow[]> {
  const zoneScope = scope.city ? sql`true` : scope.zoneIds.length ? sql`z.id in (${sql.join(scope.zoneIds.map((id) => sql`${id}`), sql`, `)})` : sql`false`;
  const res = await db.execute(sql`
    with ${latestOfCategory(category)}
    select z.id, z.name, z.district_ubigeo, z.boundary, ${LEVEL_COUNTS}
    from zones z
    left join ollas on ollas.zone_id = z.id and ollas.status <> 'closed'
    left join latest_c l on l.olla_id = ollas.id
    where ${zoneScope}
    group by z.id
    order by z.name`);
  return rowsOf<AreaRaw>(res).map(toArea);
}

/** State of one category per district, over the ollas of the coordinator's scope; boundary from a zone of that district. */
export async function categoryStateByDistrict(db: DbOrTx, scope: Scope, category: ProblemCategory): Promise<AreaStateRow[]> {
  const res = await db.execute(sql`
    with ${latestOfCategory(category)}
    select d.ubigeo as id, d.name, d.ubigeo as district_ubigeo,
      (select z.boundary from zones z where z.district_ubigeo = d.ubigeo and z.boundary is not null order by z.name limit 1) as boundary,
      ${LEVEL_COUNTS}
    from ollas
    join districts d on d.ubigeo = ollas.district_ubigeo
    left join latest_c l on l.olla_id = ollas.id
    where ollas.status <> 'closed' and ${coordinatorScopeWhere(scope)}
    group by d.ubigeo, d.name
    order by d.name`);
  return rowsOf<AreaRaw>(res).map(toArea);
}

export interface NearPair {
  a: { id: string; name: string; lat: number; lng: number };
  b: { id: string; name: string; lat: number; lng: number };
  distanceM: number;
}

/** How many pairs one answer carries at most (closest first); `total` still counts them all. */
export const MAX_PAIRS = 1000;

/**
 * Pairs of ollas of the coordinator's scope whose exact points are closer than 500 m.
 * A grid of ≥ 500 m cells turns the self-join into a hash join on (cell + neighbour):
 * each olla is compared only with the ollas of its 9 surrounding cells, then haversine.
 */
export async function nearPairs(db: DbOrTx, scope: Scope, opts: { zoneId?: string } = {}): Promise<{ pairs: NearPair[]; total: number }> {
  const g = sql.raw(String(NEAR_GRID_DEG));
  const res = await db.execute(sql`
    with p as (
      select ollas.id, ollas.name, ollas.lat, ollas.lng,
        floor(ollas.lat / ${g})::int as gy, floor(ollas.lng / ${g})::int as gx
      from ollas
      where ollas.status <> 'closed' and ${coordinatorScopeWhere(scope)} ${opts.zoneId ? sql`and ollas.zone_id = ${opts.zoneId}` : sql``}
    ),
    cand as (
      select a.id as a_id, a.name as a_name, a.lat as a_lat, a.lng as a_lng,
             b.id as b_id, b.name as b_name, b.lat as b_lat, b.lng as b_lng,
             2 * 6371008.8 * asin(least(1, sqrt(
               power(sin(radians(b.lat - a.lat) / 2), 2)
               + cos(radians(a.lat)) * cos(radians(b.lat)) * power(sin(radians(b.lng - a.lng) / 2), 2)))) as d
      from p a
      cross join (values (-1), (0), (1)) as dy(v)
      cross join (values (-1), (0), (1)) as dx(v)
      join p b on b.gy = a.gy + dy.v and b.gx = a.gx + dx.v and a.id < b.id
    )
    select *, count(*) over () as total from cand
    where d < ${sql.raw(String(NEAR_DISTANCE_M))}
    order by d, a_id, b_id
    limit ${MAX_PAIRS}`);
  const rows = rowsOf<{ a_id: string; a_name: string; a_lat: number; a_lng: number; b_id: string; b_name: string; b_lat: number; b_lng: number; d: number; total: number | string }>(res);
  return {
    total: Number(rows[0]?.total ?? 0),
    pairs: rows.map((r) => ({
      a: { id: r.a_id, name: r.a_name, lat: Number(r.a_lat), lng: Number(r.a_lng) },
      b: { id: r.b_id, name: r.b_name, lat: Number(r.b_lat), lng: Number(r.b_lng) },
      distanceM: Math.round(Number(r.d)),
    })),
  };
}

// ---------------------------------------------------------------------------
// Zone boundaries

export async function zonesInScope(db: DbOrTx, scope: Scope) {
  return db
    .select({ id: zones.id, name: zones.name, districtUbigeo: zones.districtUbigeo, hasBoundary: sql<boolean>`${zones.boundary} is not null` })
    .from(zones)
    .where(scope.city ? undefined : scope.zoneIds.length ? inArray(zones.id, scope.zoneIds) : sql`false`)
    .orderBy(zones.name);
}

export async function setZoneBoundary(db: DbOrTx, zoneId: string, boundary: Polygon | MultiPolygon): Promise<void> {
  await db.update(zones).set({ boundary }).where(eq(zones.id, zoneId));
}

// ---------------------------------------------------------------------------
// Open-data export (public fields and public points only), read in keyset pages

export type ExportRow = OpenDataOlla;

/** One page of the export after `afterId` (ordered by id), so a stream never holds the whole city. */
export async function exportPage(db: DbOrTx, afterId: string | null, limit: number): Promise<ExportRow[]> {
  const res = await db.execute(sql`
    with page as (
      select ollas.id from ollas
      where ollas.status <> 'closed' ${afterId ? sql`and ollas.id > ${afterId}` : sql``}
      order by ollas.id
      limit ${limit}
    )
    select ollas.id, ollas.name, ollas.status, ollas.district_ubigeo, d.name as district_name, z.name as zone_name,
      ollas.public_lat, ollas.public_lng, ollas.publish_exact, ollas.rations_per_day, ollas.ration_price_cents,
      ollas.cooking_days, ollas.founded_on::text as founded_on,
      w.level as worst_level, coalesce(w.categories, '{}') as worst_categories, ${URGENT} as urgent
    from page
    join ollas on ollas.id = page.id
    join districts d on d.ubigeo = ollas.district_ubigeo
    join zones z on z.id = ollas.zone_id
    ${WORST_LATERAL}
    order by ollas.id`);
  return rowsOf<{
    id: string;
    name: string;
    status: "active" | "paused";
    district_ubigeo: string;
    district_name: string;
    zone_name: string;
    public_lat: number;
    public_lng: number;
    publish_exact: boolean;
    rations_per_day: number;
    ration_price_cents: number;
    cooking_days: string[];
    founded_on: string | null;
    worst_level: number | null;
    worst_categories: string[];
    urgent: boolean;
  }>(res).map((r) => ({
    id: r.id,
    name: r.name,
    status: r.status,
    districtUbigeo: r.district_ubigeo,
    districtName: r.district_name,
    zoneName: r.zone_name,
    lat: Number(r.public_lat),
    lng: Number(r.public_lng),
    exactLocation: Boolean(r.publish_exact),
    rationsPerDay: Number(r.rations_per_day),
    rationPriceCents: Number(r.ration_price_cents),
    cookingDays: r.cooking_days,
    foundedOn: r.founded_on,
    worstLevel: r.worst_level === null ? null : Number(r.worst_level),
    worstCategories: r.worst_categories,
    urgentPublicNeeds: Boolean(r.urgent),
  }));
}
