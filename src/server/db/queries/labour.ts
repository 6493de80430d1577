/**
 * Turnos, socias, cargos: every statement takes `db` first and puts the olla (or the
 * coordinator's zones) in its WHERE. Aggregates are SQL builders (`…Sql`) so the benchmark can
 * time the bare statement beside the procedure.
 */
import { and, asc, desc, eq, gte, isNull, lt, sql, type SQL } from "drizzle-orm";
import { jsonValue, rowsOf, type DbOrTx } from "../client";
import { cargoApoyos, cargos, cargoTerms, minimumWages, shifts, socias } from "../schema";
import { areaWhere, type AreaFilter } from "./dashboard";


export type ShiftRow = typeof shifts.$inferSelect;
export type SociaRow = typeof socias.$inferSelect;
export type CargoRow = typeof cargos.$inferSelect;
export type TermRow = typeof cargoTerms.$inferSelect;
export type ApoyoRow = typeof cargoApoyos.$inferSelect;

// ------------------------------------------------------------------ minimum wage history

export async function listWages(db: DbOrTx) {
  return db.select({ validFrom: minimumWages.validFrom, monthlyCents: minimumWages.monthlyCents }).from(minimumWages).orderBy(asc(minimumWages.validFrom));
}

export async function insertWage(db: DbOrTx, row: { validFrom: string; monthlyCents: number; createdBy: string }) {
  const [r] = await db.insert(minimumWages).values(row).onConflictDoNothing().returning();
  return r ?? null;
}

// ------------------------------------------------------------------ shifts

export async function insertShifts(db: DbOrTx, rows: (typeof shifts.$inferInsert)[]): Promise<ShiftRow[]> {
  if (rows.length === 0) return [];
  return db.insert(shifts).values(rows).returning();
}

export async function findShift(db: DbOrTx, ollaId: string, shiftId: string): Promise<ShiftRow | null> {
  const [r] = await db.select().from(shifts).where(and(eq(shifts.ollaId, ollaId), eq(shifts.id, shiftId))).limit(1);
  return r ?? null;
}

export async function deleteShift(db: DbOrTx, ollaId: string, shiftId: string): Promise<void> {
  await db.delete(shifts).where(and(eq(shifts.ollaId, ollaId), eq(shifts.id, shiftId)));
}

/** The olla's shifts from `from` (inclusive) to `to` (exclusive), newest first. */
export async function shiftsBetween(db: DbOrTx, ollaId: string, from: string, to: string): Promise<ShiftRow[]> {
  return db
    .select()
    .from(shifts)
    .where(and(eq(shifts.ollaId, ollaId), gte(shifts.workedOn, from), lt(shifts.workedOn, to)))
    .orderBy(desc(shifts.workedOn), desc(shifts.createdAt));
}

/** The task of her latest shift (the form's default). */
export async function lastShift(db: DbOrTx, ollaId: string): Promise<Pick<ShiftRow, "task" | "people" | "hours"> | null> {
  const [r] = await db
    .select({ task: shifts.task, people: shifts.people, hours: shifts.hours })
    .from(shifts)
    .where(eq(shifts.ollaId, ollaId))
    .orderBy(desc(shifts.workedOn), desc(shifts.createdAt))
    .limit(1);
  return r ?? null;
}

export interface LabourMonthRow {
  month: string;
  hours: number;
  valueCents: number;
  people: number;
  days: number;
  rations: number;
  estimatedDays: number;
}

/**
 * An olla's hours and value per month: per day, total hours valued at the wage valid that day
 * (hourly = monthly ÷ 240), people and the day's logged rations (else the profile's); then per
 * month. The same rule as labourByMonth in the domain, in SQL.
 */
