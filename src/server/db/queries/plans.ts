/**
 * The module catalogue and the ollas' plans. Every function takes `db` first; the olla's or
 * the coordinator's scope is in every WHERE (an olla id the procedure layer already checked,
 * or coordinatorScopeWhere).
 */
import { and, asc, eq, inArray, max, sql, type SQL } from "drizzle-orm";
import { jsonValue, rowsOf, type DbOrTx } from "../client";
import { ollaExistingModules, ollaPlanItems, ollaPlans, ollas, planModulePrerequisites, planModules } from "../schema";
import { coordinatorScopeWhere } from "./ollas";
import type { Scope } from "~/server/domain/scope";
import type { ProblemCategory } from "~/shared/assessment";
import type { PlanItemStatus } from "~/shared/plans";

export type PlanModuleRow = typeof planModules.$inferSelect;
export type PlanItemRow = typeof ollaPlanItems.$inferSelect;
export type OllaPlanRow = typeof ollaPlans.$inferSelect;

export interface ModuleWithPrereqs extends PlanModuleRow {
  /** Groups of alternatives, each group in a stable order. */
  prerequisites: string[][];
}

/** The catalogue (active only, unless asked), each module with its prerequisite groups. */
export async function listModules(db: DbOrTx, opts: { includeRetired?: boolean } = {}): Promise<ModuleWithPrereqs[]> {
  const [mods, reqs] = await Promise.all([
    db
      .select()
      .from(planModules)
      .where(opts.includeRetired ? undefined : eq(planModules.active, true))
      .orderBy(asc(planModules.category), asc(planModules.costMaxCents), asc(planModules.code)),
    db.select().from(planModulePrerequisites).orderBy(asc(planModulePrerequisites.moduleId), asc(planModulePrerequisites.groupNo), asc(planModulePrerequisites.requiresModuleId)),
  ]);
  const groups = new Map<string, Map<number, string[]>>();
  for (const r of reqs) {
    const g = groups.get(r.moduleId) ?? new Map<number, string[]>();
    g.set(r.groupNo, [...(g.get(r.groupNo) ?? []), r.requiresModuleId]);
    groups.set(r.moduleId, g);
  }
  return mods.map((m) => ({ ...m, prerequisites: [...(groups.get(m.id)?.entries() ?? [])].sort((a, b) => a[0] - b[0]).map(([, ids]) => ids) }));
}

/** Her plan page's data (getPlan): settings, her items, what she has, her latest level per category, the catalogue. */
export interface PlanView {
  settings: Pick<OllaPlanRow, "monthlyCapacityCents" | "savingsCents" | "showAmounts" | "hidden" | "version"> | null;
  items: Awaited<ReturnType<typeof listPlanItems>>;
  existing: string[];
  levels: Partial<Record<ProblemCategory, number>>;
  modules: (Omit<PlanModuleRow, "createdAt" | "updatedAt"> & { prerequisites: string[][] })[];
}

/**
 * Everything plan.get reads, as one statement instead of six (each on its own pooled connection):
 * the same rows, orders and groups as findOllaPlan, listPlanItems, listExisting, the latest
 * assessment per category (latestAssessments) and listModules({ includeRetired: true }).
 */
