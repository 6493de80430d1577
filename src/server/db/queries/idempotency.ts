import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "~/server/db/client";
import { idempotencyKeys } from "~/server/db/schema";

/** Serialises every request with one (user, key) until the transaction ends. */
export async function lockIdempotencyKey(tx: Tx, userId: string, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`idem:${userId}:${key}`}, 0))`);
}

/** The stored answer of an earlier request with this (user, key), if any. */
export async function findIdempotencyKey(tx: Tx, userId: string, key: string) {
  const [prev] = await tx
    .select({ procedure: idempotencyKeys.procedure, requestHash: idempotencyKeys.requestHash, result: idempotencyKeys.result })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
    .limit(1);
  return prev;
}

export async function insertIdempotencyKey(tx: Tx, row: { userId: string; key: string; procedure: string; requestHash: string; result: unknown }): Promise<void> {
  await tx.insert(idempotencyKeys).values(row);
}
