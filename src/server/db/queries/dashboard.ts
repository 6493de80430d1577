/**
 * Dashboard aggregates, all computed in SQL (GROUP BY, window functions) over the
 * assessment roll-up, the needs, the ollas and the stock ledger; nothing here loads
 * every olla into JavaScript.
 *
 * Each aggregate has a builder (`…Sql`) that returns the exact statement the function
 * runs, so the benchmark can time the bare SQL beside the procedure that serves it.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";
import type { ProblemCategory } from "~/shared/assessment";
import type { Scope } from "~/server/domain/scope";
import { DEPENDENCY_WINDOW_DAYS } from "~/server/domain/dependency";
import { CONSUMPTION_WINDOW_DAYS } from "~/server/domain/stock";

/**
 * Which ollas an aggregate counts. `zoneIds` null = the whole city (public and city
 * coordinators); otherwise the coordinator's zones. zoneId / districtUbigeo narrow it.
 */
export interface AreaFilter {
  zoneIds: string[] | null;
  zoneId?: string;
  districtUbigeo?: string;
}

export function areaFilterFor(scope: Scope | null, f: { zoneId?: string; districtUbigeo?: string } = {}): AreaFilter {
  return { zoneIds: !scope || scope.city ? null : [...scope.zoneIds], zoneId: f.zoneId, districtUbigeo: f.districtUbigeo };
}

const uuidList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** The filter as a WHERE over any relation with zone_id and district_ubigeo columns (the labour queries use it too). */
export function areaWhere(alias: string, f: AreaFilter): SQL {
  const a = sql.raw(alias);
  const parts: SQL[] = [sql`true`];
  if (f.zoneIds) parts.push(f.zoneIds.length ? sql`${a}.zone_id in (${uuidList(f.zoneIds)})` : sql`false`);
  if (f.zoneId) parts.push(sql`${a}.zone_id = ${f.zoneId}::uuid`);
  if (f.districtUbigeo) parts.push(sql`${a}.district_ubigeo = ${f.districtUbigeo}`);
  return sql.join(parts, sql` and `);
}

export type GroupBy = "none" | "zone" | "district";
const groupKey = (alias: string, g: GroupBy) =>
  sql.raw(g === "zone" ? `${alias}.zone_id::text` : g === "district" ? `${alias}.district_ubigeo::text` : `''`);

// ---------------------------------------------------------------------------------------
// Infrastructure levels (from assessment_rollup; see schema/dashboard.ts)

export interface LevelRow {
  key: string;
  category: ProblemCategory;
  level: number;
  n: number;
}

/** Ollas per category and level as of the end of `asOfMonth` (YYYY-MM-01), per area or overall. */
export function levelDistributionSql(f: AreaFilter, asOfMonth: string, by: GroupBy): SQL {
  return sql`
    select ${groupKey("r", by)} as key, r.category::text as category, r.level::int as level, sum(r.delta)::int as n
    from assessment_rollup r
    where ${areaWhere("r", f)} and r.month <= ${asOfMonth}::date
    group by 1, 2, 3
    having sum(r.delta) <> 0`;
}

export async function levelDistribution(db: DbOrTx, f: AreaFilter, asOfMonth: string, by: GroupBy): Promise<LevelRow[]> {
  return rowsOf<LevelRow>(await db.execute(levelDistributionSql(f, asOfMonth, by)));
}

export interface TrendRow {
  month: string;
  category: ProblemCategory;
  level: number;
  n: number;
}

/**
 * For each month of [from, to] and each category and level, the ollas whose latest
 * assessment on or before that month's end has that level: the running sum of the
 * roll-up's deltas. Months before `from` are folded into `from`.
 */
