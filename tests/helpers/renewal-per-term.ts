/**
 * The renewal statements networkLabour ran until drizzle/0037, kept as the reference the roll-up
 * statements are proven equal to (tests/integration/labour-renewal-*.test.ts): they read every
 * term of the area (1.4-3.7 s a zone at 10,000 ollas). Not for the app.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "~/server/db/client";
import { areaWhere as areaWhereOf, type AreaFilter } from "~/server/db/queries/dashboard";
import type { RenewalTrendRow } from "~/server/db/queries/labour";

const areaWhere = (f: AreaFilter): SQL => areaWhereOf("o", f);

/**
 * Renewal per olla of an area, in SQL: roles held past `maxMonths` by the same person today,
 * and whether someone new took a role since `yearAgo`. Used by the zone/city aggregates.
 */
export function perTermRenewalSql(f: AreaFilter, today: string, yearAgo: string, overdueBefore: string): SQL {
  return sql`
    with cur as (
      select t.olla_id, t.cargo_id, t.seat, t.socia_id, t.starts_on
      from cargo_terms t join ollas o on o.id = t.olla_id
      where ${areaWhere(f)} and o.status <> 'closed'
        and t.starts_on <= ${today}::date and (t.ends_on is null or t.ends_on > ${today}::date)
    ), run as (
      -- Since when the current holder holds the seat: back to the last term of another person.
      select c.olla_id, c.cargo_id,
        coalesce((select min(x.starts_on) from cargo_terms x
                  where x.cargo_id = c.cargo_id and x.seat = c.seat and x.socia_id = c.socia_id
                    and x.starts_on > coalesce((select max(y.starts_on) from cargo_terms y
                      where y.cargo_id = c.cargo_id and y.seat = c.seat and y.socia_id <> c.socia_id and y.starts_on < c.starts_on), '0001-01-01'::date)),
                 c.starts_on) as since
      from cur c
    ), fresh as (
      select distinct t.olla_id from cargo_terms t join ollas o on o.id = t.olla_id
      where ${areaWhere(f)} and o.status <> 'closed' and t.starts_on > ${yearAgo}::date and t.starts_on <= ${today}::date
        and not exists (select 1 from cargo_terms p where p.cargo_id = t.cargo_id and p.socia_id = t.socia_id and p.starts_on < t.starts_on)
    ), withroles as (
      select distinct c.olla_id, o.zone_id from cargos c join ollas o on o.id = c.olla_id where ${areaWhere(f)} and o.status <> 'closed'
    ), overdue as (
      -- Per olla once (a per-olla scan of every run took seconds at 10,000 ollas).
      select r.olla_id, count(distinct r.cargo_id) as n from run r where r.since <= ${overdueBefore}::date group by 1
    )
    select w.zone_id::text as zone_id,
      count(*)::int as ollas,
      (count(*) filter (where w.olla_id in (select olla_id from fresh)))::int as renewed,
      coalesce(sum(ov.n), 0)::int as overdue_roles
    from withroles w left join overdue ov on ov.olla_id = w.olla_id
    group by 1 order by 1`;
}

export async function perTermRenewal(db: DbOrTx, f: AreaFilter, today: string, yearAgo: string, overdueBefore: string) {
  const rows = rowsOf<{ zone_id: string; ollas: number; renewed: number; overdue_roles: number }>(await db.execute(perTermRenewalSql(f, today, yearAgo, overdueBefore)));
  return rows.map((r) => ({ zoneId: r.zone_id, ollas: Number(r.ollas), renewed: Number(r.renewed), overdueRoles: Number(r.overdue_roles) }));
}

/**
 * Renewal over time, per zone: for each date in `points` (the last day of each month, today for
 * the current one), as it stood that day — the ollas that had a role on record, how many of them
 * had someone new in a role in the 12 months before, and the roles held by the same person for
 * more than `maxMonths`. The same rules as renewalIndicators (src/server/domain/labour.ts): a
 * person's consecutive terms of a seat are one run, and "new" is her first term of that role.
 * One statement: the terms are read once, their runs found by a window, then met with the dates.
 */
export function perTermRenewalTrendSql(f: AreaFilter, points: readonly string[], maxMonths: number): SQL {
  return sql`
    with pts as (
      select p::date as at from unnest(string_to_array(${points.join(",")}, ',')) p
    ), t as (
      select t.olla_id, o.zone_id, t.cargo_id, t.seat, t.socia_id, t.starts_on, t.ends_on,
        lag(t.socia_id) over (partition by t.cargo_id, t.seat order by t.starts_on) as prev_socia
      from cargo_terms t join ollas o on o.id = t.olla_id
      where ${areaWhere(f)} and o.status <> 'closed'
    ), r as (
      select t.*, sum(case when t.prev_socia is distinct from t.socia_id then 1 else 0 end)
        over (partition by t.cargo_id, t.seat order by t.starts_on rows unbounded preceding) as run_no
      from t
    ), rs as (
      select r.zone_id, r.cargo_id, r.starts_on, r.ends_on, min(r.starts_on) over (partition by r.cargo_id, r.seat, r.run_no) as since from r
    ), firsts as (
      select olla_id, cargo_id, socia_id, min(starts_on) as first_on from t group by 1, 2, 3
    ), started as (
      select olla_id, zone_id, min(starts_on) as first_term from t group by 1, 2
    ), fresh as (
      -- Ollas with someone new in a role in the 12 months before each date: a join, not a
      -- per-(olla, date) scan of every first term (that took minutes at 10,000 ollas).
      select distinct f.olla_id, p.at from firsts f join pts p on f.first_on > (p.at - interval '12 months')::date and f.first_on <= p.at
    ), base as (
      select s.zone_id, p.at, count(*)::int as ollas, count(fr.olla_id)::int as renewed
      from pts p join started s on s.first_term <= p.at
      left join fresh fr on fr.olla_id = s.olla_id and fr.at = p.at
      group by 1, 2
    ), ov as (
      select rs.zone_id, p.at, count(distinct rs.cargo_id)::int as overdue
      from pts p join rs on rs.starts_on <= p.at and (rs.ends_on is null or rs.ends_on > p.at)
      where rs.since <= (p.at - make_interval(months => ${maxMonths + 1}::int))::date
      group by 1, 2
    )
    select b.zone_id::text as zone_id, b.at::text as at, b.ollas, b.renewed, coalesce(ov.overdue, 0)::int as overdue_roles
    from base b left join ov on ov.zone_id = b.zone_id and ov.at = b.at
    order by 2, 1`;
}

export async function perTermRenewalTrend(db: DbOrTx, f: AreaFilter, points: readonly string[], maxMonths: number): Promise<RenewalTrendRow[]> {
  const rows = rowsOf<{ zone_id: string; at: string; ollas: number; renewed: number; overdue_roles: number }>(await db.execute(perTermRenewalTrendSql(f, points, maxMonths)));
  return rows.map((r) => ({ zoneId: r.zone_id, at: String(r.at).slice(0, 10), ollas: Number(r.ollas), renewed: Number(r.renewed), overdueRoles: Number(r.overdue_roles) }));
}
