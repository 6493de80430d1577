import { getDb } from "~/server/db";
import { refuseBody } from "~/server/http/body-limit";
import { feedResponse } from "~/server/services/federation/publish";

export const dynamic = "force-dynamic";

/** Federation: one signed page of this instance's public changes after `since` (README "Federation"). */
export async function GET(req: Request) {
  return refuseBody(req) ?? feedResponse(req, await getDb());
}
