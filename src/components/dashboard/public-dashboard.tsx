import { useTranslations } from "next-intl";
import { FilterSelect } from "~/components/forms/filter-select";
import { DEFAULT_PERIOD_MONTHS, PERIOD_MONTHS } from "~/shared/dashboard";
import { AutoSubmitForm } from "./auto-submit-form";
import { DashboardView, KeepQuery, NoScriptSubmit, type DashboardQuery, type PublicData } from "./dashboard-view";

/**
 * The public dashboard: the whole city or one district, anonymised by the server. Rendered on
 * the server from the page's query: no client data layer and no chart library in the browser.
 */
export function PublicDashboard({ data, districts, query }: { data: PublicData; districts: { ubigeo: string; name: string }[]; query: DashboardQuery }) {
  const t = useTranslations("dashboard");
  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold sm:text-3xl">{t("publicTitle")}</h1>
        <p className="text-lg">{t("publicLead")}</p>
      </header>
      <AutoSubmitForm action={query.path} label={t("filters")} className="card grid grid-cols-1 gap-3 sm:grid-cols-2">
        <KeepQuery params={{ problem: query.problem, trend: query.trend }} except={[]} />
        <FilterSelect id="dash-district" name="district" label={t("district")} allLabel={t("allDistricts")} options={districts.map((d) => ({ value: d.ubigeo, label: d.name }))} defaultValue={query.params.district ?? ""} key={`d${query.params.district ?? ""}`} />
        <PeriodSelect value={query.params.months} />
        <NoScriptSubmit label={t("show")} />
      </AutoSubmitForm>
      <div data-testid="public-dashboard">
        <DashboardView data={data} mode="public" query={query} />
      </div>
    </div>
  );
}

/** The trends' period, a field of the dashboard's GET form. */
export function PeriodSelect({ value }: { value: string | undefined }) {
  const t = useTranslations("dashboard");
  return (
    <div className="field">
      <label htmlFor="dash-months">{t("period")}</label>
      <select id="dash-months" name="months" className="input" defaultValue={value ?? String(DEFAULT_PERIOD_MONTHS)} key={`m${value ?? ""}`}>
        {PERIOD_MONTHS.map((m) => (
          <option key={m} value={String(m)}>
            {t("periodMonths", { months: m })}
          </option>
        ))}
      </select>
    </div>
  );
}
