import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { CsvButton } from "~/components/dashboard/csv-button";
import { coordinatorPageAccess, serverCaller } from "~/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("plans"))("demand.title") };
}

const SORTS = ["planning", "total", "module", "zone"] as const;
type Sort = (typeof SORTS)[number];

/**
 * Combined demand of the coordinator's scope: per module and zone, how many ollas plan it, how
 * many are saving or building, the total cost range and the ollas behind it — sortable (links,
 * so it works without JavaScript), with a bar chart beside its table and the table as CSV.
 */
export default async function PlanDemandPage({ searchParams }: { searchParams: Promise<{ orden?: string }> }) {
  await coordinatorPageAccess("/coordinacion/plan");
  const { orden } = await searchParams;
  const sort: Sort = (SORTS as readonly string[]).includes(orden ?? "") ? (orden as Sort) : "planning";
  const rows = await (await serverCaller()).plan.demand({});
  const t = await getTranslations("plans");
  const ta = await getTranslations("assessment");
  const locale = await getLocale();
  const name = (r: { nameEs: string; nameEn: string }) => (locale === "en" ? r.nameEn : r.nameEs);
  const soles = (c: number) => (c / 100).toLocaleString(locale === "en" ? "en-GB" : "es-PE", { maximumFractionDigits: 0 });
  const sorted = [...rows].sort((a, b) => {
    switch (sort) {
      case "total":
        return b.totalMaxCents - a.totalMaxCents || name(a).localeCompare(name(b));
      case "module":
        return name(a).localeCompare(name(b)) || a.zoneName.localeCompare(b.zoneName);
      case "zone":
        return a.zoneName.localeCompare(b.zoneName) || b.planning - a.planning;
      default:
        return b.planning - a.planning || name(a).localeCompare(name(b));
    }
  });
  const max = Math.max(1, ...sorted.map((r) => r.planning));
  const header = [t("fields.module"), t("fields.category"), t("demand.zone"), t("demand.planning"), t("demand.saving"), t("demand.inProgress"), t("demand.done"), "S/ min", "S/ max", t("demand.ollas")];
  const csvRows = sorted.map((r) => [name(r), ta(`category.${r.category}`), r.zoneName, r.planning, r.saving, r.inProgress, r.done, r.totalMinCents / 100, r.totalMaxCents / 100, r.ollas.map((o) => o.name).join("; ")]);
  const sortLink = (s: Sort, label: string) => (
    <Link prefetch={false} href={`/coordinacion/plan?orden=${s}`} aria-current={sort === s ? "true" : undefined} className="inline-flex min-h-tap items-center underline">
      {label}
    </Link>
  );
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("demand.title")}</h1>
      <p className="hint">{t("demand.lead")}</p>
      {sorted.length === 0 ? (
        <p className="card">{t("demand.none")}</p>
      ) : (
        <>
          <section aria-labelledby="demand-chart-h" className="card flex flex-col gap-2">
            <h2 id="demand-chart-h" className="text-lg font-bold">
              {t("demand.chart")}
            </h2>
            <ul className="flex flex-col gap-1" aria-hidden="true">
              {sorted.slice(0, 15).map((r) => (
                <li key={`${r.moduleId}-${r.zoneId}`} className="grid grid-cols-[minmax(0,10rem)_1fr_2.5rem] items-center gap-2 text-sm">
                  <span className="truncate">{name(r)}</span>
                  <span className="h-4 rounded bg-brand" style={{ width: `${(100 * r.planning) / max}%` }} />
                  <span className="text-right">{r.planning}</span>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="demand-table-h" className="card flex flex-col gap-2">
            <h2 id="demand-table-h" className="text-lg font-bold">
              {t("demand.title")}
            </h2>
            <p className="flex flex-wrap gap-x-3 text-sm">
              {t("demand.sortBy")}: {sortLink("planning", t("demand.planning"))} {sortLink("total", t("demand.total"))} {sortLink("module", t("fields.module"))} {sortLink("zone", t("demand.zone"))}
            </p>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="demand-table">
                <thead>
                  <tr>
                    <th scope="col">{t("fields.module")}</th>
                    <th scope="col">{t("demand.zone")}</th>
                    <th scope="col" className="text-right">
                      {t("demand.planning")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("demand.saving")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("demand.inProgress")}
                    </th>
                    <th scope="col" className="text-right">
                      {t("demand.done")}
                    </th>
                    <th scope="col">{t("demand.total")}</th>
                    <th scope="col">{t("demand.ollas")}</th>
                  </tr>
                </thead>
                <tbody>
                  {sorted.map((r) => (
                    <tr key={`${r.moduleId}-${r.zoneId}`} data-testid="demand-row">
                      <th scope="row" className="font-semibold">
                        {name(r)}
                        <span className="block font-normal">{ta(`category.${r.category}`)}</span>
                      </th>
                      <td>{r.zoneName}</td>
                      <td className="text-right">{r.planning}</td>
                      <td className="text-right">{r.saving}</td>
                      <td className="text-right">{r.inProgress}</td>
                      <td className="text-right">{r.done}</td>
                      <td>{t("range", { min: soles(r.totalMinCents), max: soles(r.totalMaxCents) })}</td>
                      <td>
                        <details>
                          <summary className="min-h-tap cursor-pointer">{r.ollas.length}</summary>
                          <ul>
                            {r.ollas.map((o) => (
                              <li key={o.id}>
                                <Link prefetch={false} href={`/coordinacion/ollas/${o.id}`}>
                                  {o.name}
                                </Link>{" "}
                                ({t(`status.${o.status}`)})
                              </li>
                            ))}
                          </ul>
                        </details>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <CsvButton filename="demanda-modulos.csv" header={header} rows={csvRows} label={t("demand.csv")} caption={t("demand.title")} testId="csv-demand" />
          </section>
        </>
      )}
    </div>
  );
}
