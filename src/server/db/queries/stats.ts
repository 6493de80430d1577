import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { ollas } from "../schema";

/** Public headline numbers for the home page (counts only). */
export async function networkStats(db: DbOrTx) {
  const [row] = await db
    .select({
      activeOllas: sql<number>`count(*)::int`, rationsPerDay: sql<number>`coalesce(sum(${ollas.rationsPerDay}), 0)::int`,
      districts: sql<number>`count(distinct ${ollas.districtUbigeo})::int`,
    })
    .from(ollas)
    .where(eq(ollas.status, "active"));
  return { activeOllas: row?.activeOllas ?? 0, rationsPerDay: row?.rationsPerDay ?? 0, districts: row?.districts ?? 0 };
}
