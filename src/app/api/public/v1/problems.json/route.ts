import { getDb } from "~/server/db";
import { ZPublicDashboardInput } from "~/validation/dashboard";
import { openDataProblems } from "~/server/services/dashboard";

export const dynamic = "force-dynamic";

/**
 * Open data: the public dashboard's city-wide and per-district aggregates as JSON
 * (?district=UBIGEO to narrow, ?months=6|12|24 for the trends). Small cells are
 * suppressed exactly as on /panel. Cached by browsers and proxies for 5 minutes.
 */
export async function GET(req: Request) {
  const url = new URL(req.url);
  const parsed = ZPublicDashboardInput.safeParse({
    districtUbigeo: url.searchParams.get("district") ?? undefined,
    months: url.searchParams.has("months") ? Number(url.searchParams.get("months")) : undefined,
  });
  if (!parsed.success) {
    return Response.json({ error: "invalid filter: district (6-digit UBIGEO), months (6, 12 or 24)" }, { status: 400, headers: { "cache-control": "no-store" } });
  }
  const body = await openDataProblems(await getDb(), parsed.data);
  return Response.json(body, {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
