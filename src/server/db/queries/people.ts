import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { districts, memberships, ollas, zones } from "../schema";

/** Ollas where the user is an active delegate. */
export async function listMyOllas(db: DbOrTx, userId: string) {
  return db
    .select({ id: ollas.id, name: ollas.name, status: ollas.status, districtName: districts.name, zoneName: zones.name })
    .from(memberships)
    .innerJoin(ollas, eq(ollas.id, memberships.ollaId))
    .innerJoin(districts, eq(districts.ubigeo, ollas.districtUbigeo))
    .innerJoin(zones, eq(zones.id, ollas.zoneId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true), eq(memberships.role, "delegate")))
    .orderBy(asc(ollas.name));
}

export async function zoneNames(db: DbOrTx, zoneIds: string[]) {
  if (zoneIds.length === 0) return [];
  return db.select({ id: zones.id, name: zones.name }).from(zones).where(inArray(zones.id, zoneIds)).orderBy(asc(zones.name));
}
