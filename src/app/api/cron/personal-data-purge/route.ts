import { timingSafeEqual } from "node:crypto";
import { env } from "~/env";
import { getDbHandle } from "~/server/db";
import { purgePersonalData } from "~/server/services/personal-data";

export const dynamic = "force-dynamic";

const NO_STORE = { "cache-control": "no-store" };

function authorized(header: string | null): boolean {
  const secret = env.CRON_SECRET;
  if (!secret || !header) return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(`Bearer ${secret}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Ley 29733 retention: erases the personal data of people who left longer ago than the
 * network's retention period. For an outside scheduler (`Authorization: Bearer $CRON_SECRET`);
 * the app servers also run it hourly themselves. Without CRON_SECRET the route is off (404).
 */
export async function POST(req: Request) {
  if (!env.CRON_SECRET) return Response.json({ error: "not found" }, { status: 404, headers: NO_STORE });
  if (!authorized(req.headers.get("authorization"))) return Response.json({ error: "unauthorized" }, { status: 401, headers: NO_STORE });
  const { db } = await getDbHandle();
  const result = await purgePersonalData(db);
  console.info(JSON.stringify({ event: "personal-data-purge", via: "cron", ...result }));
  return Response.json(result, { headers: NO_STORE });
}