export function planViewSql(ollaId: string): SQL {
  return sql`
    select
      (select json_build_object('monthlyCapacityCents', p.monthly_capacity_cents, 'savingsCents', p.savings_cents, 'showAmounts', p.show_amounts, 'hidden', p.hidden, 'version', p.version)
         from olla_plans p where p.olla_id = ${ollaId}::uuid) as settings,
      (select coalesce(json_agg(json_build_object('id', i.id, 'moduleId', i.module_id, 'position', i.position, 'status', i.status, 'funding', i.funding, 'savedCents', i.saved_cents,
                'doneOn', i.done_on, 'version', i.version, 'code', m.code, 'nameEs', m.name_es, 'nameEn', m.name_en, 'category', m.category,
                'costMinCents', m.cost_min_cents, 'costMaxCents', m.cost_max_cents, 'active', m.active) order by i.position, i.created_at, i.id), '[]'::json)
         from olla_plan_items i join plan_modules m on m.id = i.module_id where i.olla_id = ${ollaId}::uuid) as items,
      (select coalesce(json_agg(e.module_id order by e.module_id), '[]'::json) from olla_existing_modules e where e.olla_id = ${ollaId}::uuid) as existing,
      (select coalesce(json_object_agg(a.category, a.level order by a.category), '{}'::json)
         from (select distinct on (x.category) x.category, x.level from assessments x where x.olla_id = ${ollaId}::uuid order by x.category, x.assessed_on desc, x.id desc) a) as levels,
      (select coalesce(json_agg(json_build_object('id', m.id, 'code', m.code, 'nameEs', m.name_es, 'nameEn', m.name_en, 'category', m.category,
                'costMinCents', m.cost_min_cents, 'costMaxCents', m.cost_max_cents, 'sizeNoteEs', m.size_note_es, 'sizeNoteEn', m.size_note_en,
                'active', m.active, 'version', m.version,
                'prerequisites', coalesce((select json_agg(g.ids order by g.group_no)
                  from (select q.group_no, json_agg(q.requires_module_id order by q.requires_module_id) as ids
                        from plan_module_prerequisites q where q.module_id = m.id group by q.group_no) g), '[]'::json))
              order by m.category, m.cost_max_cents, m.code), '[]'::json)
         from plan_modules m) as modules`;
}

export async function planView(db: DbOrTx, ollaId: string): Promise<PlanView> {
  const parse = <T>(v: unknown, empty: T): T => (v === null || v === undefined ? empty : jsonValue<T>(v));
  const [r] = rowsOf<Record<"settings" | "items" | "existing" | "levels" | "modules", unknown>>(await db.execute(planViewSql(ollaId)));
  return {
    settings: parse<PlanView["settings"]>(r?.settings, null),
    items: parse<PlanView["items"]>(r?.items, []),
    existing: parse<string[]>(r?.existing, []),
    levels: parse<PlanView["levels"]>(r?.levels, {}),
    modules: parse<PlanView["modules"]>(r?.modules, []),
  };
}

export async function findModule(db: DbOrTx, moduleId: string): Promise<PlanModuleRow | null> {
  const [row] = await db.select().from(planModules).where(eq(planModules.id, moduleId)).limit(1);
  return row ?? null;
}

/** One module's prerequisite groups, each in a stable order. */
export async function modulePrerequisites(db: DbOrTx, moduleId: string): Promise<string[][]> {
  const rows = await db
    .select()
    .from(planModulePrerequisites)
    .where(eq(planModulePrerequisites.moduleId, moduleId))
    .orderBy(asc(planModulePrerequisites.groupNo), asc(planModulePrerequisites.requiresModuleId));
  const groups = new Map<number, string[]>();
  for (const r of rows) groups.set(r.groupNo, [...(groups.get(r.groupNo) ?? []), r.requiresModuleId]);
  return [...groups.values()];
}

/** Every prerequisite edge (module → the modules it may need), for the cycle check. */
export async function prerequisiteEdges(db: DbOrTx): Promise<Map<string, string[]>> {
  const rows = await db.select({ from: planModulePrerequisites.moduleId, to: planModulePrerequisites.requiresModuleId }).from(planModulePrerequisites);
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.from, [...(out.get(r.from) ?? []), r.to]);
  return out;
}