export function ollaLabourMonthsSql(ollaId: string, from: string, to: string, rationsPerDay: number): SQL {
  return sql`
    with d as (
      select s.worked_on, sum(round(s.hours * 100))::bigint as centi, sum(s.people)::int as people, max(s.rations) as rations
      from shifts s
      where s.olla_id = ${ollaId}::uuid and s.worked_on >= ${from}::date and s.worked_on < ${to}::date
      group by s.worked_on
    )
    select to_char(d.worked_on, 'YYYY-MM') as month,
      (sum(d.centi) / 100.0)::float8 as hours,
      round(sum(d.centi * coalesce(w.monthly_cents, 0)) / 24000.0)::bigint as value_cents,
      max(d.people)::int as people,
      count(*)::int as days,
      sum(coalesce(d.rations, ${rationsPerDay}))::bigint as rations,
      (count(*) filter (where d.rations is null))::int as estimated_days
    from d
    left join lateral (
      select m.monthly_cents from minimum_wages m where m.valid_from <= d.worked_on order by m.valid_from desc limit 1
    ) w on true
    group by 1 order by 1`;
}

export async function ollaLabourMonths(db: DbOrTx, ollaId: string, from: string, to: string, rationsPerDay: number): Promise<LabourMonthRow[]> {
  const rows = rowsOf<{ month: string; hours: number; value_cents: string | number; people: number; days: number; rations: string | number; estimated_days: number }>(
    await db.execute(ollaLabourMonthsSql(ollaId, from, to, rationsPerDay)),
  );
  return rows.map((r) => ({
    month: r.month,
    hours: Number(r.hours),
    valueCents: Number(r.value_cents),
    people: Number(r.people),
    days: Number(r.days),
    rations: Number(r.rations),
    estimatedDays: Number(r.estimated_days),
  }));
}

/** Her olla's labour page in one statement: months, the wage today, the recent shifts and her latest shift. */
export interface OllaLabourView {
  months: LabourMonthRow[];
  wageTodayCents: number | null;
  recent: Pick<ShiftRow, "id" | "workedOn" | "task" | "people" | "hours" | "rations" | "names">[];
  last: Pick<ShiftRow, "task" | "people" | "hours"> | null;
}

/**
 * Everything labour.olla reads, as one statement (one round trip instead of four, each on its own
 * pooled connection): the months of ollaLabourMonthsSql from `from` to `to`, the minimum wage valid
 * on `today`, her shifts from `recentFrom` to `recentTo` (exclusive) newest first, and the task,
 * people and hours of her latest shift (the form's defaults).
 */
export function ollaLabourViewSql(ollaId: string, p: { from: string; to: string; rationsPerDay: number; today: string; recentFrom: string; recentTo: string }): SQL {
  return sql`
    select
      (select coalesce(json_agg(m order by m.month), '[]'::json) from (${ollaLabourMonthsSql(ollaId, p.from, p.to, p.rationsPerDay)}) m) as months,
      (select w.monthly_cents from minimum_wages w where w.valid_from <= ${p.today}::date order by w.valid_from desc limit 1) as wage_today,
      (select coalesce(json_agg(json_build_object('id', s.id, 'workedOn', s.worked_on, 'task', s.task, 'people', s.people, 'hours', s.hours, 'rations', s.rations, 'names', s.names)
                 order by s.worked_on desc, s.created_at desc), '[]'::json)
         from shifts s where s.olla_id = ${ollaId}::uuid and s.worked_on >= ${p.recentFrom}::date and s.worked_on < ${p.recentTo}::date) as recent,
      (select json_build_object('task', l.task, 'people', l.people, 'hours', l.hours)
         from shifts l where l.olla_id = ${ollaId}::uuid order by l.worked_on desc, l.created_at desc limit 1) as last`;
}

