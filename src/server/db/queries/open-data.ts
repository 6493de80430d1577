import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";

/** The open-data version: moves forward with every committed change the exports show. */
export async function openDataVersion(db: DbOrTx): Promise<number> {
  const rows = rowsOf<{ version: string | number }>(await db.execute(sql`select version from open_data_version where id = 1`));
  return Number(rows[0]?.version ?? 0);
}

/**
 * Counts one request against `key` in the current fixed window and returns the count so far
 * (this one included). One statement, atomic across app servers.
 */
export async function countRequest(db: DbOrTx, key: string, windowSeconds: number): Promise<number> {
  const rows = rowsOf<{ hits: number }>(
    await db.execute(sql`
      insert into request_limits (key, window_start, hits)
      values (${key}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
      on conflict (key, window_start) do update set hits = request_limits.hits + 1
      returning hits`),
  );
  return Number(rows[0]!.hits);
}

/** Drops windows that ended long ago (called now and then, not on every request). */
export async function pruneRequestLimits(db: DbOrTx, olderThanSeconds: number): Promise<void> {
  await db.execute(sql`delete from request_limits where window_start < now() - make_interval(secs => ${olderThanSeconds})`);
}
