/**
 * The tRPC transformer: superjson's wire format, with a fast path for values that are plain JSON.
 *
 * Why: superjson walks every value it serializes, building a path for each, to find Dates, Maps,
 * undefined… Most of our answers have none (the queries return JSON built by PostgreSQL), and
 * that walk cost about twice JSON.stringify itself on her plan's 9.5 KB answer, on every request.
 * `isPlainJson` is a cheaper walk that only says yes or no. When it says yes, the envelope is
 * `{ json: value }`, exactly what superjson writes for such a value, so clients (and
 * `use-api.ts`, which reads the envelope without superjson) see no difference. Anything else goes
 * through superjson unchanged.
 *
 * One difference is accepted: superjson also records when the same object appears twice in an
 * answer and re-links the copies on the client; the fast path sends it twice, equal in value.
 * Nothing here relies on the identity of two objects in an answer.
 */
import superjson, { type SuperJSONResult } from "superjson";

/** Depth past which we stop checking and let superjson decide (no answer of ours is this deep). */
const MAX_DEPTH = 64;

/** True when JSON.parse(JSON.stringify(v)) gives v back exactly and superjson would add no meta. */
export function isPlainJson(v: unknown, depth = 0): boolean {
  if (v === null) return true;
  switch (typeof v) {
    case "string":
    case "boolean":
      return true;
    case "number":
      // NaN, ±Infinity and -0 are superjson's "number" cases.
      return Number.isFinite(v) && !(v === 0 && 1 / v < 0);
    case "object": {
      if (depth >= MAX_DEPTH) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (!(i in v) || !isPlainJson(v[i], depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) return false; // Date, Map, Set, class instances…
      for (const key in v) {
        if (!Object.prototype.hasOwnProperty.call(v, key)) return false;
        // superjson refuses these keys (prototype pollution guard): let it, as before.
        if (key === "__proto__" || key === "constructor" || key === "prototype") return false;
        if (!isPlainJson((v as Record<string, unknown>)[key], depth + 1)) return false;
      }
      // Symbol keys are dropped by JSON but kept by superjson's registry: leave them to it.
      return Object.getOwnPropertySymbols(v).length === 0;
    }
    default:
      return false; // undefined, bigint, symbol, function
  }
}

export function serialize(value: unknown): SuperJSONResult {
  return isPlainJson(value) ? { json: value as SuperJSONResult["json"] } : superjson.serialize(value);
}

export const wireTransformer = {
  serialize,
  deserialize: <T>(payload: SuperJSONResult): T => superjson.deserialize<T>(payload),
};
