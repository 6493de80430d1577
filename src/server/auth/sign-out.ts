import { getDb } from "~/server/db";
import { revokeSession } from "~/server/db/queries/sessions";
import { sessionIdFromHeaders } from "./token";

/** Revokes the server-side session the request's cookie names, if any: a copy of the cookie is refused from then on. */
export async function revokeRequestSession(h: Headers): Promise<void> {
  const sid = await sessionIdFromHeaders(h);
  if (sid) await revokeSession(await getDb(), sid);
}