export function levelTrendsSql(f: AreaFilter, from: string, to: string): SQL {
  return sql`
    with agg as (
      select greatest(r.month, ${from}::date) as month, r.category, r.level, sum(r.delta) as d
      from assessment_rollup r
      where ${areaWhere("r", f)} and r.month <= ${to}::date
      group by 1, 2, 3
    ),
    cells as (select distinct category, level from agg),
    grid as (select m::date as month from generate_series(${from}::date, ${to}::date, interval '1 month') m)
    select to_char(g.month, 'YYYY-MM-DD') as month, c.category::text as category, c.level::int as level,
      (sum(coalesce(a.d, 0)) over (partition by c.category, c.level order by g.month))::int as n
    from grid g cross join cells c
    left join agg a on a.month = g.month and a.category = c.category and a.level = c.level
    order by 1, 2, 3`;
}

export async function levelTrends(db: DbOrTx, f: AreaFilter, from: string, to: string): Promise<TrendRow[]> {
  return rowsOf<TrendRow>(await db.execute(levelTrendsSql(f, from, to)));
}

// ---------------------------------------------------------------------------------------
// Open needs

export interface NeedsRow {
  key: string;
  category: string;
  /** null on the per-category subtotal row. */
  urgency: string | null;
  needs: number;
  ollas: number;
}

/**
 * Open and in-progress needs of non-closed ollas, by category and urgency, plus a subtotal
 * row per category (urgency null), from the trigger-kept dashboard_needs_area: distinct
 * ollas per area add up across areas (an olla is in one area).
 */
export function openNeedsSql(f: AreaFilter, by: GroupBy): SQL {
  return sql`
    select ${groupKey("a", by)} as key, a.category::text as category, nullif(a.urgency, 'all') as urgency,
      sum(a.needs)::int as needs, sum(a.ollas)::int as ollas
    from dashboard_needs_area a
    where ${areaWhere("a", f)}
    group by 1, 2, 3
    having sum(a.needs) > 0`;
}

export async function openNeeds(db: DbOrTx, f: AreaFilter, by: GroupBy): Promise<NeedsRow[]> {
  return rowsOf<NeedsRow>(await db.execute(openNeedsSql(f, by)));
}

// ---------------------------------------------------------------------------------------
// People reached

export interface PeopleRow {
  key: string;
  ollas: number;
  rations: number;
  children: number;
  olderAdults: number;
  pregnantNursing: number;
  disabled: number;
  /** Ollas reporting at least one person of each group (for suppression). */
  ollasChildren: number;
  ollasOlderAdults: number;
  ollasPregnantNursing: number;
  ollasDisabled: number;
}

export function peopleReachedSql(f: AreaFilter, by: GroupBy): SQL {
  return sql`
    select ${groupKey("o", by)} as key, count(*)::int as ollas,
      coalesce(sum(o.rations_per_day), 0)::int as rations,
      coalesce(sum(o.beneficiaries_children), 0)::int as children,
      coalesce(sum(o.beneficiaries_older_adults), 0)::int as "olderAdults",
      coalesce(sum(o.beneficiaries_pregnant_nursing), 0)::int as "pregnantNursing",
      coalesce(sum(o.beneficiaries_disabled), 0)::int as disabled,
      (count(*) filter (where o.beneficiaries_children > 0))::int as "ollasChildren",
      (count(*) filter (where o.beneficiaries_older_adults > 0))::int as "ollasOlderAdults",
      (count(*) filter (where o.beneficiaries_pregnant_nursing > 0))::int as "ollasPregnantNursing",
      (count(*) filter (where o.beneficiaries_disabled > 0))::int as "ollasDisabled"
    from ollas o
    where o.status <> 'closed' and ${areaWhere("o", f)}
    group by 1`;
}

export async function peopleReached(db: DbOrTx, f: AreaFilter, by: GroupBy): Promise<PeopleRow[]> {
  return rowsOf<PeopleRow>(await db.execute(peopleReachedSql(f, by)));
}

// ---------------------------------------------------------------------------------------
// Stock health of the staples

export interface StockHealthRow {
  key: string;
  code: string;
  /** Ollas with a ledger for this staple. */
  tracked: number;
  /** Of those, ollas with fewer than `lowDays` days left (none left counts as 0 days). */
  low: number;
}

const STOCK_CONSUMPTION_DAYS = CONSUMPTION_WINDOW_DAYS;