/** Which of these ids are catalogue modules (any state). */
export async function existingModuleIds(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: planModules.id }).from(planModules).where(inArray(planModules.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

export async function insertModule(db: DbOrTx, v: typeof planModules.$inferInsert): Promise<PlanModuleRow> {
  const [row] = await db.insert(planModules).values(v).returning();
  return row!;
}

export async function updateModuleAtVersion(db: DbOrTx, id: string, version: number, v: Partial<typeof planModules.$inferInsert>): Promise<PlanModuleRow | null> {
  const [row] = await db
    .update(planModules)
    .set({ ...v, version: sql`${planModules.version} + 1`, updatedAt: new Date() })
    .where(and(eq(planModules.id, id), eq(planModules.version, version)))
    .returning();
  return row ?? null;
}

export async function replacePrerequisites(db: DbOrTx, moduleId: string, groups: readonly (readonly string[])[]): Promise<void> {
  await db.delete(planModulePrerequisites).where(eq(planModulePrerequisites.moduleId, moduleId));
  const rows = groups.flatMap((g, groupNo) => [...new Set(g)].map((requiresModuleId) => ({ moduleId, groupNo, requiresModuleId })));
  if (rows.length > 0) await db.insert(planModulePrerequisites).values(rows);
}

/** An olla's plan settings; a plan row is made on first use (defaults: nothing saved, no capacity). */
export async function findOllaPlan(db: DbOrTx, ollaId: string): Promise<OllaPlanRow | null> {
  const [row] = await db.select().from(ollaPlans).where(eq(ollaPlans.ollaId, ollaId)).limit(1);
  return row ?? null;
}

export async function ensureOllaPlan(db: DbOrTx, ollaId: string): Promise<OllaPlanRow> {
  await db.insert(ollaPlans).values({ ollaId }).onConflictDoNothing();
  return (await findOllaPlan(db, ollaId))!;
}

export async function updateOllaPlanAtVersion(
  db: DbOrTx,
  ollaId: string,
  version: number,
  v: Pick<OllaPlanRow, "monthlyCapacityCents" | "savingsCents" | "showAmounts" | "hidden">,
): Promise<OllaPlanRow | null> {
  const [row] = await db
    .update(ollaPlans)
    .set({ ...v, version: sql`${ollaPlans.version} + 1`, updatedAt: new Date() })
    .where(and(eq(ollaPlans.ollaId, ollaId), eq(ollaPlans.version, version)))
    .returning();
  return row ?? null;
}

/** Her plan's modules, in her order, with the catalogue facts the page shows. */
export async function listPlanItems(db: DbOrTx, ollaId: string) {
  return db
    .select({
      id: ollaPlanItems.id,
      moduleId: ollaPlanItems.moduleId,
      position: ollaPlanItems.position,
      status: ollaPlanItems.status,
      funding: ollaPlanItems.funding,
      savedCents: ollaPlanItems.savedCents,
      doneOn: ollaPlanItems.doneOn,
      version: ollaPlanItems.version,
      code: planModules.code,
      nameEs: planModules.nameEs,
      nameEn: planModules.nameEn,
      category: planModules.category,
      costMinCents: planModules.costMinCents,
      costMaxCents: planModules.costMaxCents,
      active: planModules.active,
    })
    .from(ollaPlanItems)
    .innerJoin(planModules, eq(planModules.id, ollaPlanItems.moduleId))
    .where(eq(ollaPlanItems.ollaId, ollaId))
    .orderBy(asc(ollaPlanItems.position), asc(ollaPlanItems.createdAt), asc(ollaPlanItems.id));
}

export async function findPlanItem(db: DbOrTx, ollaId: string, itemId: string): Promise<PlanItemRow | null> {
  const [row] = await db.select().from(ollaPlanItems).where(and(eq(ollaPlanItems.id, itemId), eq(ollaPlanItems.ollaId, ollaId))).limit(1);
  return row ?? null;
}

export async function countPlanItems(db: DbOrTx, ollaId: string): Promise<{ n: number; maxPosition: number }> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int`, maxPosition: max(ollaPlanItems.position) })
    .from(ollaPlanItems)
    .where(eq(ollaPlanItems.ollaId, ollaId));
  return { n: r?.n ?? 0, maxPosition: r?.maxPosition ?? -1 };
}

export async function insertPlanItem(db: DbOrTx, v: typeof ollaPlanItems.$inferInsert): Promise<PlanItemRow> {
  const [row] = await db.insert(ollaPlanItems).values(v).returning();
  return row!;
}

export async function updatePlanItemAtVersion(
  db: DbOrTx,
  key: { id: string; ollaId: string; version: number },
  v: Partial<Pick<PlanItemRow, "status" | "funding" | "savedCents" | "doneOn" | "position">>,
): Promise<PlanItemRow | null> {
  const [row] = await db
    .update(ollaPlanItems)
    .set({ ...v, version: sql`${ollaPlanItems.version} + 1`, updatedAt: new Date() })
    .where(and(eq(ollaPlanItems.id, key.id), eq(ollaPlanItems.ollaId, key.ollaId), eq(ollaPlanItems.version, key.version)))
    .returning();
  return row ?? null;
}

/** A neighbour's position changes when she moves an item past it (its own fields stay). */
export async function setPlanItemPosition(db: DbOrTx, ollaId: string, id: string, position: number): Promise<void> {
  await db.update(ollaPlanItems).set({ position }).where(and(eq(ollaPlanItems.id, id), eq(ollaPlanItems.ollaId, ollaId)));
}

export async function deletePlanItemAtVersion(db: DbOrTx, key: { id: string; ollaId: string; version: number }): Promise<PlanItemRow | null> {
  const [row] = await db
    .delete(ollaPlanItems)
    .where(and(eq(ollaPlanItems.id, key.id), eq(ollaPlanItems.ollaId, key.ollaId), eq(ollaPlanItems.version, key.version)))
    .returning();
  return row ?? null;
}

/** Serialises catalogue edits: two edits could each pass the cycle check and together make a cycle. */
export async function lockCatalogue(db: DbOrTx): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended('plan_catalogue', 0))`);
}

