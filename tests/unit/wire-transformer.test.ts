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
  it("round-trips every value to what superjson gives back", () => {
    fc.assert(
      fc.property(values, (v) => {
        const ours = superjson.deserialize(JSON.parse(JSON.stringify(wireTransformer.serialize(v))));
        const theirs = superjson.deserialize(JSON.parse(JSON.stringify(superjson.serialize(v))));
        expect(ours).toStrictEqual(theirs);
      }),
      { numRuns: 2000 },
    );
  });

  it("writes exactly superjson's envelope, and takes the fast path only where superjson adds no meta", () => {
    fc.assert(
      fc.property(values, (v) => {
        // What goes over the wire: the same bytes.
        expect(JSON.stringify(wireTransformer.serialize(v))).toBe(JSON.stringify(superjson.serialize(v)));
        if (isPlainJson(v)) expect(superjson.serialize(v).meta).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
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
