import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { AppRouter } from "~/server/api/root";
import { PROBLEM_CATEGORIES, type ProblemCategory } from "~/shared/assessment";
import { LEVEL_COLUMNS as LEVELS, OTHERS_KEY as OTHERS, PEOPLE_COLUMNS as PEOPLE } from "~/shared/dashboard";
import { NEED_URGENCIES as URGENCIES } from "~/shared/needs";
import { DataTable, type TableRow } from "./data-table";
import { TableScroll } from "~/components/ui/table-scroll";
import { LEVEL_COLORS, ONE_COLOR, URGENCY_COLORS, type Series } from "./chart-colors";
import { StackedBars, StackedColumns, type ChartRow } from "./charts";
import { AutoSubmitForm } from "./auto-submit-form";

type Outputs = inferRouterOutputs<AppRouter>["dashboard"];
export type PublicData = Outputs["public"];
export type CoordinatorData = Outputs["coordinator"];
type Data = PublicData | CoordinatorData;

/**
 * Where the dashboard is and what it shows: the page's path and its query (filters, and the
 * category each section shows), so a section's picker can keep the rest of the query. The
 * whole view renders on the server; only the CSV buttons and the pickers' auto-submit hydrate.
 */
export interface DashboardQuery {
  path: string;
  /** The filters in the URL (district, zone, months…), kept by every picker. */
  params: Record<string, string>;
  problem: ProblemCategory;
  trend: ProblemCategory;
}

/** The `?problem=` / `?trend=` of a dashboard URL, water when absent or unknown. */
export function pickedCategory(v: string | string[] | undefined): ProblemCategory {
  return typeof v === "string" && (PROBLEM_CATEGORIES as readonly string[]).includes(v) ? (v as ProblemCategory) : "water";
}

/** Hidden fields carrying the rest of the query through a GET form. */
export function KeepQuery({ params, except }: { params: Record<string, string>; except: readonly string[] }) {
  return (
    <>
      {Object.entries(params)
        .filter(([k, v]) => v && !except.includes(k))
        .map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
    </>
  );
}

/** The button of a GET form for browsers without JavaScript (with it, choosing submits). */
export function NoScriptSubmit({ label }: { label: string }) {
  return (
    <noscript>
      <button type="submit" className="btn btn-secondary self-start">
        {label}
      </button>
    </noscript>
  );
}

/**
 * How a chart is shown, given its server-drawn picture (charts.tsx) and its data: the public
 * dashboard shows the picture itself; the coordinator's passes a renderer that swaps in an
 * interactive Recharts chart once loaded (interactive-charts.tsx).
 */
export type ChartRenderer = (chart: { kind: "bars" | "columns"; rows: ChartRow[]; series: Series[]; label: string; drawn: React.ReactNode }) => React.ReactNode;
const drawnOnly: ChartRenderer = ({ drawn }) => drawn;

/** Every section of the dashboard: each chart with its table and CSV. */
export function DashboardView({ data, mode, query, renderChart = drawnOnly }: { data: Data; mode: "public" | "coordinator"; query: DashboardQuery; renderChart?: ChartRenderer }) {
  const t = useTranslations("dashboard");
  const f = useFormatter();
  return (
    <div className="flex flex-col gap-6">
      <p className="hint" data-testid="dashboard-as-of">
        {t("asOf", { date: f.dateTime(new Date(`${data.asOf}T12:00:00`), { dateStyle: "long" }) })}
      </p>
      {"sharedForSeconds" in data && data.sharedForSeconds > 0 && (
        <p className="hint" data-testid="dashboard-refresh">
          {t("publicRefresh", { seconds: data.sharedForSeconds })}
        </p>
      )}
      {mode === "public" && (
        <p className="notice" data-testid="suppression-note">
          {t("suppressedNote")}
        </p>
      )}
      <ProblemsSection data={data} mode={mode} query={query} draw={renderChart} />
      <TrendsSection data={data} query={query} draw={renderChart} />
      <NeedsSection data={data} draw={renderChart} />
      <PeopleSection data={data} mode={mode} draw={renderChart} />
      <StockSection data={data} mode={mode} draw={renderChart} />
      <DependencySection data={data} mode={mode} />
    </div>
  );
}

function Section({ id, title, lead, children }: { id: string; title: string; lead?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`${id}-h`} className="card dash-section flex flex-col gap-3" data-testid={`section-${id}`}>
      <h2 id={`${id}-h`} className="text-xl font-semibold">
        {title}
      </h2>
      {lead && <p className="hint">{lead}</p>}
      {children}
    </section>
  );
}

