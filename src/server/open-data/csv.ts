/**
 * CSV lines as csv-stringify writes them by default (comma, "\n" after each record, a field
 * quoted only when it holds a comma, a quote or a line break, quotes doubled), without its
 * per-call set-up: the needs export spent ~0.3 s of its 1 s in csv-stringify at 10,000 ollas.
 * tests/unit/csv.test.ts holds it to csv-stringify's output on hostile text.
 */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "number" ? String(v) : v;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) out += (i === 0 ? "" : ",") + csvField(cells[i]);
  return `${out}\n`;
}