export async function ollaLabourView(db: DbOrTx, ollaId: string, p: Parameters<typeof ollaLabourViewSql>[1]): Promise<OllaLabourView> {
  type MonthJson = { month: string; hours: number; value_cents: number; people: number; days: number; rations: number; estimated_days: number };
  type ShiftJson = { id: string; workedOn: string; task: ShiftRow["task"]; people: number; hours: number | string; rations: number | null; names: string | null };
  const [r] = rowsOf<{ months: unknown; wage_today: number | string | null; recent: unknown; last: unknown }>(await db.execute(ollaLabourViewSql(ollaId, p)));
  const last = jsonValue<{ task: ShiftRow["task"]; people: number; hours: number | string } | null>(r?.last ?? null);
  return {
    months: jsonValue<MonthJson[]>(r?.months ?? "[]").map((m) => ({
      month: m.month,
      hours: Number(m.hours),
      valueCents: Number(m.value_cents),
      people: Number(m.people),
      days: Number(m.days),
      rations: Number(m.rations),
      estimatedDays: Number(m.estimated_days),
    })),
    wageTodayCents: r?.wage_today === null || r?.wage_today === undefined ? null : Number(r.wage_today),
    recent: jsonValue<ShiftJson[]>(r?.recent ?? "[]").map((s) => ({ ...s, hours: Number(s.hours) })),
    last: last ? { task: last.task, people: Number(last.people), hours: Number(last.hours) } : null,
  };
}

export interface AreaLabourRow {
  key: string; // zone id, or '' for the whole area
  month: string;
  hours: number;
  valueCents: number;
  ollas: number;
}

/** An area's ollas, aliased `o` in every statement below. */
const inArea = (f: AreaFilter): SQL => areaWhere("o", f);

/**
 * Hours and value per month (and per zone when byZone) over the ollas of an area, with the
 * number of distinct ollas behind each cell (for small-cell suppression). Months from `from`
 * (inclusive, YYYY-MM-01) to `to` (exclusive, YYYY-MM-01).
 *
 * Read from labour_month_rollup (one row per olla and month, kept by triggers on shifts and on
 * the wage history), not from the shifts: per (olla, day) with a wage lookup each, a year of the
 * city took seconds. Value is linear in the hours, so the rollup's Σ centi-hours × wage of the
 * day, summed over a cell's ollas and rounded once, is the per-day rule's figure exactly
 * (tests/integration/labour-area.test.ts compares them).
 */
export function areaLabourSql(f: AreaFilter, from: string, to: string, byZone: boolean): SQL {
  if (!/^\d{4}-\d{2}-01$/.test(from) || !/^\d{4}-\d{2}-01$/.test(to)) throw new RangeError(`areaLabourSql takes whole months, got ${from}..${to}`);
  const key = byZone ? sql`o.zone_id::text` : sql`''`;
  // The ollas only to filter or key by zone: the whole city reads the roll-up alone.
  const joined = byZone || f.zoneIds !== null || !!f.zoneId || !!f.districtUbigeo;
  return sql`
    select x.key, to_char(x.month, 'YYYY-MM') as month, (x.centi / 100.0)::float8 as hours, round(x.valued / 24000.0)::bigint as value_cents, x.ollas
    from (
      select ${key} as key, r.month, sum(r.centi_hours) as centi, sum(r.valued) as valued, count(*)::int as ollas
      from labour_month_rollup r ${joined ? sql`join ollas o on o.id = r.olla_id` : sql``}
      where ${joined ? inArea(f) : sql`true`} and r.month >= ${from}::date and r.month < ${to}::date
      group by 1, 2
    ) x
    order by x.month, x.key`;
}

export async function areaLabour(db: DbOrTx, f: AreaFilter, from: string, to: string, byZone: boolean): Promise<AreaLabourRow[]> {
  const rows = rowsOf<{ key: string; month: string; hours: number; value_cents: string | number; ollas: number }>(await db.execute(areaLabourSql(f, from, to, byZone)));
  return rows.map((r) => ({ key: r.key, month: r.month, hours: Number(r.hours), valueCents: Number(r.value_cents), ollas: Number(r.ollas) }));
}

