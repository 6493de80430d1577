import { useLocale, useTranslations } from "next-intl";
import { FilterSelect } from "~/components/forms/filter-select";
import { AutoSubmitForm } from "./auto-submit-form";
import { DashboardView, KeepQuery, NoScriptSubmit, type CoordinatorData, type DashboardQuery } from "./dashboard-view";
import { InteractiveChart } from "./interactive-charts";
import { PeriodSelect } from "./public-dashboard";

/**
 * The coordinator's dashboard: her zones (or the city), nothing hidden. Rendered on the server
 * from the page's query, like the public one; the network settings (city coordinators) are a
 * client form passed in as `settings`.
 */
export function CoordinatorDashboard({
  data,
  me,
  zones,
  districts,
  query,
  settings,
}: {
  data: CoordinatorData;
  me: { city: boolean; zones: { id: string; name: string }[] };
  zones: { id: string; name: string }[];
  districts: { ubigeo: string; name: string }[];
  query: DashboardQuery;
  settings?: React.ReactNode;
}) {
  const t = useTranslations("dashboard");
  const locale = useLocale();
  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold sm:text-3xl">{t("coordTitle")}</h1>
        <p>{me.city ? t("coordLeadCity") : t("coordLeadZones", { zones: me.zones.map((z) => z.name).join(", ") })}</p>
      </header>
      <AutoSubmitForm action={query.path} label={t("filters")} className="card grid grid-cols-1 gap-3 sm:grid-cols-3">
        <KeepQuery params={{ problem: query.problem, trend: query.trend }} except={[]} />
        <FilterSelect id="dash-zone" name="zone" label={t("zone")} allLabel={t("allZones")} options={zones.map((z) => ({ value: z.id, label: z.name }))} defaultValue={query.params.zone ?? ""} key={`z${query.params.zone ?? ""}`} />
        <FilterSelect id="dash-district" name="district" label={t("district")} allLabel={t("allDistricts")} options={districts.map((d) => ({ value: d.ubigeo, label: d.name }))} defaultValue={query.params.district ?? ""} key={`d${query.params.district ?? ""}`} />
        <PeriodSelect value={query.params.months} />
        <NoScriptSubmit label={t("show")} />
      </AutoSubmitForm>
      <div data-testid="coordinator-dashboard">
        <DashboardView data={data} mode="coordinator" query={query} renderChart={({ drawn, ...chart }) => <InteractiveChart {...chart} locale={locale} fallback={drawn} />} />
      </div>
      {settings}
    </div>
  );
}
