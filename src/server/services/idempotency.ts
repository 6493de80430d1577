import { createHash } from "node:crypto";
import superjson, { type SuperJSONResult } from "superjson";
import type { Db, Tx } from "~/server/db/client";
import { findIdempotencyKey, insertIdempotencyKey, lockIdempotencyKey } from "~/server/db/queries/idempotency";
import { conflict } from "~/server/errors";

/** JSON with object keys sorted at every level, so equal payloads hash equally. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object" && !(v instanceof Date)) {
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

/** SHA-256 of the procedure and the request without its key. */
export function requestHash(procedure: string, request: Record<string, unknown>): string {
  const { idempotencyKey: _k, ...rest } = request;
  return createHash("sha256").update(procedure).update("\0").update(JSON.stringify(canonical(rest))).digest("hex");
}

/**
 * Runs a mutation once per (user, key). The key row and its result are written in the
 * same transaction as the mutation, so either both exist or neither does:
 *   - first time: run `write`, store its result, return it;
 *   - same key, same payload (a phone retrying after a lost answer): return the stored
 *     result, write nothing;
 *   - same key, other payload or procedure: CONFLICT.
 * A failed mutation stores nothing, so its retry is evaluated afresh. Concurrent requests
 * with one key are serialised by an advisory lock on the key.
 */
export async function idempotent<T>(
  db: Db,
  req: { userId: string; procedure: string; input: { idempotencyKey: string } & Record<string, unknown> },
  write: (tx: Tx) => Promise<T>,
): Promise<T> {
  const key = req.input.idempotencyKey;
  const hash = requestHash(req.procedure, req.input);
  return db.transaction(async (tx) => {
    await lockIdempotencyKey(tx, req.userId, key);
    const prev = await findIdempotencyKey(tx, req.userId, key);
    if (prev) {
      if (prev.procedure !== req.procedure || prev.requestHash !== hash) throw conflict("idempotency.mismatch");
      return superjson.deserialize<T>(prev.result as SuperJSONResult);
    }
    const result = await write(tx);
    await insertIdempotencyKey(tx, { userId: req.userId, key, procedure: req.procedure, requestHash: hash, result: superjson.serialize(result) });
    return result;
  });
}