/** Serialises writes to one olla's plan (positions are read, then written). */
export async function lockOllaPlan(db: DbOrTx, ollaId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`plan:${ollaId}`}, 0))`);
}

export async function listExisting(db: DbOrTx, ollaId: string): Promise<string[]> {
  const rows = await db.select({ id: ollaExistingModules.moduleId }).from(ollaExistingModules).where(eq(ollaExistingModules.ollaId, ollaId));
  return rows.map((r) => r.id).sort();
}

export async function setExisting(db: DbOrTx, ollaId: string, moduleId: string, has: boolean): Promise<boolean> {
  if (has) {
    const r = await db.insert(ollaExistingModules).values({ ollaId, moduleId }).onConflictDoNothing().returning();
    return r.length > 0;
  }
  const r = await db
    .delete(ollaExistingModules)
    .where(and(eq(ollaExistingModules.ollaId, ollaId), eq(ollaExistingModules.moduleId, moduleId)))
    .returning();
  return r.length > 0;
}

/** A public plan: nothing when the olla hides it or is closed (the caller answers NOT_FOUND for a closed one). */
export async function publicPlan(db: DbOrTx, ollaId: string) {
  const plan = await findOllaPlan(db, ollaId);
  if (plan?.hidden) return { hidden: true as const, showAmounts: false, monthlyCapacityCents: null, savingsCents: null, items: [] };
  const items = await listPlanItems(db, ollaId);
  const show = plan?.showAmounts ?? false;
  return {
    hidden: false as const,
    showAmounts: show,
    monthlyCapacityCents: show ? (plan?.monthlyCapacityCents ?? 0) : null,
    savingsCents: show ? (plan?.savingsCents ?? 0) : null,
    items: items.map((i) => ({
      moduleId: i.moduleId,
      nameEs: i.nameEs,
      nameEn: i.nameEn,
      category: i.category,
      status: i.status,
      doneOn: i.doneOn,
      costMinCents: i.costMinCents,
      costMaxCents: i.costMaxCents,
      savedCents: show ? i.savedCents : null,
      funding: show ? i.funding : null,
    })),
  };
}

export interface DemandRow {
  moduleId: string;
  code: string;
  nameEs: string;
  nameEn: string;
  category: ProblemCategory;
  zoneId: string;
  zoneName: string;
  /** Ollas (in scope) with the module in their plan, not yet done. */
  planning: number;
  saving: number;
  inProgress: number;
  done: number;
  costMinCents: number;
  costMaxCents: number;
  /** n × the module's range, over the ollas still planning it. */
  totalMinCents: number;
  totalMaxCents: number;
}

export interface DemandFilter {
  zoneId?: string;
  category?: ProblemCategory;
}

function demandWhere(scope: Scope, f: DemandFilter & { moduleId?: string }) {
  return and(
    coordinatorScopeWhere(scope),
    sql`${ollas.status} <> 'closed'`,
    f.zoneId ? eq(ollas.zoneId, f.zoneId) : undefined,
    // The queries alias plan_modules as m.
    f.category ? sql`m.category = ${f.category}::problem_category` : undefined,
    f.moduleId ? sql`m.id = ${f.moduleId}::uuid` : undefined,
  )!;
}

/**
 * Combined demand per module and zone over the ollas of the coordinator's scope (not closed):
 * the SQL the page and the benchmark run. Counts only: the ollas behind a row come from
 * demandOllas (a row of the whole city's list of ~50,000 plan items was 5 MB and ~3 s).
 */
export function demandSql(scope: Scope, f: DemandFilter = {}): SQL {
  return sql`
    select m.id::text as "moduleId", m.code, m.name_es as "nameEs", m.name_en as "nameEn", m.category::text as category,
      z.id::text as "zoneId", z.name as "zoneName",
      (count(*) filter (where i.status <> 'done'))::int as planning,
      (count(*) filter (where i.status = 'saving'))::int as saving,
      (count(*) filter (where i.status = 'in_progress'))::int as "inProgress",
      (count(*) filter (where i.status = 'done'))::int as done,
      m.cost_min_cents as "costMinCents", m.cost_max_cents as "costMaxCents",
      ((count(*) filter (where i.status <> 'done')) * m.cost_min_cents)::bigint::text as "totalMinCents",
      ((count(*) filter (where i.status <> 'done')) * m.cost_max_cents)::bigint::text as "totalMaxCents"
    from ${ollaPlanItems} i
    join ${ollas} on ${ollas.id} = i.olla_id
    join ${planModules} m on m.id = i.module_id
    join zones z on z.id = ${ollas.zoneId}
    where ${demandWhere(scope, f)}
    group by m.id, z.id
    order by planning desc, m.code, z.name`;
}

export async function demandInScope(db: DbOrTx, scope: Scope, f: DemandFilter = {}): Promise<DemandRow[]> {
  const rows = rowsOf<Omit<DemandRow, "totalMinCents" | "totalMaxCents"> & { totalMinCents: string; totalMaxCents: string }>(await db.execute(demandSql(scope, f)));
  return rows.map((r) => ({ ...r, totalMinCents: Number(r.totalMinCents), totalMaxCents: Number(r.totalMaxCents) }));
}

/** The ollas (in scope, not closed) behind one module of the combined demand, in one zone or all of hers. */
export async function demandOllas(db: DbOrTx, scope: Scope, f: { moduleId: string; zoneId?: string }) {
  return rowsOf<{ id: string; name: string; zoneName: string; status: PlanItemStatus }>(
    await db.execute(sql`
      select ${ollas.id}::text as id, ${ollas.name} as name, z.name as "zoneName", i.status::text as status
      from ${ollaPlanItems} i
      join ${ollas} on ${ollas.id} = i.olla_id
      join ${planModules} m on m.id = i.module_id
      join zones z on z.id = ${ollas.zoneId}
      where ${demandWhere(scope, f)}
      order by z.name, i.status, ${ollas.name}, ${ollas.id}`),
  );
}

/**
 * A cheap fingerprint of what the public module counts rest on: the newest audit row of each kind
 * of write that can move them (plan items, an olla's plan settings (hidden), an olla (closed), a
 * module (its category); one probe each of the (entity, id) index), and the number of plan items
 * (rows loaded in bulk without an audit trail: seeds).
 */
export async function publicPlanCountsVersion(db: DbOrTx): Promise<string> {
  const res = await db.execute(sql`
    select greatest(
             (select coalesce(max(id), 0) from audit_log where entity = 'plan_item'),
             (select coalesce(max(id), 0) from audit_log where entity = 'olla_plan'),
             (select coalesce(max(id), 0) from audit_log where entity = 'olla'),
             (select coalesce(max(id), 0) from audit_log where entity = 'plan_module'))::text as a,
           (select count(*) from olla_plan_items)::text as n`);
  const r = rowsOf<{ a: string; n: string }>(res)[0];
  return `${r?.a}:${r?.n}`;
}

/**
 * Public module counts per category, city-wide: distinct ollas (not closed, plan not hidden)
 * with a module of the category still planned, and with one done. Suppression is the caller's.
 */
export async function publicModuleCounts(db: DbOrTx, ollaIds?: readonly string[]) {
  const rows = rowsOf<{ category: ProblemCategory; planned: number; done: number; ollas: number }>(
    await db.execute(sql`
      select m.category::text as category,
        (count(distinct i.olla_id) filter (where i.status <> 'done'))::int as planned,
        (count(distinct i.olla_id) filter (where i.status = 'done'))::int as done,
        count(distinct i.olla_id)::int as ollas
      from olla_plan_items i
      join ollas o on o.id = i.olla_id
      join plan_modules m on m.id = i.module_id
      left join olla_plans p on p.olla_id = i.olla_id
      where o.status <> 'closed' and coalesce(p.hidden, false) = false
        ${ollaIds ? sql`and i.olla_id in (${sql.join(ollaIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``}
      group by m.category
      order by m.category`),
  );
  return rows;
}

