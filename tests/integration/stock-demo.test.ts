import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { createCallerFactory, createInnerContext } from "~/server/api/trpc";
import { rowsOf } from "~/server/db/client";
import { createSession, loadSessionUser } from "~/server/db/queries/sessions";
import { seedDemo } from "~/server/db/seed/demo";
import type { DemoContext } from "~/server/db/seed/seeders";
import { NEED_CATEGORIES, NEED_URGENCIES } from "~/shared/needs";
import { createTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
let ctx: DemoContext;
beforeAll(async () => {
  t = await createTestDb();
  const started = Date.now();
  // As at first start: one transaction (the bulk load may relax row checks only inside it).
  ctx = await t.db.transaction(async (tx) => seedDemo(tx as never));
  // Reported, not asserted: wall time on a shared 2-core machine says little about the code.
  console.info(`demo seed (all seeders) on ${t.kind}: ${Date.now() - started} ms`);
});
afterAll(async () => t?.close());

const q = async <T,>(query: ReturnType<typeof sql>) => rowsOf<T>(await t.db.execute(query));

describe("demo almacén and needs", () => {
  it("keeps every ledger rule the database would check row by row", async () => {
    const [bad] = await q<Record<string, number>>(sql`
      select
        (select count(*)::int from stock_movements m left join stock_items i on i.id = m.item_id and i.unit = m.unit where i.id is null) as unit_or_item,
        (select count(*)::int from stock_movements m join stock_items i on i.id = m.item_id where i.olla_id is not null and i.olla_id <> m.olla_id) as foreign_item,
        (select count(*)::int from stock_movements m left join ollas o on o.id = m.olla_id where o.id is null) as olla,
        (select count(*)::int from stock_movements m left join stock_sources s on s.id = m.source_id and s.type = m.source_type where m.source_id is not null and s.id is null) as source,
        (select count(*)::int from stock_movements m left join stock_transfers tr on tr.id = m.transfer_id where m.transfer_id is not null and tr.id is null) as transfer,
        (select count(*)::int from stock_movements m left join users u on u.id = m.created_by where m.created_by is not null and u.id is null) as creator,
        (select count(*)::int from stock_transfers tr where tr.status = 'accepted'
           and (select count(*) from stock_movements m where m.transfer_id = tr.id) <> 2) as half_transfer,
        (select count(*)::int from stock_transfers tr where tr.status <> 'accepted'
           and exists (select 1 from stock_movements m where m.transfer_id = tr.id)) as moved_unaccepted`);
    expect(bad).toEqual({ unit_or_item: 0, foreign_item: 0, olla: 0, source: 0, transfer: 0, creator: 0, half_transfer: 0, moved_unaccepted: 0 });
  });

  it("never lets a balance go below zero, at any point of the ledger's order", async () => {
    const [r] = await q<{ n: number; rows: number }>(sql`
      select count(*) filter (where running < 0)::int as n, count(*)::int as rows from (
        select sum(case when direction = 'in' then quantity else -quantity end)
                 over (partition by olla_id, item_id order by id) as running
        from stock_movements) x`);
    expect(r!.rows).toBeGreaterThan(20_000);
    expect(r!.n).toBe(0);
  });

  it("cooks what the rations say, buys weekly, and lets a few ollas lean on one institution", async () => {
    // Rice cooked per cooking day in the demo zone ≈ rations × 90 g.
    const [rice] = await q<{ ratio: number }>(sql`
      select avg(m.quantity / o.rations_per_day)::float8 as ratio
      from stock_movements m join ollas o on o.id = m.olla_id join stock_items i on i.id = m.item_id
      where i.code = 'arroz' and m.exit_reason = 'cooked' and o.district_ubigeo = '150132' and o.rations_per_day > 20`);
    expect(rice!.ratio).toBeGreaterThan(0.07);
    expect(rice!.ratio).toBeLessThan(0.11);
    // Share of each olla's 90-day inflow (kg-equivalent, entries not reversed) from its largest institution.
    const shares = await q<{ share: number }>(sql`
      with inflow as (
        select m.olla_id, m.source_id, sum(m.quantity * coalesce(i.kg_per_unit, 0)) as kg
        from stock_movements m join stock_items i on i.id = m.item_id
        where m.direction = 'in' and m.source_type is not null and m.occurred_on > ${ctx.today.toISOString().slice(0, 10)}::date - 90
        group by m.olla_id, m.source_id)
      select (max(kg) filter (where source_id is not null) / nullif(sum(kg), 0))::float8 as share from inflow group by olla_id`);
    const heavy = shares.filter((s) => (s.share ?? 0) > 0.7).length;
    expect(heavy).toBeGreaterThanOrEqual(3);
    expect(heavy).toBeLessThan(shares.length / 4);
    const [types] = await q<{ n: number }>(sql`select count(distinct source_type)::int as n from stock_movements`);
    expect(types!.n).toBeGreaterThanOrEqual(6);
  });

  it("has open needs of every category and urgency, public and network-only", async () => {
    const rows = await q<{ category: string; urgency: string }>(sql`select distinct category::text, urgency::text from needs where status = 'open' and visibility = 'public'`);
    expect(rows.length).toBe(NEED_CATEGORIES.length * NEED_URGENCIES.length);
    const [vis] = await q<{ network: number; closed: number }>(sql`
      select count(*) filter (where visibility = 'network')::int as network, count(*) filter (where status in ('met', 'cancelled'))::int as closed from needs`);
    expect(vis!.network).toBeGreaterThan(0);
    expect(vis!.closed).toBeGreaterThan(0);
  });

  it("shows the first demo delegate a low staple, an expiring lot and an offer to decide", async () => {
    const [m] = await q<{ olla_id: string }>(sql`select olla_id from memberships where user_id = ${ctx.delegateUserIds[0]!}`);
    const sid = await createSession(t.db, ctx.delegateUserIds[0]!, 3600);
    const caller = createCallerFactory(appRouter)(createInnerContext({ db: t.db, session: await loadSessionUser(t.db, sid) }));
    const { items } = await caller.stock.levels({ ollaId: m!.olla_id });
    const kinds = items.flatMap((i) => i.warnings.map((w) => `${i.code}:${w.kind}`));
    expect(kinds).toContain("aceite:low");
    expect(kinds).toContain("leche_tarro:expiring");
    const rice = items.find((i) => i.code === "arroz")!;
    expect(rice.balance).toBeGreaterThan(0);
    expect(rice.daysLeft).not.toBeNull();
    const transfers = await caller.transfer.list({ ollaId: m!.olla_id });
    expect(transfers.some((x) => x.incoming && x.status === "offered")).toBe(true);
    expect(transfers.some((x) => x.status === "accepted")).toBe(true);
  });
});

describe("demo offers", () => {
  it("the demo delegate's olla has offers in every state, and its rice need shows the parish's delivery as received", async () => {
    const [m] = await q<{ olla_id: string }>(sql`select olla_id from memberships where user_id = ${ctx.delegateUserIds[0]!}`);
    const sid = await createSession(t.db, ctx.delegateUserIds[0]!, 3600);
    const caller = createCallerFactory(appRouter)(createInnerContext({ db: t.db, session: await loadSessionUser(t.db, sid) }));
    const { items, newCount } = await caller.offer.list({ ollaId: m!.olla_id });
    expect(new Set(items.map((o) => o.viewStatus))).toEqual(new Set(["offered", "accepted", "declined", "delivered", "withdrawn", "expired", "released"]));
    expect(newCount).toBe(1);
    const delivered = items.find((o) => o.viewStatus === "delivered")!;
    expect(delivered.movementId).not.toBeNull();
    const need = await caller.offer.publicNeed({ needId: delivered.needId });
    expect(need.progress).toMatchObject({ asked: 50, received: 15, committed: 10 });
    expect(need.thanks).toContain("Parroquia Santa María de Jesús");
  });
});

describe("demo labour (issue 16)", () => {
  it("gives the first demo delegate a year of turnos, an overdue treasury and a renewed presidency; the city a renewal mix", async () => {
    const [m] = await q<{ olla_id: string }>(sql`select olla_id from memberships where user_id = ${ctx.delegateUserIds[0]!}`);
    const sid = await createSession(t.db, ctx.delegateUserIds[0]!, 3600);
    const caller = createCallerFactory(appRouter)(createInnerContext({ db: t.db, session: await loadSessionUser(t.db, sid) }));
    const labour = await caller.labour.olla({ ollaId: m!.olla_id });
    expect(labour.months.length).toBeGreaterThanOrEqual(12);
    expect(labour.months.every((x) => x.hours > 0 && x.valueCents > 0)).toBe(true);
    const l = await caller.labour.leadership({ ollaId: m!.olla_id });
    const role = (k: string) => l.cargos.find((c) => c.kind === k)!;
    expect(role("tesorera").overdue).toBe(true);
    expect(role("tesorera").monthsHeld).toBeGreaterThanOrEqual(29);
    expect(role("presidenta").overdue).toBe(false);
    expect(l.summary.renewedLastYear).toBe(true);
    const [mix] = await q<{ overdue: number; renewed: number; ollas: number }>(sql`
      select count(distinct t.olla_id) filter (where t.ends_on is null and t.starts_on < current_date - interval '25 months')::int as overdue,
             count(distinct t.olla_id) filter (where t.starts_on > current_date - interval '12 months')::int as renewed,
             count(distinct t.olla_id)::int as ollas
      from cargo_terms t`);
    expect(mix!.overdue).toBeGreaterThan(mix!.ollas * 0.2);
    expect(mix!.renewed).toBeGreaterThan(mix!.ollas * 0.2);
    expect(mix!.overdue).toBeLessThan(mix!.ollas);
  });
});
