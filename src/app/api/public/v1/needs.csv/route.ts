import { getDb } from "~/server/db";
import { needsCsvRequest } from "~/server/open-data/needs-csv";

export const dynamic = "force-dynamic";

/** Open data: the open public needs of the ollas, as on /necesidades (same filters), as CSV. */
export async function GET(req: Request) {
  return needsCsvRequest(await getDb(), new URL(req.url));
}
