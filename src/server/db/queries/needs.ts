import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";
import { districts, needs, ollas, zones } from "../schema";
import { coordinatorScopeWhere } from "./ollas";
import type { NeedCategory, NeedStatus, NeedUrgency } from "~/shared/needs";
import type { Scope } from "~/server/domain/scope";

export type NeedRow = typeof needs.$inferSelect;

// Most urgent first, then the newest.
const byUrgency = sql`case ${needs.urgency} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

const ollaNeedColumns = {
  id: needs.id,
  category: needs.category,
  description: needs.description,
  quantity: needs.quantity,
  unit: needs.unit,
  itemId: needs.itemId,
  urgency: needs.urgency,
  status: needs.status,
  visibility: needs.visibility,
  version: needs.version,
  createdAt: needs.createdAt,
  updatedAt: needs.updatedAt,
  closedAt: needs.closedAt,
};

const numeric = <T extends { quantity: string | null }>(r: T) => ({ ...r, quantity: r.quantity === null ? null : Number(r.quantity) });

/** One olla's needs (both visibilities), for its delegate and its coordination. */
export async function listOllaNeeds(db: DbOrTx, ollaId: string, f: { status?: NeedStatus; limit: number }) {
  const rows = await db
    .select(ollaNeedColumns)
    .from(needs)
    .where(and(eq(needs.ollaId, ollaId), f.status ? eq(needs.status, f.status) : undefined))
    .orderBy(sql`${needs.status} in ('met', 'cancelled')`, byUrgency, desc(needs.createdAt), desc(needs.id))
    .limit(f.limit);
  return rows.map(numeric);
}

export async function findOllaNeed(db: DbOrTx, ollaId: string, needId: string): Promise<NeedRow | null> {
  const [row] = await db.select().from(needs).where(and(eq(needs.id, needId), eq(needs.ollaId, ollaId))).limit(1);
  return row ?? null;
}

/** Open needs by urgency, for the delegate's home summary. */
export async function openNeedCounts(db: DbOrTx, ollaId: string) {
  return db
    .select({ urgency: needs.urgency, n: sql<number>`count(*)::int` })
    .from(needs)
    .where(and(eq(needs.ollaId, ollaId), inArray(needs.status, ["open", "in_progress"])))
    .groupBy(needs.urgency);
}

export interface PublicNeedsFilter {
  districtUbigeo?: string;
  category?: NeedCategory;
  urgency?: NeedUrgency;
}

/** The public list's WHERE: open, public needs of ollas that are not closed. Nothing else, ever. */
function publicWhere(f: PublicNeedsFilter): SQL {
  return and(
    eq(needs.status, "open"),
    eq(needs.visibility, "public"),
    sql`${ollas.status} <> 'closed'`,
    f.districtUbigeo ? eq(ollas.districtUbigeo, f.districtUbigeo) : undefined,
    f.category ? eq(needs.category, f.category) : undefined,
    f.urgency ? eq(needs.urgency, f.urgency) : undefined,
  )!;
}

/** Public fields only: no people, no contact, no address, no exact point. */
const publicColumns = {
  id: needs.id,
  category: needs.category,
  description: needs.description,
  quantity: needs.quantity,
  unit: needs.unit,
  itemId: needs.itemId,
  urgency: needs.urgency,
  createdAt: needs.createdAt,
  ollaId: ollas.id,
  ollaName: ollas.name,
  districtUbigeo: ollas.districtUbigeo,
  districtName: districts.name,
};

/**
 * A page of the public needs, most urgent first (the need_urgency enum runs low → critical, the
 * same order as byUrgency), then newest: the order of needs_public_urgency_idx, read in order
 * instead of sorting every open public need of the city.
 */
export function publicNeedsPageQuery(db: DbOrTx, f: PublicNeedsFilter & { limit: number; offset: number }) {
  return db
    .select(publicColumns)
    .from(needs)
    .innerJoin(ollas, eq(ollas.id, needs.ollaId))
    .innerJoin(districts, eq(districts.ubigeo, ollas.districtUbigeo))
    .where(publicWhere(f))
    .orderBy(desc(needs.urgency), desc(needs.createdAt), desc(needs.id))
    .limit(f.limit)
    .offset(f.offset);
}

export async function listPublicNeeds(db: DbOrTx, f: PublicNeedsFilter & { limit: number; offset: number }) {
  return (await publicNeedsPageQuery(db, f)).map(numeric);
}

/** How many public needs match (every open public need of an olla that is not closed). */
export async function countPublicNeeds(db: DbOrTx, f: PublicNeedsFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(needs).innerJoin(ollas, eq(ollas.id, needs.ollaId)).where(publicWhere(f));
  return Number(row?.n ?? 0);
}

/** One row of the open-data needs CSV, as text straight from PostgreSQL (no per-row Date or object mapping). */
export interface PublicNeedCsvRow {
  id: string;
  olla_id: string;
  olla_name: string;
  district_ubigeo: string;
  district_name: string;
  category: string;
  urgency: string;
  description: string;
  quantity: string | null;
  unit: string | null;
  published_on: string;
  cursor_ts: string;
}

/** Where a page of the public needs CSV starts: after this (created_at, id), newest first. */
export interface PublicNeedsCursor {
  ts: string;
  id: string;
}

/**
 * A page of the public needs by keyset (created_at, id), newest first: the CSV export streams
 * them without OFFSET scans or one big result in memory. The row comparison follows
 * needs_public_feed_idx, so each page is a range scan of that partial index (the former
 * "created_at < ts or (= ts and id > id)" cursor could not use an index: every 500-row page
 * re-read and re-sorted all open public needs, ~50 ms a page, 3.9–4.4 s for 32,000 needs).
 * Timestamps are microseconds in PostgreSQL and milliseconds in JS: the cursor keeps the text.
 */
export async function publicNeedsCsvPage(
  db: DbOrTx,
  f: PublicNeedsFilter,
  after: PublicNeedsCursor | null,
  limit: number,
  timeZone: string,
): Promise<PublicNeedCsvRow[]> {
  const cursor = after ? sql`and (${needs.createdAt}, ${needs.id}) < (${after.ts}::timestamptz, ${after.id}::uuid)` : sql``;
  return rowsOf<PublicNeedCsvRow>(
    await db.execute(sql`
      select needs.id, ollas.id as olla_id, ollas.name as olla_name, ollas.district_ubigeo, districts.name as district_name,
        needs.category, needs.urgency, needs.description, needs.quantity::text as quantity, needs.unit,
        to_char(needs.created_at at time zone ${timeZone}, 'YYYY-MM-DD') as published_on, needs.created_at::text as cursor_ts
      from needs
      join ollas on ollas.id = needs.olla_id
      join districts on districts.ubigeo = ollas.district_ubigeo
      where ${publicWhere(f)} ${cursor}
      order by needs.created_at desc, needs.id desc
      limit ${limit}`),
  );
}

/** Needs of the ollas in a coordinator's scope (both visibilities), most urgent first. */
export async function listNeedsInScope(
  db: DbOrTx,
  scope: Scope,
  f: { zoneId?: string; category?: NeedCategory; urgency?: NeedUrgency; status?: NeedStatus; limit: number; offset: number },
) {
  const where = and(
    coordinatorScopeWhere(scope),
    f.zoneId ? eq(ollas.zoneId, f.zoneId) : undefined,
    f.category ? eq(needs.category, f.category) : undefined,
    f.urgency ? eq(needs.urgency, f.urgency) : undefined,
    f.status ? eq(needs.status, f.status) : inArray(needs.status, ["open", "in_progress"]),
  );
  const [rows, total] = await Promise.all([
    db
      .select({ ...ollaNeedColumns, ollaId: ollas.id, ollaName: ollas.name, zoneName: zones.name, districtName: districts.name })
      .from(needs)
      .innerJoin(ollas, eq(ollas.id, needs.ollaId))
      .innerJoin(zones, eq(zones.id, ollas.zoneId))
      .innerJoin(districts, eq(districts.ubigeo, ollas.districtUbigeo))
      .where(where)
      .orderBy(byUrgency, desc(needs.createdAt), desc(needs.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(needs).innerJoin(ollas, eq(ollas.id, needs.ollaId)).where(where),
  ]);
  return { items: rows.map(numeric), total: Number(total[0]?.n ?? 0) };
}

export async function insertNeed(tx: DbOrTx, v: typeof needs.$inferInsert): Promise<NeedRow> {
  const [row] = await tx.insert(needs).values(v).returning();
  return row!;
}

/** Optimistic concurrency: matches only the version the edit was based on; null when another edit won. */
export async function updateNeedAtVersion(
  tx: DbOrTx,
  at: { id: string; ollaId: string; version: number },
  set: Omit<Partial<typeof needs.$inferInsert>, "version" | "updatedAt">,
): Promise<NeedRow | null> {
  const [row] = await tx
    .update(needs)
    .set({ ...set, version: sql`${needs.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(needs.id, at.id), eq(needs.ollaId, at.ollaId), eq(needs.version, at.version)))
    .returning();
  return row ?? null;
}
