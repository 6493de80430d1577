import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ONE_COLOR } from "~/components/dashboard/chart-colors";
import { StackedColumns } from "~/components/dashboard/charts";
import { DataTable } from "~/components/dashboard/data-table";
import { hoursText, soles } from "~/shared/labour";

interface MonthRow {
  month: string;
  ollas: number | null;
  hours: number | null;
  valueCents: number | null;
}
interface TrendMonth {
  month: string;
  ollas: number | null;
  renewedShare: number | null;
  overdueRoles?: number;
}
interface PublicLabour {
  months: MonthRow[];
  renewal: { ollas: number; renewedShare: number } | null;
  renewalTrend: TrendMonth[];
  maxMonths: number;
}
interface NetworkLabour {
  months: (MonthRow & { zones: { zoneId: string | null; ollas: number; hours: number | null; valueCents: number | null }[] })[];
  renewal: { zoneId: string; ollas: number; renewedShare: number | null; overdueRoles: number }[];
  renewalTrend: (TrendMonth & { overdueRoles: number })[];
  renewalTrendByZone: { zoneId: string; months: (TrendMonth & { overdueRoles: number })[] }[];
  maxMonths: number;
}

const pct = (share: number | null) => (share === null ? null : Math.round(share * 100));

/**
 * The members' unpaid work, network-wide, rendered on the server (no chart library in the
 * browser): hours per month (chart + table + CSV; months counting 1–2 ollas hidden) and their
 * value at the minimum wage; leadership renewal. Public: the city. Coordinator: her zones, one
 * row per zone (small zones merged), renewal per zone.
 */
