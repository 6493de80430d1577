import type { z } from "zod";
import { ZCoordinatorDashboardInput } from "~/validation/dashboard";
import { pickedCategory, type DashboardQuery } from "./dashboard-view";

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * A dashboard page's URL query (`?zone=&district=&months=&problem=&trend=`) as the procedure's
 * input and the view's state. A filter the procedure would refuse (a made-up district, a period
 * not offered) is dropped, so a bad link shows the whole city rather than an error page.
 */
export function dashboardQuery(path: string, sp: SearchParams, withZone: boolean): { input: z.output<typeof ZCoordinatorDashboardInput>; query: DashboardQuery } {
  const raw = { zoneId: withZone ? one(sp.zone) : undefined, districtUbigeo: one(sp.district), months: one(sp.months) ? Number(sp.months) : undefined };
  const keep = Object.fromEntries(Object.entries(raw).filter(([k, v]) => v !== undefined && ZCoordinatorDashboardInput.safeParse({ [k]: v }).success));
  const input = ZCoordinatorDashboardInput.parse(keep);
  const params: Record<string, string> = {};
  if (input.zoneId) params.zone = input.zoneId;
  if (input.districtUbigeo) params.district = input.districtUbigeo;
  if (keep.months !== undefined) params.months = String(input.months);
  return { input, query: { path, params, problem: pickedCategory(sp.problem), trend: pickedCategory(sp.trend) } };
}
