/**
 * The plan reads of npm run bench (issue 14), against the same targets as the other aggregates
 * (p95 ≤ 150 ms, ≤ 1.5× the bare SQL): the city coordinator's combined demand of the whole city
 * (demandSql over ~50,000 plan items at 10,000 ollas) and a delegate's plan with the planner's
 * suggestion (plan.get).
 */
import { trpcGet } from "./lib/trpc-path";

/** A city coordinator of the scale dataset (scripts/bench/generate.ts). */
export const CITY_COORDINATOR = "ciudad1@escala.redollas.pe";

export const PLAN_READS = [
  {
    key: "plan-demand",
    label: "Combined demand of plans (city coordinator, whole city)",
    paths: () => [trpcGet("plan.demand", {})],
    auth: true,
    as: CITY_COORDINATOR,
    ratioTarget: 1.5,
    p95Target: 150,
  },
  {
    key: "planner",
    label: "Her plan with the planner's suggestion (delegate)",
    paths: ({ ollaId }: { ollaId: string }) => [trpcGet("plan.get", { ollaId })],
    auth: true,
    ratioTarget: 1.5,
    p95Target: 150,
  },
];