// ------------------------------------------------------------------ socias, cargos, terms

export async function listSocias(db: DbOrTx, ollaId: string): Promise<SociaRow[]> {
  return db.select().from(socias).where(eq(socias.ollaId, ollaId)).orderBy(desc(socias.active), asc(socias.name));
}

export async function findSocia(db: DbOrTx, ollaId: string, sociaId: string): Promise<SociaRow | null> {
  const [r] = await db.select().from(socias).where(and(eq(socias.ollaId, ollaId), eq(socias.id, sociaId))).limit(1);
  return r ?? null;
}

export async function insertSocia(db: DbOrTx, row: typeof socias.$inferInsert): Promise<SociaRow> {
  const [r] = await db.insert(socias).values(row).returning();
  return r!;
}

/** Optimistic update: only when the version still matches; null otherwise. */
export async function updateSocia(db: DbOrTx, ollaId: string, sociaId: string, version: number, set: { name: string; joinedOn: string; active: boolean }): Promise<SociaRow | null> {
  const [r] = await db
    .update(socias)
    .set({ ...set, version: sql`${socias.version} + 1` })
    .where(and(eq(socias.ollaId, ollaId), eq(socias.id, sociaId), eq(socias.version, version)))
    .returning();
  return r ?? null;
}

export async function listCargos(db: DbOrTx, ollaId: string): Promise<CargoRow[]> {
  return db.select().from(cargos).where(eq(cargos.ollaId, ollaId)).orderBy(asc(cargos.seq));
}

export async function findCargo(db: DbOrTx, ollaId: string, cargoId: string): Promise<CargoRow | null> {
  const [r] = await db.select().from(cargos).where(and(eq(cargos.ollaId, ollaId), eq(cargos.id, cargoId))).limit(1);
  return r ?? null;
}

export async function insertCargo(db: DbOrTx, row: Omit<typeof cargos.$inferInsert, "seq">): Promise<CargoRow> {
  const [r] = await db.insert(cargos).values(row).returning();
  return r!;
}

export async function listTerms(db: DbOrTx, ollaId: string): Promise<TermRow[]> {
  return db.select().from(cargoTerms).where(eq(cargoTerms.ollaId, ollaId)).orderBy(asc(cargoTerms.cargoId), asc(cargoTerms.seat), asc(cargoTerms.startsOn));
}

export async function findTerm(db: DbOrTx, ollaId: string, termId: string): Promise<TermRow | null> {
  const [r] = await db.select().from(cargoTerms).where(and(eq(cargoTerms.ollaId, ollaId), eq(cargoTerms.id, termId))).limit(1);
  return r ?? null;
}

/** The seat's open term (no end, or ending after `day`) that began before `day`, locked. */
export async function openTermForUpdate(db: DbOrTx, ollaId: string, cargoId: string, seat: number, day: string): Promise<TermRow | null> {
  const [r] = await db
    .select()
    .from(cargoTerms)
    .where(
      and(
        eq(cargoTerms.ollaId, ollaId),
        eq(cargoTerms.cargoId, cargoId),
        eq(cargoTerms.seat, seat),
        lt(cargoTerms.startsOn, day),
        sql`(${cargoTerms.endsOn} is null or ${cargoTerms.endsOn} > ${day}::date)`,
      ),
    )
    .orderBy(desc(cargoTerms.startsOn))
    .limit(1)
    .for("update");
  return r ?? null;
}

export async function insertTerm(db: DbOrTx, row: typeof cargoTerms.$inferInsert): Promise<TermRow> {
  const [r] = await db.insert(cargoTerms).values(row).returning();
  return r!;
}

export async function endTerm(db: DbOrTx, ollaId: string, termId: string, version: number, endsOn: string): Promise<TermRow | null> {
  const [r] = await db
    .update(cargoTerms)
    .set({ endsOn, version: sql`${cargoTerms.version} + 1` })
    .where(and(eq(cargoTerms.ollaId, ollaId), eq(cargoTerms.id, termId), eq(cargoTerms.version, version)))
    .returning();
  return r ?? null;
}

