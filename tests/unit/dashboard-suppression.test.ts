import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDisclosive, MIN_OLLAS, OTHERS_KEY, suppressLine, suppressTable, type RowIn } from "~/server/domain/suppression";

const runs = Number(process.env.FC_NUM_RUNS ?? 150);

/** A random table: areas × columns, each cell an olla count (value = ollas, like level distributions). */
const countTable = fc
  .integer({ min: 1, max: 5 })
  .chain((width) =>
    fc.array(
      fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 }), fc.integer({ min: 0, max: 40 })), { minLength: width, maxLength: width }),
      { minLength: 0, maxLength: 8 },
    ),
  )
  .map((rows) => rows.map((cells, i): RowIn => ({ key: `d${i}`, ollas: cells.reduce((s, n) => s + n, 0), cells: cells.map((n) => ({ value: n, ollas: n })) })));

/** A table whose values are not olla counts (e.g. needs, rations): value ≥ ollas. */
const valueTable = fc
  .integer({ min: 1, max: 4 })
  .chain((width) =>
    fc.array(
      fc.array(
        fc.integer({ min: 0, max: 6 }).chain((ollas) => fc.integer({ min: ollas, max: ollas * 50 }).map((value) => ({ value, ollas }))),
        { minLength: width, maxLength: width },
      ),
      { minLength: 1, maxLength: 8 },
    ),
  )
  .map((rows) => rows.map((cells, i): RowIn => ({ key: `d${i}`, ollas: Math.max(0, ...cells.map((c) => c.ollas)), cells })));

describe("small-cell suppression", () => {
  it("never shows a cell counting 1 or 2 ollas, nor a row total resting on fewer than 3", () => {
    fc.assert(
      fc.property(fc.oneof(countTable, valueTable), fc.boolean(), (rows, colMargin) => {
        const out = suppressTable(rows, { rowMargin: true, columnMargin: colMargin });
        const byKey = new Map(rows.map((r) => [r.key, r]));
        for (const r of out.rows) {
          const source = r.key === OTHERS_KEY ? r.merged.map((k) => byKey.get(k)!) : [byKey.get(r.key)!];
          const ollas = source.reduce((s, x) => s + x.ollas, 0);
          if (r.total !== null) expect(isDisclosive(ollas)).toBe(false);
          r.cells.forEach((v, ci) => {
            if (v === null) return;
            const cellOllas = source.reduce((s, x) => s + x.cells[ci]!.ollas, 0);
            expect(isDisclosive(cellOllas), `row ${r.key} col ${ci}`).toBe(false);
            // What is shown is the true sum.
            expect(v).toBe(source.reduce((s, x) => s + x.cells[ci]!.value, 0));
          });
        }
      }),
      { numRuns: runs },
    );
  });

  it("no hidden cell can be recovered by subtracting from a published margin", () => {
    fc.assert(
      fc.property(countTable, (rows) => {
        const out = suppressTable(rows, { rowMargin: true, columnMargin: true });
        for (const r of out.rows) {
          const hidden = r.cells.filter((v) => v === null).length;
          if (r.total !== null) expect(hidden === 0 || hidden >= 2).toBe(true);
        }
        const width = rows[0]?.cells.length ?? 0;
        for (let ci = 0; ci < width; ci++) {
          const colOllas = rows.reduce((s, r) => s + r.cells[ci]!.ollas, 0);
          if (isDisclosive(colOllas) || out.rows.length < 2) continue;
          const hidden = out.rows.filter((r) => r.cells[ci] === null).length;
          expect(hidden === 0 || hidden >= 2, `column ${ci}`).toBe(true);
        }
      }),
      { numRuns: runs },
    );
  });

  it("merges every input row exactly once: small areas go to the others row, which counts at least 3 ollas", () => {
    fc.assert(
      fc.property(countTable, (rows) => {
        const out = suppressTable(rows, { rowMargin: true, columnMargin: true });
        const seen = out.rows.flatMap((r) => (r.key === OTHERS_KEY ? r.merged : [r.key]));
        const expected = rows.filter((r) => r.ollas > 0).map((r) => r.key);
        expect([...seen].sort()).toEqual([...expected].sort());
        const others = out.rows.find((r) => r.key === OTHERS_KEY);
        const bigEnough = rows.reduce((s, r) => s + r.ollas, 0) >= MIN_OLLAS;
        if (others && bigEnough) expect(others.ollas).toBeGreaterThanOrEqual(MIN_OLLAS);
      }),
      { numRuns: runs },
    );
  });

  it("hides a lone small cell and its complement, and keeps the rest", () => {
    // 1 critical olla among 20: hidden, and the smallest other cell with it.
    const line = suppressLine(
      [1, 4, 9, 6].map((n) => ({ value: n, ollas: n })),
      20,
    );
    expect(line.cells).toEqual([null, null, 9, 6]);
    expect(line.total).toBe(20);
    expect(line.hiddenCells).toBe(2);
  });

  it("shows zero cells and a table with nothing small untouched", () => {
    const t = suppressTable(
      [
        { key: "a", ollas: 10, cells: [0, 10].map((n) => ({ value: n, ollas: n })) },
        { key: "b", ollas: 7, cells: [3, 4].map((n) => ({ value: n, ollas: n })) },
      ],
      { rowMargin: true, columnMargin: true },
    );
    expect(t.hiddenCells).toBe(0);
    expect(t.rows.map((r) => r.cells)).toEqual([
      [0, 10],
      [3, 4],
    ]);
  });

  it("merges a district with 2 ollas into the others row, with the smallest district when needed", () => {
    const t = suppressTable(
      [
        { key: "big", ollas: 30, cells: [{ value: 30, ollas: 30 }] },
        { key: "mid", ollas: 5, cells: [{ value: 5, ollas: 5 }] },
        { key: "tiny", ollas: 2, cells: [{ value: 2, ollas: 2 }] },
      ],
      { rowMargin: true, columnMargin: true },
    );
    expect(t.rows.map((r) => r.key)).toEqual(["big", OTHERS_KEY]);
    expect(t.rows[1]!.merged.sort()).toEqual(["mid", "tiny"]);
    expect(t.rows[1]!.cells).toEqual([7]);
  });

  it("a network of fewer than 3 ollas publishes nothing", () => {
    const line = suppressLine(
      [0, 1, 1, 0].map((n) => ({ value: n, ollas: n })),
      2,
    );
    expect(line.cells.every((c) => c === null)).toBe(true);
    expect(line.total).toBeNull();
  });
});
