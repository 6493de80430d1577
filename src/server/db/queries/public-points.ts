import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx, type Tx } from "../client";

export interface OllaPointInput {
  id: string;
  lat: number;
  lng: number;
  location_seed: number;
  publish_exact: boolean;
}

/** Serialises start-up recomputes across app servers (one transaction-scoped lock). */
export async function lockPublicPointScheme(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(4242002)`);
}

export async function storedSchemeFingerprint(db: DbOrTx): Promise<string | null> {
  const rows = rowsOf<{ fingerprint: string }>(await db.execute(sql`select fingerprint from public_point_scheme where id = 1`));
  return rows[0]?.fingerprint ?? null;
}

export async function saveSchemeFingerprint(db: DbOrTx, fingerprint: string): Promise<void> {
  await db.execute(sql`
    insert into public_point_scheme (id, fingerprint, updated_at) values (1, ${fingerprint}, now())
    on conflict (id) do update set fingerprint = excluded.fingerprint, updated_at = now()`);
}

/** The inputs of every olla's public point, a page at a time (keyset on id). */
export async function ollaPointInputs(db: DbOrTx, afterId: string | null, limit: number): Promise<OllaPointInput[]> {
  return rowsOf<OllaPointInput>(
    await db.execute(sql`
      select id, lat, lng, location_seed, publish_exact from ollas
      where ${afterId === null ? sql`true` : sql`id > ${afterId}::uuid`}
      order by id limit ${limit}`),
  );
}

/**
 * Writes recomputed public points. Each row is matched on the inputs it was computed from, so
 * a profile edit committed meanwhile (which placed its own point) is never overwritten.
 * Not a profile edit: the version stays, so no delegate's pending edit turns into a CONFLICT.
 */
export async function writePublicPoints(
  db: DbOrTx,
  rows: (OllaPointInput & { public_lat: number; public_lng: number })[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const res = rowsOf<{ id: string }>(
    await db.execute(sql`
      update ollas o set public_lat = v.public_lat, public_lng = v.public_lng
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as v(id uuid, lat float8, lng float8, location_seed int, publish_exact bool, public_lat float8, public_lng float8)
      where o.id = v.id and o.lat = v.lat and o.lng = v.lng and o.location_seed = v.location_seed
        and o.publish_exact = v.publish_exact
        and (o.public_lat is distinct from v.public_lat or o.public_lng is distinct from v.public_lng)
      returning o.id`),
  );
  return res.length;
}
