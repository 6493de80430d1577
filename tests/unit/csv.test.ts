import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvLine } from "~/server/open-data/csv";
import { HOSTILE } from "../security/hostile";

describe("csvLine (the open-data CSV writer)", () => {
  it("writes exactly what csv-stringify writes, for hostile text and any string or number", () => {
    const samples = [...HOSTILE, 'a,b', 'x"y', "l\nm", "cr\rlf", "", " sp ", "tab\t", "'=1", "ñandú 🍲"];
    expect(csvLine(samples)).toBe(stringify([samples]));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: "binary" }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()), { maxLength: 8 }), (cells) => {
        expect(csvLine(cells)).toBe(stringify([cells]));
      }),
      { numRuns: 300 },
    );
  }, 30_000);
});
