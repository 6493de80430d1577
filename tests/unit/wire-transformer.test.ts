import fc from "fast-check";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { isPlainJson, wireTransformer } from "~/shared/wire-transformer";

/**
 * The tRPC transformer must write what superjson writes, so that every client (superjson's, and
 * the map's reader of the bare envelope) reads the same answers; it only skips superjson's walk
 * when the value is plain JSON.
 */
const values = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: false,
  withBoxedValues: false,
  maxDepth: 4,
});

describe("wire transformer", () => {
  // What a serialization gives: its bytes on the wire, or the error it throws.
  const outcome = (serialize: () => unknown): { wire: string } | { error: string } => {
    try {
      return { wire: JSON.stringify(serialize()) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };

  it("round-trips every value to what superjson gives back", () => {
    fc.assert(
      fc.property(values, (v) => {
        const ours = outcome(() => wireTransformer.serialize(v));
        const theirs = outcome(() => superjson.serialize(v));
        expect("error" in ours).toBe("error" in theirs);
        if ("wire" in ours && "wire" in theirs) expect(superjson.deserialize(JSON.parse(ours.wire))).toStrictEqual(superjson.deserialize(JSON.parse(theirs.wire)));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes exactly superjson's bytes, or refuses what it refuses, and takes the fast path only where superjson adds no meta", () => {
    fc.assert(
      fc.property(values, (v) => {
        expect(outcome(() => wireTransformer.serialize(v))).toStrictEqual(outcome(() => superjson.serialize(v)));
        if (isPlainJson(v)) expect(superjson.serialize(v).meta).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });

  it("leaves the keys superjson refuses (__proto__, constructor, prototype) to superjson", () => {
    for (const v of [{ prototype: 0 }, JSON.parse('{"__proto__": {"x": 1}}') as unknown, [{ a: { constructor: "x" } }]]) {
      expect(isPlainJson(v)).toBe(false);
      expect(() => wireTransformer.serialize(v)).toThrow(/prototype pollution/);
    }
  });

  it("sends Dates, undefined, Maps, BigInts, NaN and -0 through superjson", () => {
    const holey: number[] = [1];
    holey[2] = 3; // index 1 is a hole
    for (const v of [{ at: new Date(0) }, { a: undefined }, [new Map([[1, 2]])], { n: 1n }, { x: NaN }, { z: -0 }, holey, new Set([1])]) {
      expect(isPlainJson(v)).toBe(false);
      expect(superjson.deserialize(wireTransformer.serialize(v))).toStrictEqual(v);
    }
  });

  it("an answer as the queries build it (JSON from PostgreSQL) takes the fast path", () => {
    const plan = { settings: { version: 2, hidden: false }, items: [{ id: "a", doneOn: null, savedCents: 0 }], levels: { water: 1 }, modules: [{ prerequisites: [["x"]] }] };
    expect(isPlainJson(plan)).toBe(true);
    expect(wireTransformer.serialize(plan)).toStrictEqual({ json: plan });
    expect(JSON.stringify(wireTransformer.serialize(plan))).toBe(JSON.stringify(superjson.serialize(plan)));
  });
});
