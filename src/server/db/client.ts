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
/**
 * Session settings of every app connection to PostgreSQL. Prepared statements (see preparing()
 * below) are planned afresh for every execution, as unprepared ones were: a generic plan could be
 * poor for the skewed dashboard data. The benchmark's bare-SQL replay uses the same settings, so
 * that the planning the database does for the app counts as SQL, not as the app's time.
 */
export const PG_SESSION_SETTINGS = { plan_cache_mode: "force_custom_plan" } as const;

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
      connection: { ...PG_SESSION_SETTINGS },
      onnotice: () => {},
      connect_timeout: 5,
      idle_timeout: 30,
      // postgres.js waits before reconnecting, growing to 20 s after a few failures, and a
      // request that needs a connection waits with it: after a database restart the app
      // hung for 15 s+ instead of answering 503. At most 1 s keeps failures fast and
      // recovery quick (the fault test measures both).
      backoff: (attempts: number) => Math.min(0.1 * attempts, 1),
    });
    const db = drizzle(preparing(client), { schema });
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

type Sql = import("postgres").Sql;

/**
 * The postgres.js client with every statement prepared (named, kept per connection).
 * drizzle runs its queries unprepared, and postgres.js sends an unprepared statement with
 * parameters in two round trips (Parse + Describe, wait for the parameter types, then Bind +
 * Execute): a stock write made ~25 round trips instead of ~13. Prepared, a statement the
 * connection has seen costs one round trip and no parse. Transactions and savepoints hand out
 * clients of their own, wrapped the same way. postgres.js re-prepares a statement that a
 * schema change invalidated.
 */
function preparing<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(query, params as never, { ...options, prepare: true });
      }
      if (prop === "begin" || prop === "savepoint") {
        return (...args: unknown[]) => {
          const fn = args[args.length - 1] as (tx: Sql) => unknown;
          const begin = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!;
          return begin(...args.slice(0, -1), (tx: Sql) => fn(preparing(tx)));
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

/** Rows of a raw `db.execute` result: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(res: unknown): T[] {
  return (Array.isArray(res) ? res : (res as { rows: T[] }).rows) as T[];
}

/** A `json` column or expression: the drivers give it parsed or as text, depending on how it was selected. */
export function jsonValue<T>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}
