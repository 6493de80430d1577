import { and, asc, desc, eq, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { jsonValue, rowsOf, type DbOrTx } from "../client";
import { networkSettings, ollas, stockItems, stockMovements, stockSources, stockTransfers } from "../schema";
import { coordinatorScopeWhere } from "./ollas";
import { CONSUMPTION_WINDOW_DAYS } from "~/server/domain/stock";
import { type SourceType, type StockUnit } from "~/shared/stock";
import type { Scope } from "~/server/domain/scope";

export type StockItemRow = typeof stockItems.$inferSelect;
export type MovementRow = typeof stockMovements.$inferSelect;

/** Staples and the low-stock threshold come from the network's settings row. */
export async function stockSettings(db: DbOrTx): Promise<{ stapleItems: string[]; lowStockDays: number }> {
  const [s] = await db
    .select({ stapleItems: networkSettings.stapleItems, lowStockDays: networkSettings.lowStockDays })
    .from(networkSettings)
    .where(eq(networkSettings.id, 1))
    .limit(1);
  return s ?? { stapleItems: ["arroz", "fideos", "aceite", "menestras"], lowStockDays: 7 };
}

/** Items an olla may use: the network's catalogue and its own. */
export async function catalogueForOlla(db: DbOrTx, ollaId: string) {
  return db
    .select({ id: stockItems.id, code: stockItems.code, name: stockItems.name, unit: stockItems.unit, kgPerUnit: stockItems.kgPerUnit, own: sql<boolean>`${stockItems.ollaId} is not null` })
    .from(stockItems)
    .where(or(isNull(stockItems.ollaId), eq(stockItems.ollaId, ollaId)))
    .orderBy(sql`${stockItems.ollaId} is not null`, asc(stockItems.name));
}

/** One item, if this olla may use it (network or its own); null otherwise. */
export async function findItemForOlla(db: DbOrTx, ollaId: string, itemId: string): Promise<StockItemRow | null> {
  const [row] = await db
    .select()
    .from(stockItems)
    .where(and(eq(stockItems.id, itemId), or(isNull(stockItems.ollaId), eq(stockItems.ollaId, ollaId))))
    .limit(1);
  return row ?? null;
}

/** Does a name clash with the network catalogue or this olla's own items (case-insensitive)? */
export async function itemNameTaken(db: DbOrTx, ollaId: string, name: string): Promise<boolean> {
  const r = await db
    .select({ id: stockItems.id })
    .from(stockItems)
    .where(and(sql`lower(${stockItems.name}) = lower(${name})`, or(isNull(stockItems.ollaId), eq(stockItems.ollaId, ollaId))))
    .limit(1);
  return r.length > 0;
}

export async function listSources(db: DbOrTx, type?: SourceType) {
  return db
    .select({ id: stockSources.id, type: stockSources.type, name: stockSources.name })
    .from(stockSources)
    .where(type ? eq(stockSources.type, type) : undefined)
    .orderBy(asc(stockSources.type), asc(stockSources.name))
    .limit(500);
}

export async function findSource(db: DbOrTx, id: string) {
  const [row] = await db.select().from(stockSources).where(eq(stockSources.id, id)).limit(1);
  return row ?? null;
}

/** Finds a source by type and name (case-insensitive) or adds it to the network's list. */
export async function findOrAddSource(db: DbOrTx, v: { type: SourceType; name: string; ollaId: string; userId: string }) {
  const inserted = await db
    .insert(stockSources)
    .values({ type: v.type, name: v.name, createdByOllaId: v.ollaId, createdBy: v.userId })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { source: inserted[0], created: true };
  const [existing] = await db
    .select()
    .from(stockSources)
    .where(and(eq(stockSources.type, v.type), sql`lower(${stockSources.name}) = lower(${v.name})`))
    .limit(1);
  return { source: existing!, created: false };
}

/**
 * Serialises every change to one item of one olla (transaction-scoped advisory lock):
 * the balance read after it cannot change until the transaction ends.
 */
export async function lockItem(tx: DbOrTx, ollaId: string, itemId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`stock:${ollaId}:${itemId}`}, 0))`);
}

const signed = sql`case when ${stockMovements.direction} = 'in' then ${stockMovements.quantity} else -${stockMovements.quantity} end`;

/** Current balance of one item, summed from the ledger. */
export async function itemBalance(db: DbOrTx, ollaId: string, itemId: string): Promise<number> {
  const [r] = await db
    .select({ b: sql<string>`coalesce(sum(${signed}), 0)` })
    .from(stockMovements)
    .where(and(eq(stockMovements.ollaId, ollaId), eq(stockMovements.itemId, itemId)));
  return Number(r?.b ?? 0);
}

export async function insertMovement(db: DbOrTx, v: typeof stockMovements.$inferInsert): Promise<MovementRow> {
  const [row] = await db.insert(stockMovements).values(v).returning();
  return row!;
}

export async function findMovement(db: DbOrTx, ollaId: string, id: number): Promise<MovementRow | null> {
  const [row] = await db
    .select()
    .from(stockMovements)
    .where(and(eq(stockMovements.id, id), eq(stockMovements.ollaId, ollaId)))
    .limit(1);
  return row ?? null;
}

export async function reversalOf(db: DbOrTx, id: number): Promise<number | null> {
  const [row] = await db.select({ id: stockMovements.id }).from(stockMovements).where(eq(stockMovements.reversesId, id)).limit(1);
  return row?.id ?? null;
}

export interface LevelRow {
  itemId: string;
  code: string | null;
  name: string;
  unit: StockUnit;
  own: boolean;
  balance: number;
  consumedInWindow: number;
  daysLeft: number | null;
  lastMovementOn: string;
}

/**
 * Per item that ever moved in this olla: balance (all movements), what was cooked in
 * the last CONSUMPTION_WINDOW_DAYS days (exits that were reversed do not count), and
 * the days that balance lasts at that pace. One GROUP BY over the olla's ledger.
 */
export async function stockLevels(db: DbOrTx, ollaId: string, today: string): Promise<LevelRow[]> {
  const res = await db.execute(sql`
    with agg as (
      select m.item_id,
        sum(case when m.direction = 'in' then m.quantity else -m.quantity end) as balance,
        coalesce(sum(m.quantity) filter (
          where m.exit_reason = 'cooked' and r.id is null
            and m.occurred_on > ${today}::date - ${CONSUMPTION_WINDOW_DAYS}::int and m.occurred_on <= ${today}::date
        ), 0) as consumed,
        max(m.occurred_on) as last_on
      from stock_movements m
      left join stock_movements r on r.reverses_id = m.id
      where m.olla_id = ${ollaId}
      group by m.item_id
    )
    select i.id as "itemId", i.code, i.name, i.unit, (i.olla_id is not null) as own,
      agg.balance::text as balance, agg.consumed::text as consumed, agg.last_on::text as "lastMovementOn",
      case when agg.balance <= 0 then 0
           when agg.consumed <= 0 then null
           else floor(agg.balance * ${CONSUMPTION_WINDOW_DAYS}::int * 10 / agg.consumed) / 10 end::float8 as "daysLeft"
    from agg join stock_items i on i.id = agg.item_id
    order by i.name`);
  return rowsOf<Omit<LevelRow, "balance" | "consumedInWindow"> & { balance: string; consumed: string; daysLeft: number | null }>(res).map((r) => ({
    itemId: r.itemId,
    code: r.code,
    name: r.name,
    unit: r.unit,
    own: r.own,
    balance: Number(r.balance),
    consumedInWindow: Number(r.consumed),
    daysLeft: r.daysLeft === null ? null : Number(r.daysLeft),
    lastMovementOn: r.lastMovementOn,
  }));
}

/**
 * Entry lots with an expiry date that are still (partly) in stock, first in first out:
 * the stock on hand is the newest entries, so a lot remains as far as the balance
 * reaches back past the entries newer than it (window SUM over the entries).
 */
export async function expiringLots(db: DbOrTx, ollaId: string): Promise<{ itemId: string; movementId: number; expiresOn: string; remaining: number }[]> {
  const res = await db.execute(sql`
    with bal as (
      select item_id, sum(case when direction = 'in' then quantity else -quantity end) as balance
      from stock_movements where olla_id = ${ollaId} group by item_id
    ),
    lots as (
      select m.item_id, m.id, m.quantity, m.expires_on,
        coalesce(sum(m.quantity) over (partition by m.item_id order by m.occurred_on desc, m.id desc
                                       rows between unbounded preceding and 1 preceding), 0) as newer
      from stock_movements m
      where m.olla_id = ${ollaId} and m.direction = 'in' and m.reverses_id is null
        and not exists (select 1 from stock_movements r where r.reverses_id = m.id)
    )
    select lots.item_id as "itemId", lots.id as "movementId", lots.expires_on::text as "expiresOn",
      least(lots.quantity, greatest(bal.balance - lots.newer, 0))::text as remaining
    from lots join bal on bal.item_id = lots.item_id
    where lots.expires_on is not null and bal.balance - lots.newer > 0
    order by lots.expires_on`);
  return rowsOf<{ itemId: string; movementId: number | string; expiresOn: string; remaining: string }>(res).map((r) => ({
    itemId: r.itemId,
    movementId: Number(r.movementId),
    expiresOn: r.expiresOn,
    remaining: Number(r.remaining),
  }));
}

const reversal = alias(stockMovements, "reversal");
const otherOlla = alias(ollas, "other_olla");

/** The olla's ledger, newest first, each row marked with the reversal that undid it (if any). */
export async function movementHistory(db: DbOrTx, ollaId: string, f: { itemId?: string; limit: number; cursor?: number | null }) {
  const rows = await db
    .select({
      id: stockMovements.id,
      itemId: stockMovements.itemId,
      itemName: stockItems.name,
      itemCode: stockItems.code,
      unit: stockMovements.unit,
      direction: stockMovements.direction,
      quantity: stockMovements.quantity,
      occurredOn: stockMovements.occurredOn,
      sourceType: stockMovements.sourceType,
      sourceId: stockMovements.sourceId,
      sourceName: stockSources.name,
      valueCents: stockMovements.valueCents,
      exitReason: stockMovements.exitReason,
      transferId: stockMovements.transferId,
      counterpartOllaName: otherOlla.name,
      reversesId: stockMovements.reversesId,
      reversedById: reversal.id,
      expiresOn: stockMovements.expiresOn,
      // The ledger is append-only, so notes written before bidi controls were dropped at input
      // (migration 0018) still hold them: dropped on the way out instead (finding 6).
      note: sql<string | null>`regexp_replace(${stockMovements.note}, '[\\u202A-\\u202E\\u2066-\\u2069]', '', 'g')`,
      createdAt: stockMovements.createdAt,
    })
    .from(stockMovements)
    .innerJoin(stockItems, eq(stockItems.id, stockMovements.itemId))
    .leftJoin(stockSources, eq(stockSources.id, stockMovements.sourceId))
    .leftJoin(reversal, eq(reversal.reversesId, stockMovements.id))
    .leftJoin(stockTransfers, eq(stockTransfers.id, stockMovements.transferId))
    .leftJoin(
      otherOlla,
      eq(otherOlla.id, sql`case when ${stockTransfers.fromOllaId} = ${stockMovements.ollaId} then ${stockTransfers.toOllaId} else ${stockTransfers.fromOllaId} end`),
    )
    .where(
      and(
        eq(stockMovements.ollaId, ollaId),
        f.itemId ? eq(stockMovements.itemId, f.itemId) : undefined,
        f.cursor ? lt(stockMovements.id, f.cursor) : undefined,
      ),
    )
    .orderBy(desc(stockMovements.id))
    .limit(f.limit);
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity), reversed: r.reversedById !== null }));
}

export interface HealthRow {
  ollaId: string;
  name: string;
  zoneId: string;
  zoneName: string;
  districtName: string;
  lowStaples: { code: string; name: string; unit: StockUnit; balance: number; daysLeft: number }[];
  criticalNeeds: number;
}

/**
 * Stock health of the active ollas in a coordinator's scope: staples with fewer than
 * `maxDays` days left at the last 4 weeks' pace, and open critical needs. Ollas with
 * neither are left out. Aggregated in SQL (GROUP BY over the staples' movements).
 */
export async function stockHealthInScope(
  db: DbOrTx,
  scope: Scope,
  f: { zoneId?: string; maxDays: number; staples: string[]; today: string; limit: number },
): Promise<{ items: HealthRow[]; ollasInScope: number }> {
  const where: SQL = and(coordinatorScopeWhere(scope), eq(ollas.status, "active"), f.zoneId ? eq(ollas.zoneId, f.zoneId) : undefined)!;
  const res = await db.execute(sql`
    with scoped as (select ${ollas.id} as id from ${ollas} where ${where}),
    staples as (
      select id, code, name, unit from stock_items where olla_id is null and code = any(${sql`array[${sql.join(f.staples.map((s) => sql`${s}`), sql`, `)}]::text[]`})
    ),
    agg as (
      select m.olla_id, m.item_id,
        sum(case when m.direction = 'in' then m.quantity else -m.quantity end) as balance,
        coalesce(sum(m.quantity) filter (
          where m.exit_reason = 'cooked' and r.id is null
            and m.occurred_on > ${f.today}::date - ${CONSUMPTION_WINDOW_DAYS}::int and m.occurred_on <= ${f.today}::date
        ), 0) as consumed
      from stock_movements m
      join scoped on scoped.id = m.olla_id
      join staples on staples.id = m.item_id
      left join stock_movements r on r.reverses_id = m.id
      group by m.olla_id, m.item_id
    ),
    days as (
      select olla_id, item_id, balance,
        case when balance <= 0 then 0 when consumed <= 0 then null
             else floor(balance * ${CONSUMPTION_WINDOW_DAYS}::int * 10 / consumed) / 10 end as days_left
      from agg
    ),
    low as (
      select d.olla_id,
        json_agg(json_build_object('code', s.code, 'name', s.name, 'unit', s.unit, 'balance', d.balance, 'daysLeft', d.days_left)
                 order by d.days_left, s.code) as items,
        min(d.days_left) as min_days
      from days d join staples s on s.id = d.item_id
      where d.days_left is not null and d.days_left < ${f.maxDays}
      group by d.olla_id
    ),
    crit as (
      select n.olla_id, count(*)::int as n from needs n join scoped on scoped.id = n.olla_id
      where n.status in ('open', 'in_progress') and n.urgency = 'critical' group by n.olla_id
    )
    select o.id as "ollaId", o.name, o.zone_id as "zoneId", z.name as "zoneName", di.name as "districtName",
      coalesce(low.items, '[]'::json) as "lowStaples", coalesce(crit.n, 0) as "criticalNeeds",
      (select count(*) from scoped)::int as "ollasInScope"
    from ollas o
    join scoped on scoped.id = o.id
    join zones z on z.id = o.zone_id
    join districts di on di.ubigeo = o.district_ubigeo
    left join low on low.olla_id = o.id
    left join crit on crit.olla_id = o.id
    where low.olla_id is not null or crit.olla_id is not null
    order by coalesce(crit.n, 0) desc, low.min_days nulls last, o.name
    limit ${f.limit}`);
  const rows = rowsOf<HealthRow & { ollasInScope: number; lowStaples: unknown }>(res);
  const total = rows[0]?.ollasInScope ?? Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${ollas} where ${where}`))[0]?.n ?? 0);
  return {
    ollasInScope: total,
    items: rows.map(({ ollasInScope: _n, ...r }) => ({
      ...r,
      lowStaples: jsonValue<HealthRow["lowStaples"]>(r.lowStaples),
      criticalNeeds: Number(r.criticalNeeds),
    })),
  };
}