function HiddenNote({ count }: { count: number }) {
  const t = useTranslations("dashboard");
  if (count <= 0) return null;
  return (
    <p className="hint" data-testid="hidden-note">
      {t("suppressedCells", { count })}
    </p>
  );
}

/** Chart on the left (or above on a phone), its table beside it. */
function ChartAndTable({ chart, table }: { chart: React.ReactNode; table: React.ReactNode }) {
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <div className="min-w-0">{chart}</div>
      <div className="min-w-0">{table}</div>
    </div>
  );
}

function useLabels(mode: "public" | "coordinator") {
  const t = useTranslations("dashboard");
  const ta = useTranslations("assessment");
  return {
    level: (l: string) => t(`level.${l}` as "level.0"),
    category: (c: string) => ta(`category.${c}` as "category.water"),
    area: (key: string, label: string) => (key === OTHERS ? (mode === "public" ? t("others") : t("othersZones")) : label),
  };
}

function useNum() {
  const f = useFormatter();
  return (n: number) => f.number(n);
}

/** A table's rows as its chart draws them (the same figures, hidden cells drawn as nothing). */
const toChart = (rows: TableRow[]): ChartRow[] => rows.map((r) => ({ key: r.key, label: r.label, values: r.cells }));

/** A section's category: a GET form of its own that keeps the rest of the query. */
function CategoryPicker({ id, name, label, value, query }: { id: string; name: "problem" | "trend"; label: string; value: ProblemCategory; query: DashboardQuery }) {
  const t = useTranslations("dashboard");
  const ta = useTranslations("assessment");
  const params = { ...query.params, problem: query.problem, trend: query.trend };
  return (
    <AutoSubmitForm action={query.path} label={label} className="flex flex-wrap items-end gap-2">
      <KeepQuery params={params} except={[name]} />
      <div className="field max-w-xs">
        <label htmlFor={id}>{label}</label>
        <select id={id} name={name} className="input" defaultValue={value} key={value}>
          {PROBLEM_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {ta(`category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <NoScriptSubmit label={t("show")} />
    </AutoSubmitForm>
  );
}

function ProblemsSection({ data, mode, query, draw }: { data: Data; mode: "public" | "coordinator"; query: DashboardQuery; draw: ChartRenderer }) {
  const t = useTranslations("dashboard");
  const num = useNum();
  const L = useLabels(mode);
  const cat = query.problem;
  const series: Series[] = LEVELS.map((l, i) => ({ key: `l${l}`, label: L.level(l), color: LEVEL_COLORS[i]! }));
  const rows: TableRow[] = data.problems.map((p) => ({ key: p.category, label: L.category(p.category), cells: p.city.cells, total: p.city.total }));
  const picked = data.problems.find((p) => p.category === cat)!;
  const areaRows: TableRow[] = picked.areas.rows.map((r) => ({ key: r.key, label: L.area(r.key, r.label), merged: r.merged, cells: r.cells, total: r.total }));
  // Each note counts what its own chart hides: the city lines above, the chosen problem's areas below.
  const hidden = data.problems.reduce((s, p) => s + p.city.cells.filter((c) => c === null).length, 0);
  const byTitle = mode === "public" ? t("problems.byArea", { category: L.category(cat) }) : t("problems.byZone", { category: L.category(cat) });
  return (
    <Section id="problems" title={t("problems.title")} lead={t("problems.lead")}>
      <ChartAndTable
        chart={draw({ kind: "bars", rows: toChart(rows), series: series, label: t("problems.chartLabel"), drawn: <StackedBars rows={toChart(rows)} series={series} label={t("problems.chartLabel")} format={num} /> })}
        table={
          <DataTable
            id="problems"
            caption={t("problems.chartLabel")}
            rowHeader={t("problems.category")}
            columns={LEVELS.map(L.level)}
            rows={rows}
            showTotal
            csvName="problemas"
          />
        }
      />
      <HiddenNote count={hidden} />
      <h3 className="text-lg font-semibold">{byTitle}</h3>
      <CategoryPicker id="problems-cat" name="problem" label={t("problems.pickCategory")} value={cat} query={query} />
      {areaRows.length === 0 ? (
        <p className="hint">{t("noData")}</p>
      ) : (
        <ChartAndTable
          chart={draw({ kind: "bars", rows: toChart(areaRows), series: series, label: byTitle, drawn: <StackedBars rows={toChart(areaRows)} series={series} label={byTitle} format={num} /> })}
          table={
            <DataTable
              id="problems-area"
              caption={byTitle}
              rowHeader={mode === "public" ? t("problems.area") : t("problems.areaZone")}
              columns={LEVELS.map(L.level)}
              rows={areaRows}
              showTotal
              csvName={`problemas-${cat}`}
            />
          }
        />
      )}
      <HiddenNote count={picked.areas.hiddenCells} />
    </Section>
  );
}

function TrendsSection({ data, query, draw }: { data: Data; query: DashboardQuery; draw: ChartRenderer }) {
  const t = useTranslations("dashboard");
  const f = useFormatter();
  const L = useLabels("public");
  const cat = query.trend;
  const s = data.trends.series.find((x) => x.category === cat);
  const month = (m: string) => f.dateTime(new Date(`${m}T12:00:00`), { month: "short", year: "numeric" });
  const points = s?.points ?? [];
  const short = (m: string) => f.dateTime(new Date(`${m}T12:00:00`), { month: "short" });
  const chart: ChartRow[] = points.map((p) => ({ key: p.month, label: short(p.month), values: p.cells }));
  const rows: TableRow[] = points.map((p) => ({ key: p.month, label: month(p.month), cells: p.cells, total: p.total }));
  const series: Series[] = LEVELS.map((l, i) => ({ key: `l${l}`, label: L.level(l), color: LEVEL_COLORS[i]! }));
  const label = t("trends.chartLabel", { category: L.category(cat) });
  return (
    <Section id="trends" title={t("trends.title")} lead={t("trends.lead")}>
      <CategoryPicker id="trends-cat" name="trend" label={t("trends.category")} value={cat} query={query} />
      <ChartAndTable
        chart={draw({ kind: "columns", rows: chart, series: series, label: label, drawn: <StackedColumns rows={chart} series={series} label={label} format={(n) => f.number(n)} /> })}
        table={<DataTable id="trends" caption={label} rowHeader={t("trends.month")} columns={LEVELS.map(L.level)} rows={rows} showTotal csvName={`tendencias-${cat}`} />}
      />
      <HiddenNote count={rows.reduce((n, r) => n + r.cells.filter((c) => c === null).length, 0)} />
    </Section>
  );
}


function NeedsSection({ data, draw }: { data: Data; draw: ChartRenderer }) {
  const t = useTranslations("dashboard");
  const num = useNum();
  const rows: TableRow[] = data.needs.rows.map((r) => ({
    key: r.key,
    label: r.key === OTHERS ? t("needs.othersRow") : t(`needCategory.${r.key}` as "needCategory.water"),
    merged: r.merged.map((m) => t(`needCategory.${m}` as "needCategory.water")),
    cells: r.cells,
    total: r.total,
  }));
  const shown = rows.filter((r) => r.total !== 0);
  const series: Series[] = URGENCIES.map((u, i) => ({ key: u, label: t(`urgency.${u}`), color: URGENCY_COLORS[i]! }));
  return (
    <Section id="needs" title={t("needs.title")} lead={t("needs.lead")}>
      {shown.length === 0 ? (
        <p className="hint">{t("noData")}</p>
      ) : (
        <ChartAndTable
          chart={draw({ kind: "bars", rows: toChart(shown), series: series, label: t("needs.chartLabel"), drawn: <StackedBars rows={toChart(shown)} series={series} label={t("needs.chartLabel")} format={num} /> })}
          table={
            <DataTable
              id="needs"
              caption={t("needs.chartLabel")}
              rowHeader={t("needs.category")}
              columns={URGENCIES.map((u) => t(`urgency.${u}`))}
              rows={shown}
              showTotal
              csvName="necesidades"
            />
          }
        />
      )}
      <HiddenNote count={data.needs.hiddenCells} />
    </Section>
  );
}


function PeopleSection({ data, mode, draw }: { data: Data; mode: "public" | "coordinator"; draw: ChartRenderer }) {
  const t = useTranslations("dashboard");
  const num = useNum();
  const L = useLabels(mode);
  const rows: TableRow[] = [
    ...data.people.areas.rows.map((r) => ({ key: r.key, label: L.area(r.key, r.label), merged: r.merged, cells: r.cells })),
    { key: "__city__", label: t("city"), cells: data.people.city.cells },
  ];
  const chart: ChartRow[] = data.people.areas.rows.map((r) => ({ key: r.key, label: L.area(r.key, r.label), values: [r.cells[1] ?? null] }));
  const cityRations = data.people.city.cells[1];
  const cityOllas = data.people.city.cells[0];
  return (
    <Section id="people" title={t("people.title")} lead={t("people.lead")}>
      {cityRations !== null && cityRations !== undefined && cityOllas !== null && cityOllas !== undefined && (
        <p className="text-lg font-semibold" data-testid="people-city">
          {t("people.cityRations", { rations: cityRations, ollas: cityOllas })}
        </p>
      )}
      <ChartAndTable
        chart={draw({ kind: "bars", rows: chart, series: [{ key: "rations", label: t("people.columns.rations"), color: ONE_COLOR }], label: t("people.chartLabel"), drawn: <StackedBars rows={chart} series={[{ key: "rations", label: t("people.columns.rations"), color: ONE_COLOR }]} label={t("people.chartLabel")} format={num} /> })}
        table={
          <DataTable
            id="people"
            caption={t("people.title")}
            rowHeader={mode === "public" ? t("problems.area") : t("problems.areaZone")}
            columns={PEOPLE.map((c) => t(`people.columns.${c}`))}
            rows={rows}
            csvName="personas"
          />
        }
      />
      <HiddenNote count={data.people.hiddenCells} />
    </Section>
  );
}

function StockSection({ data, mode, draw }: { data: Data; mode: "public" | "coordinator"; draw: ChartRenderer }) {
  const t = useTranslations("dashboard");
  const num = useNum();
  const L = useLabels(mode);
  const rows: TableRow[] = data.stock.city.map((s) => ({ key: s.code, label: s.name, cells: [s.low, s.tracked] }));
  const chart: ChartRow[] = data.stock.city.map((s) => ({ key: s.code, label: s.name, values: [s.low] }));
  const areaRows: TableRow[] = data.stock.areas.rows.map((r) => ({ key: r.key, label: L.area(r.key, r.label), merged: r.merged, cells: r.cells }));
  return (
    <Section id="stock" title={t("stock.title")} lead={t("stock.lead", { days: data.lowStockDays })}>
      <ChartAndTable
        chart={draw({ kind: "bars", rows: chart, series: [{ key: "low", label: t("stock.low"), color: LEVEL_COLORS[1] }], label: t("stock.chartLabel"), drawn: <StackedBars rows={chart} series={[{ key: "low", label: t("stock.low"), color: LEVEL_COLORS[1] }]} label={t("stock.chartLabel")} format={num} /> })}
        table={<DataTable id="stock" caption={t("stock.chartLabel")} rowHeader={t("stock.staple")} columns={[t("stock.low"), t("stock.tracked")]} rows={rows} csvName="almacen" />}
      />
      {areaRows.length > 0 && (
        <DataTable
          id="stock-area"
          caption={t("stock.chartLabel")}
          rowHeader={mode === "public" ? t("problems.area") : t("problems.areaZone")}
          columns={data.stock.staples.map((s) => s.name)}
          rows={areaRows}
          csvName="almacen-por-zona"
        />
      )}
      <HiddenNote count={data.stock.areas.hiddenCells} />
    </Section>
  );
}

function DependencySection({ data, mode }: { data: Data; mode: "public" | "coordinator" }) {
  const t = useTranslations("dashboard");
  const f = useFormatter();
  const d = data.dependency;
  const threshold = Math.round(data.threshold * 100);
  const share = f.number(Math.round(d.topShare * 1000) / 10);
  const named = "topSourceName" in d && d.topSourceName;
  const typeLabel = d.topSourceType ? t(`dependency.sourceType.${d.topSourceType}` as "dependency.sourceType.parish") : null;
  return (
    <Section id="dependency" title={t("dependency.title")} lead={t("dependency.lead", { days: d.windowDays })}>
      {d.totalKg <= 0 ? (
        <p>{t("dependency.noInflow", { days: d.windowDays })}</p>
      ) : (
        <ul className="flex flex-col gap-1" data-testid="dependency-summary">
          <li className="text-lg font-semibold">
            {named ? t("dependency.topShareNamed", { name: named, share }) : typeLabel ? t("dependency.topShareType", { type: typeLabel, share }) : t("dependency.topShare", { share })}
          </li>
          <li>
            {t("dependency.hhi", { points: f.number(Math.round(d.hhi * 10_000)) })} <span className="hint">{t("dependency.hhiHelp")}</span>
          </li>
          <li>
            {d.ollasWarned === null || d.ollasMeasured === null
              ? t("dependency.ollasWarnedHidden", { threshold })
              : t("dependency.ollasWarned", { warned: d.ollasWarned, measured: d.ollasMeasured, threshold })}
          </li>
        </ul>
      )}
      {mode === "coordinator" && "warnings" in d && <Warnings warnings={d.warnings} threshold={threshold} />}
    </Section>
  );
}

function Warnings({ warnings, threshold }: { warnings: CoordinatorData["dependency"]["warnings"]; threshold: number }) {
  const t = useTranslations("dashboard");
  const f = useFormatter();
  if (warnings.length === 0) return <p data-testid="no-warnings">{t("dependency.noWarnings")}</p>;
  const rows: TableRow[] = warnings.map((w) => ({ key: w.ollaId, label: w.name, cells: [Math.round(w.topShare * 1000) / 10, Math.round(w.hhi * 10_000), Math.round(w.totalKg)] }));
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-lg font-semibold">{t("dependency.warningsTitle")}</h3>
      <div role="alert" className="alert" data-testid="dependency-warnings">
        {t("dependency.ollasWarned", { warned: warnings.length, measured: warnings.length, threshold })}
      </div>
      <TableScroll label={t("dependency.warningsTitle")}>
        <table className="data">
          <caption className="sr-only">{t("dependency.warningsTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("dependency.olla")}</th>
              <th scope="col">{t("dependency.source")}</th>
              <th scope="col">{t("dependency.share")}</th>
              <th scope="col">{t("dependency.hhiCol")}</th>
            </tr>
          </thead>
          <tbody>
            {warnings.map((w) => (
              <tr key={w.ollaId}>
                <th scope="row" className="font-normal">
                  <Link href={`/coordinacion/ollas/${w.ollaId}`}>{w.name}</Link>
                  <div className="hint">{w.districtName}</div>
                </th>
                <td>{w.topSourceName ?? "—"}</td>
                <td className="tabular-nums">{f.number(w.topShare, { style: "percent", maximumFractionDigits: 1 })}</td>
                <td className="tabular-nums">{f.number(Math.round(w.hhi * 10_000))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <DataTableCsvOnly rows={rows} />
    </div>
  );
}

/** The warnings' CSV (the visible table above has links, so it is drawn by hand). */
function DataTableCsvOnly({ rows }: { rows: TableRow[] }) {
  const t = useTranslations("dashboard");
  return (
    <details>
      <summary className="cursor-pointer">{t("showTable")}</summary>
      <DataTable
        id="dependency-warnings"
        caption={t("dependency.warningsTitle")}
        rowHeader={t("dependency.olla")}
        columns={[`${t("dependency.share")} (%)`, t("dependency.hhiCol"), t("dependency.kg")]}
        rows={rows}
        csvName="dependencia"
      />
    </details>
  );
}
