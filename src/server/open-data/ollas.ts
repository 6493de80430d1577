import type { Db } from "~/server/db/client";
import { exportPage } from "~/server/db/queries/map";
import { CSV_COLUMNS, openDataCsvRecord, openDataFeature } from "~/server/domain/map";
import { csvLine } from "./csv";
import { serveExport } from "./export-cache";

const PAGE = 500;

/** The active ollas' export rows, a page (keyset on id) encoded per piece. */
async function* pieces(db: Db, pageSize: number, head: string, encode: (row: Awaited<ReturnType<typeof exportPage>>[number], i: number) => string, tail: string): AsyncGenerator<string> {
  if (head) yield head;
  let after: string | null = null;
  let n = 0;
  for (;;) {
    const rows = await exportPage(db, after, pageSize);
    if (rows.length > 0) yield rows.map((r) => encode(r, n++)).join("");
    if (rows.length < pageSize) break;
    after = rows[rows.length - 1]!.id;
  }
  if (tail) yield tail;
}

/** An RFC 7946 FeatureCollection of the active ollas: public fields and public points only. */
export function geojsonPieces(db: Db, origin: string, pageSize = PAGE): AsyncGenerator<string> {
  return pieces(db, pageSize, '{"type":"FeatureCollection","features":[', (row, i) => (i === 0 ? "" : ",") + JSON.stringify(openDataFeature(row, origin)), "]}");
}

/** The same rows as CSV (UTF-8, header row, formula-safe text cells). */
export function csvPieces(db: Db, origin: string, pageSize = PAGE): AsyncGenerator<string> {
  return pieces(db, pageSize, csvLine(CSV_COLUMNS), (row) => csvLine(openDataCsvRecord(row, origin)), "");
}

export function geojsonResponse(req: Request, db: Db, origin: string, pageSize = PAGE): Promise<Response> {
  return serveExport(req, db, {
    route: "ollas.geojson",
    variant: origin,
    headers: { "content-type": "application/geo+json; charset=utf-8", "content-disposition": 'inline; filename="ollas.geojson"' },
    build: () => geojsonPieces(db, origin, pageSize),
  });
}

export function csvResponse(req: Request, db: Db, origin: string, pageSize = PAGE): Promise<Response> {
  return serveExport(req, db, {
    route: "ollas.csv",
    variant: origin,
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="ollas.csv"' },
    build: () => csvPieces(db, origin, pageSize),
  });
}
