import { and, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { ollas, workshopFollowUps, workshopOllas, workshopPhotos, workshopProblems, workshops, zones } from "../schema";
import type { Scope } from "~/server/domain/scope";
import type { FollowUpStatus } from "~/shared/posts";

export type WorkshopRow = typeof workshops.$inferSelect;
export type FollowUpRow = typeof workshopFollowUps.$inferSelect;

/** The workshops a person reaches: a coordinator's zones (all for the city), and those her ollas joined. */
export function workshopReachWhere(scope: Scope): SQL {
  const parts: SQL[] = [];
  if (scope.city) parts.push(sql`true`);
  if (scope.zoneIds.length) parts.push(inArray(workshops.zoneId, scope.zoneIds));
  if (scope.delegateOllaIds.length)
    parts.push(sql`exists (select 1 from ${workshopOllas} where ${workshopOllas.workshopId} = ${workshops.id} and ${inArray(workshopOllas.ollaId, scope.delegateOllaIds)})`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

export async function findReachableWorkshop(db: DbOrTx, scope: Scope, workshopId: string): Promise<WorkshopRow | null> {
  const [r] = await db.select().from(workshops).where(and(eq(workshops.id, workshopId), workshopReachWhere(scope))).limit(1);
  return r ?? null;
}

/** Ollas of a zone among the given ids (a workshop's participants must belong to its zone). */
export async function ollasOfZone(db: DbOrTx, zoneId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db.select({ id: ollas.id }).from(ollas).where(and(eq(ollas.zoneId, zoneId), inArray(ollas.id, ids)));
  return rows.map((r) => r.id);
}

export async function insertWorkshop(
  tx: DbOrTx,
  w: { zoneId: string; heldOn: string; place: string; facilitators: string | null; agreements: string; createdBy: string },
  ollaIds: string[],
  problems: { category: (typeof workshopProblems.$inferInsert)["category"]; note: string }[],
  followUps: { what: string; ollaId: string | null; dueOn: string; status: FollowUpStatus }[],
  photos: { position: number; thumbHash: string; displayHash: string; width: number; height: number }[] = [],
) {
  const [row] = await tx.insert(workshops).values(w).returning();
  await tx.insert(workshopOllas).values(ollaIds.map((ollaId) => ({ workshopId: row!.id, ollaId })));
  if (problems.length) await tx.insert(workshopProblems).values(problems.map((p) => ({ workshopId: row!.id, ...p })));
  if (followUps.length) await tx.insert(workshopFollowUps).values(followUps.map((f) => ({ workshopId: row!.id, ...f })));
  if (photos.length) await tx.insert(workshopPhotos).values(photos.map((p) => ({ workshopId: row!.id, ...p })));
  return row!;
}

export async function listWorkshops(db: DbOrTx, where: SQL, limit: number) {
  return db
    .select({ id: workshops.id, zoneId: workshops.zoneId, zoneName: zones.name, heldOn: workshops.heldOn, place: workshops.place, agreements: workshops.agreements })
    .from(workshops)
    .innerJoin(zones, eq(zones.id, workshops.zoneId))
    .where(where)
    .orderBy(desc(workshops.heldOn), desc(workshops.createdAt))
    .limit(limit);
}

export async function workshopDetails(db: DbOrTx, ids: string[]) {
  if (!ids.length) return { ollas: [], problems: [], followUps: [], photos: [] };
  const [os, ps, fs, phs] = await Promise.all([
    db.select({ workshopId: workshopOllas.workshopId, ollaId: workshopOllas.ollaId, name: ollas.name }).from(workshopOllas).innerJoin(ollas, eq(ollas.id, workshopOllas.ollaId)).where(inArray(workshopOllas.workshopId, ids)).orderBy(ollas.name),
    db.select().from(workshopProblems).where(inArray(workshopProblems.workshopId, ids)),
    db.select().from(workshopFollowUps).where(inArray(workshopFollowUps.workshopId, ids)).orderBy(workshopFollowUps.dueOn),
    db.select().from(workshopPhotos).where(inArray(workshopPhotos.workshopId, ids)).orderBy(workshopPhotos.position),
  ]);
  return { ollas: os, problems: ps, followUps: fs, photos: phs };
}

/** Workshops one olla joined (newest first). */
export async function ollaWorkshopIds(db: DbOrTx, ollaId: string, limit = 20): Promise<string[]> {
  const rows = await db
    .select({ id: workshops.id })
    .from(workshops)
    .innerJoin(workshopOllas, eq(workshopOllas.workshopId, workshops.id))
    .where(eq(workshopOllas.ollaId, ollaId))
    .orderBy(desc(workshops.heldOn))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** A follow-up with its workshop's zone, if the person reaches its workshop. */
export async function findReachableFollowUp(db: DbOrTx, scope: Scope, followUpId: string) {
  const [r] = await db
    .select({ followUp: workshopFollowUps, zoneId: workshops.zoneId })
    .from(workshopFollowUps)
    .innerJoin(workshops, eq(workshops.id, workshopFollowUps.workshopId))
    .where(and(eq(workshopFollowUps.id, followUpId), workshopReachWhere(scope)))
    .limit(1);
  return r ?? null;
}

export async function setFollowUp(tx: DbOrTx, id: string, set: { status?: FollowUpStatus; needId?: string; planItemId?: string }) {
  const [r] = await tx.update(workshopFollowUps).set({ ...set, updatedAt: new Date() }).where(eq(workshopFollowUps.id, id)).returning();
  return r ?? null;
}

/**
 * Dashboard: per category, how many distinct ollas named it in a workshop in the period (the
 * participants of workshops that identified it), within the coordinator's scope.
 */
export async function ollasNamingCategories(db: DbOrTx, scopeWhere: SQL, from: string, to: string) {
  return db
    .select({ category: workshopProblems.category, ollas: sql<number>`count(distinct ${workshopOllas.ollaId})::int` })
    .from(workshopProblems)
    .innerJoin(workshops, eq(workshops.id, workshopProblems.workshopId))
    .innerJoin(workshopOllas, eq(workshopOllas.workshopId, workshops.id))
    .where(and(scopeWhere, sql`${workshops.heldOn} between ${from} and ${to}`))
    .groupBy(workshopProblems.category);
}

/** Dashboard: open (pending) follow-ups per zone and how many are past their due date. */
export async function openFollowUpsByZone(db: DbOrTx, scopeWhere: SQL, today: string) {
  return db
    .select({
      zoneId: workshops.zoneId,
      zoneName: zones.name,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${lt(workshopFollowUps.dueOn, today)}))::int`,
    })
    .from(workshopFollowUps)
    .innerJoin(workshops, eq(workshops.id, workshopFollowUps.workshopId))
    .innerJoin(zones, eq(zones.id, workshops.zoneId))
    .where(and(scopeWhere, eq(workshopFollowUps.status, "pending")))
    .groupBy(workshops.zoneId, zones.name)
    .orderBy(zones.name);
}

export function coordinatorWorkshopWhere(scope: Scope, zoneId?: string): SQL {
  const base = scope.city ? sql`true` : scope.zoneIds.length ? inArray(workshops.zoneId, scope.zoneIds) : sql`false`;
  return zoneId ? and(base, eq(workshops.zoneId, zoneId))! : base;
}

export async function listWorkshopsByIds(db: DbOrTx, ids: string[]) {
  return listWorkshops(db, inArray(workshops.id, ids), ids.length);
}
