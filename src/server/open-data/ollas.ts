import { stringify } from "csv-stringify/sync";
import type { Db } from "~/server/db/client";
import { exportPage } from "~/server/db/queries/map";
import { CSV_COLUMNS, openDataCsvRecord, openDataFeature } from "~/server/domain/map";
import { pagedStream } from "./paged-stream";

const PAGE = 500;

const COMMON = {
  "cache-control": "public, max-age=300",
  // Open data for outside tools: any site may read it (no cookies are involved).
  "access-control-allow-origin": "*",
};

/** An RFC 7946 FeatureCollection of the active ollas: public fields and public points only, streamed. */
export function geojsonResponse(db: Db, origin: string, pageSize = PAGE): Response {
  const body = pagedStream({
    fetchPage: (after) => exportPage(db, after, pageSize),
    pageSize,
    head: '{"type":"FeatureCollection","features":[',
    encode: (row, i) => (i === 0 ? "" : ",") + JSON.stringify(openDataFeature(row, origin)),
    tail: "]}",
  });
  return new Response(body, {
    headers: { ...COMMON, "content-type": "application/geo+json; charset=utf-8", "content-disposition": 'inline; filename="ollas.geojson"' },
  });
}

/** The same rows as CSV (UTF-8, header row, formula-safe text cells), streamed. */
export function csvResponse(db: Db, origin: string, pageSize = PAGE): Response {
  const body = pagedStream({
    fetchPage: (after) => exportPage(db, after, pageSize),
    pageSize,
    head: stringify([[...CSV_COLUMNS]]),
    encode: (row) => stringify([openDataCsvRecord(row, origin)]),
    tail: "",
  });
  return new Response(body, {
    headers: { ...COMMON, "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="ollas.csv"' },
  });
}
