import { getDb } from "~/server/db";
import { needsCsvResponse, parseNeedsCsvQuery } from "~/server/http/needs-csv";

export const dynamic = "force-dynamic";

/** Open data: the open public needs of the ollas, as on /necesidades (same filters), as CSV. */
export async function GET(req: Request) {
  const url = new URL(req.url);
  const filter = parseNeedsCsvQuery(url);
  if (!filter) return new Response("invalid filter: district (UBIGEO), category, urgency\n", { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  return needsCsvResponse(await getDb(), filter, url.origin);
}
