"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "~/components/forms/errors";
import { DEFAULT_PERIOD_MONTHS, type PERIOD_MONTHS } from "~/shared/dashboard";
import { useTRPC } from "~/trpc/react";
import { DashboardView } from "./dashboard-view";
import { PeriodSelect } from "./public-dashboard";
import { SettingsForm } from "./settings-form";
import { FilterSelect } from "~/components/forms/filter-select";

/** The coordinator's dashboard: her zones (or the city), nothing hidden; network settings for the city. */
export function CoordinatorDashboard() {
  const t = useTranslations("dashboard");
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const zones = useQuery(trpc.reference.zones.queryOptions());
  const districts = useQuery(trpc.reference.districts.queryOptions());
  const [zoneId, setZoneId] = useState("");
  const [district, setDistrict] = useState("");
  const [months, setMonths] = useState<(typeof PERIOD_MONTHS)[number]>(DEFAULT_PERIOD_MONTHS);
  const q = useQuery({
    ...trpc.dashboard.coordinator.queryOptions({ zoneId: zoneId || undefined, districtUbigeo: district || undefined, months }),
    placeholderData: keepPreviousData,
  });
  const myZones = me.data?.city ? (zones.data ?? []) : (me.data?.zones ?? []);
  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold sm:text-3xl">{t("coordTitle")}</h1>
        {me.data && <p>{me.data.city ? t("coordLeadCity") : t("coordLeadZones", { zones: me.data.zones.map((z) => z.name).join(", ") })}</p>}
      </header>
      <form className="card grid grid-cols-1 gap-3 sm:grid-cols-3" aria-label={t("filters")} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect id="dash-zone" label={t("zone")} allLabel={t("allZones")} options={myZones.map((z) => ({ value: z.id, label: z.name }))} value={zoneId} onChange={setZoneId} />
        <FilterSelect id="dash-district" label={t("district")} allLabel={t("allDistricts")} options={(districts.data ?? []).map((d) => ({ value: d.ubigeo, label: d.name }))} value={district} onChange={setDistrict} />
        <PeriodSelect value={months} onChange={setMonths} />
      </form>
      {q.isError && <FormError error={q.error} />}
      {q.isPending ? (
        <p role="status">{t("loading")}</p>
      ) : q.data ? (
        <div aria-busy={q.isFetching} data-testid="coordinator-dashboard">
          <DashboardView data={q.data} mode="coordinator" />
        </div>
      ) : null}
      {me.data?.city && <SettingsForm />}
    </div>
  );
}
