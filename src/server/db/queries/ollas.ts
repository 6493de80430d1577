import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { assessments, districts, ollas, zones } from "../schema";
import type { Scope } from "~/server/domain/scope";
import type { ProblemCategory } from "~/shared/assessment";

export type OllaRow = typeof ollas.$inferSelect;

const prepareFindOlla = (db: DbOrTx) => db.select().from(ollas).where(eq(ollas.id, sql.placeholder("id"))).limit(1).prepare("find_olla_for_scope");
// Every olla-scoped procedure runs this first: the statement is built once per database handle
// (or transaction) instead of drizzle rendering the 26-column select on each call (~0.1 ms).
const findOllaStatements = new WeakMap<DbOrTx, ReturnType<typeof prepareFindOlla>>();

/** Loads an olla by id for the authorization layer, which then checks the caller's scope. */
export async function findOllaForScope(db: DbOrTx, ollaId: string): Promise<OllaRow | null> {
  let statement = findOllaStatements.get(db);
  if (!statement) findOllaStatements.set(db, (statement = prepareFindOlla(db)));
  const rows = await statement.execute({ id: ollaId });
  return rows[0] ?? null;
}

/** The WHERE that limits a coordinator to her zones (or nothing, for the city). */
export function coordinatorScopeWhere(scope: Scope): SQL {
  if (scope.city) return sql`true`;
  if (scope.zoneIds.length === 0) return sql`false`;
  return inArray(ollas.zoneId, scope.zoneIds);
}