export async function listApoyos(db: DbOrTx, ollaId: string): Promise<ApoyoRow[]> {
  return db.select().from(cargoApoyos).where(eq(cargoApoyos.ollaId, ollaId)).orderBy(asc(cargoApoyos.startedOn));
}

export async function openApoyo(db: DbOrTx, ollaId: string, cargoId: string, sociaId: string): Promise<ApoyoRow | null> {
  const [r] = await db
    .select()
    .from(cargoApoyos)
    .where(and(eq(cargoApoyos.ollaId, ollaId), eq(cargoApoyos.cargoId, cargoId), eq(cargoApoyos.sociaId, sociaId), isNull(cargoApoyos.endedOn)))
    .limit(1);
  return r ?? null;
}

export async function insertApoyo(db: DbOrTx, row: typeof cargoApoyos.$inferInsert): Promise<ApoyoRow> {
  const [r] = await db.insert(cargoApoyos).values(row).returning();
  return r!;
}

export async function closeApoyo(db: DbOrTx, ollaId: string, apoyoId: string, endedOn: string): Promise<void> {
  await db.update(cargoApoyos).set({ endedOn }).where(and(eq(cargoApoyos.ollaId, ollaId), eq(cargoApoyos.id, apoyoId)));
}

/**
 * A cheap fingerprint of everything the public labour answer rests on (the newest audit entry of
 * shifts, roles, terms, wages, ollas and the network settings): the shared cache recomputes as
 * soon as one of them changes, so a write shows at once.
 */
export async function publicLabourVersion(db: DbOrTx): Promise<string> {
  const res = await db.execute(sql`
    select concat_ws(':',
      (select max(id) from audit_log where entity = 'shift'),
      (select max(id) from audit_log where entity = 'cargo'),
      (select max(id) from audit_log where entity = 'cargo_term'),
      (select max(id) from audit_log where entity = 'minimum_wage'),
      (select max(id) from audit_log where entity = 'olla'),
      (select max(id) from audit_log where entity = 'network_settings')) as v`);
  return rowsOf<{ v: string }>(res)[0]?.v ?? "";
}

/**
 * Renewal per zone of an area, over its ollas that are not closed, today and over time, in one
 * statement. For each date in `points` (the last day of each month, today for the current one),
 * as it stood that day: the ollas that had a role on record, how many of them had someone new in
 * a role in the 12 months before, and the roles held by the same person for more than
 * `maxMonths`. And today: the ollas that have a role (on record or not), and the same two counts.
 * The same rules as renewalIndicators (src/server/domain/labour.ts): a person's consecutive
 * terms of a seat are one run, and "new" is her first term of that role.
 *
 * From the roll-ups (drizzle/0035, 0037), not the terms (1.4-3.7 s a zone at 10,000 ollas, kept
 * as the reference in tests/helpers/renewal-per-term.ts): each olla's first term, each renewed
 * span and each overdue stretch of a hold is one count that starts on a day and ends on another
 * (a hold is overdue from the first day whose maxMonths + 1 months back reach its `since`,
 * labour_months_after, until it ends; a role's holds never overlap, so holds are roles). A count
 * is put in the bucket of the first point on or after its start and of the first point on or
 * after its end (width_bucket over the sorted points, today among them), summed per zone and pair
 * of buckets, and a point adds up the pairs that cover it. Only the spans and holds that end after
 * the first point are read. The number of points is written into the statement (not a
 * parameter) so the planner knows it: with a guess of 1,000 it costed the statement high enough
 * for JIT compilation, half a second at 10,000 ollas.
 */
