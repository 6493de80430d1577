import { stringify } from "csv-stringify/sync";
import type { DbOrTx } from "~/server/db/client";
import { iteratePublicNeeds, type PublicNeedsFilter } from "~/server/db/queries/needs";
import { neutraliseCsvCell } from "~/server/domain/needs";
import { limaToday } from "~/shared/lima-day";
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

/**
 * Open public needs as CSV, streamed batch by batch from a keyset cursor. Text cells a
 * spreadsheet would run as a formula get an apostrophe in front.
 */
export function needsCsvResponse(db: DbOrTx, filter: PublicNeedsFilter, origin: string): Response {
  const enc = new TextEncoder();
  const rows = iteratePublicNeeds(db, filter, 500)[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(enc.encode(stringify([[...NEEDS_CSV_COLUMNS]])));
      },
      async pull(controller) {
        const batch: unknown[][] = [];
        for (let i = 0; i < 200; i++) {
          const next = await rows.next();
          if (next.done) break;
          const n = next.value;
          batch.push([
            n.id,
            n.ollaId,
            text(n.ollaName),
            n.districtUbigeo,
            text(n.districtName),
            n.category,
            n.urgency,
            text(n.description),
            n.quantity ?? "",
            text(n.unit),
            limaToday(n.createdAt), // the day in Lima, as the delegates lived it
            `${origin}/ollas/${n.ollaId}`,
          ]);
        }
        if (batch.length > 0) controller.enqueue(enc.encode(stringify(batch)));
        if (batch.length < 200) controller.close();
      },
      async cancel() {
        await rows.return?.(undefined);
      },
    },
    { highWaterMark: 1 },
  );
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="necesidades.csv"',
      "cache-control": "public, max-age=300",
      "access-control-allow-origin": "*",
    },
  });
}

/** GET /api/public/v1/needs.csv: a bad filter is a 400 in plain words, not an empty file. */
export function needsCsvRequest(db: DbOrTx, url: URL): Response {
  const filter = parseNeedsCsvQuery(url);
  if (!filter) return new Response("invalid filter: district (UBIGEO), category, urgency\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  return needsCsvResponse(db, filter, url.origin);
}
