/**
 * Fuzzing (issue item 5): fast-check throws arbitrary values at every procedure of the
 * app router (enumerated) as every kind of actor — whole arbitrary values, and the
 * policy's valid input with one part replaced, removed or given prototype keys; also
 * deep objects, huge strings, NaN, -0, Infinity, bigints, Dates, Maps and Sets (what
 * superjson carries), with and without a trip through superjson like the real wire.
 * Then the same against the real HTTP handler with hostile raw bodies and superjson
 * metadata. Figures: 0 INTERNAL_SERVER_ERROR, Object.prototype unchanged, and no row
 * written by a refused call (a committed-row counter on every table, read before and
 * after each call, the refusal's own audit line aside; and row counts of every table
 * compared around each procedure's refused-only stretches).
 *
 * Split in shards (tests/integration/security/fuzz-*.test.ts) so that the two test
 * workers share the 1,000-runs-per-procedure CI depth.
 */
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { sessionCookie, trpcErrorCode, trpcHttp, useTestDbInApp } from "./http";
import { ACTORS, type Actor } from "./policy";
import { policies } from "./policy";
import { allowedActor, callPath, diffCounts, installWriteCounter, PROCEDURES, tableCounts, unpolicedNote, validInput } from "./procedures";

/** Everything reachable from the usual prototypes, to notice pollution. */
function protoSnapshot(): string {
  const names = (o: object) => Object.getOwnPropertyNames(o).sort().join(",");
  return [names(Object.prototype), names(Array.prototype), names(Function.prototype), names(String.prototype), names(Number.prototype)].join("|");
}
const PROTO = protoSnapshot();
function prototypesIntact(): boolean {
  const probe = {} as Record<string, unknown>;
  return protoSnapshot() === PROTO && probe.role === undefined && probe.ollaId === undefined && probe.polluted === undefined && probe.isAdmin === undefined;
}

// ---- arbitraries ----------------------------------------------------------------
const HUGE = "ñ".repeat(300_000) + "\u0000";
const keyArb = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 2, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "then", "toJSON") },
  { weight: 2, arbitrary: fc.constantFrom("ollaId", "role", "version", "id", "userId", "zoneId", "limit", "offset", "code", "password", "name") },
);
const nastyStrings = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "Olla\u0000 común",
  "x\u0001\u001f\u007f\u0085",
  "\uD800",
  "\u202Eevil",
  "\u200B",
  "%",
  "_",
  "\\",
  "'; drop table ollas; --",
  "<script>alert(1)</script>",
  "=HYPERLINK(\"http://evil.example\")",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "2026-02-30",
  "9999-12-31",
  "0000-00-00",
  "+51 987 654 321",
  "1e400",
  HUGE,
);
const leafArb = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  nastyStrings,
  fc.double(), // includes NaN, -0, ±Infinity
  fc.integer(),
  fc.constantFrom(0, -0, -1, 1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER + 2, 1e308, 5e-324),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: false }),
  fc.uuid(),
);
const anythingArb = fc.anything({
  key: keyArb,
  values: [leafArb],
  maxDepth: 3,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withBoxedValues: true,
});
/** Deeply nested objects and arrays (stack and recursion limits). */
const deepArb = fc.tuple(fc.integer({ min: 50, max: 5000 }), fc.boolean(), fc.constantFrom("ollaId", "__proto__", "a")).map(([depth, arr, k]) => {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = arr ? [v] : JSON.parse(`{"${k}": 0}`, (key, val) => (key === k ? v : val));
  return v;
});
const protoBombArb = fc.constantFrom(
  '{"__proto__": {"polluted": 1, "role": "city_coordinator"}}',
  '{"constructor": {"prototype": {"polluted": 1}}}',
  '{"ollaId": "x", "__proto__": {"ollaId": "00000000-0000-0000-0000-000000000000"}}',
  '{"__proto__": null}',
);

type Op = { kind: "set"; path: string[]; value: unknown } | { kind: "delete"; path: string[] } | { kind: "proto"; json: string };

function leafPaths(v: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)) {
    for (const [k, x] of Object.entries(v)) {
      out.push([...prefix, k]);
      leafPaths(x, [...prefix, k], out);
    }
  }
  return out;
}

