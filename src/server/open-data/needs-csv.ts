import type { Db } from "~/server/db/client";
import { publicNeedsCsvPage, type PublicNeedsCursor, type PublicNeedsFilter } from "~/server/db/queries/needs";
import { neutraliseCsvCell } from "~/server/domain/needs";
import { csvLine } from "./csv";
import { serveExport } from "./export-cache";
import { LIMA_TIME_ZONE } from "~/shared/lima-day";
import { ZNeedsCsvQuery } from "~/validation/needs";

/** Stable English column names: outside tools read this file, not people of one language. */
export const NEEDS_CSV_COLUMNS = [
  "need_id",
  "olla_id",
  "olla_name",
  "district_ubigeo",
  "district_name",
  "category",
  "urgency",
  "description",
  "quantity",
  "unit",
  "published_on",
  "olla_url",
] as const;

export function parseNeedsCsvQuery(url: URL): PublicNeedsFilter | null {
  const raw = Object.fromEntries([...url.searchParams.entries()].filter(([, v]) => v !== ""));
  const parsed = ZNeedsCsvQuery.safeParse(raw);
  if (!parsed.success) return null;
  return { districtUbigeo: parsed.data.district, category: parsed.data.category, urgency: parsed.data.urgency };
}

const text = (v: string | null) => (v === null ? "" : neutraliseCsvCell(v));
const PAGE = 2_000;

/**
 * The body of needs.csv, a page of 2,000 needs per piece (keyset on needs_public_feed_idx),
 * rows as text straight from PostgreSQL and lines by csvLine: 0.42–0.47 s for 32,000 public
 * needs at 10,000 ollas, where drizzle's row mapping plus csv-stringify and an unindexed cursor
 * took 3.9–4.4 s.
 */
export async function* needsCsvPieces(db: Db, filter: PublicNeedsFilter, origin: string, pageSize = PAGE): AsyncGenerator<string> {
  yield csvLine(NEEDS_CSV_COLUMNS);
  let after: PublicNeedsCursor | null = null;
  for (;;) {
    // published_on: the day in Lima, as the delegates lived it.
    const rows = await publicNeedsCsvPage(db, filter, after, pageSize, LIMA_TIME_ZONE);
    let out = "";
    for (const n of rows) {
      out += csvLine([
        n.id,
        n.olla_id,
        text(n.olla_name),
        n.district_ubigeo,
        text(n.district_name),
        n.category,
        n.urgency,
        text(n.description),
        n.quantity === null ? "" : Number(n.quantity),
        text(n.unit),
        n.published_on,
        `${origin}/ollas/${n.olla_id}`,
      ]);
    }
    if (out) yield out;
    if (rows.length < pageSize) return;
    const last = rows[rows.length - 1]!;
    after = { ts: last.cursor_ts, id: last.id };
  }
}

/**
 * Open public needs as CSV, through the export cache (ETag, per-address limit, bounded builds).
 * Text cells a spreadsheet would run as a formula get an apostrophe in front.
 */
export function needsCsvResponse(req: Request, db: Db, filter: PublicNeedsFilter, origin: string): Promise<Response> {
  return serveExport(req, db, {
    route: "needs.csv",
    variant: `${origin}|${filter.districtUbigeo ?? ""}|${filter.category ?? ""}|${filter.urgency ?? ""}`,
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="necesidades.csv"' },
    build: () => needsCsvPieces(db, filter, origin),
  });
}

/** GET /api/public/v1/needs.csv: a bad filter is a 400 in plain words, not an empty file. */
export async function needsCsvRequest(req: Request, db: Db): Promise<Response> {
  const url = new URL(req.url);
  const filter = parseNeedsCsvQuery(url);
  if (!filter) return new Response("invalid filter: district (UBIGEO), category, urgency\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  return needsCsvResponse(req, db, filter, url.origin);
}
