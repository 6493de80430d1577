/**
 * Times the bare SQL of an endpoint: the statements captured from the app (same text, same
 * parameters, same declared types), run one after another on one postgres.js connection,
 * repeated. Only reads are replayed; writes the endpoint made on the side (audit rows,
 * session bookkeeping) are counted and reported, not repeated, and so is the driver's own
 * catalogue query when the request happened to open a connection.
 */
import postgres from "postgres";
import { PG_SESSION_SETTINGS } from "~/server/db/client";
import type { CapturedStatement } from "./pg-capture";
import { summarize, type LatencySummary } from "./stats";

const READ = /^\s*(\(\s*)*(select|with|values|table)\b/i;
const WRITE_IN_CTE = /\b(insert|update|delete|merge)\b/i;

// postgres.js reads the array types once per new connection: the driver's, not the endpoint's.
const DRIVER = /from\s+pg_catalog\.pg_type\s+a\s+left\s+join\s+pg_catalog\.pg_type\s+b/i;

export function isRead(s: CapturedStatement): boolean {
  return READ.test(s.text) && !DRIVER.test(s.text) && !(s.text.trimStart().toLowerCase().startsWith("with") && WRITE_IN_CTE.test(s.text));
}

// The captured values are already PostgreSQL text format: hand them over untouched.
const passThrough = (oids: number[], parse: (x: string) => unknown) => ({ to: oids[0]!, from: oids, serialize: (x: unknown) => x, parse });
const TYPES = {
  bool: passThrough([16], (x) => x === "t"),
  json: passThrough([114, 3802], (x) => JSON.parse(x)),
  date: passThrough([1184, 1082, 1114], (x) => new Date(x)),
  bytea: passThrough([17], (x) => Buffer.from(x.slice(2), "hex")),
};

export interface SqlTiming extends LatencySummary {
  statements: number;
  skippedWrites: number;
  rows: number;
  texts: string[];
  /** Each statement alone (median of a few runs), slowest first: where the time goes. */
  perStatement: { ms: number; text: string }[];
}

export async function timeBareSql(
  url: string,
  captured: CapturedStatement[],
  opts: { iterations: number; maxSeconds: number },
): Promise<SqlTiming> {
  const reads = captured.filter((s) => isRead(s) && !s.binary);
  const skipped = captured.filter((s) => !isRead(s) && !DRIVER.test(s.text)).length;
  // The app's own session settings (plan_cache_mode): the same planning work as the app's statements.
  const sql = postgres(url, { max: 1, prepare: true, connection: { ...PG_SESSION_SETTINGS }, onnotice: () => {}, types: TYPES as unknown as Record<string, postgres.PostgresType> });
  try {
    const one = async (s: CapturedStatement) => {
      const params = s.params.map((v, i) => sql.typed(v as unknown as postgres.SerializableParameter, s.types[i] ?? 0));
      return (await sql.unsafe(s.text, params as postgres.ParameterOrJSON<never>[], { prepare: true })).length;
    };
    const run = async () => {
      let rows = 0;
      for (const s of reads) rows += await one(s);
      return rows;
    };
    // Warm: plans prepared and the pages in cache, as they are for the app server.
    let rows = 0;
    for (let i = 0; i < 3; i++) rows = await run();
    const samples: number[] = [];
    const deadline = performance.now() + opts.maxSeconds * 1000;
    for (let i = 0; i < opts.iterations && performance.now() < deadline; i++) {
      const t0 = performance.now();
      await run();
      samples.push(performance.now() - t0);
    }
    const perStatement: { ms: number; text: string }[] = [];
    for (const st of reads) {
      const ts: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        await one(st);
        ts.push(performance.now() - t0);
      }
      perStatement.push({ ms: summarize(ts).p50, text: st.text.replace(/\s+/g, " ").trim().slice(0, 400) });
    }
    perStatement.sort((a, b) => b.ms - a.ms);
    return {
      ...summarize(samples),
      perStatement,
      statements: reads.length,
      skippedWrites: skipped,
      rows,
      texts: reads.map((s) => s.text.replace(/\s+/g, " ").slice(0, 400)),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