function apply(base: unknown, op: Op): unknown {
  if (op.kind === "proto") return Object.assign(JSON.parse(op.json) as object, base && typeof base === "object" ? base : {});
  const copy = structuredClone(base) as Record<string, unknown>;
  let node = copy;
  for (const k of op.path.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const last = op.path[op.path.length - 1]!;
  if (op.kind === "delete") delete node[last];
  else Object.defineProperty(node, last, { value: op.value, enumerable: true, writable: true, configurable: true });
  return copy;
}

function inputArb(base: unknown) {
  const paths = leafPaths(base);
  const stringPaths = paths.filter((p) => typeof p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], base) === "string");
  const ops: { weight: number; arbitrary: fc.Arbitrary<Op> }[] = [{ weight: 1, arbitrary: protoBombArb.map((json) => ({ kind: "proto", json }) as Op) }];
  if (stringPaths.length) {
    // Most bugs live where a valid input carries one hostile string: aim there most often.
    ops.push({ weight: 4, arbitrary: fc.tuple(fc.constantFrom(...stringPaths), nastyStrings).map(([path, value]) => ({ kind: "set", path, value }) as Op) });
  }
  if (paths.length) {
    ops.push(
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...paths), fc.oneof({ weight: 3, arbitrary: leafArb }, { weight: 1, arbitrary: anythingArb }, { weight: 1, arbitrary: deepArb })).map(([path, value]) => ({ kind: "set", path, value }) as Op) },
      { weight: 1, arbitrary: fc.constantFrom(...paths).map((path) => ({ kind: "delete", path }) as Op) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...paths), keyArb, leafArb).map(([path, key, value]) => ({ kind: "set", path: [...path.slice(0, -1), key], value }) as Op) },
    );
  }
  return fc.oneof(
    { weight: 1, arbitrary: anythingArb },
    { weight: 1, arbitrary: deepArb },
    { weight: 8, arbitrary: fc.oneof(...ops).map((op) => apply(base, op)) },
  );
}

/** What the server would receive after the client's superjson encoding (when it can encode it). */
function overTheWire(v: unknown): unknown {
  try {
    return superjson.parse(superjson.stringify(v));
  } catch {
    return v;
  }
}

function describeInput(v: unknown): string {
  try {
    const s = superjson.stringify(v);
    return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
  } catch {
    return String(v).slice(0, 300);
  }
}

