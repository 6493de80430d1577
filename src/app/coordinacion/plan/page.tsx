import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ONE_COLOR, type Series } from "~/components/dashboard/chart-colors";
import { StackedBars } from "~/components/dashboard/charts";
import { CsvButton } from "~/components/dashboard/csv-button";
import { ButtonLink } from "~/components/ui/button";
import { PROBLEM_CATEGORIES, type ProblemCategory } from "~/shared/assessment";
import { coordinatorPageAccess, serverCaller } from "~/trpc/server";
import { UUID } from "~/shared/uuid";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("plans"))("demand.title") };
}

/** Columns the table sorts by: numbers largest first, names from A. */
const SORTS = ["module", "zone", "planning", "saving", "inProgress", "done", "total"] as const;
type Sort = (typeof SORTS)[number];
const PATH = "/coordinacion/plan";
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/**
 * Combined demand of the coordinator's scope: per module and zone, how many ollas plan it, how
 * many are saving or building, the total cost range — filtered by zone (of her scope) and
 * problem, sortable by every column (links: it works without JavaScript), its chart beside its
 * table, the table as CSV (the filtered, sorted rows), and the ollas behind a row a tap away.
 */
export default async function PlanDemandPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const me = await coordinatorPageAccess(PATH);
  const sp = await searchParams;
  const caller = await serverCaller();
  const zones: { id: string; name: string }[] = me.city ? await caller.reference.zones() : me.zones;
  const orden = one(sp.orden);
  const sort: Sort = (SORTS as readonly string[]).includes(orden) ? (orden as Sort) : "planning";
  // A zone outside her scope (or not a zone) is dropped: her whole scope shows.
  const zoneId = zones.some((z) => z.id === one(sp.zona)) ? one(sp.zona) : undefined;
  const category = (PROBLEM_CATEGORIES as readonly string[]).includes(one(sp.problema)) ? (one(sp.problema) as ProblemCategory) : undefined;
  const moduleId = UUID.test(one(sp.modulo)) ? one(sp.modulo) : undefined;
  const ollasZone = zones.some((z) => z.id === one(sp.de)) ? one(sp.de) : undefined;
  const [rows, behind] = await Promise.all([
    caller.plan.demand({ zoneId, category }),
    moduleId ? caller.plan.demandOllas({ moduleId, zoneId: ollasZone }) : Promise.resolve(null),
  ]);
  const t = await getTranslations("plans");
  const ta = await getTranslations("assessment");
  const locale = await getLocale();
  const name = (r: { nameEs: string; nameEn: string }) => (locale === "en" ? r.nameEn : r.nameEs);
  const soles = (c: number) => (c / 100).toLocaleString(locale === "en" ? "en-GB" : "es-PE", { maximumFractionDigits: 0 });
  const num = (n: number) => n.toLocaleString(locale === "en" ? "en-GB" : "es-PE");
  const sorted = [...rows].sort((a, b) => {
    const byName = name(a).localeCompare(name(b)) || a.zoneName.localeCompare(b.zoneName);
    switch (sort) {
      case "module":
        return byName;
      case "zone":
        return a.zoneName.localeCompare(b.zoneName) || b.planning - a.planning || byName;
      case "total":
        return b.totalMaxCents - a.totalMaxCents || byName;
      default:
        return b[sort] - a[sort] || byName;
    }
  });

  const query = (over: Record<string, string | undefined>) => {
    const q = new URLSearchParams();
    const all = { zona: zoneId, problema: category, orden: sort === "planning" ? undefined : sort, ...over };
    for (const [k, v] of Object.entries(all)) if (v) q.set(k, v);
    const s = q.toString();
    return s ? `${PATH}?${s}` : PATH;
  };
  const label: Record<Sort, string> = {
    module: t("fields.module"),
    zone: t("demand.zone"),
    planning: t("demand.planning"),
    saving: t("demand.saving"),
    inProgress: t("demand.inProgress"),
    done: t("demand.done"),
    total: t("demand.total"),
  };
  const numeric = (s: Sort) => s !== "module" && s !== "zone" && s !== "total";
  const Th = ({ s }: { s: Sort }) => (
    <th scope="col" aria-sort={sort === s ? (s === "module" || s === "zone" ? "ascending" : "descending") : undefined} className={numeric(s) ? "text-right" : undefined}>
      <Link prefetch={false} href={query({ orden: s })} className="inline-flex min-h-tap min-w-tap items-center underline" data-testid={`sort-${s}`}>
        {label[s]}
        {sort === s && <span aria-hidden="true">{s === "module" || s === "zone" ? " ↑" : " ↓"}</span>}
      </Link>
    </th>
  );

  const header = [t("fields.module"), t("fields.category"), t("demand.zone"), t("demand.planning"), t("demand.saving"), t("demand.inProgress"), t("demand.done"), "S/ min", "S/ max"];
  const csvRows = sorted.map((r) => [name(r), ta(`category.${r.category}`), r.zoneName, r.planning, r.saving, r.inProgress, r.done, r.totalMinCents / 100, r.totalMaxCents / 100]);
  const series: Series[] = [
    { key: "planned", label: t("demand.onlyPlanned"), color: "#57534e" },
    { key: "saving", label: t("demand.saving"), color: "#0e6e8c" },
    { key: "inProgress", label: t("demand.inProgress"), color: ONE_COLOR },
  ];
  const CHART_ROWS = 15;
  const chartRows = sorted.slice(0, CHART_ROWS).map((r) => ({
    key: `${r.moduleId}-${r.zoneId}`,
    label: zoneId || zones.length === 1 ? name(r) : `${name(r)} · ${r.zoneName}`,
    values: [r.planning - r.saving - r.inProgress, r.saving, r.inProgress],
  }));
  const picked = moduleId ? rows.find((r) => r.moduleId === moduleId && (!ollasZone || r.zoneId === ollasZone)) : undefined;

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("demand.title")}</h1>
      <p className="hint">{t("demand.lead")}</p>
      {me.city && (
        <ButtonLink href={`${PATH}/modulos`} variant="secondary" className="self-start">
          {t("catalogue.demandLink")}
        </ButtonLink>
      )}

      <form method="get" action={PATH} className="card flex flex-wrap items-end gap-3" data-testid="demand-filter">
        {zones.length > 1 && (
          <div className="field">
            <label htmlFor="demand-zone">{t("demand.zone")}</label>
            <select id="demand-zone" name="zona" className="input" defaultValue={zoneId ?? ""}>
              <option value="">{t("demand.allZones")}</option>
              {zones.map((z) => (
                <option key={z.id} value={z.id}>
                  {z.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="demand-category">{t("fields.category")}</label>
          <select id="demand-category" name="problema" className="input" defaultValue={category ?? ""}>
            <option value="">{t("demand.allCategories")}</option>
            {PROBLEM_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {ta(`category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        {sort !== "planning" && <input type="hidden" name="orden" value={sort} />}
        <button type="submit" className="btn btn-secondary">
          {t("demand.filter")}
        </button>
      </form>

      {behind && (
        <section aria-labelledby="ollas-h" className="card flex flex-col gap-2" data-testid="demand-ollas">
          <h2 id="ollas-h" className="text-lg font-bold">
            {picked ? t("demand.behind", { module: name(picked), zone: ollasZone ? picked.zoneName : t("demand.allZones") }) : t("demand.ollas")}
          </h2>
          {behind.length === 0 ? (
            <p>{t("demand.none")}</p>
          ) : (
            <>
              <ul className="flex flex-col">
                {behind.map((o) => (
                  <li key={o.id} className="flex min-h-tap flex-wrap items-center gap-x-2">
                    <Link prefetch={false} href={`/coordinacion/ollas/${o.id}`} className="underline">
                      {o.name}
                    </Link>
                    <span className="text-sm">
                      {o.zoneName} · {t(`status.${o.status}`)}
                    </span>
                  </li>
                ))}
              </ul>
              <CsvButton
                filename="ollas-modulo.csv"
                header={[t("demand.ollas"), t("demand.zone"), t("fields.status")]}
                rows={behind.map((o) => [o.name, o.zoneName, t(`status.${o.status}`)])}
                label={t("demand.csv")}
                caption={t("demand.ollas")}
                testId="csv-demand-ollas"
              />
            </>
          )}
          <Link prefetch={false} href={query({})} className="inline-flex min-h-tap items-center self-start underline">
            {t("demand.closeOllas")}
          </Link>
        </section>
      )}

      {sorted.length === 0 ? (
        <p className="card">{t("demand.none")}</p>
      ) : (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          <section aria-labelledby="demand-chart-h" className="card flex min-w-0 flex-col gap-2">
            <h2 id="demand-chart-h" className="text-lg font-bold">
              {t("demand.chart")}
            </h2>
            {sorted.length > CHART_ROWS && <p className="hint">{t("demand.chartTop", { n: CHART_ROWS })}</p>}
            <StackedBars rows={chartRows} series={series} label={t("demand.chart")} format={num} />
          </section>
          <section aria-labelledby="demand-table-h" className="card flex min-w-0 flex-col gap-2">
            <h2 id="demand-table-h" className="text-lg font-bold">
              {t("demand.tableTitle")}
            </h2>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="demand-table">
                <thead>
                  <tr>
                    <Th s="module" />
                    <Th s="zone" />
                    <Th s="planning" />
                    <Th s="saving" />
                    <Th s="inProgress" />
                    <Th s="done" />
                    <Th s="total" />
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
                      <td className="text-right">{num(r.planning)}</td>
                      <td className="text-right">{num(r.saving)}</td>
                      <td className="text-right">{num(r.inProgress)}</td>
                      <td className="text-right">{num(r.done)}</td>
                      <td>{t("range", { min: soles(r.totalMinCents), max: soles(r.totalMaxCents) })}</td>
                      <td>
                        <Link
                          prefetch={false}
                          href={`${query({ modulo: r.moduleId, de: r.zoneId })}#ollas-h`}
                          className="inline-flex min-h-tap min-w-tap items-center justify-center underline"
                          aria-label={t("demand.ollasLabel", { n: r.planning + r.done, module: name(r), zone: r.zoneName })}
                        >
                          {num(r.planning + r.done)}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <CsvButton filename="demanda-modulos.csv" header={header} rows={csvRows} label={t("demand.csv")} caption={t("demand.tableTitle")} testId="csv-demand" />
          </section>
        </div>
      )}
    </div>
  );
}