/**
 * For federation and open data: each olla's public plan as counts (planned / in progress /
 * done modules), for ollas that are not closed and do not hide their plan. No money.
 */
export async function publicPlanCountsByOlla(db: DbOrTx, ollaIds?: readonly string[]) {
  if (ollaIds && ollaIds.length === 0) return [];
  return rowsOf<{ ollaId: string; planned: number; inProgress: number; done: number }>(
    await db.execute(sql`
      select i.olla_id::text as "ollaId",
        (count(*) filter (where i.status in ('planned', 'saving')))::int as planned,
        (count(*) filter (where i.status = 'in_progress'))::int as "inProgress",
        (count(*) filter (where i.status = 'done'))::int as done
      from olla_plan_items i
      join ollas o on o.id = i.olla_id
      left join olla_plans p on p.olla_id = i.olla_id
      where o.status <> 'closed' and coalesce(p.hidden, false) = false
        ${ollaIds ? sql`and i.olla_id in (${sql.join(ollaIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``}
      group by i.olla_id
      order by i.olla_id`),
  );
}

export interface NearbyBuilderRow {
  ollaId: string;
  name: string;
  districtName: string;
  category: ProblemCategory;
  moduleNameEs: string;
  moduleNameEn: string;
  doneOn: string;
  distanceM: number;
}

/**
 * "Who nearby already built it": ollas within `radiusKm` of a point (PUBLIC points), not
 * closed, plan not hidden, with a module of one of `categories` done; the nearest `limit` per category.
 */
export async function nearbyBuilders(
  db: DbOrTx,
  p: { ollaId: string; lat: number; lng: number; radiusKm: number; categories: readonly ProblemCategory[]; limit: number },
): Promise<NearbyBuilderRow[]> {
  if (p.categories.length === 0) return [];
  const dLat = p.radiusKm / 111.2;
  const dLng = p.radiusKm / (111.32 * Math.cos((p.lat * Math.PI) / 180));
  const cats = sql.join(p.categories.map((c) => sql`${c}::problem_category`), sql`, `);
  return rowsOf<NearbyBuilderRow>(
    await db.execute(sql`
      with near as (
        select o.id, o.name, o.district_ubigeo,
          (2 * 6371008.8 * asin(least(1, sqrt(
            power(sin(radians(o.public_lat - ${p.lat}::float8) / 2), 2)
            + cos(radians(${p.lat}::float8)) * cos(radians(o.public_lat)) * power(sin(radians(o.public_lng - ${p.lng}::float8) / 2), 2)
          )))) as dist
        from ollas o
        left join olla_plans pl on pl.olla_id = o.id
        where o.status <> 'closed' and o.id <> ${p.ollaId}::uuid and coalesce(pl.hidden, false) = false
          and o.public_lat between ${p.lat - dLat}::float8 and ${p.lat + dLat}::float8
          and o.public_lng between ${p.lng - dLng}::float8 and ${p.lng + dLng}::float8
      ),
      built as (
        select distinct on (n.id, m.category) n.id, n.name, n.district_ubigeo, n.dist, m.category, m.name_es, m.name_en, i.done_on
        from near n
        join olla_plan_items i on i.olla_id = n.id and i.status = 'done'
        join plan_modules m on m.id = i.module_id
        where n.dist <= ${p.radiusKm * 1000}::float8 and m.category in (${cats})
        order by n.id, m.category, i.done_on desc, m.code
      ),
      ranked as (select b.*, row_number() over (partition by b.category order by b.dist, b.id) as rk from built b)
      select r.id::text as "ollaId", r.name, d.name as "districtName", r.category::text as category,
        r.name_es as "moduleNameEs", r.name_en as "moduleNameEn", r.done_on::text as "doneOn", round(r.dist)::int as "distanceM"
      from ranked r join districts d on d.ubigeo = r.district_ubigeo
      where r.rk <= ${p.limit}::int
      order by r.category, r.dist, r.id`),
  );
}