/**
 * Where the sliding-window aggregates read from: the roll-ups materialised for `today`
 * (dashboard_inflow_window, dashboard_cooked_window; rebuilt here on a new day's first
 * read), or the ledger itself when asked about another day than the roll-ups'.
 */
export type WindowSource = "window" | "ledger";

export async function windowSourceFor(db: DbOrTx, today: string): Promise<WindowSource> {
  const [r] = rowsOf<{ d: string }>(await db.execute(sql`select dashboard_windows_refresh(${today}::date)::text as d`));
  return r?.d === today ? "window" : "ledger";
}

/**
 * Counts per area and staple of what the almacén's stockHealthInScope lists olla by olla
 * (same rule, same population: active ollas): days of stock = balance of the whole ledger
 * ÷ cooked (not reversed) in the last 28 days × 28; no balance = 0 days, no recent cooking
 * = unknown (not low). Counted in SQL here because the dashboard needs every area's
 * totals, not a page of ollas.
 */
export function stockHealthSql(
  f: AreaFilter,
  by: GroupBy,
  staples: readonly { id: string; code: string }[],
  lowDays: number,
  today: string,
  source: WindowSource = "ledger",
): SQL {
  // The staples' ids as values the planner sees: it then knows from its statistics that each
  // is on nearly every olla's balance and hash-joins, where a list read from stock_items made
  // it probe the cooking window and the ollas once per balance row.
  const ids = sql.join(staples.map((s) => sql`${s.id}::uuid`), sql`, `);
  const code = sql`case ${sql.join(staples.map((s) => sql`when b.item_id = ${s.id}::uuid then ${s.code}`), sql` `)} end`;
  const cooked =
    source === "window"
      ? sql`select c.olla_id, c.item_id, c.quantity as q from dashboard_cooked_window c where c.item_id in (${ids})`
      : sql`
      select m.olla_id, m.item_id, sum(m.quantity) as q
      from stock_movements m
      where m.exit_reason = 'cooked' and m.item_id in (${ids})
        and m.occurred_on > ${today}::date - ${STOCK_CONSUMPTION_DAYS}::int and m.occurred_on <= ${today}::date
        and m.id not in (select r.reverses_id from stock_movements r where r.reverses_id is not null)
      group by 1, 2`;
  return sql`
    with cooked as (${cooked}),
    per as (
      select b.olla_id, ${code} as code, b.balance, coalesce(c.q, 0) as cooked
      from dashboard_stock_balance b
      left join cooked c on c.olla_id = b.olla_id and c.item_id = b.item_id
      where b.item_id in (${ids})
    )
    select ${groupKey("o", by)} as key, per.code, count(*)::int as tracked,
      (count(*) filter (where per.balance <= 0
        or (per.cooked > 0 and per.balance * ${STOCK_CONSUMPTION_DAYS}::int / per.cooked < ${lowDays}::int)))::int as low
    from per join ollas o on o.id = per.olla_id
    where o.status = 'active' and ${areaWhere("o", f)}
    group by 1, 2`;
}

export async function stockHealth(db: DbOrTx, f: AreaFilter, by: GroupBy, staples: readonly string[], lowDays: number, today: string): Promise<StockHealthRow[]> {
  if (staples.length === 0) return [];
  const [source, items] = await Promise.all([
    windowSourceFor(db, today),
    db.execute(sql`select id::text as id, code from stock_items where olla_id is null and code in (${sql.join(staples.map((c) => sql`${c}`), sql`, `)})`),
  ]);
  const known = rowsOf<{ id: string; code: string }>(items);
  if (known.length === 0) return [];
  return rowsOf<StockHealthRow>(await db.execute(stockHealthSql(f, by, known, lowDays, today, source)));
}

// ---------------------------------------------------------------------------------------
// Dependency (see domain/dependency.ts for the definition)

