/**
 * npm run seed:scale -- [--ollas 10000] [--needs 200000] [--movements 2000000] [--seed 42]
 *                       [--today YYYY-MM-DD] [--reset] [--checked]
 *
 * Loads a deterministic city-scale dataset into the PostgreSQL database at DATABASE_URL
 * (migrating it first). Refuses a database that already has ollas unless --reset, which
 * DROPS the public and drizzle schemas of that database and migrates it again.
 * --checked keeps every per-row check on during the load (slower; the default, when
 * connected as a superuser, loads the ledger without its foreign-key checks and validating
 * trigger and verifies the same rules set-based).
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "~/server/db/client";
import { limaToday } from "~/shared/lima-day";
import { DEFAULT_SIZES, generateScaleData, SCALE_PASSWORD, DELEGATE_PHONE_BASE } from "./bench/generate";

async function main() {
  const { values } = parseArgs({
    options: {
      ollas: { type: "string", default: String(DEFAULT_SIZES.ollas) },
      needs: { type: "string", default: String(DEFAULT_SIZES.needs) },
      movements: { type: "string", default: String(DEFAULT_SIZES.movements) },
      seed: { type: "string", default: String(DEFAULT_SIZES.seed) },
      today: { type: "string", default: limaToday() },
      reset: { type: "boolean", default: false },
      checked: { type: "boolean", default: false },
    },
  });
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("seed:scale needs DATABASE_URL (a PostgreSQL database it may fill; it never touches the embedded PGlite).");
    process.exit(2);
  }
  const int = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) {
      console.error(`--${name} must be a non-negative integer, got ${v}`);
      process.exit(2);
    }
    return n;
  };
  const opts = {
    ollas: int("ollas", values.ollas),
    needs: int("needs", values.needs),
    movements: int("movements", values.movements),
    seed: int("seed", values.seed),
    today: values.today!,
  };

  const t0 = performance.now();
  if (values.reset) {
    // Before migrating: a database left half-migrated (or by another version) is reset too.
    const { default: postgres } = await import("postgres");
    const raw = postgres(url, { max: 1, onnotice: () => {} });
    try {
      const [row] = await raw`select to_regclass('public.ollas') is not null as has`;
      const n = row?.has ? Number((await raw`select count(*)::int as n from ollas`)[0]?.n ?? 0) : 0;
      console.log(`--reset: dropping the public and drizzle schemas (${n} ollas) and migrating again`);
      await raw`drop schema if exists drizzle cascade`;
      await raw`drop schema if exists public cascade`;
      await raw`create schema public`;
    } finally {
      await raw.end();
    }
  }
  const handle = await openDatabase({ url, max: 2 });
  const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from ollas`));
  if (n > 0) {
    console.error(`This database already has ${n} ollas. Use --reset to drop its schemas and start over.`);
    await handle.close();
    process.exit(1);
  }
  const [{ superuser } = { superuser: false }] = rowsOf<{ superuser: boolean }>(
    await handle.db.execute(sql`select rolsuper as superuser from pg_roles where rolname = current_user`),
  );
  const fast = superuser && !values.checked;
  console.log(
    `seed:scale ${opts.ollas} ollas, ${opts.needs} needs, ${opts.movements} movements, seed ${opts.seed}, today ${opts.today}` +
      (fast ? " (ledger bulk-loaded, verified afterwards)" : " (every row checked as it goes in)"),
  );
  try {
    const res = await generateScaleData(handle.db, { ...opts, fast, log: (m) => console.log(m) });
    const total = (performance.now() - t0) / 1000;
    console.log(`rows: ${Object.entries(res.counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    const [labour] = rowsOf<{ shifts: number; terms: number }>(
      await handle.db.execute(sql`select (select count(*)::int from shifts) as shifts, (select count(*)::int from cargo_terms) as terms`),
    );
    console.log(`volunteer shifts: ${labour?.shifts ?? 0}; role terms: ${labour?.terms ?? 0} (scripts/bench/generate-labour.ts)`);
    console.log(`checksum ${res.checksum}`);
    console.log(`total ${total.toFixed(1)} s (including migrations and ANALYZE)`);
    console.log(`sign in as a delegate: phone 9${DELEGATE_PHONE_BASE} (olla 1 by id order), password ${SCALE_PASSWORD}`);
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  // drizzle wraps the driver's error: show PostgreSQL's own message too.
  const cause = err instanceof Error && err.cause instanceof Error ? `\n${err.cause.message}` : "";
  console.error(err instanceof Error ? `${process.env.SEED_DEBUG ? err.message : err.message.slice(0, 2000)}${cause}` : err);
  process.exit(1);
});