export async function listOllasInScope(
  db: DbOrTx,
  scope: Scope,
  f: { q?: string; zoneId?: string; districtUbigeo?: string; status?: OllaRow["status"]; limit: number; offset: number },
) {
  const where = and(
    coordinatorScopeWhere(scope),
    f.zoneId ? eq(ollas.zoneId, f.zoneId) : undefined,
    f.districtUbigeo ? eq(ollas.districtUbigeo, f.districtUbigeo) : undefined,
    f.status ? eq(ollas.status, f.status) : undefined,
    f.q ? or(ilike(ollas.name, `%${escapeLike(f.q)}%`), ilike(ollas.addressReference, `%${escapeLike(f.q)}%`)) : undefined,
  );
  const [rows, total] = await Promise.all([
    db
      .select({
        id: ollas.id,
        name: ollas.name,
        status: ollas.status,
        districtUbigeo: ollas.districtUbigeo,
        districtName: districts.name,
        zoneId: ollas.zoneId,
        zoneName: zones.name,
        rationsPerDay: ollas.rationsPerDay,
        contactName: ollas.contactName,
        contactPhone: ollas.contactPhone,
        updatedAt: ollas.updatedAt,
      })
      .from(ollas)
      .innerJoin(districts, eq(districts.ubigeo, ollas.districtUbigeo))
      .innerJoin(zones, eq(zones.id, ollas.zoneId))
      .where(where)
      .orderBy(asc(ollas.name), asc(ollas.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(ollas).where(where),
  ]);
  return { items: rows, total: Number(total[0]?.n ?? 0) };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Latest assessment per category for one olla (DISTINCT ON in SQL). */
export async function latestAssessments(db: DbOrTx, ollaId: string) {
  return db
    .selectDistinctOn([assessments.category], {
      id: assessments.id,
      category: assessments.category,
      level: assessments.level,
      note: assessments.note,
      assessedOn: assessments.assessedOn,
    })
    .from(assessments)
    .where(eq(assessments.ollaId, ollaId))
    .orderBy(assessments.category, desc(assessments.assessedOn), desc(assessments.id));
}

export async function assessmentHistory(db: DbOrTx, ollaId: string, category?: ProblemCategory) {
  return db
    .select({
      id: assessments.id,
      category: assessments.category,
      level: assessments.level,
      note: assessments.note,
      assessedOn: assessments.assessedOn,
      createdAt: assessments.createdAt,
    })
    .from(assessments)
    .where(and(eq(assessments.ollaId, ollaId), category ? eq(assessments.category, category) : undefined))
    .orderBy(desc(assessments.assessedOn), desc(assessments.id))
    .limit(200);
}

/** Public facts of one active or paused olla: no address, no contact, no exact point. */
export async function findPublicOlla(db: DbOrTx, ollaId: string) {
  const rows = await db
    .select({
      id: ollas.id,
      name: ollas.name,
      status: ollas.status,
      districtUbigeo: ollas.districtUbigeo,
      districtName: districts.name,
      zoneName: zones.name,
      rationsPerDay: ollas.rationsPerDay,
      cookingDays: ollas.cookingDays,
      rationPriceCents: ollas.rationPriceCents,
      foundedOn: ollas.foundedOn,
      lat: ollas.publicLat,
      lng: ollas.publicLng,
      exactLocation: ollas.publishExact,
    })
    .from(ollas)
    .innerJoin(districts, eq(districts.ubigeo, ollas.districtUbigeo))
    .innerJoin(zones, eq(zones.id, ollas.zoneId))
    .where(eq(ollas.id, ollaId))
    .limit(1);
  return rows[0] ?? null;
}

export async function districtExists(db: DbOrTx, ubigeo: string): Promise<boolean> {
  const r = await db.select({ u: districts.ubigeo }).from(districts).where(eq(districts.ubigeo, ubigeo)).limit(1);
  return r.length > 0;
}

export async function zoneExists(db: DbOrTx, zoneId: string): Promise<boolean> {
  const r = await db.select({ id: zones.id }).from(zones).where(eq(zones.id, zoneId)).limit(1);
  return r.length > 0;
}

export async function listDistricts(db: DbOrTx) {
  return db.select({ ubigeo: districts.ubigeo, name: districts.name, province: districts.province }).from(districts).orderBy(asc(districts.name));
}

export async function listZones(db: DbOrTx) {
  return db
    .select({ id: zones.id, name: zones.name, districtUbigeo: zones.districtUbigeo })
    .from(zones)
    .orderBy(asc(zones.name));
}

/** Public list of active and paused ollas: public fields only, public point only. */
export async function listPublicOllas(db: DbOrTx, f: { q?: string; districtUbigeo?: string; limit: number; offset: number }) {
  const where = and(
    sql`${ollas.status} <> 'closed'`,
    f.districtUbigeo ? eq(ollas.districtUbigeo, f.districtUbigeo) : undefined,
    f.q ? ilike(ollas.name, `%${escapeLike(f.q)}%`) : undefined,
  );
  const [items, total] = await Promise.all([
    db
      .select({
        id: ollas.id,
        name: ollas.name,
        status: ollas.status,
        districtUbigeo: ollas.districtUbigeo,
        districtName: districts.name,
        rationsPerDay: ollas.rationsPerDay,
      })
      .from(ollas)
      .innerJoin(districts, eq(districts.ubigeo, ollas.districtUbigeo))
      .where(where)
      .orderBy(asc(districts.name), asc(ollas.name), asc(ollas.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: count() }).from(ollas).where(where),
  ]);
  return { items, total: Number(total[0]?.n ?? 0) };
}

export async function insertOlla(tx: DbOrTx, v: typeof ollas.$inferInsert): Promise<OllaRow> {
  const [row] = await tx.insert(ollas).values(v).returning();
  return row!;
}

/** Optimistic concurrency: the UPDATE matches only `version`, so of N simultaneous edits one wins (the others get null). */
export async function updateOllaAtVersion(
  tx: DbOrTx,
  at: { id: string; version: number },
  set: Omit<Partial<typeof ollas.$inferInsert>, "version" | "updatedAt">,
): Promise<OllaRow | null> {
  const [row] = await tx
    .update(ollas)
    .set({ ...set, version: sql`${ollas.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(ollas.id, at.id), eq(ollas.version, at.version)))
    .returning();
  return row ?? null;
}

export async function insertAssessment(tx: DbOrTx, v: typeof assessments.$inferInsert) {
  const [row] = await tx.insert(assessments).values(v).returning();
  return row!;
}
