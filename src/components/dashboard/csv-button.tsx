"use client";

import { downloadCsv, toCsv, type CsvCell } from "./csv";

/**
 * Downloads a table's rows as CSV, built in the browser from the rows the server rendered: the
 * only script a dashboard table needs (the labels come translated from the server).
 */
export function CsvButton({ filename, header, rows, label, caption, testId }: { filename: string; header: string[]; rows: CsvCell[][]; label: string; caption: string; testId: string }) {
  return (
    <button type="button" className="btn btn-secondary self-start" data-testid={testId} onClick={() => downloadCsv(filename, toCsv(header, rows))}>
      {label}
      <span className="sr-only">: {caption}</span>
    </button>
  );
}