// ---- the properties -----------------------------------------------------------
/** Registers the fuzz tests for every `of`-th procedure starting at `shard` (the HTTP property in shard 0). */
export function fuzzSuite(shard: number, of: number) {
  const RUNS = Number(process.env.FC_NUM_RUNS ?? 150);

  let t: TestDb;
  let w: World;
  let writes: () => Promise<number>;
  const cookies: Partial<Record<Actor, string>> = {};
  beforeAll(async () => {
    t = await createTestDb();
    w = await buildWorld(t.db);
    useTestDbInApp(t);
    for (const a of ACTORS) if (a !== "anon") cookies[a] = await sessionCookie(w.sessions[a]?.sessionId ?? "00000000-0000-0000-0000-000000000000");
    writes = await installWriteCounter(t.db);
  });
  afterAll(async () => t?.close());

  const totals = { calls: 0, refused: 0, internal: 0, writesByRefused: 0 };

  describe("fuzzing every procedure", () => {
    for (const p of PROCEDURES.filter((_, i) => i % of === shard)) {
      it(`${p.path}: ${RUNS} arbitrary inputs, no 500, no pollution, refusals write nothing`, async () => {
        const policy = policies[p.path];
        // Without a policy entry (the matrix fails for it) there is no valid input to mutate: arbitrary values only.
        const base = await validInput(p.path, w);
        // Mostly as an actor the policy allows (so inputs reach the handler), sometimes as anyone.
        const allowed = policy ? allowedActor(policy) : null;
        const actorArb = allowed ? fc.oneof({ weight: 3, arbitrary: fc.constant(allowed) }, { weight: 1, arbitrary: fc.constantFrom(...ACTORS) }) : fc.constantFrom(...ACTORS);
        const countsBefore = await tableCounts(t.db);
        let successes = 0;
        // The counter only moves through these calls: one read after each call is enough.
        let seen = await writes();
        await fc.assert(
          fc.asyncProperty(actorArb, inputArb(base), fc.boolean(), async (who, raw, wire) => {
            const input = wire ? overTheWire(raw) : raw;
            let code: string | null = null;
            let detail = "";
            try {
              await callPath(w.caller(who), p.path, input);
            } catch (e) {
              if (!(e instanceof TRPCError)) throw e;
              code = e.code;
              detail = `${e.message} ${(e.cause as Error | undefined)?.message ?? ""}`.slice(0, 300);
            }
            totals.calls++;
            if (code) totals.refused++;
            else successes++;
            if (code === "INTERNAL_SERVER_ERROR") {
              totals.internal++;
              throw new Error(`INTERNAL_SERVER_ERROR as ${who}: ${detail}\ninput: ${describeInput(input)}`);
            }
            if (!prototypesIntact()) throw new Error(`prototype polluted as ${who} by ${describeInput(input)}`);
            const now = await writes();
            const written = now - seen;
            seen = now;
            if (code && written !== 0) {
              totals.writesByRefused++;
              throw new Error(`refused (${code}) call as ${who} wrote ${written} rows\ninput: ${describeInput(input)}`);
            }
          }),
          { numRuns: RUNS, endOnFailure: true },
        );
        // Cross-check with plain row counts: with no success, no table may have grown.
        if (successes === 0) expect(diffCounts(countsBefore, await tableCounts(t.db), ["audit_log(denied)"])).toEqual([]);
      });
    }

    it.runIf(shard === 0)(`the HTTP handler: ${RUNS} hostile raw requests, no 500, no pollution`, async () => {
      const metaAnnotation = fc.constantFrom<unknown>("undefined", "bigint", "Date", "regexp", "set", "map", "number", "Error", "URL", ["class", "X"], ["symbol", "X"], ["custom", "X"], ["custom", "decimal.js"], "__proto__");
      const metaPath = fc.array(keyArb, { minLength: 1, maxLength: 3 }).map((ks) => ks.join("."));
      const envelope = fc.record({
        json: anythingArb,
        meta: fc.option(fc.record({ values: fc.dictionary(metaPath, metaAnnotation, { maxKeys: 3 }), referentialEqualities: fc.option(fc.dictionary(metaPath, fc.array(metaPath, { maxLength: 2 }), { maxKeys: 2 })) }, { requiredKeys: [] })),
      });
      const body = fc.oneof(
        envelope.map((e) => JSON.stringify(e, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))),
        fc.json(),
        fc.string({ maxLength: 200 }),
        protoBombArb.map((j) => `{"json": ${j}}`),
        fc.constantFrom('{"json": {"a": 1}, "meta": {"values": {"__proto__.polluted": ["class", "X"]}}}', '{"json": {}, "meta": {"values": {"constructor.prototype.polluted": "Date"}}}', "[]", "null", '{"0": {"json": null}}', "x".repeat(200_000)),
      );
      const procedure = fc.constantFrom(...PROCEDURES.map((p) => p.path), "olla.get,olla.update", "nope", "__proto__.x", "olla");
      let statuses: Record<number, number> = {};
      await fc.assert(
        fc.asyncProperty(procedure, fc.constantFrom(...ACTORS), body, fc.constantFrom("query", "mutation") as fc.Arbitrary<"query" | "mutation">, fc.boolean(), async (path, who, raw, type, batch) => {
          const res = await trpcHttp(
            batch ? `${path}?batch=1` : path,
            type,
            undefined,
            type === "query" ? { cookie: cookies[who], rawQuery: `${batch ? "&" : "?"}input=${encodeURIComponent(raw)}` } : { cookie: cookies[who], rawBody: raw },
          );
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          if (res.status >= 500 || res.text.includes("INTERNAL_SERVER_ERROR")) throw new Error(`HTTP ${res.status} ${trpcErrorCode(res)} for ${type} ${path} as ${who}: ${raw.slice(0, 300)}\n${res.text.slice(0, 300)}`);
          if (!prototypesIntact()) throw new Error(`prototype polluted by ${type} ${path}: ${raw.slice(0, 300)}`);
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
      console.info(`fuzz (HTTP): ${RUNS} raw requests, statuses ${JSON.stringify(statuses)}`);
      statuses = {};
    });

    afterAll(() => {
      console.info(
        `fuzz (shard ${shard + 1}/${of}): ${totals.calls} calls over ${Math.ceil((PROCEDURES.length - shard) / of)} of ${PROCEDURES.length} procedures × ${ACTORS.length} actors (${RUNS} runs each), ${totals.refused} refused, ${totals.internal} INTERNAL_SERVER_ERROR, ${totals.writesByRefused} refused calls that wrote, Object.prototype ${prototypesIntact() ? "unchanged" : "POLLUTED"}${unpolicedNote()}`,
      );
      expect(totals.internal).toBe(0);
    });
  });

}
