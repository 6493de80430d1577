import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";

/** The open-data version: moves forward with every committed change the exports show. */
export async function openDataVersion(db: DbOrTx): Promise<number> {
  const rows = rowsOf<{ version: string | number }>(await db.execute(sql`select version from open_data_version where id = 1`));
  return Number(rows[0]?.version ?? 0);
}

/** Drops windows that ended long ago (called now and then, not on every request). */
export async function pruneRequestLimits(db: DbOrTx, olderThanSeconds: number): Promise<void> {
  await db.execute(sql`delete from request_limits where window_start < now() - make_interval(secs => ${olderThanSeconds})`);
}

/** countRequest and openDataVersion in one round trip (a flood of plain downloads costs one statement each). */
export async function countRequestWithVersion(db: DbOrTx, key: string, windowSeconds: number): Promise<{ hits: number; version: number }> {
  const rows = rowsOf<{ hits: number; version: string | number }>(
    await db.execute(sql`
      with counted as (
        insert into request_limits (key, window_start, hits)
        values (${key}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
        on conflict (key, window_start) do update set hits = request_limits.hits + 1
        returning hits)
      select counted.hits, (select version from open_data_version where id = 1) as version from counted`),
  );
  return { hits: Number(rows[0]!.hits), version: Number(rows[0]!.version ?? 0) };
}
