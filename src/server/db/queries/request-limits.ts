import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";

/**
 * Fixed-window request counters in `request_limits`, shared by every app server (the offer form's
 * per-address and per-contact limits, the open-data exports', the federation feed's). A window is
 * `windowSeconds` long and starts on a multiple of it, so every server agrees on it.
 */

/** The counting statement: one more hit for `key` in the current window, returning the hits so far. */
function hitSql(key: string, windowSeconds: number): SQL {
  return sql`
    insert into request_limits (key, window_start, hits)
    values (${key}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
    on conflict (key, window_start) do update set hits = request_limits.hits + 1
    returning hits`;
}

/** Counts one hit and returns the window's hits. Inside a transaction, a refusal that rolls back also un-counts it. */
export async function countHit(db: DbOrTx, key: string, windowSeconds: number): Promise<number> {
  const rows = rowsOf<{ hits: number }>(await db.execute(hitSql(key, windowSeconds)));
  return Number(rows[0]!.hits);
}

/** countHit and the open-data version in one round trip (a flood of plain downloads costs one statement each). */
export async function countHitWithOpenDataVersion(db: DbOrTx, key: string, windowSeconds: number): Promise<{ hits: number; version: number }> {
  const rows = rowsOf<{ hits: number; version: string | number }>(
    await db.execute(sql`
      with counted as (${hitSql(key, windowSeconds)})
      select counted.hits, (select version from open_data_version where id = 1) as version from counted`),
  );
  return { hits: Number(rows[0]!.hits), version: Number(rows[0]!.version ?? 0) };
}

/** Drops windows that ended long ago (called now and then, not on every request). */
export async function pruneRequestLimits(db: DbOrTx, olderThanSeconds: number): Promise<void> {
  await db.execute(sql`delete from request_limits where window_start < now() - make_interval(secs => ${olderThanSeconds})`);
}
