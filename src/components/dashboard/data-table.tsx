import { useFormatter, useTranslations } from "next-intl";
import type { CsvCell } from "./csv";
import { CsvButton } from "./csv-button";
import { TableScroll } from "~/components/ui/table-scroll";

export interface TableRow {
  key: string;
  label: string;
  /** Labels of the areas merged into this row (the "others" row). */
  merged?: string[];
  cells: (number | null)[];
  total?: number | null;
}

/**
 * The accessible table beside every chart, with a CSV download of exactly its rows.
 * Hidden (suppressed) cells read "—" with a screen-reader explanation. Renders on the server;
 * the CSV button is its only client part.
 */
export function DataTable({
  id,
  caption,
  rowHeader,
  columns,
  rows,
  showTotal = false,
  csvName,
  format = "number",
}: {
  id: string;
  caption: string;
  rowHeader: string;
  columns: string[];
  rows: TableRow[];
  showTotal?: boolean;
  csvName: string;
  format?: "number" | "percent";
}) {
  const t = useTranslations("dashboard");
  const f = useFormatter();
  const fmt = (v: number) => (format === "percent" ? f.number(v, { style: "percent", maximumFractionDigits: 1 }) : f.number(v));
  const header = [rowHeader, ...columns, ...(showTotal ? [t("total")] : [])];
  const csvRows: CsvCell[][] = rows.map((r) => [
    r.merged?.length ? `${r.label} (${r.merged.join("; ")})` : r.label,
    ...r.cells,
    ...(showTotal ? [r.total ?? null] : []),
  ]);
  return (
    <div className="flex flex-col gap-2">
      <TableScroll label={caption}>
        <table className="data" id={id} data-testid={`table-${id}`}>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              {header.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row" className="font-normal">
                  {r.label}
                  {r.merged && r.merged.length > 0 && <div className="hint">{t("mergedList", { names: r.merged.join(", ") })}</div>}
                </th>
                {r.cells.map((v, i) => (
                  <td key={i} className="tabular-nums">
                    {v === null ? <Hidden /> : fmt(v)}
                  </td>
                ))}
                {showTotal && <td className="tabular-nums font-semibold">{r.total === null || r.total === undefined ? <Hidden /> : fmt(r.total)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <CsvButton filename={t("csvFile", { name: csvName })} header={header} rows={csvRows} label={t("downloadCsv")} caption={caption} testId={`csv-${id}`} />
    </div>
  );
}

function Hidden() {
  const t = useTranslations("dashboard");
  return (
    <span title={t("hiddenValue")}>
      <span aria-hidden="true">—</span>
      <span className="sr-only">{t("hiddenValue")}</span>
    </span>
  );
}
