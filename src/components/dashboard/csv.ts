/**
 * CSV of a dashboard table, built in the browser from the same rows the table shows.
 * Cells that a spreadsheet would run as a formula (= + - @, tab, CR) are prefixed
 * with a quote; hidden (suppressed) cells are left empty.
 */
export type CsvCell = string | number | null;

function cell(v: CsvCell): string {
  if (v === null) return "";
  let s = typeof v === "number" ? String(v) : v;
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** Starts a download of `csv` as `filename` (UTF-8 with BOM, so spreadsheets read the accents). */
export function downloadCsv(filename: string, csv: string): void {
  const blob = new Blob(["\uFEFF", csv], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
