"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "~/components/forms/errors";
import { DEFAULT_PERIOD_MONTHS, PERIOD_MONTHS } from "~/shared/dashboard";
import { useTRPC } from "~/trpc/react";
import { DashboardView } from "./dashboard-view";
import { FilterSelect } from "~/components/forms/filter-select";

/** The public dashboard: the whole city or one district, anonymised by the server. */
export function PublicDashboard() {
  const t = useTranslations("dashboard");
  const trpc = useTRPC();
  const [district, setDistrict] = useState("");
  const [months, setMonths] = useState<(typeof PERIOD_MONTHS)[number]>(DEFAULT_PERIOD_MONTHS);
  const districts = useQuery(trpc.reference.districts.queryOptions());
  const q = useQuery({ ...trpc.dashboard.public.queryOptions({ districtUbigeo: district || undefined, months }), placeholderData: keepPreviousData });
  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold sm:text-3xl">{t("publicTitle")}</h1>
        <p className="text-lg">{t("publicLead")}</p>
      </header>
      <form className="card grid grid-cols-1 gap-3 sm:grid-cols-2" aria-label={t("filters")} onSubmit={(e) => e.preventDefault()}>
        <FilterSelect id="dash-district" label={t("district")} allLabel={t("allDistricts")} options={(districts.data ?? []).map((d) => ({ value: d.ubigeo, label: d.name }))} value={district} onChange={setDistrict} />
        <PeriodSelect value={months} onChange={setMonths} />
      </form>
      {q.isError && <FormError error={q.error} />}
      {q.isPending ? (
        <p role="status">{t("loading")}</p>
      ) : q.data ? (
        <div aria-busy={q.isFetching} data-testid="public-dashboard">
          <DashboardView data={q.data} mode="public" />
        </div>
      ) : null}
    </div>
  );
}

export function PeriodSelect({ value, onChange }: { value: number; onChange: (m: (typeof PERIOD_MONTHS)[number]) => void }) {
  const t = useTranslations("dashboard");
  return (
    <div className="field">
      <label htmlFor="dash-months">{t("period")}</label>
      <select id="dash-months" className="input" value={value} onChange={(e) => onChange(Number(e.target.value) as (typeof PERIOD_MONTHS)[number])}>
        {PERIOD_MONTHS.map((m) => (
          <option key={m} value={m}>
            {t("periodMonths", { months: m })}
          </option>
        ))}
      </select>
    </div>
  );
}
