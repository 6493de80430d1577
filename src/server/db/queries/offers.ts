import { and, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";
import { districts, needs, offerPowSpent, offers, ollas, stockItems } from "../schema";
import { coordinatorScopeWhere } from "./ollas";
import { windowSourceFor } from "./dashboard";
import type { Scope } from "~/server/domain/scope";
import { OFFER_EXPIRY_DAYS, OFFER_RELEASE_GRACE_DAYS, type OfferViewStatus } from "~/shared/offers";

export type OfferRow = typeof offers.$inferSelect;

/**
 * The derived state in SQL, the same rule as viewStatus() in src/server/domain/offers.ts
 * (tests/integration/offers.test.ts holds both to the same answers).
 */
export function viewStatusSql(today: string): SQL<OfferViewStatus> {
  return sql<OfferViewStatus>`case
    when ${offers.status} = 'offered' and ${offers.createdAt} < now() - make_interval(days => ${OFFER_EXPIRY_DAYS}) then 'expired'
    when ${offers.status} = 'accepted' and coalesce(${offers.agreedOn}, ${offers.availableOn}) + ${OFFER_RELEASE_GRACE_DAYS}::int < ${today}::date then 'released'
    else ${offers.status}::text end`;
}

/** A need a supporter may offer toward: public, open or in progress, of an olla that is not closed. */
export async function findOfferableNeed(db: DbOrTx, needId: string) {
  const [row] = await db
    .select({
      id: needs.id,
      ollaId: needs.ollaId,
      ollaName: ollas.name,
      districtName: districts.name,
      category: needs.category,
      description: needs.description,
      urgency: needs.urgency,
      status: needs.status,
      quantity: needs.quantity,
      unit: needs.unit,
      itemId: needs.itemId,
      itemName: stockItems.name,
      itemUnit: stockItems.unit,
      createdAt: needs.createdAt,
    })
    .from(needs)
    .innerJoin(ollas, eq(ollas.id, needs.ollaId))
    .innerJoin(districts, eq(districts.ubigeo, ollas.districtUbigeo))
    .leftJoin(stockItems, eq(stockItems.id, needs.itemId))
    .where(and(eq(needs.id, needId), eq(needs.visibility, "public"), inArray(needs.status, ["open", "in_progress"]), sql`${ollas.status} <> 'closed'`))
    .limit(1);
  return row ? { ...row, quantity: row.quantity === null ? null : Number(row.quantity) } : null;
}
export type OfferableNeed = NonNullable<Awaited<ReturnType<typeof findOfferableNeed>>>;

/** Offers still open (offered and not expired, accepted and not released) from one contact. */
export async function openOffersOfContact(db: DbOrTx, contactHash: string, today: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(offers)
    .where(and(eq(offers.contactHash, contactHash), inArray(offers.status, ["offered", "accepted"]), sql`${viewStatusSql(today)} in ('offered', 'accepted')`));
  return Number(r?.n ?? 0);
}

/** Marks a proof-of-work solution used; false when it already was (a replay). */
export async function spendPow(db: DbOrTx, challenge: string, expiresAt: Date): Promise<boolean> {
  const r = await db.insert(offerPowSpent).values({ challenge, expiresAt }).onConflictDoNothing().returning({ c: offerPowSpent.challenge });
  return r.length === 1;
}

export async function prunePowSpent(db: DbOrTx): Promise<void> {
  await db.delete(offerPowSpent).where(sql`${offerPowSpent.expiresAt} < now() - interval '1 hour'`);
}

/** Serialises two submits of one form (a phone retrying while the first is still running). */
export async function lockOfferForm(tx: DbOrTx, formKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`offer-form:${formKey}`}, 0))`);
}

export async function findOfferByFormKey(db: DbOrTx, formKey: string): Promise<OfferRow | null> {
  const [row] = await db.select().from(offers).where(eq(offers.formKey, formKey)).limit(1);
  return row ?? null;
}

export async function insertOffer(db: DbOrTx, v: typeof offers.$inferInsert): Promise<OfferRow> {
  const [row] = await db.insert(offers).values(v).returning();
  return row!;
}

/**
 * What a follow-up link shows: that one offer, its need and the olla's reply. Never the
 * contact (a forwarded link must not leak it). One indexed lookup whatever the token.
 */
export async function findOfferByLink(db: DbOrTx, linkHash: string) {
  const [row] = await db
    .select({
      id: offers.id,
      status: offers.status,
      createdAt: offers.createdAt,
      availableOn: offers.availableOn,
      agreedOn: offers.agreedOn,
      what: offers.what,
      quantity: offers.quantity,
      unit: offers.unit,
      itemName: stockItems.name,
      deliveryMode: offers.deliveryMode,
      replyMessage: offers.replyMessage,
      declineReason: offers.declineReason,
      deliveredQuantity: offers.deliveredQuantity,
      deliveredOn: offers.deliveredOn,
      needId: needs.id,
      needDescription: needs.description,
      ollaId: ollas.id,
      ollaName: ollas.name,
    })
    .from(offers)
    .innerJoin(needs, eq(needs.id, offers.needId))
    .innerJoin(ollas, eq(ollas.id, offers.ollaId))
    .leftJoin(stockItems, eq(stockItems.id, offers.itemId))
    .where(and(eq(offers.linkHash, linkHash), sql`${offers.linkRevokedAt} is null`))
    .limit(1);
  return row ?? null;
}

/** Locks one offer for a change: by its link (the supporter) or within one olla (its delegate). */
export async function lockOffer(db: DbOrTx, by: { linkHash: string } | { id: string; ollaId: string }): Promise<OfferRow | null> {
  const where = "linkHash" in by ? and(eq(offers.linkHash, by.linkHash), sql`${offers.linkRevokedAt} is null`) : and(eq(offers.id, by.id), eq(offers.ollaId, by.ollaId));
  const [row] = await db.select().from(offers).where(where).for("update").limit(1);
  return row ?? null;
}

export async function updateOffer(db: DbOrTx, id: string, patch: Partial<typeof offers.$inferInsert>): Promise<OfferRow> {
  const [row] = await db.update(offers).set(patch).where(eq(offers.id, id)).returning();
  return row!;
}

/** Columns the olla's delegates and coordinators see: the contact included. */
function privateColumns(today: string) {
  return {
    id: offers.id,
    needId: offers.needId,
    needDescription: needs.description,
    needStatus: needs.status,
    ollaId: offers.ollaId,
    status: offers.status,
    viewStatus: viewStatusSql(today),
    createdAt: offers.createdAt,
    availableOn: offers.availableOn,
    agreedOn: offers.agreedOn,
    itemId: offers.itemId,
    itemName: stockItems.name,
    unit: offers.unit,
    what: offers.what,
    quantity: offers.quantity,
    deliveryMode: offers.deliveryMode,
    supporterName: offers.supporterName,
    supporterKind: offers.supporterKind,
    contactPhone: offers.contactPhone,
    contactEmail: offers.contactEmail,
    message: offers.message,
    thankByName: offers.thankByName,
    replyMessage: offers.replyMessage,
    declineReason: offers.declineReason,
    declineNote: offers.declineNote,
    deliveredQuantity: offers.deliveredQuantity,
    deliveredOn: offers.deliveredOn,
    movementId: offers.movementId,
    linkRevoked: sql<boolean>`${offers.linkRevokedAt} is not null`,
  };
}

const numbers = <T extends { quantity: string | null; deliveredQuantity: string | null }>(r: T) => ({
  ...r,
  quantity: r.quantity === null ? null : Number(r.quantity),
  deliveredQuantity: r.deliveredQuantity === null ? null : Number(r.deliveredQuantity),
});

// New first (what she must answer), then accepted ones to receive, then the rest; newest first.
const byUrgencyOfAnswer = (today: string) =>
  sql`case ${viewStatusSql(today)} when 'offered' then 0 when 'accepted' then 1 when 'released' then 2 when 'expired' then 3 else 4 end`;

/** One olla's offers, contact included (its delegates and coordination only: the procedure checks). */
export async function listOllaOffers(db: DbOrTx, ollaId: string, f: { status?: OfferViewStatus; limit: number }, today: string) {
  const rows = await db
    .select(privateColumns(today))
    .from(offers)
    .innerJoin(needs, eq(needs.id, offers.needId))
    .leftJoin(stockItems, eq(stockItems.id, offers.itemId))
    .where(and(eq(offers.ollaId, ollaId), f.status ? sql`${viewStatusSql(today)} = ${f.status}` : undefined))
    .orderBy(byUrgencyOfAnswer(today), desc(offers.createdAt), desc(offers.id))
    .limit(f.limit);
  return rows.map(numbers);
}

/** How many offers wait for the olla's answer (offered, not expired): the count on her home. */
export async function newOfferCount(db: DbOrTx, ollaId: string, today: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(offers)
    .where(and(eq(offers.ollaId, ollaId), eq(offers.status, "offered"), sql`${viewStatusSql(today)} = 'offered'`));
  return Number(r?.n ?? 0);
}

/** Offers of the ollas in a coordinator's scope, contact included. */
export async function listOffersInScope(db: DbOrTx, scope: Scope, f: { zoneId?: string; status?: OfferViewStatus; limit: number; offset: number }, today: string) {
  const rows = await db
    .select({ ...privateColumns(today), ollaName: ollas.name })
    .from(offers)
    .innerJoin(ollas, eq(ollas.id, offers.ollaId))
    .innerJoin(needs, eq(needs.id, offers.needId))
    .leftJoin(stockItems, eq(stockItems.id, offers.itemId))
    .where(and(coordinatorScopeWhere(scope), f.zoneId ? eq(ollas.zoneId, f.zoneId) : undefined, f.status ? sql`${viewStatusSql(today)} = ${f.status}` : undefined))
    .orderBy(desc(offers.createdAt), desc(offers.id))
    .limit(f.limit)
    .offset(f.offset);
  return rows.map(numbers);
}

/**
 * The share of the last 90 days' inflow (kg-equivalent, entries not reversed, ollas not
 * closed: the dependency indicator's definition) that came through offers, by kind of
 * supporter, for the ollas in scope. The total comes from the dependency window.
 */
export async function inflowShareByKind(db: DbOrTx, scope: Scope, f: { zoneId?: string }, today: string, windowDays: number) {
  const zone = f.zoneId ? sql`and o.zone_id = ${f.zoneId}::uuid` : sql``;
  const scopeSql = scope.city ? sql`true` : scope.zoneIds.length === 0 ? sql`false` : sql`o.zone_id in (${sql.join(scope.zoneIds.map((z) => sql`${z}::uuid`), sql`, `)})`;
  const source = await windowSourceFor(db, today);
  const total =
    source === "window"
      ? sql`select coalesce(sum(w.kg), 0)::float8 as kg from dashboard_inflow_window w join ollas o on o.id = w.olla_id where o.status <> 'closed' and ${scopeSql} ${zone}`
      : sql`select coalesce(sum(m.quantity * i.kg_per_unit), 0)::float8 as kg from stock_movements m join stock_items i on i.id = m.item_id join ollas o on o.id = m.olla_id
          where m.direction = 'in' and m.reverses_id is null and i.kg_per_unit is not null
            and m.occurred_on > ${today}::date - ${windowDays}::int and m.occurred_on <= ${today}::date
            and m.id not in (select r.reverses_id from stock_movements r where r.reverses_id is not null)
            and o.status <> 'closed' and ${scopeSql} ${zone}`;
  const [totalRows, kindRows] = await Promise.all([
    db.execute(total),
    db.execute(sql`
      select f.supporter_kind as kind, coalesce(sum(m.quantity * i.kg_per_unit), 0)::float8 as kg, count(*)::int as deliveries
      from offers f
      join stock_movements m on m.id = f.movement_id
      join stock_items i on i.id = m.item_id
      join ollas o on o.id = f.olla_id
      where i.kg_per_unit is not null
        and m.occurred_on > ${today}::date - ${windowDays}::int and m.occurred_on <= ${today}::date
        and not exists (select 1 from stock_movements r where r.reverses_id = m.id)
        and o.status <> 'closed' and ${scopeSql} ${zone}
      group by 1`),
  ]);
  const totalKg = Number(rowsOf<{ kg: number }>(totalRows)[0]?.kg ?? 0);
  const byKind = rowsOf<{ kind: string; kg: number; deliveries: number }>(kindRows).map((r) => ({ kind: r.kind, kg: Number(r.kg), deliveries: Number(r.deliveries) }));
  return { totalKg, byKind };
}

/** The rows a need's progress is computed from (domain needProgress), for several needs at once. */
export async function progressRows(db: DbOrTx, needIds: readonly string[]) {
  if (needIds.length === 0) return [];
  const rows = await db
    .select({
      needId: offers.needId,
      status: offers.status,
      createdAt: offers.createdAt,
      availableOn: offers.availableOn,
      agreedOn: offers.agreedOn,
      quantity: offers.quantity,
      deliveredQuantity: offers.deliveredQuantity,
      thankByName: offers.thankByName,
      supporterName: offers.supporterName,
    })
    .from(offers)
    .where(and(inArray(offers.needId, [...needIds]), inArray(offers.status, ["accepted", "delivered"])));
  return rows.map(numbers);
}
