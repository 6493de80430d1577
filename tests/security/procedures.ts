/**
 * Shared machinery of the security battery: every procedure of the app router,
 * enumerated (so a procedure added tomorrow is covered without touching these tests),
 * a way to call one by its path as any actor, and snapshots of the database to prove
 * that a refused call wrote nothing.
 */
import { sql } from "drizzle-orm";
import { appRouter } from "~/server/api/root";
import { rowsOf, type DbOrTx } from "~/server/db/client";
import type { World, Who } from "../helpers/world";
import { ACTORS, policies, type Actor, type Policy } from "./policy";

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  /** Whether the procedure declares an input schema at all. */
  hasInput: boolean;
}

type ProcDef = { _def: { type: ProcedureInfo["type"]; inputs: unknown[] } };

export const PROCEDURES: ProcedureInfo[] = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, ProcDef> } })._def.procedures,
)
  .map(([path, p]) => ({ path, type: p._def.type, hasInput: p._def.inputs.length > 0 }))
  .sort((a, b) => a.path.localeCompare(b.path));

export const MUTATIONS = PROCEDURES.filter((p) => p.type === "mutation");
/** Procedures a signed-out caller may call, according to the policy table. */
export const PUBLIC_PROCEDURES = PROCEDURES.filter((p) => policies[p.path]?.expect.anon === "allow");

export type Caller = ReturnType<World["caller"]>;

/** Calls `path` ("olla.update") on a caller. */
export function callPath(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let node: unknown = caller;
  for (const part of path.split(".")) node = (node as Record<string, unknown>)[part];
  return (node as (i: unknown) => Promise<unknown>)(input);
}

/**
 * The narrowest actor the policy allows (olla A's delegate before her coordinators,
 * a coordinator before the city, anyone signed in before the anonymous caller).
 */
const PREFERENCE: Actor[] = ["delegateA", "zoneNorth", "city", "noRole", "anon", "delegateB", "zoneSouth", "deactivated"];
export function allowedActor(policy: Policy): Actor | null {
  return PREFERENCE.find((a) => policy.expect[a] === "allow") ?? null;
}

export function policyFor(path: string): Policy {
  const p = policies[path];
  if (!p) throw new Error(`no policy entry for ${path} (add one in tests/security/policy.ts)`);
  return p;
}

/**
 * Procedures without a policy entry yet. The authorization matrix fails for each of them;
 * the other tests still cover them where they can do without a valid input, and name them.
 */
export const UNPOLICED = PROCEDURES.filter((p) => !policies[p.path]).map((p) => p.path);
export const unpolicedNote = () => (UNPOLICED.length ? ` [no policy entry yet, so no valid input for: ${UNPOLICED.join(", ")}]` : "");

/** The policy's valid input, or undefined when the procedure has no policy entry yet. */
export async function validInput(path: string, w: World): Promise<unknown> {
  return policies[path] ? policies[path].input(w) : undefined;
}

export const ALL_ACTORS: Who[] = ACTORS;

async function tables(db: DbOrTx): Promise<string[]> {
  const res = await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`);
  return rowsOf<{ tablename: string }>(res).map((r) => r.tablename);
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Row counts of every table in one round trip. Refusals are logged on purpose
 * (audit_log action 'denied'), so those rows are counted apart from the real writes.
 */
export async function tableCounts(db: DbOrTx): Promise<Record<string, number>> {
  const names = await tables(db);
  const parts = names.map((t) =>
    t === "audit_log"
      ? `select 'audit_log' as t, count(*) filter (where action <> 'denied') as n from audit_log
         union all select 'audit_log(denied)' as t, count(*) filter (where action = 'denied') as n from audit_log`
      : `select ${`'${t.replace(/'/g, "''")}'`} as t, count(*) as n from ${q(t)}`,
  );
  const res = await db.execute(sql.raw(parts.join(" union all ")));
  return Object.fromEntries(rowsOf<{ t: string; n: number | string }>(res).map((r) => [r.t, Number(r.n)]));
}

/** An md5 of every table's content (denial log rows aside): equal fingerprints mean nothing changed. */
export async function dbFingerprint(db: DbOrTx): Promise<Record<string, string>> {
  const names = await tables(db);
  const parts = names.map(
    (t) =>
      `select '${t.replace(/'/g, "''")}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${q(t)} x` +
      (t === "audit_log" ? " where x.action <> 'denied'" : ""),
  );
  const res = await db.execute(sql.raw(parts.join(" union all ")));
  return Object.fromEntries(rowsOf<{ t: string; h: string }>(res).map((r) => [r.t, r.h]));
}

/** Everything stored, as text (for "is the canary really planted?"). */
export async function databaseText(db: DbOrTx): Promise<string> {
  const names = await tables(db);
  const res = await db.execute(sql.raw(names.map((t) => `select coalesce(string_agg(x::text, '\n'), '') as s from ${q(t)} x`).join(" union all ")));
  return rowsOf<{ s: string }>(res)
    .map((r) => r.s)
    .join("\n");
}

export function diffCounts(before: Record<string, number>, after: Record<string, number>, ignore: string[] = []): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !ignore.includes(k) && (before[k] ?? 0) !== (after[k] ?? 0)).map((k) => `${k}: ${before[k] ?? 0} -> ${after[k] ?? 0}`);
}

/**
 * A committed-write counter for fast checks (fuzzing): a row trigger on every public
 * table bumps fuzz.writes.n, inside the writing transaction, so rolled-back work does not
 * count and refusals' own audit lines (action 'denied') are left out. Reading it is one
 * tiny query instead of counting every table. Lives in its own schema: the tables above
 * stay exactly the app's.
 */
export async function installWriteCounter(db: DbOrTx): Promise<() => Promise<number>> {
  await db.execute(sql`create schema if not exists fuzz`);
  await db.execute(sql`create table if not exists fuzz.writes (n bigint not null)`);
  await db.execute(sql`insert into fuzz.writes select 0 where not exists (select 1 from fuzz.writes)`);
  await db.execute(sql.raw(`create or replace function fuzz.bump() returns trigger language plpgsql as $$ begin update fuzz.writes set n = n + 1; return null; end $$`));
  for (const t of await tables(db)) {
    if (t === "audit_log") {
      await db.execute(sql.raw(`create trigger zz_fuzz_count_ins after insert on audit_log for each row when (new.action <> 'denied') execute function fuzz.bump()`));
      await db.execute(sql.raw(`create trigger zz_fuzz_count_mod after update or delete on audit_log for each row execute function fuzz.bump()`));
    } else {
      await db.execute(sql.raw(`create trigger zz_fuzz_count after insert or update or delete on ${q(t)} for each row execute function fuzz.bump()`));
    }
  }
  return async () => Number(rowsOf<{ n: string | number }>(await db.execute(sql`select n from fuzz.writes`))[0]!.n);
}