/**
 * `olla_source`: per olla, kind of source and institution, the kg-equivalent of the last
 * 90 days' entries (reversed entries excluded). Kinds: 0 own means, 1 institution,
 * 2 individual donation, 3 transfer from another olla (as dashboard_inflow_kind()). From
 * the trigger-kept window (already one row per olla and source), or summed from the ledger.
 */
function ollaSourceCte(f: AreaFilter, today: string, ollaId: string | undefined, source: WindowSource): SQL {
  const one = ollaId ? sql`and o.id = ${ollaId}::uuid` : sql``;
  if (source === "window") {
    return sql`
    olla_source as (
      select w.olla_id, w.kind, nullif(w.source_key, '00000000-0000-0000-0000-000000000000'::uuid) as source_id, w.kg::float8 as kg
      from dashboard_inflow_window w
      join ollas o on o.id = w.olla_id
      where o.status <> 'closed' and ${areaWhere("o", f)} ${one}
    )`;
  }
  return sql`
    olla_source as (
      select m.olla_id, dashboard_inflow_kind(m.transfer_id, m.source_type) as kind, m.source_id,
        sum(m.quantity * i.kg_per_unit)::float8 as kg
      from stock_movements m
      join stock_items i on i.id = m.item_id
      join ollas o on o.id = m.olla_id
      where m.direction = 'in' and m.reverses_id is null and i.kg_per_unit is not null
        and m.occurred_on > ${today}::date - ${DEPENDENCY_WINDOW_DAYS}::int and m.occurred_on <= ${today}::date
        and m.id not in (select r.reverses_id from stock_movements r where r.reverses_id is not null)
        and o.status <> 'closed' and ${areaWhere("o", f)} ${one}
      group by 1, 2, 3
      having sum(m.quantity * i.kg_per_unit) <> 0
    )`;
}

/** "Passes the threshold", as exceedsThreshold() in domain/dependency.ts: in whole tenths of a percent. */
const passesShare = (share: SQL, threshold: number) => sql`(round((${share} * 1000)::numeric) > round((${threshold}::float8 * 1000)::numeric))`;
const passes = (top: SQL, total: SQL, threshold: number) => sql`(${total} > 0 and ${passesShare(sql`${top} / ${total}`, threshold)})`;

export interface DependencyRow {
  ollaId: string;
  totalKg: number;
  institutionalKg: number;
  ownKg: number;
  topSourceId: string | null;
  topShare: number;
  hhi: number;
  warning: boolean;
}

const dependencySelect = (threshold: number) => sql`
    per_olla as (
      select olla_id, sum(kg) as total,
        coalesce(sum(kg) filter (where kind = 1), 0) as inst,
        coalesce(sum(kg) filter (where kind = 0), 0) as own,
        coalesce(max(kg) filter (where kind = 1), 0) as top_kg,
        coalesce(sum(kg * kg) filter (where kind = 1), 0) as sq,
        (array_agg(source_id order by kg desc, source_id) filter (where kind = 1))[1] as top_source
      from olla_source group by olla_id
    )
    select olla_id::text as "ollaId", total as "totalKg", inst as "institutionalKg", own as "ownKg",
      top_source::text as "topSourceId",
      (case when total > 0 then top_kg / total else 0 end) as "topShare",
      (case when total > 0 then sq / (total * total) else 0 end) as hhi,
      ${passes(sql`top_kg`, sql`total`, threshold)} as warning
    from per_olla`;

/** Per olla of the filter, over the last 90 days; only ollas with any kg-measurable entry. */
export function dependencyByOllaSql(
  f: AreaFilter,
  today: string,
  threshold: number,
  opts: { ollaId?: string; warningsOnly?: boolean } = {},
  source: WindowSource = "ledger",
): SQL {
  const body =
    source === "window"
      ? sql`
    select d.olla_id::text as "ollaId", d.total as "totalKg", d.institutional as "institutionalKg", d.own as "ownKg",
      d.top_source::text as "topSourceId", d.top_share as "topShare", d.hhi,
      ${passesShare(sql`d.top_share`, threshold)} as warning
    from dashboard_dependency_olla d
    join ollas o on o.id = d.olla_id
    where o.status <> 'closed' and ${areaWhere("o", f)} ${opts.ollaId ? sql`and o.id = ${opts.ollaId}::uuid` : sql``}`
      : sql`with ${ollaSourceCte(f, today, opts.ollaId, source)}, ${dependencySelect(threshold)}`;
  return opts.warningsOnly ? sql`select * from (${body}) d where d.warning order by d."topShare" desc, d."ollaId"` : body;
}

