/**
 * The shapes every dashboard shares: one aggregate load (loadRaw) and the helpers that turn
 * the SQL aggregates of queries/dashboard.ts into tables. Every chart of the UI draws one of
 * these tables and offers it as an accessible table and a CSV, so the three can never disagree.
 */
import type { DbOrTx } from "~/server/db/client";
import {
  dependencyByOlla,
  levelDistribution,
  levelTrends,
  networkDependency,
  openNeeds,
  peopleReached,
  stockHealth,
  type AreaFilter,
  type DependencyRow,
  type LevelRow,
  type NetworkDependencyRow,
  type NeedsRow,
  type PeopleRow,
  type StockHealthRow,
  type TrendRow,
} from "~/server/db/queries/dashboard";
import { listDistricts, listZones } from "~/server/db/queries/ollas";
import { getSettings, networkCatalogue, type SettingsRow } from "~/server/db/queries/settings";
import { emptyCounts, periodWindow, publicTrendMonth, type LevelCounts } from "~/server/domain/dashboard";
import { OTHERS_KEY, type suppressTable } from "~/server/domain/suppression";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { limaToday } from "~/shared/lima-day";
import { NEED_URGENCIES } from "~/shared/needs";

/** One chart's data: what the chart draws, the table shows and the CSV holds. */
export interface TableView {
  columns: string[];
  rows: { key: string; label: string; merged: string[]; cells: (number | null)[]; total: number | null }[];
  hiddenCells: number;
}

export interface Line {
  cells: (number | null)[];
  total: number | null;
}

/** (area, category) → ollas per level, indexed once (areas × categories lookups, not scans). */
export function levelIndex(rows: readonly LevelRow[]): (key: string, category: string) => LevelCounts {
  const m = new Map<string, LevelCounts>();
  for (const r of rows) {
    const k = `${r.key}|${r.category}`;
    const c = m.get(k) ?? emptyCounts();
    c[r.level as 0] += r.n;
    m.set(k, c);
  }
  return (key, category) => [...(m.get(`${key}|${category}`) ?? emptyCounts())] as LevelCounts;
}

export const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

export function plainTable(columns: string[], rows: { key: string; label: string; cells: number[] }[], withTotal: boolean): TableView {
  return { columns, rows: rows.map((r) => ({ ...r, merged: [], total: withTotal ? sum(r.cells) : null })), hiddenCells: 0 };
}

export function labelled(t: ReturnType<typeof suppressTable>, columns: string[], labels: Map<string, string>): TableView {
  return {
    columns,
    rows: t.rows.map((r) => ({
      key: r.key,
      label: r.key === OTHERS_KEY ? "" : (labels.get(r.key) ?? r.key),
      merged: r.merged.map((k) => labels.get(k) ?? k),
      cells: r.cells,
      total: r.total,
    })),
    hiddenCells: t.hiddenCells,
  };
}

export function distinctKeys<T extends { key: string }>(rows: readonly T[]): string[] {
  return [...new Set(rows.map((r) => r.key))].sort();
}

// ---------------------------------------------------------------------------------------

export interface Raw {
  today: string;
  period: { from: string; to: string; months: number };
  levels: LevelRow[];
  trends: TrendRow[];
  needs: NeedsRow[];
  people: PeopleRow[];
  stock: StockHealthRow[];
  settings: SettingsRow;
  staples: { code: string; name: string }[];
  dependency: NetworkDependencyRow;
  warnings: DependencyRow[];
  areaNames: Map<string, string>;
}

/** Every aggregate of a dashboard, all at once (each on its own connection with PostgreSQL). */
export async function loadRaw(db: DbOrTx, f: AreaFilter, by: "zone" | "district", months: number, withWarnings: boolean): Promise<Raw> {
  const today = limaToday();
  const period = { ...periodWindow(today, months), months };
  const settings = await getSettings(db);
  const threshold = Number(settings.dependencyThreshold);
  const [levels, trends, needs, people, stock, catalogue, dependency, warnings, areas] = await Promise.all([
    levelDistribution(db, f, period.to, by),
    levelTrends(db, f, period.from, period.to),
    openNeeds(db, f, by),
    peopleReached(db, f, by),
    stockHealth(db, f, by, settings.stapleItems, settings.lowStockDays, today),
    networkCatalogue(db),
    networkDependency(db, f, today, threshold),
    withWarnings ? dependencyByOlla(db, f, today, threshold, { warningsOnly: true }) : Promise.resolve([]),
    by === "zone"
      ? listZones(db).then((zs) => zs.map((z) => [z.id, z.name] as const))
      : listDistricts(db).then((ds) => ds.map((d) => [d.ubigeo, d.name] as const)),
  ]);
  const names = new Map(catalogue.map((c) => [c.code!, c.name]));
  const staples = settings.stapleItems.map((code) => ({ code, name: names.get(code) ?? code }));
  return { today, period, levels, trends, needs, people, stock, settings, staples, dependency, warnings, areaNames: new Map(areas) };
}

export function trendSeries(trends: readonly TrendRow[], suppress: boolean) {
  const months = [...new Set(trends.map((t) => t.month))].sort();
  let hiddenCells = 0;
  const series = PROBLEM_CATEGORIES.map((category) => {
    const points = months.map((month) => {
      const c = emptyCounts();
      for (const t of trends) if (t.month === month && t.category === category) c[t.level as 0] = t.n;
      if (!suppress) return { month, cells: [...c] as (number | null)[], total: sum(c) };
      const line = publicTrendMonth(c);
      hiddenCells += line.hiddenCells;
      return { month, cells: line.cells, total: line.total };
    });
    return { category, points };
  });
  return { months, series, hiddenCells };
}

/** (area, category, urgency or null for the category) → needs and ollas, indexed once. */
export function needsIndex(needs: readonly NeedsRow[]) {
  const m = new Map(needs.map((n) => [`${n.key}|${n.category}|${n.urgency ?? ""}`, n]));
  const get = (key: string, category: string, urgency: string | null) => m.get(`${key}|${category}|${urgency ?? ""}`);
  return {
    cells: (key: string, category: string) =>
      NEED_URGENCIES.map((u) => {
        const r = get(key, category, u);
        return { value: r?.needs ?? 0, ollas: r?.ollas ?? 0 };
      }),
    categoryOllas: (key: string, category: string) => get(key, category, null)?.ollas ?? 0,
  };
}

export const stockIndex = (rows: readonly StockHealthRow[]) => {
  const m = new Map(rows.map((r) => [`${r.key}|${r.code}`, r]));
  return (key: string, code: string) => m.get(`${key}|${code}`);
};

export const peopleCells = (p: PeopleRow) => [
  { value: p.ollas, ollas: p.ollas },
  { value: p.rations, ollas: p.ollas },
  { value: p.children, ollas: p.ollasChildren },
  { value: p.olderAdults, ollas: p.ollasOlderAdults },
  { value: p.pregnantNursing, ollas: p.ollasPregnantNursing },
  { value: p.disabled, ollas: p.ollasDisabled },
];

export function addPeople(rows: readonly PeopleRow[]): PeopleRow {
  const z: PeopleRow = { key: "", ollas: 0, rations: 0, children: 0, olderAdults: 0, pregnantNursing: 0, disabled: 0, ollasChildren: 0, ollasOlderAdults: 0, ollasPregnantNursing: 0, ollasDisabled: 0 };
  for (const r of rows) for (const k of Object.keys(z) as (keyof PeopleRow)[]) if (k !== "key") (z[k] as number) += r[k] as number;
  return z;
}
