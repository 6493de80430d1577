import { getDb } from "~/server/db";
import { refuseBody } from "~/server/http/body-limit";
import { needsCsvRequest } from "~/server/open-data/needs-csv";

export const dynamic = "force-dynamic";

/** Open data: the open public needs of the ollas, as on /necesidades (same filters), as CSV. */
export async function GET(req: Request) {
  return refuseBody(req) ?? needsCsvRequest(req, await getDb());
}
