import { getTranslations } from "next-intl/server";
import { DataTable, type TableRow } from "~/components/dashboard/data-table";


interface Named {
  category: string;
  ollas: number;
}
interface ZoneFollowUps {
  zoneId: string;
  zoneName: string;
  open: number;
  overdue: number;
}
/** A category's self-assessed state in her scope: ollas per level 0–3 (null: hidden). */
interface Assessed {
  category: string;
  cells: (number | null)[];
}

/**
 * Talleres on the coordinator's dashboard (issue 15), rendered on the server: beside each
 * category's self-assessed state (ollas at critical or precarious), how many ollas named it in
 * a workshop of her scope in the period; then open follow-ups per zone and how many are overdue.
 */
export async function WorkshopDashboard({ named, followUps, assessed }: { named: Named[]; followUps: ZoneFollowUps[]; assessed: Assessed[] }) {
  const t = await getTranslations("workshops.dashboard");
  const tn = await getTranslations("needs");
  const byCat = new Map(named.map((n) => [n.category, n.ollas]));
  const cats = [...assessed.map((a) => a.category), ...named.map((n) => n.category).filter((c) => !assessed.some((a) => a.category === c))];
  const poor = (a: Assessed | undefined) => (a ? (a.cells[0] === null || a.cells[1] === null ? null : a.cells[0]! + a.cells[1]!) : 0);
  const rows: TableRow[] = cats.map((c) => ({ key: c, label: tn(`category.${c}` as "category.water"), cells: [poor(assessed.find((a) => a.category === c)), byCat.get(c) ?? 0] }));
  const zoneRows: TableRow[] = followUps.map((z) => ({ key: z.zoneId, label: z.zoneName, cells: [z.open, z.overdue] }));
  return (
    <section className="card mt-4 flex flex-col gap-3" aria-labelledby="workshop-dash" data-testid="workshop-dashboard">
      <h2 id="workshop-dash" className="text-xl font-bold">
        {t("title")}
      </h2>
      <p className="hint">{t("lead")}</p>
      <DataTable id="workshop-named" caption={t("namedCaption")} rowHeader={t("category")} columns={[t("assessedPoor"), t("named")]} rows={rows} csvName="talleres-problemas" />
      {zoneRows.length === 0 ? (
        <p data-testid="workshop-no-follow-ups">{t("noFollowUps")}</p>
      ) : (
        <DataTable id="workshop-follow-ups" caption={t("followUps")} rowHeader={t("zone")} columns={[t("open"), t("overdue")]} rows={zoneRows} csvName="talleres-seguimientos" />
      )}
    </section>
  );
}
