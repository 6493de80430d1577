import { and, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";
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

/**
 * The public dashboard's workshop figures, city-wide, before suppression (the service hides small
 * counts): per category, the distinct ollas that took part in a workshop of the period that named
 * it; and the pending follow-ups, how many are past due, and how many distinct ollas took part in
 * the workshops they came from (what the open and overdue figures rest on). No names, no olla ids.
 * Closed ollas are left out of the categories' counts.
 */
export async function publicWorkshopFigures(db: DbOrTx, from: string, to: string, today: string) {
  const [named, [open]] = await Promise.all([
    // Closed ollas do not count (as in the public plan counts): only ollas that are still cooking.
    db
      .select({ category: workshopProblems.category, ollas: sql<number>`count(distinct ${workshopOllas.ollaId})::int` })
      .from(workshopProblems)
      .innerJoin(workshops, eq(workshops.id, workshopProblems.workshopId))
      .innerJoin(workshopOllas, eq(workshopOllas.workshopId, workshops.id))
      .innerJoin(ollas, eq(ollas.id, workshopOllas.ollaId))
      .where(and(sql`${ollas.status} <> 'closed'`, sql`${workshops.heldOn} between ${from} and ${to}`))
      .groupBy(workshopProblems.category),
    db
      .select({
        open: sql<number>`count(distinct ${workshopFollowUps.id})::int`,
        openOllas: sql<number>`count(distinct ${workshopOllas.ollaId})::int`,
        overdue: sql<number>`(count(distinct ${workshopFollowUps.id}) filter (where ${lt(workshopFollowUps.dueOn, today)}))::int`,
        overdueOllas: sql<number>`(count(distinct ${workshopOllas.ollaId}) filter (where ${lt(workshopFollowUps.dueOn, today)}))::int`,
      })
      .from(workshopFollowUps)
      .innerJoin(workshopOllas, eq(workshopOllas.workshopId, workshopFollowUps.workshopId))
      .where(eq(workshopFollowUps.status, "pending")),
  ]);
  return { named, followUps: open ?? { open: 0, openOllas: 0, overdue: 0, overdueOllas: 0 } };
}

/**
 * A cheap fingerprint of what the public workshop figures rest on (the audit of workshops,
 * follow-ups and ollas — a closed olla stops counting — and the row counts, as plan counts do): a new workshop or a follow-up marked done
 * shows on /panel at once although the answer is shared for a minute. The day is part of it
 * (a follow-up becomes overdue at midnight without any write).
 */
export async function publicWorkshopVersion(db: DbOrTx, today: string): Promise<string> {
  const res = await db.execute(sql`
    select greatest(
             (select coalesce(max(id), 0) from audit_log where entity = 'workshop'),
             (select coalesce(max(id), 0) from audit_log where entity = 'workshop_follow_up'),
             (select coalesce(max(id), 0) from audit_log where entity = 'olla'))::text as a,
           (select count(*) from ${workshopOllas})::text as o,
           (select count(*) from ${workshopFollowUps} where status = 'pending')::text as f`);
  const r = rowsOf<{ a: string; o: string; f: string }>(res)[0];
  return `${today}:${r?.a}:${r?.o}:${r?.f}`;
}
