import { getFormatter, getTranslations } from "next-intl/server";
import { DataTable, type TableRow } from "~/components/dashboard/data-table";
import type { PERIOD_MONTHS } from "~/shared/dashboard";
import { serverCaller } from "~/trpc/caller";

/**
 * Talleres on the public /panel (issue 15), rendered on the server: per category, how many ollas
 * named it in a workshop of the period, beside the ollas that assess themselves critical or
 * precarious there (the dashboard's own suppressed cells, city-wide only: workshops are per zone,
 * not per district); then the city's open follow-ups and how many are overdue. Every figure is an
 * aggregate the server already hid when it rests on 1 or 2 ollas ("—"); no names, no olla.
 */
export async function PublicWorkshopCounts({ months, assessed }: { months: number; assessed: { category: string; cells: (number | null)[] }[] | null }) {
  const c = await (await serverCaller()).workshop.publicCounts({ months: months as (typeof PERIOD_MONTHS)[number] });
  const t = await getTranslations("workshops.dashboard");
  const tn = await getTranslations("needs");
  const f = await getFormatter();
  const day = (iso: string) => f.dateTime(new Date(`${iso}T12:00:00`), { dateStyle: "medium" });
  // Both levels shown: their sum says no more than they do. Either hidden: the sum is hidden too.
  const poor = (category: string) => {
    const a = assessed?.find((x) => x.category === category);
    if (!a) return 0;
    return a.cells[0] === null || a.cells[1] === null ? null : (a.cells[0] ?? 0) + (a.cells[1] ?? 0);
  };
  const named = c.categories.filter((r) => r.named !== 0 || (assessed && poor(r.category) !== 0));
  const rows: TableRow[] = named.map((r) => ({ key: r.category, label: tn(`category.${r.category}` as "category.water"), cells: assessed ? [poor(r.category), r.named] : [r.named] }));
  const hidden = c.hiddenCells + (assessed ? rows.filter((r) => r.cells[0] === null).length : 0);
  return (
    <section aria-labelledby="public-workshops-h" className="card flex flex-col gap-3" data-testid="public-workshops">
      <h2 id="public-workshops-h">{t("title")}</h2>
      <p className="hint">{t("publicLead", { from: day(c.from), to: day(c.to) })}</p>
      {rows.length === 0 ? (
        <p data-testid="public-workshops-none">{t("noneNamed")}</p>
      ) : (
        <DataTable
          id="public-workshop-named"
          caption={t("namedCaption")}
          rowHeader={t("category")}
          columns={assessed ? [t("assessedPoor"), t("named")] : [t("named")]}
          rows={rows}
          csvName="talleres-problemas"
        />
      )}
      <DataTable id="public-workshop-follow-ups" caption={t("publicFollowUps")} rowHeader={t("zone")} columns={[t("open"), t("overdue")]} rows={[{ key: "city", label: t("city"), cells: [c.open, c.overdue] }]} csvName="talleres-seguimientos" />
      {hidden > 0 && <p className="hint">{t("hidden", { count: hidden })}</p>}
    </section>
  );
}