export async function dependencyByOlla(db: DbOrTx, f: AreaFilter, today: string, threshold: number, opts: { ollaId?: string; warningsOnly?: boolean } = {}): Promise<DependencyRow[]> {
  const source = await windowSourceFor(db, today);
  return rowsOf<DependencyRow>(await db.execute(dependencyByOllaSql(f, today, threshold, opts, source)));
}

/**
 * The network (or the filter's area) as one supplier mix: institution shares of all its
 * kg, plus how many ollas pass the threshold. The all-ollas row uses olla_id '' .
 */
export function networkDependencySql(f: AreaFilter, today: string, threshold: number, source: WindowSource = "ledger"): SQL {
  if (source === "window") {
    // Totals and counts from the per-olla figures; only the institutions' rows of the window
    // are summed per source (for the largest one and the HHI).
    return sql`
    with ollas_in as (select o.id from ollas o where o.status <> 'closed' and ${areaWhere("o", f)}),
    tot as (
      select coalesce(sum(d.total), 0) as total, coalesce(sum(d.institutional), 0) as inst, coalesce(sum(d.own), 0) as own,
        count(*)::int as measured, (count(*) filter (where ${passesShare(sql`d.top_share`, threshold)}))::int as warned
      from dashboard_dependency_olla d join ollas_in on ollas_in.id = d.olla_id
    ),
    by_inst as (
      select w.source_key, sum(w.kg)::float8 as kg from dashboard_inflow_window w join ollas_in on ollas_in.id = w.olla_id
      where w.kind = 1 group by 1
    ),
    top as (
      select coalesce(max(kg), 0) as top_kg, coalesce(sum(kg * kg), 0) as sq,
        (array_agg(source_key order by kg desc, source_key))[1] as top_source
      from by_inst
    )
    select tot.total as "totalKg", tot.inst as "institutionalKg", tot.own as "ownKg",
      top.top_source::text as "topSourceId", s.name as "topSourceName", s.type::text as "topSourceType",
      (case when tot.total > 0 then top.top_kg / tot.total else 0 end)::float8 as "topShare",
      (case when tot.total > 0 then top.sq / (tot.total * tot.total) else 0 end)::float8 as hhi,
      tot.measured as "ollasMeasured", tot.warned as "ollasWarned"
    from tot cross join top left join stock_sources s on s.id = top.top_source`;
  }
  return sql`
    with ${ollaSourceCte(f, today, undefined, source)},
    by_source as (select kind, source_id, sum(kg) as kg from olla_source group by 1, 2),
    olla_share as (
      select olla_id, sum(kg) as total, coalesce(max(kg) filter (where kind = 1), 0) as top_kg
      from olla_source group by olla_id
    ),
    tot as (
      select coalesce(sum(kg), 0) as total,
        coalesce(sum(kg) filter (where kind = 1), 0) as inst,
        coalesce(sum(kg) filter (where kind = 0), 0) as own,
        coalesce(max(kg) filter (where kind = 1), 0) as top_kg,
        coalesce(sum(kg * kg) filter (where kind = 1), 0) as sq,
        (array_agg(source_id order by kg desc, source_id) filter (where kind = 1))[1] as top_source
      from by_source
    ),
    counts as (
      select count(*)::int as measured, (count(*) filter (where ${passes(sql`top_kg`, sql`total`, threshold)}))::int as warned
      from olla_share
    )
    select tot.total as "totalKg", tot.inst as "institutionalKg", tot.own as "ownKg",
      tot.top_source::text as "topSourceId", s.name as "topSourceName", s.type::text as "topSourceType",
      (case when tot.total > 0 then tot.top_kg / tot.total else 0 end) as "topShare",
      (case when tot.total > 0 then tot.sq / (tot.total * tot.total) else 0 end) as hhi,
      counts.measured as "ollasMeasured", counts.warned as "ollasWarned"
    from tot cross join counts left join stock_sources s on s.id = tot.top_source`;
}

