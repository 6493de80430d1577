import { getDb } from "~/server/db";
import { csvResponse } from "~/server/http/open-data";

export const dynamic = "force-dynamic";

/** Open data: the same rows as ollas.geojson, as CSV. */
export async function GET(req: Request) {
  return csvResponse(await getDb(), new URL(req.url).origin);
}
