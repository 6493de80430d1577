import { and, asc, count, desc, eq, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
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
  urgency: needs.urgency,
  createdAt: needs.createdAt,
  ollaId: ollas.id,
  ollaName: ollas.name,
  districtUbigeo: ollas.districtUbigeo,
  districtName: districts.name,
};

export async function listPublicNeeds(db: DbOrTx, f: PublicNeedsFilter & { limit: number; offset: number }) {
  const where = publicWhere(f);
  const [rows, total] = await Promise.all([
    db
      .select(publicColumns)
      .from(needs)
      .innerJoin(ollas, eq(ollas.id, needs.ollaId))
      .innerJoin(districts, eq(districts.ubigeo, ollas.districtUbigeo))
      .where(where)
      .orderBy(byUrgency, desc(needs.createdAt), desc(needs.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(needs).innerJoin(ollas, eq(ollas.id, needs.ollaId)).where(where),
  ]);
  return { items: rows.map(numeric), total: Number(total[0]?.n ?? 0) };
}

// Timestamps are microseconds in PostgreSQL and milliseconds in JS: the cursor keeps the text.
function publicPage(db: DbOrTx, f: PublicNeedsFilter, after: { ts: string; id: string } | null, batch: number) {
  const cursor = after
    ? or(sql`${needs.createdAt} < ${after.ts}::timestamptz`, and(sql`${needs.createdAt} = ${after.ts}::timestamptz`, gt(needs.id, after.id)))
    : undefined;
  return db
    .select({ ...publicColumns, cursorTs: sql<string>`${needs.createdAt}::text` })
    .from(needs)
    .innerJoin(ollas, eq(ollas.id, needs.ollaId))
    .innerJoin(districts, eq(districts.ubigeo, ollas.districtUbigeo))
    .where(and(publicWhere(f), cursor))
    .orderBy(desc(needs.createdAt), asc(needs.id))
    .limit(batch);
}

/**
 * The same public needs in pages by keyset (created_at, id): the CSV export streams
 * them without OFFSET scans or one big result in memory.
 */
export async function* iteratePublicNeeds(db: DbOrTx, f: PublicNeedsFilter, batch = 1000) {
  let after: { ts: string; id: string } | null = null;
  for (;;) {
    const rows = await publicPage(db, f, after, batch);
    for (const { cursorTs: _c, ...r } of rows) yield numeric(r);
    const last = rows[rows.length - 1];
    if (!last || rows.length < batch) return;
    after = { ts: last.cursorTs, id: last.id };
  }
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