export interface NetworkDependencyRow {
  totalKg: number;
  institutionalKg: number;
  ownKg: number;
  topSourceId: string | null;
  topSourceName: string | null;
  topSourceType: string | null;
  topShare: number;
  hhi: number;
  ollasMeasured: number;
  ollasWarned: number;
}

export async function networkDependency(db: DbOrTx, f: AreaFilter, today: string, threshold: number): Promise<NetworkDependencyRow> {
  const source = await windowSourceFor(db, today);
  const [row] = rowsOf<NetworkDependencyRow>(await db.execute(networkDependencySql(f, today, threshold, source)));
  return row!;
}

/** Names of the ollas and sources a coordinator's warning list shows (her scope only: the list came from it). */
export async function namesForWarnings(db: DbOrTx, ollaIds: string[], sourceIds: string[]) {
  const [o, s] = await Promise.all([
    ollaIds.length
      ? db.execute(sql`select o.id::text as id, o.name, d.name as "districtName" from ollas o join districts d on d.ubigeo = o.district_ubigeo where o.id in (${uuidList(ollaIds)})`)
      : Promise.resolve([]),
    sourceIds.length ? db.execute(sql`select id::text as id, name, type::text as type from stock_sources where id in (${uuidList(sourceIds)})`) : Promise.resolve([]),
  ]);
  return {
    ollas: new Map(rowsOf<{ id: string; name: string; districtName: string }>(o).map((r) => [r.id, r])),
    sources: new Map(rowsOf<{ id: string; name: string; type: string }>(s).map((r) => [r.id, r])),
  };
}

// ---------------------------------------------------------------------------------------
// "Where you stand" (a delegate's olla against her zone and the city)

export interface StandingRow {
  category: ProblemCategory;
  level: number;
  zone: number;
  city: number;
}

/** Current distribution of her zone and of the city, per category and level, in one pass over the roll-up. */
export function standingSql(zoneId: string): SQL {
  return sql`
    select r.category::text as category, r.level::int as level,
      coalesce(sum(r.delta) filter (where r.zone_id = ${zoneId}::uuid), 0)::int as zone,
      sum(r.delta)::int as city
    from assessment_rollup r
    group by 1, 2`;
}

export async function standing(db: DbOrTx, zoneId: string): Promise<StandingRow[]> {
  return rowsOf<StandingRow>(await db.execute(standingSql(zoneId)));
}

export interface ImprovedRow {
  ollaId: string;
  name: string;
  districtName: string;
  category: ProblemCategory;
  fromLevel: number;
  toLevel: number;
  distanceM: number;
}

/**
 * Non-closed ollas within `radiusKm` of `point` (their PUBLIC points) whose current level
 * in one of `categories` is above their baseline: the latest level on or before
 * `windowStart`, or their first level after it when they were first assessed inside the window.
 */
