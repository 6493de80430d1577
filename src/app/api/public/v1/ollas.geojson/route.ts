import { getDb } from "~/server/db";
import { refuseBody } from "~/server/http/body-limit";
import { geojsonResponse } from "~/server/open-data/ollas";

export const dynamic = "force-dynamic";

/** Open data: the active ollas as an RFC 7946 FeatureCollection (public fields, public points). */
export async function GET(req: Request) {
  return refuseBody(req) ?? geojsonResponse(req, await getDb(), new URL(req.url).origin);
}
