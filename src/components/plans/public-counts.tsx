import { getTranslations } from "next-intl/server";
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