export function improvedNearbySql(p: { ollaId: string; lat: number; lng: number; radiusKm: number; categories: readonly ProblemCategory[]; windowStart: string; limit: number }): SQL {
  const dLat = p.radiusKm / 111.2;
  const dLng = p.radiusKm / (111.32 * Math.cos((p.lat * Math.PI) / 180));
  const cats = sql.join(p.categories.map((c) => sql`${c}::problem_category`), sql`, `);
  return sql`
    with cand as (
      select o.id, o.name, o.district_ubigeo,
        (2 * 6371008.8 * asin(least(1, sqrt(
          power(sin(radians(o.public_lat - ${p.lat}::float8) / 2), 2)
          + cos(radians(${p.lat}::float8)) * cos(radians(o.public_lat)) * power(sin(radians(o.public_lng - ${p.lng}::float8) / 2), 2)
        )))) as dist
      from ollas o
      where o.status <> 'closed' and o.id <> ${p.ollaId}::uuid
        and o.public_lat between ${p.lat - dLat}::float8 and ${p.lat + dLat}::float8
        and o.public_lng between ${p.lng - dLng}::float8 and ${p.lng + dLng}::float8
    ),
    near as (select * from cand where dist <= ${p.radiusKm * 1000}::float8),
    cur as (
      select distinct on (a.olla_id, a.category) a.olla_id, a.category, a.level
      from assessments a join near n on n.id = a.olla_id
      where a.category in (${cats})
      order by a.olla_id, a.category, a.assessed_on desc, a.id desc
    ),
    base as (
      select distinct on (a.olla_id, a.category) a.olla_id, a.category, a.level
      from assessments a join near n on n.id = a.olla_id
      where a.category in (${cats})
      order by a.olla_id, a.category,
        (a.assessed_on <= ${p.windowStart}::date) desc,
        case when a.assessed_on <= ${p.windowStart}::date then a.assessed_on end desc,
        case when a.assessed_on <= ${p.windowStart}::date then a.id end desc,
        a.assessed_on asc, a.id asc
    ),
    ranked as (
      select n.id, n.name, d.name as district_name, cur.category, base.level as from_level, cur.level as to_level, n.dist,
        row_number() over (partition by cur.category order by n.dist, n.id) as rk
      from near n
      join cur on cur.olla_id = n.id
      join base on base.olla_id = n.id and base.category = cur.category
      join districts d on d.ubigeo = n.district_ubigeo
      where cur.level > base.level
    )
    select id::text as "ollaId", name, district_name as "districtName", category::text as category,
      from_level::int as "fromLevel", to_level::int as "toLevel", round(dist)::int as "distanceM"
    from ranked where rk <= ${p.limit}::int
    order by ranked.category, dist, id`;
}

export async function improvedNearby(db: DbOrTx, p: Parameters<typeof improvedNearbySql>[0]): Promise<ImprovedRow[]> {
  if (p.categories.length === 0) return [];
  return rowsOf<ImprovedRow>(await db.execute(improvedNearbySql(p)));
}

/** Names for the filter labels: a zone's district name (the sentence says "de San Juan de Lurigancho"). */
export async function zoneLabel(db: DbOrTx, zoneId: string): Promise<{ zoneName: string; districtName: string | null }> {
  const [r] = rowsOf<{ zoneName: string; districtName: string | null }>(
    await db.execute(sql`select z.name as "zoneName", d.name as "districtName" from zones z left join districts d on d.ubigeo = z.district_ubigeo where z.id = ${zoneId}::uuid`),
  );
  return r ?? { zoneName: "", districtName: null };
}

export interface InflowRow {
  sourceType: string | null;
  transfer: boolean;
  sourceId: string | null;
  sourceName: string | null;
  kg: number;
}

/** One olla's entries of the last `windowDays` days summed per source, in kilograms, largest first. */
export async function ollaInflows(db: DbOrTx, ollaId: string, today: string, windowDays: number): Promise<InflowRow[]> {
  const res = await db.execute(sql`
    select case when m.transfer_id is not null then null else m.source_type::text end as "sourceType",
      (m.transfer_id is not null) as transfer, m.source_id::text as "sourceId", s.name as "sourceName",
      sum(m.quantity * i.kg_per_unit)::float8 as kg
    from stock_movements m
    join stock_items i on i.id = m.item_id
    left join stock_sources s on s.id = m.source_id
    where m.olla_id = ${ollaId}::uuid and m.direction = 'in' and m.reverses_id is null and i.kg_per_unit is not null
      and m.occurred_on > ${today}::date - ${windowDays}::int and m.occurred_on <= ${today}::date
      and not exists (select 1 from stock_movements r where r.reverses_id = m.id)
    group by 1, 2, 3, 4
    order by kg desc`);
  return rowsOf<InflowRow>(res);
}
