import { getDb } from "~/server/db";
import { problemsJsonResponse } from "~/server/open-data/problems";

export const dynamic = "force-dynamic";

/** Open data: the public dashboard's city-wide and per-district aggregates as JSON (src/server/open-data/problems.ts). */
export async function GET(req: Request) {
  return problemsJsonResponse(await getDb(), new URL(req.url));
}