const fromOlla = alias(ollas, "from_olla");
const toOlla = alias(ollas, "to_olla");

/** Transfers this olla offered or was offered, newest first. */
export async function transfersOfOlla(db: DbOrTx, ollaId: string, limit = 50) {
  const rows = await db
    .select({
      id: stockTransfers.id,
      fromOllaId: stockTransfers.fromOllaId,
      fromOllaName: fromOlla.name,
      toOllaId: stockTransfers.toOllaId,
      toOllaName: toOlla.name,
      itemId: stockTransfers.itemId,
      itemName: stockItems.name,
      itemCode: stockItems.code,
      unit: stockTransfers.unit,
      quantity: stockTransfers.quantity,
      status: stockTransfers.status,
      note: stockTransfers.note,
      offeredAt: stockTransfers.offeredAt,
      decidedAt: stockTransfers.decidedAt,
    })
    .from(stockTransfers)
    .innerJoin(fromOlla, eq(fromOlla.id, stockTransfers.fromOllaId))
    .innerJoin(toOlla, eq(toOlla.id, stockTransfers.toOllaId))
    .innerJoin(stockItems, eq(stockItems.id, stockTransfers.itemId))
    .where(or(eq(stockTransfers.fromOllaId, ollaId), eq(stockTransfers.toOllaId, ollaId)))
    .orderBy(desc(stockTransfers.offeredAt), desc(stockTransfers.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity), incoming: r.toOllaId === ollaId }));
}

