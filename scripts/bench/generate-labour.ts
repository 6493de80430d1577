/**
 * The labour part of the scale data (issue 16: "the generator adds 500,000 shifts and role
 * histories at 10,000 ollas"): shifts spread over the last year, six socias and the four usual
 * roles per olla, each role with a history of terms (the current one begun 2–40 months ago, two
 * earlier ones of 18 months before it). Set-based and deterministic like the rest of the
 * generator: single INSERT … SELECT statements over generate_series whose "random" values are
 * PostgreSQL's 64-bit hash of the row number and the seed, so equal seeds give equal data.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "~/server/db/client";

export interface LabourScale {
  seed: number;
  /** YYYY-MM-DD: the shifts fall in the year before it. */
  today: string;
  /** Shifts in all (default 50 per olla: 500,000 at 10,000 ollas). */
  shifts?: number;
}

const num = (n: number) => sql.raw(String(Math.trunc(n)));

export async function generateLabour(db: Db, opts: LabourScale): Promise<Record<string, number>> {
  const [{ n: N } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ollas where status <> 'closed'`));
  if (N === 0) return { shifts: 0, socias: 0, cargos: 0, cargo_terms: 0 };
  const total = opts.shifts ?? N * 50;
  const TODAY = sql.raw(`date '${opts.today}'`);
  /** Uniform in [0, 1) from a row key and a salt. */
  const u = (salt: number, key: ReturnType<typeof sql>) =>
    sql`((hashint8extended((${key})::bigint, ${num(opts.seed * 7919 + 16_000 + salt)}::bigint) & 2147483647)::float8 / 2147483648.0)`;
  const open = sql`(select row_number() over (order by id) - 1 as oi, id from ollas where status <> 'closed')`;

  // Shifts: olla n % N, day within the last 365 days; cooking most days, the other tasks less often.
  await db.execute(sql`
    with o as ${open},
    g as (select n, n % ${num(N)} as oi from generate_series(0, ${num(total - 1)}::bigint) n),
    r as (select g.n, o.id, ${u(1, sql`n`)} as r_day, ${u(2, sql`n`)} as r_task, ${u(3, sql`n`)} as r_people, ${u(4, sql`n`)} as r_hours, ${u(5, sql`n`)} as r_rations
          from g join o using (oi) offset 0)
    insert into shifts (olla_id, worked_on, task, people, hours, rations)
    select id, ${TODAY} - floor(r_day * 365)::int,
      (case when r_task < 0.55 then 'cooking' when r_task < 0.67 then 'purchasing' when r_task < 0.79 then 'cleaning'
            when r_task < 0.89 then 'distribution' when r_task < 0.95 then 'firewood_water' else 'accounts' end)::shift_task,
      1 + floor(r_people * 7)::int,
      (1 + floor(r_people * 7)::int) * (2 + floor(r_hours * 9) / 2.0),
      case when r_rations < 0.5 then 40 + floor(r_rations * 400)::int end
    from r order by n`);

  // Six socias per olla (names are placeholders: the scale data carries no personal data).
  await db.execute(sql`
    with o as ${open}
    insert into socias (olla_id, name, joined_on)
    select o.id, 'Socia ' || (k + 1), ${TODAY} - (365 * 4 + floor(${u(10, sql`o.oi * 10 + k`)} * 700)::int)
    from o cross join generate_series(0, 5) k order by o.oi, k`);

  // The four usual roles per olla.
  await db.execute(sql`
    with o as ${open}
    insert into cargos (olla_id, kind)
    select o.id, kind::cargo_kind from o cross join unnest(array['presidenta', 'tesorera', 'almacenera', 'delegada_red']) with ordinality as x(kind, i)
    order by o.oi, x.i`);

  // Three terms per role, back to back: the current one began 2–40 months ago; each earlier one lasted 18 months.
  // Holders: socias (role + term) mod 6 of the olla, so some roles change hands and some stay with one person.
  await db.execute(sql`
    with s as (select id, olla_id, row_number() over (partition by olla_id order by name, id) - 1 as si from socias),
    c as (select id, seq, olla_id, row_number() over (partition by olla_id order by seq) - 1 as ci from cargos),
    t as (
      select c.*, k, (2 + floor(${u(20, sql`c.seq`)} * 39))::int as cur_months,
        ${u(21, sql`c.seq`)} as r_same
      from c cross join generate_series(0, 2) k
    ),
    d as (
      select t.*,
        (${TODAY} - make_interval(months => cur_months + 18 * k))::date as starts_on,
        case when k = 0 then null else (${TODAY} - make_interval(months => cur_months + 18 * (k - 1)))::date end as ends_on,
        -- a third of the roles keep one holder through all three terms (a long run past the maximum)
        case when r_same < 0.33 then ci % 6 else (ci + k) % 6 end as si
      from t
    )
    insert into cargo_terms (olla_id, cargo_id, cargo_seq, seat, socia_id, starts_on, ends_on)
    select d.olla_id, d.id, d.seq, 1, s.id, d.starts_on, d.ends_on
    from d join s on s.olla_id = d.olla_id and s.si = d.si
    order by d.seq, d.k desc`);

  for (const t of ["shifts", "socias", "cargos", "cargo_terms"]) await db.execute(sql.raw(`vacuum analyze ${t}`));
  const [row] = rowsOf<Record<string, string | number>>(
    await db.execute(sql`select (select count(*) from shifts) as shifts, (select count(*) from socias) as socias,
      (select count(*) from cargos) as cargos, (select count(*) from cargo_terms) as cargo_terms`),
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}
