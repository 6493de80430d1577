import { getDb } from "~/server/db";
import { refuseBody } from "~/server/http/body-limit";
import { jwks } from "~/server/services/federation/keys";

export const dynamic = "force-dynamic";

/** Federation: this instance's public signing keys (RFC 7517 JWKS), also at /.well-known/jwks.json. */
export async function GET(req: Request) {
  return refuseBody(req) ?? Response.json(await jwks(await getDb()), { headers: { "cache-control": "no-store" } });
}