export function areaRenewalSql(f: AreaFilter, today: string, points: readonly string[], maxMonths: number): SQL {
  const pts = [...new Set([...points, today])].sort();
  if (!pts.every((p) => /^\d{4}-\d{2}-\d{2}$/.test(p))) throw new RangeError(`areaRenewalSql takes days, got ${pts.join(",")}`);
  const n = sql.raw(String(pts.length));
  const k = Math.trunc(maxMonths) + 1;
  return sql`
    with lim as (
      select p, p[1] as lo, p[${n}] as hi from (select string_to_array(${pts.join(",")}, ',')::date[] as p) x
    ), c as (
      select r.olla_id, 0 as k, width_bucket(r.first_term - 1, lim.p) + 1 as b_from, ${n} + 1 as b_to
      from lim, labour_renewal_rollup r where r.first_term <= lim.hi
      union all
      select s.olla_id, 1, width_bucket(s.renewed_from - 1, lim.p) + 1, width_bucket(s.renewed_to - 1, lim.p) + 1
      from lim, labour_renewal_spans s where s.renewed_to > lim.lo and s.renewed_from <= lim.hi
      union all
      select h.olla_id, 2, width_bucket(greatest(h.held_from, labour_months_after(h.since, ${k}::int)) - 1, lim.p) + 1, width_bucket(h.held_to - 1, lim.p) + 1
      from lim, labour_renewal_holds h where h.held_to > lim.lo and h.since <= (lim.hi - make_interval(months => ${k}::int))::date
      union all
      select x.olla_id, 3, 1, ${n} + 1 from (select distinct g.olla_id from cargos g) x
    ), z as (
      select o.zone_id, c.k, c.b_from, c.b_to, count(*) as n
      from c join ollas o on o.id = c.olla_id
      where ${inArea(f)} and o.status <> 'closed' and c.b_from < c.b_to
      group by 1, 2, 3, 4
    )
    select z.zone_id::text as zone_id, lim.p[g]::text as at,
      coalesce(sum(z.n) filter (where z.k = 0), 0)::int as ollas,
      coalesce(sum(z.n) filter (where z.k = 1), 0)::int as renewed,
      coalesce(sum(z.n) filter (where z.k = 2), 0)::int as overdue_roles,
      coalesce(sum(z.n) filter (where z.k = 3), 0)::int as with_roles
    from lim, z join generate_series(1, ${n}) g on z.b_from <= g and g < z.b_to
    group by z.zone_id, g, lim.p
    order by 2, 1`;
}

export interface RenewalNowRow {
  zoneId: string;
  ollas: number;
  renewed: number;
  overdueRoles: number;
}

/**
 * areaRenewalSql read: `today` per zone with a role (ollas with a role, those renewed, roles
 * overdue), and `trend` per point and zone with a role on record.
 */
export async function areaRenewal(db: DbOrTx, f: AreaFilter, today: string, points: readonly string[], maxMonths: number): Promise<{ today: RenewalNowRow[]; trend: RenewalTrendRow[] }> {
  const rows = rowsOf<{ zone_id: string; at: string; ollas: number; renewed: number; overdue_roles: number; with_roles: number }>(
    await db.execute(areaRenewalSql(f, today, points, maxMonths)),
  ).map((r) => ({ zoneId: r.zone_id, at: String(r.at).slice(0, 10), ollas: Number(r.ollas), renewed: Number(r.renewed), overdueRoles: Number(r.overdue_roles), withRoles: Number(r.with_roles) }));
  const asked = new Set(points);
  return {
    today: rows.filter((r) => r.at === today && r.withRoles > 0).map((r) => ({ zoneId: r.zoneId, ollas: r.withRoles, renewed: r.renewed, overdueRoles: r.overdueRoles })),
    trend: rows.filter((r) => asked.has(r.at) && r.ollas > 0).map((r) => ({ zoneId: r.zoneId, at: r.at, ollas: r.ollas, renewed: r.renewed, overdueRoles: r.overdueRoles })),
  };
}

