import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import * as schema from "./schema";

/** One type for both drivers (postgres.js and PGlite), so query functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run a query: the database or an open transaction. */
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
}

const MIGRATIONS = "drizzle";

/** Opens PostgreSQL (DATABASE_URL) or embedded PGlite (dataDir, or in memory) and migrates it. */
export async function openDatabase(opts: {
  url?: string;
  dataDir?: string;
  loadDataDir?: Blob | File;
  migrationsFolder?: string;
  max?: number;
}): Promise<DbHandle> {
  const migrationsFolder = opts.migrationsFolder ?? MIGRATIONS;
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(opts.url, {
      max: opts.max ?? 10,
      onnotice: () => {},
      connect_timeout: 5,
      idle_timeout: 30,
      // postgres.js waits before reconnecting, growing to 20 s after a few failures, and a
      // request that needs a connection waits with it: after a database restart the app
      // hung for 15 s+ instead of answering 503. At most 1 s keeps failures fast and
      // recovery quick (the fault test measures both).
      backoff: (attempts: number) => Math.min(0.1 * attempts, 1),
    });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    return { db: db as unknown as Db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const client = await PGlite.create({ dataDir: opts.dataDir, loadDataDir: opts.loadDataDir });
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
}

/** Rows of a raw `db.execute` result: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(res: unknown): T[] {
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}