export async function LabourDashboard(
  props: { mode: "public"; data: PublicLabour; zones: { id: string; name: string }[] } | { mode: "coordinator"; data: NetworkLabour; zones: { id: string; name: string }[] },
) {
  const t = await getTranslations("labour.dashboard");
  const f = await getFormatter();
  const locale = await getLocale();
  const { mode, data } = props;
  const zoneNames = new Map(props.zones.map((z) => [z.id, z.name]));
  const months = data.months;
  const monthLabel = (ym: string) => f.dateTime(new Date(`${ym}-15T12:00:00`), { month: "short", year: "2-digit" });
  const last = [...months].reverse().find((m) => m.hours !== null && m.hours > 0);
  const num = (n: number) => f.number(n, { maximumFractionDigits: 0 });
  return (
    <section className="card mt-4 flex flex-col gap-3" aria-labelledby={`labour-dash-${mode}`} data-testid="labour-dashboard">
      <h2 id={`labour-dash-${mode}`} className="text-xl font-bold">
        {t("title")}
      </h2>
      {last && (
        <p className="text-lg" data-testid="labour-headline">
          {t("headline", { month: f.dateTime(new Date(`${last.month}-15T12:00:00`), { month: "long" }), hours: hoursText(last.hours!, locale), value: soles(last.valueCents!, locale) })}
        </p>
      )}
      <p className="hint">{t("method")}</p>
      <StackedColumns
        rows={months.map((m) => ({ key: m.month, label: monthLabel(m.month), values: [m.hours === null ? null : Math.round(m.hours)] }))}
        series={[{ key: "hours", label: t("hours"), color: ONE_COLOR }]}
        label={t("chartLabel")}
        format={num}
      />
      <DataTable
        id={`labour-months-${mode}`}
        caption={t("tableCaption")}
        rowHeader={t("month")}
        columns={[t("ollas"), t("hours"), t("valueSoles")]}
        rows={months.map((m) => ({ key: m.month, label: m.month, cells: [m.ollas, m.hours === null ? null : Math.round(m.hours * 10) / 10, m.valueCents === null ? null : Math.round(m.valueCents / 100)] }))}
        csvName={`horas-${mode}.csv`}
      />
      {props.mode === "coordinator" && (
        <>
          <DataTable
            id="labour-zones"
            caption={t("zonesCaption")}
            rowHeader={t("zone")}
            columns={[t("ollas"), t("hours"), t("valueSoles")]}
            rows={(props.data.months.at(-1)?.zones ?? []).map((z) => ({
              key: z.zoneId ?? "others",
              label: z.zoneId ? (zoneNames.get(z.zoneId) ?? z.zoneId) : t("others"),
              cells: [z.ollas, z.hours === null ? null : Math.round(z.hours * 10) / 10, z.valueCents === null ? null : Math.round(z.valueCents / 100)],
            }))}
            csvName="horas-zonas.csv"
          />
          <DataTable
            id="labour-renewal"
            caption={t("renewalCaption", { max: props.data.maxMonths })}
            rowHeader={t("zone")}
            columns={[t("ollasWithRoles"), t("renewedShare"), t("overdueRoles")]}
            rows={props.data.renewal.map((r) => ({ key: r.zoneId, label: zoneNames.get(r.zoneId) ?? r.zoneId, cells: [r.ollas, r.renewedShare === null ? null : Math.round(r.renewedShare * 100), r.overdueRoles] }))}
            csvName="renovacion-zonas.csv"
          />
        </>
      )}
      <h3 className="text-lg font-bold">{t("trendTitle")}</h3>
      <StackedColumns
        rows={data.renewalTrend.map((m) => ({ key: m.month, label: monthLabel(m.month), values: [pct(m.renewedShare)] }))}
        series={[{ key: "renewed", label: t("renewedShare"), color: ONE_COLOR }]}
        label={t("trendChartLabel")}
        format={(n) => `${num(n)} %`}
      />
      <DataTable
        id={`labour-renewal-trend-${mode}`}
        caption={t("trendCaption", { max: data.maxMonths })}
        rowHeader={t("month")}
        columns={props.mode === "coordinator" ? [t("ollasWithRoles"), t("renewedShare"), t("overdueRoles")] : [t("ollasWithRoles"), t("renewedShare")]}
        rows={
          props.mode === "coordinator"
            ? props.data.renewalTrend.map((m) => ({ key: m.month, label: m.month, cells: [m.ollas, pct(m.renewedShare), m.overdueRoles] }))
            : props.data.renewalTrend.map((m) => ({ key: m.month, label: m.month, cells: [m.ollas, pct(m.renewedShare)] }))
        }
        csvName={`renovacion-meses-${mode}.csv`}
      />
      {props.mode === "coordinator" && props.data.renewalTrendByZone.length > 0 && (
        <DataTable
          id="labour-renewal-trend-zones"
          caption={t("trendZonesCaption", { max: props.data.maxMonths })}
          rowHeader={t("zone")}
          columns={[
            t("shareAt", { month: props.data.renewalTrend[0]!.month }),
            t("shareAt", { month: props.data.renewalTrend[Math.floor(props.data.renewalTrend.length / 2)]!.month }),
            t("shareAt", { month: props.data.renewalTrend.at(-1)!.month }),
            t("overdueAt", { month: props.data.renewalTrend[0]!.month }),
            t("overdueAt", { month: props.data.renewalTrend.at(-1)!.month }),
          ]}
          rows={props.data.renewalTrendByZone.map((z) => {
            const first = z.months[0]!;
            const mid = z.months[Math.floor(z.months.length / 2)]!;
            const lastM = z.months.at(-1)!;
            return { key: z.zoneId, label: zoneNames.get(z.zoneId) ?? z.zoneId, cells: [pct(first.renewedShare), pct(mid.renewedShare), pct(lastM.renewedShare), first.overdueRoles, lastM.overdueRoles] };
          })}
          csvName="renovacion-zonas-tendencia.csv"
        />
      )}
      {props.mode === "public" && props.data.renewal && (
        <p data-testid="labour-renewal">{t("renewalPublic", { share: f.number(props.data.renewal.renewedShare, { style: "percent", maximumFractionDigits: 0 }), ollas: props.data.renewal.ollas })}</p>
      )}
      {months.some((m) => m.hours === null) && <p className="hint">{t("suppressed")}</p>}
    </section>
  );
}
