import { getDb } from "~/server/db";
import { refuseBody } from "~/server/http/body-limit";
import { csvResponse } from "~/server/open-data/ollas";

export const dynamic = "force-dynamic";

/** Open data: the same rows as ollas.geojson, as CSV. */
export async function GET(req: Request) {
  return refuseBody(req) ?? csvResponse(req, await getDb(), new URL(req.url).origin);
}
