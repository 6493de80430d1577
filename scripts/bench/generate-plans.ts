/**
 * Infrastructure plans for the city-scale dataset (issue 14), called by generate.ts once the
 * ollas exist: the demo module catalogue (19 modules, their prerequisites), each olla's plan
 * settings (capacity, savings, ~8 % hidden) and 3–7 modules per olla (5 on average: ~50,000
 * plan items at 10,000 ollas), with statuses, funding and what is saved.
 *
 * Deterministic like the rest of the generator: every choice is PostgreSQL's 64-bit hash of
 * (olla rank, module rank, seed + salt); ollas are ranked by id, modules by code (their ids
 * come from gen_random_uuid), so the same seed gives the same plans.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "~/server/db/client";
import { seedModuleCatalogue } from "~/server/db/seed/plans";

/** Plan items per olla: 3 to 7, 5 on average. */
const MIN_ITEMS = 3;
const SPREAD = 5;

export async function generatePlans(db: Db, opts: { seed: number; today: string }): Promise<{ modules: number; plans: number; items: number }> {
  const salt = (n: number) => sql.raw(String(opts.seed * 7919 + 900 + n));
  /** Uniform in [0, 1) from a bigint key and a salt. */
  const u = (n: number, key: SQL) => sql`((hashint8extended((${key})::bigint, ${salt(n)}::bigint) & 2147483647)::float8 / 2147483648.0)`;
  const today = sql.raw(`date '${opts.today}'`);

  await seedModuleCatalogue(db);
  await db.execute(sql`
    insert into olla_plans (olla_id, monthly_capacity_cents, savings_cents, show_amounts, hidden)
    select id,
      -- S/ 0–300 a month in steps of S/ 10; savings up to S/ 800
      (floor(${u(1, sql`oi`)} * 31) * 1000)::int,
      (floor(${u(2, sql`oi`)} * 81) * 1000)::int,
      ${u(3, sql`oi`)} < 0.3,
      ${u(4, sql`oi`)} < 0.08
    from (select id, row_number() over (order by id) as oi from ollas) o
    on conflict (olla_id) do nothing`);
  await db.execute(sql`
    with o as (select id, row_number() over (order by id) as oi from ollas),
    m as (select id, cost_max_cents, row_number() over (order by code) as mi from plan_modules where active),
    pick as (
      select o.id as olla_id, o.oi, m.id as module_id, m.mi, m.cost_max_cents,
        row_number() over (partition by o.id order by ${u(5, sql`o.oi * 1000 + m.mi`)}, m.mi) - 1 as position,
        ${MIN_ITEMS} + floor(${u(6, sql`o.oi`)} * ${SPREAD})::int as wanted,
        ${u(7, sql`o.oi * 1000 + m.mi`)} as r_status,
        ${u(8, sql`o.oi * 1000 + m.mi`)} as r_funding,
        ${u(9, sql`o.oi * 1000 + m.mi`)} as r_amount
      from o cross join m
      offset 0
    ),
    s as (
      select pick.*,
        case when r_status < 0.45 then 'planned' when r_status < 0.70 then 'saving' when r_status < 0.80 then 'in_progress' else 'done' end::plan_item_status as status
      from pick where position < wanted
    )
    insert into olla_plan_items (olla_id, module_id, position, status, funding, saved_cents, done_on)
    select olla_id, module_id, position, status,
      case when r_funding < 0.45 then 'own_savings' when r_funding < 0.65 then 'activity' when r_funding < 0.8 then 'contributions'
           when r_funding < 0.92 then 'donation' else 'programme' end::plan_funding,
      case when status in ('saving', 'in_progress') then (floor(r_amount * cost_max_cents / 1000) * 1000)::int else 0 end,
      case when status = 'done' then ${today} - (floor(r_amount * 700))::int end
    from s
    order by olla_id, position`);
  for (const t of ["plan_modules", "plan_module_prerequisites", "olla_plans", "olla_plan_items"]) await db.execute(sql.raw(`analyze ${t}`));
  const [c] = rowsOf<{ modules: number; plans: number; items: number }>(
    await db.execute(sql`select (select count(*)::int from plan_modules) as modules, (select count(*)::int from olla_plans) as plans, (select count(*)::int from olla_plan_items) as items`),
  );
  return c!;
}
