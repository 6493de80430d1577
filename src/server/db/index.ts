import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { env } from "~/env";
import { openDatabase, type Db, type DbHandle } from "./client";
import { seedDemoIfEmpty } from "./seed/demo";
import { locationKey } from "~/server/location-key";
import { ensurePublicPoints } from "~/server/services/public-points";

export type { Db } from "./client";

// One client per process: page bundles and route handlers are separate module graphs,
// and a second PGlite on the same directory would corrupt it.
const g = globalThis as unknown as { __ollasDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  g.__ollasDb ??= (async () => {
    let handle: DbHandle;
    if (env.DATABASE_URL) {
      handle = await openDatabase({ url: env.DATABASE_URL });
    } else {
      const dir = path.resolve(env.PGLITE_DIR);
      mkdirSync(dir, { recursive: true });
      handle = await openDatabase({ dataDir: dir });
    }
    const wantSeed = env.SEED_DEMO === "1" || (env.NODE_ENV !== "production" && env.SEED_DEMO !== "0");
    if (wantSeed) await seedDemoIfEmpty(handle.db);
    // Points stored under an older scheme or another LOCATION_KEY are recomputed before serving.
    const points = await ensurePublicPoints(handle.db, locationKey());
    if (points.recomputed) console.info(JSON.stringify({ event: "public-points-recomputed", changed: points.changed }));
    return handle;
  })().catch((err: unknown) => {
    g.__ollasDb = undefined; // let the next request try again (the database may be back)
    throw err;
  });
  return g.__ollasDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
