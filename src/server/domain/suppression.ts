import { OTHERS_KEY } from "~/shared/dashboard";

/**
 * Small-cell suppression for public aggregates: no published number may rest on fewer
 * than MIN_OLLAS ollas, and no hidden number may be recovered by subtraction.
 *
 * A table has rows (areas, e.g. districts) and columns (levels, urgencies, groups…);
 * each cell carries its value and how many distinct ollas it counts. Rules, in order:
 *  1. Rows counting fewer than MIN_OLLAS ollas are merged into one "others" row; if that
 *     row is still too small, the smallest published row is merged into it too.
 *  2. A cell counting 1 or 2 ollas is hidden. A cell counting 0 ollas is shown: an empty
 *     cell says nothing about any one olla.
 *  3. Complementary hiding: where a margin is published (the row total, or the column
 *     total in the city row), a line with exactly one hidden cell would give it away by
 *     subtraction, so its smallest other published cell is hidden too; repeated until stable.
 * Pure and deterministic: the same input always hides the same cells.
 */
export const MIN_OLLAS = 3;

export interface CellIn {
  value: number;
  /** Distinct ollas that contribute to the value. */
  ollas: number;
}

export interface RowIn {
  key: string;
  /** Distinct ollas of the row (an olla may count in several cells of a row). */
  ollas: number;
  cells: CellIn[];
}

export interface RowOut {
  /** The row's key, or OTHERS_KEY for the merged row. */
  key: string;
  /** Keys merged into this row (only for OTHERS_KEY). */
  merged: string[];
  ollas: number;
  /** null where hidden. */
  cells: (number | null)[];
  /** Sum of the cells when rowMargin, null when hidden or not published. */
  total: number | null;
}

export interface SuppressedTable {
  rows: RowOut[];
  /** How many cells (and merged rows) were hidden: the chart says so when > 0. */
  hiddenCells: number;
  mergedRows: number;
}

export { OTHERS_KEY };

export function isDisclosive(ollas: number): boolean {
  return ollas > 0 && ollas < MIN_OLLAS;
}

/**
 * @param rowMargin the row total is published (the cells partition the row)
 * @param columnMargin the column totals over all rows are published (e.g. as the city row)
 */
export function suppressTable(input: readonly RowIn[], opts: { rowMargin: boolean; columnMargin: boolean }): SuppressedTable {
  const width = input[0]?.cells.length ?? 0;
  const rows = input.filter((r) => r.ollas > 0 || r.cells.some((c) => c.value !== 0));
  const big = rows.filter((r) => !isDisclosive(r.ollas));
  const small = rows.filter((r) => isDisclosive(r.ollas));
  let mergedRows = small.length;

  let others: RowIn | null = null;
  const othersKeys: string[] = [];
  const absorb = (r: RowIn) => {
    othersKeys.push(r.key);
    others = others
      ? {
          key: OTHERS_KEY,
          ollas: others.ollas + r.ollas,
          cells: others.cells.map((c, i) => ({ value: c.value + r.cells[i]!.value, ollas: c.ollas + r.cells[i]!.ollas })),
        }
      : { key: OTHERS_KEY, ollas: r.ollas, cells: r.cells.map((c) => ({ ...c })) };
  };
  for (const r of small) absorb(r);
  if (others && isDisclosive((others as RowIn).ollas) && big.length > 0) {
    // Merge the smallest published row too, so the others row counts at least MIN_OLLAS.
    let idx = 0;
    for (let i = 1; i < big.length; i++) if (big[i]!.ollas < big[idx]!.ollas) idx = i;
    absorb(big.splice(idx, 1)[0]!);
    mergedRows++;
  }
  const all: RowIn[] = others ? [...big, others] : big;

  // hidden[r][c]
  const hidden = all.map((r) => r.cells.map((c) => isDisclosive(c.ollas)));
  // A merged row that still counts fewer than MIN_OLLAS (the whole table is that small) hides everything.
  all.forEach((r, i) => {
    if (isDisclosive(r.ollas)) hidden[i] = hidden[i]!.map(() => true);
  });

  const hideSmallest = (cands: [number, number][]) => {
    let best: [number, number] | null = null;
    for (const [ri, ci] of cands) {
      if (hidden[ri]![ci]) continue;
      const v = all[ri]!.cells[ci]!.value;
      if (!best || v < all[best[0]]!.cells[best[1]]!.value) best = [ri, ci];
    }
    if (best) hidden[best[0]]![best[1]] = true;
    return best !== null;
  };

  for (let changed = true; changed; ) {
    changed = false;
    if (opts.rowMargin) {
      for (let ri = 0; ri < all.length; ri++) {
        if (hidden[ri]!.filter(Boolean).length === 1 && !isDisclosive(all[ri]!.ollas)) {
          changed = hideSmallest(Array.from({ length: width }, (_, ci) => [ri, ci] as [number, number])) || changed;
        }
      }
    }
    if (opts.columnMargin && all.length > 1) {
      for (let ci = 0; ci < width; ci++) {
        const colOllas = all.reduce((s, r) => s + r.cells[ci]!.ollas, 0);
        // When the column total itself is hidden (too few ollas), nothing can be subtracted from it.
        if (isDisclosive(colOllas)) continue;
        if (all.filter((_, ri) => hidden[ri]![ci]).length === 1) {
          changed = hideSmallest(all.map((_, ri) => [ri, ci] as [number, number])) || changed;
        }
      }
    }
  }

  let hiddenCells = 0;
  const out: RowOut[] = all.map((r, ri) => {
    const cells = r.cells.map((c, ci) => {
      if (hidden[ri]![ci]) {
        hiddenCells++;
        return null;
      }
      return c.value;
    });
    const total = opts.rowMargin && !isDisclosive(r.ollas) ? r.cells.reduce((s, c) => s + c.value, 0) : null;
    return { key: r.key, merged: r.key === OTHERS_KEY ? [...othersKeys] : [], ollas: r.ollas, cells, total };
  });
  return { rows: out, hiddenCells, mergedRows };
}

/** One line on its own (a city row, a month of a trend): rules 2 and 3 with its total as margin. */
export function suppressLine(cells: readonly CellIn[], ollas: number): { cells: (number | null)[]; total: number | null; hiddenCells: number } {
  const t = suppressTable([{ key: "line", ollas, cells: [...cells] }], { rowMargin: true, columnMargin: false });
  const row = t.rows[0];
  if (!row) return { cells: cells.map(() => 0), total: 0, hiddenCells: 0 };
  return { cells: row.cells, total: row.total, hiddenCells: t.hiddenCells };
}
