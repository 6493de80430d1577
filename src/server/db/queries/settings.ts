import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { networkSettings, stockItems } from "../schema";

export type SettingsRow = typeof networkSettings.$inferSelect;

/** The network's one settings row (created by its migration). */
export async function getSettings(db: DbOrTx): Promise<SettingsRow> {
  const [row] = await db.select().from(networkSettings).where(eq(networkSettings.id, 1)).limit(1);
  if (!row) throw new Error("network_settings row 1 is missing: run the migrations");
  return row;
}

/** Optimistic update: only matches the version the edit was based on; null when it is stale. */
export async function updateSettingsRow(
  db: DbOrTx,
  version: number,
  values: Pick<SettingsRow, "dependencyThreshold" | "stapleItems" | "lowStockDays" | "monthlyMinimumWageCents" | "maxLeadershipTermMonths">,
  userId: string,
): Promise<SettingsRow | null> {
  const [row] = await db
    .update(networkSettings)
    .set({ ...values, updatedBy: userId, updatedAt: sql`now()`, version: sql`${networkSettings.version} + 1` })
    .where(and(eq(networkSettings.id, 1), eq(networkSettings.version, version)))
    .returning();
  return row ?? null;
}

/** Items of the network catalogue that have a code (the ones a staple may name). */
export async function networkCatalogue(db: DbOrTx) {
  return db
    .select({ code: stockItems.code, name: stockItems.name, unit: stockItems.unit })
    .from(stockItems)
    .where(and(isNull(stockItems.ollaId), sql`${stockItems.code} is not null`))
    .orderBy(asc(stockItems.name));
}

export async function existingNetworkCodes(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: stockItems.code })
    .from(stockItems)
    .where(and(isNull(stockItems.ollaId), inArray(stockItems.code, codes)));
  return new Set(rows.map((r) => r.code!));
}