/**
 * The public renewal trend: for each date in `points`, over the ollas of an area that are not
 * closed, how many had a role on record that day and how many had someone new in a role in the 12
 * months before — the `ollas` and `renewed` of areaRenewalTrendSql summed over zones, read from
 * labour_renewal_rollup (one row an olla) instead of every term's history (seconds at 10,000
 * ollas). No overdue roles: the public figures do not carry them.
 */
export function publicRenewalTrendSql(f: AreaFilter, points: readonly string[]): SQL {
  // Each olla adds 1 to "on record" from its first term on, and 1 to "renewed" over each span of
  // its renewed days (+1 at the start, −1 at the end); summed per day once, a point's counts are
  // the sums of the days up to it: a few thousand days per point instead of every olla per point.
  return sql`
    with pts as (
      select p::date as at from unnest(string_to_array(${points.join(",")}, ',')) p
    ), r as materialized (
      select r.first_term, r.renewed from labour_renewal_rollup r join ollas o on o.id = r.olla_id
      where ${inArea(f)} and o.status <> 'closed'
    ), ev as (
      select r.first_term as day, 1 as started, 0 as renewed from r
      union all select lower(x), 0, 1 from r, unnest(r.renewed) x
      union all select upper(x), 0, -1 from r, unnest(r.renewed) x
    ), byday as (
      select day, sum(started) as s, sum(renewed) as n from ev group by day
    )
    select p.at::text as at, coalesce(sum(b.s), 0)::int as ollas, coalesce(sum(b.n), 0)::int as renewed
    from pts p left join byday b on b.day <= p.at
    group by p.at order by p.at`;
}

export async function publicRenewalTrend(db: DbOrTx, f: AreaFilter, points: readonly string[]): Promise<{ at: string; ollas: number; renewed: number }[]> {
  const rows = rowsOf<{ at: string; ollas: number; renewed: number }>(await db.execute(publicRenewalTrendSql(f, points)));
  const byAt = new Map(rows.map((r) => [String(r.at).slice(0, 10), r]));
  // An area with no roles on record has no rows: every point answers 0 of 0.
  return points.map((at) => ({ at, ollas: Number(byAt.get(at)?.ollas ?? 0), renewed: Number(byAt.get(at)?.renewed ?? 0) }));
}

/**
 * Renewal today over the ollas of an area that are not closed: those with a role, and those with
 * someone new in a role since 12 months ago — the sums over zones of areaRenewalSql's `ollas` and
 * `renewed` today, from labour_renewal_rollup.
 */
export function publicRenewalNowSql(f: AreaFilter, today: string): SQL {
  return sql`
    select
      (select count(*) from ollas o where ${inArea(f)} and o.status <> 'closed' and exists (select 1 from cargos c where c.olla_id = o.id))::int as ollas,
      (select count(*) from labour_renewal_rollup r join ollas o on o.id = r.olla_id
        where ${inArea(f)} and o.status <> 'closed' and r.renewed @> ${today}::date)::int as renewed`;
}

export async function publicRenewalNow(db: DbOrTx, f: AreaFilter, today: string): Promise<{ ollas: number; renewed: number }> {
  const [r] = rowsOf<{ ollas: number; renewed: number }>(await db.execute(publicRenewalNowSql(f, today)));
  return { ollas: Number(r?.ollas ?? 0), renewed: Number(r?.renewed ?? 0) };
}

export interface RenewalTrendRow {
  zoneId: string;
  at: string;
  ollas: number;
  renewed: number;
  overdueRoles: number;
}

/** The trend alone (areaRenewal read on the last point). */
export async function areaRenewalTrend(db: DbOrTx, f: AreaFilter, points: readonly string[], maxMonths: number): Promise<RenewalTrendRow[]> {
  if (points.length === 0) return [];
  return (await areaRenewal(db, f, [...points].sort().at(-1)!, points, maxMonths)).trend;
}
