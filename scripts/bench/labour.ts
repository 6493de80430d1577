/**
 * The labour and renewal aggregates in `npm run bench` (issue 16), against the same targets as
 * the other aggregates (p95 ≤ 150 ms, ≤ 1.5× the bare SQL):
 *  - the public labour summary: hours and value per month over the city (areaLabourSql), the
 *    renewal share (publicRenewalNowSql) and the renewal trend month by month (publicRenewalTrendSql);
 *  - the delegate's labour: her olla's hours and value per month (ollaLabourMonthsSql);
 *  - the city coordinator's labour.network over the whole city: hours and value per zone and
 *    month (areaLabourSql), renewal today per zone (areaRenewalSql) and the renewal trend per zone
 *    and month with overdue roles (areaRenewalTrendSql), from the roll-ups of drizzle/0034-0037.
 */
import { CITY_COORDINATOR } from "./plans";
import { trpcGet } from "./lib/trpc-path";


export const LABOUR_READS = [
  { key: "labour-public", label: "Public labour and renewal aggregates (city, 12 months)", paths: () => [trpcGet("labour.public", { months: 12 })], auth: false, ratioTarget: 1.5, p95Target: 150 },
  {
    key: "labour-network",
    label: "Coordinator's labour and renewal per zone (city coordinator, 12 months)",
    paths: () => [trpcGet("labour.network", { months: 12 })],
    auth: true,
    as: CITY_COORDINATOR,
    ratioTarget: 1.5,
    p95Target: 150,
  },
  { key: "labour-olla", label: "Delegate's labour: her olla's hours and value per month", paths: ({ ollaId }: { ollaId: string }) => [trpcGet("labour.olla", { ollaId })], auth: true, ratioTarget: 1.5, p95Target: 150 },
];
