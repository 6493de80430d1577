import { getDb } from "~/server/db";
import { refuseBody } from "~/server/http/body-limit";
import { jwks, rotations } from "~/server/services/federation/keys";

export const dynamic = "force-dynamic";

/** Federation: the JWKS plus the rotation announcements (each signed by the key it replaces). */
export async function GET(req: Request) {
  const refused = refuseBody(req);
  if (refused) return refused;
  const db = await getDb();
  return Response.json({ ...(await jwks(db)), rotations: await rotations(db) }, { headers: { "cache-control": "no-store" } });
}
