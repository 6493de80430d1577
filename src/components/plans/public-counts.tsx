import { getTranslations } from "next-intl/server";
import { LEVEL_COLORS, ONE_COLOR } from "~/components/dashboard/chart-colors";
import { StackedBars } from "~/components/dashboard/charts";
import { CategoryIcon } from "~/components/ui/icons";
import { serverCaller } from "~/trpc/caller";

/** The public dashboard's city-wide module counts per category (planned / done), small cells hidden by the server. */
export async function PublicPlanCounts() {
  const c = await (await serverCaller()).plan.publicCounts();
  const t = await getTranslations("plans.counts");
  const ta = await getTranslations("assessment");
  const cell = (n: number | null) => (n === null ? "—" : n);
  return (
    <section aria-labelledby="plan-counts-h" className="card flex flex-col gap-2" data-testid="plan-counts">
      <h2 id="plan-counts-h">{t("title")}</h2>
      <p className="hint">{t("lead")}</p>
      {/* Two charts, not one stacked bar: an olla can plan one water module and have finished another. */}
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2" data-testid="plan-counts-charts">
        {(["planned", "done"] as const).map((k) => (
          <div key={k} className="min-w-0">
            <h3 className="font-semibold">{t(k)}</h3>
            <StackedBars
              // A hidden cell is left out of its chart (a bar would read as 0); the table shows it as "—".
              rows={c.categories.filter((r) => r[k] !== null).map((r) => ({ key: r.category, label: ta(`category.${r.category}`), values: [r[k]] }))}
              series={[{ key: k, label: t(k), color: k === "planned" ? ONE_COLOR : LEVEL_COLORS[3] }]}
              label={t(k)}
            />
          </div>
        ))}
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left">
          <thead>
            <tr>
              <th scope="col">{ta("title")}</th>
              <th scope="col" className="text-right">
                {t("planned")}
              </th>
              <th scope="col" className="text-right">
                {t("done")}
              </th>
            </tr>
          </thead>
          <tbody>
            {c.categories.map((r) => (
              <tr key={r.category}>
                <th scope="row" className="font-normal">
                  <span className="flex min-h-tap items-center gap-2">
                    <CategoryIcon category={r.category} />
                    {ta(`category.${r.category}`)}
                  </span>
                </th>
                <td className="text-right">{cell(r.planned)}</td>
                <td className="text-right">{cell(r.done)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.hiddenCells > 0 && <p className="hint">{t("hidden", { count: c.hiddenCells })}</p>}
    </section>
  );
}
