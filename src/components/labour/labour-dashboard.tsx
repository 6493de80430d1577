"use client";

import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { DataTable } from "~/components/dashboard/data-table";
import { ONE_COLOR } from "~/components/dashboard/chart-colors";
import { FormError } from "~/components/forms/errors";
import { hoursText, soles } from "~/shared/labour";
import { useTRPC } from "~/trpc/react";

const StackedBars = dynamic(() => import("~/components/dashboard/bar-chart").then((m) => m.StackedBars), { ssr: false });

/**
 * The olla's unpaid work, network-wide: hours and their value at the minimum wage per month
 * (chart + table + CSV; months counting 1–2 ollas hidden), and leadership renewal. Public: the
 * city. Coordinator: her zones, one row per zone (small zones merged), renewal per zone.
 */
export function LabourDashboard({ mode }: { mode: "public" | "coordinator" }) {
  const t = useTranslations("labour.dashboard");
  const f = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const pub = useQuery({ ...trpc.labour.public.queryOptions({ months: 12 }), enabled: mode === "public" });
  const net = useQuery({ ...trpc.labour.network.queryOptions({ months: 12 }), enabled: mode === "coordinator" });
  const zones = useQuery({ ...trpc.reference.zones.queryOptions(), enabled: mode === "coordinator" });
  const zoneNames: Record<string, string> = Object.fromEntries((zones.data ?? []).map((z) => [z.id, z.name]));
  const q = mode === "public" ? pub : net;
  if (q.isError) return <FormError error={q.error} />;
  if (!q.data) return <p role="status">{t("loading")}</p>;
  const months = q.data.months;
  const monthLabel = (ym: string) => f.dateTime(new Date(`${ym}-15T12:00:00`), { month: "short", year: "2-digit" });
  const last = [...months].reverse().find((m) => m.hours !== null && m.hours > 0);
  const chart = months.map((m) => ({ name: monthLabel(m.month), hours: m.hours === null ? null : Math.round(m.hours) }));
  const renewal = mode === "public" ? pub.data?.renewal : null;
  return (
    <section className="card mt-4 flex flex-col gap-3" aria-labelledby="labour-dash-title" data-testid="labour-dashboard">
      <h2 id="labour-dash-title" className="text-xl font-bold">
        {t("title")}
      </h2>
      {last && (
        <p className="text-lg" data-testid="labour-headline">
          {t("headline", { month: f.dateTime(new Date(`${last.month}-15T12:00:00`), { month: "long" }), hours: hoursText(last.hours!, locale), value: soles(last.valueCents!, locale) })}
        </p>
      )}
      <p className="hint">{t("method")}</p>
      <StackedBars data={chart} categoryKey="name" series={[{ key: "hours", label: t("hours"), color: ONE_COLOR }]} label={t("chartLabel")} />
      <DataTable
        id={`labour-months-${mode}`}
        caption={t("tableCaption")}
        rowHeader={t("month")}
        columns={[t("ollas"), t("hours"), t("valueSoles")]}
        rows={months.map((m) => ({ key: m.month, label: m.month, cells: [m.ollas, m.hours === null ? null : Math.round(m.hours * 10) / 10, m.valueCents === null ? null : Math.round(m.valueCents / 100)] }))}
        csvName={`horas-${mode}.csv`}
      />
      {mode === "coordinator" && net.data && (
        <>
          <DataTable
            id="labour-zones"
            caption={t("zonesCaption")}
            rowHeader={t("zone")}
            columns={[t("ollas"), t("hours"), t("valueSoles")]}
            rows={(net.data.months.at(-1)?.zones ?? []).map((z) => ({
              key: z.zoneId ?? "others",
              label: z.zoneId ? (zoneNames[z.zoneId] ?? z.zoneId) : t("others"),
              cells: [z.ollas, z.hours === null ? null : Math.round(z.hours * 10) / 10, z.valueCents === null ? null : Math.round(z.valueCents / 100)],
            }))}
            csvName="horas-zonas.csv"
          />
          <DataTable
            id="labour-renewal"
            caption={t("renewalCaption", { max: net.data.maxMonths })}
            rowHeader={t("zone")}
            columns={[t("ollasWithRoles"), t("renewedShare"), t("overdueRoles")]}
            rows={net.data.renewal.map((r) => ({ key: r.zoneId, label: zoneNames[r.zoneId] ?? r.zoneId, cells: [r.ollas, r.renewedShare === null ? null : Math.round(r.renewedShare * 100), r.overdueRoles] }))}
            csvName="renovacion-zonas.csv"
          />
        </>
      )}
      {renewal && <p data-testid="labour-renewal">{t("renewalPublic", { share: f.number(renewal.renewedShare, { style: "percent", maximumFractionDigits: 0 }), ollas: renewal.ollas })}</p>}
      {q.data.months.some((m) => m.hours === null) && <p className="hint">{t("suppressed")}</p>}
    </section>
  );
}