/** A transfer as seen by one of its two ollas, locked for the decision; null if it is not theirs. */
export async function lockTransferFor(db: DbOrTx, transferId: string, side: { toOllaId: string } | { fromOllaId: string }) {
  const [row] = await db
    .select()
    .from(stockTransfers)
    .where(
      and(
        eq(stockTransfers.id, transferId),
        "toOllaId" in side ? eq(stockTransfers.toOllaId, side.toOllaId) : eq(stockTransfers.fromOllaId, side.fromOllaId),
      ),
    )
    .for("update")
    .limit(1);
  return row ?? null;
}

/** What the one-statement write answers (see drizzle/0017_stock_write_function.sql). */
export type StockWriteOutcome =
  | { ok: { movementId: number; itemId: string; balance: number } }
  | { replay: unknown }
  | { error: string; code: "BAD_REQUEST" | "CONFLICT"; field?: string; params?: Record<string, string | number> };

/**
 * A stock entry or exit in one round trip: the database function checks the idempotency
 * key, the item and unit, takes the (olla, item) lock, refuses an exit the stock does not
 * cover, writes the movement, its audit row and the key with its result.
 */
export async function stockWrite(
  db: DbOrTx,
  w: {
    userId: string;
    key: string;
    procedure: string;
    requestHash: string;
    ollaId: string;
    itemId: string;
    unit: string;
    direction: "in" | "out";
    quantity: string;
    occurredOn: string;
    sourceType: string | null;
    sourceId: string | null;
    valueCents: number | null;
    expiresOn: string | null;
    exitReason: string | null;
    note: string | null;
  },
): Promise<StockWriteOutcome> {
  const res = await db.execute(sql`select stock_write(
    ${w.userId}::uuid, ${w.key}::uuid, ${w.procedure}, ${w.requestHash},
    ${w.ollaId}::uuid, ${w.itemId}::uuid, ${w.unit}::stock_unit, ${w.direction}::stock_direction, ${w.quantity}::numeric,
    ${w.occurredOn}::date, ${w.sourceType}::stock_source_type, ${w.sourceId}::uuid, ${w.valueCents}::integer,
    ${w.expiresOn}::date, ${w.exitReason}::stock_exit_reason, ${w.note}::text) as r`);
  const r = rowsOf<{ r: StockWriteOutcome | string }>(res)[0]!.r;
  return jsonValue<StockWriteOutcome>(r);
}

export async function insertOwnItem(tx: DbOrTx, v: typeof stockItems.$inferInsert): Promise<StockItemRow> {
  const [row] = await tx.insert(stockItems).values(v).returning();
  return row!;
}

export async function insertTransfer(tx: DbOrTx, v: typeof stockTransfers.$inferInsert) {
  const [row] = await tx.insert(stockTransfers).values(v).returning();
  return row!;
}

/** Records the decision on an offered transfer (the caller holds its row lock: lockTransferFor). */
export async function decideTransfer(tx: DbOrTx, id: string, status: "accepted" | "declined" | "cancelled", decidedBy: string) {
  const [row] = await tx.update(stockTransfers).set({ status, decidedBy, decidedAt: sql`now()` }).where(eq(stockTransfers.id, id)).returning();
  return row;
}
