/** Open data: GET /api/public/v1/problems.json, the public dashboard's aggregates for outside tools. */
import type { z } from "zod";
import type { Db } from "~/server/db/client";
import { MIN_OLLAS, OTHERS_KEY } from "~/server/domain/suppression";
import { publicDashboard } from "~/server/services/dashboard/public";
import { publicLabour } from "~/server/services/labour";
import { LEVEL_KEYS } from "~/shared/assessment";
import { PEOPLE_COLUMNS } from "~/shared/dashboard";
import { NEED_URGENCIES } from "~/shared/needs";
import { ZPublicDashboardInput } from "~/validation/dashboard";

const byLevel = (cells: readonly (number | null)[], total: number | null) => ({
  ...Object.fromEntries(LEVEL_KEYS.map((l, i) => [l, cells[i] ?? null])),
  total,
});

/**
 * The public aggregates for outside tools: stable keys (no translated labels), the same
 * suppression as the public dashboard (null = hidden; small districts merged into "others").
 */
export async function openDataProblems(db: Db, input: z.output<typeof ZPublicDashboardInput>) {
  const [p, labour] = await Promise.all([publicDashboard(db, input), publicLabour(db, 12, input.districtUbigeo)]);
  const problems = Object.fromEntries(
    p.problems.map((c) => [
      c.category,
      {
        city: byLevel(c.city.cells, c.city.total),
        districts: c.areas.rows.filter((r) => r.key !== OTHERS_KEY).map((r) => ({ ubigeo: r.key, name: r.label, ...byLevel(r.cells, r.total) })),
        others: c.areas.rows
          .filter((r) => r.key === OTHERS_KEY)
          .map((r) => ({ districts: r.merged, ...byLevel(r.cells, r.total) }))[0] ?? null,
      },
    ]),
  );
  return {
    asOf: p.asOf,
    districtUbigeo: p.districtUbigeo,
    levels: LEVEL_KEYS,
    suppression: {
      minOllas: MIN_OLLAS,
      note: `A number counting fewer than ${MIN_OLLAS} ollas is null, and so is any number that would let someone work it out; districts with fewer than ${MIN_OLLAS} ollas are merged into 'others'.`,
    },
    problems,
    trends: {
      period: p.period,
      series: Object.fromEntries(p.trends.series.map((s) => [s.category, s.points.map((pt) => ({ month: pt.month.slice(0, 7), ...byLevel(pt.cells, pt.total) }))])),
    },
    openNeeds: p.needs.rows.map((r) => ({
      category: r.key === OTHERS_KEY ? "others" : r.key,
      merged: r.merged,
      ...Object.fromEntries(NEED_URGENCIES.map((u, i) => [u, r.cells[i] ?? null])),
      total: r.total,
    })),
    peopleReached: {
      city: Object.fromEntries(PEOPLE_COLUMNS.map((c, i) => [c, p.people.city.cells[i] ?? null])),
      districts: p.people.areas.rows.map((r) => ({
        ubigeo: r.key === OTHERS_KEY ? null : r.key,
        name: r.key === OTHERS_KEY ? "others" : r.label,
        merged: r.merged,
        ...Object.fromEntries(PEOPLE_COLUMNS.map((c, i) => [c, r.cells[i] ?? null])),
      })),
    },
    stockHealth: { lowStockDays: p.lowStockDays, staples: p.stock.city.map((s) => ({ code: s.code, ollasLow: s.low, ollasTracked: s.tracked })) },
    dependency: {
      windowDays: p.dependency.windowDays,
      measure: "kilogram-equivalent",
      threshold: p.threshold,
      largestInstitutionShare: p.dependency.totalKg > 0 ? p.dependency.topShare : null,
      largestInstitutionType: p.dependency.topSourceType,
      hhi: p.dependency.totalKg > 0 ? p.dependency.hhi : null,
      ollasMeasured: p.dependency.ollasMeasured,
      ollasPastThreshold: p.dependency.ollasWarned,
    },
    // Issue 16: the members' unpaid work and leadership renewal, anonymous (no olla, no name).
    labour: {
      method: "replacement cost at the legal minimum wage: hours × (monthly minimum wage in force that day ÷ 30 ÷ 8)",
      months: labour.months.map((m) => ({ month: m.month, ollas: m.ollas, hours: m.hours, valuePen: m.valueCents === null ? null : Math.round(m.valueCents) / 100 })),
      renewal: labour.renewal ? { ollasWithRoles: labour.renewal.ollas, shareWithNewPersonInRoleLast12Months: labour.renewal.renewedShare } : null,
      renewalByMonth: labour.renewalTrend.map((m) => ({ month: m.month, ollasWithRoles: m.ollas, shareWithNewPersonInRoleLast12Months: m.renewedShare })),
    },
  };
}

/**
 * The request: ?district=UBIGEO to narrow, ?months=6|12|24 for the trends. Small cells are
 * suppressed exactly as on /panel. Cached by browsers and proxies for 5 minutes.
 */
export async function problemsJsonResponse(db: Db, url: URL): Promise<Response> {
  const parsed = ZPublicDashboardInput.safeParse({
    districtUbigeo: url.searchParams.get("district") ?? undefined,
    months: url.searchParams.has("months") ? Number(url.searchParams.get("months")) : undefined,
  });
  if (!parsed.success) {
    return Response.json({ error: "invalid filter: district (6-digit UBIGEO), months (6, 12 or 24)" }, { status: 400, headers: { "cache-control": "no-store" } });
  }
  const body = await openDataProblems(db, parsed.data);
  return Response.json(body, {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
