/**
 * Dashboard payloads: the SQL aggregates of queries/dashboard.ts shaped into tables,
 * suppressed for the public (domain/suppression.ts), whole for a coordinator's scope.
 * Every chart of the UI draws one of these tables and offers it as an accessible table
 * and a CSV, so the three can never disagree.
 */
import { sql } from "drizzle-orm";
import { sharedCache } from "./shared-cache";
import type { z } from "zod";
import type { Actor } from "~/server/domain/actor";
import { rowsOf, type Db, type DbOrTx } from "~/server/db/client";
import {
  areaFilterFor,
  dependencyByOlla,
  improvedNearby,
  levelDistribution,
  levelTrends,
  namesForWarnings,
  networkDependency,
  openNeeds,
  peopleReached,
  standing,
  stockHealth,
  zoneLabel,
  type AreaFilter,
  type DependencyRow,
  type LevelRow,
  type NetworkDependencyRow,
  type NeedsRow,
  type PeopleRow,
  type StockHealthRow,
  type TrendRow,
} from "~/server/db/queries/dashboard";
import { latestAssessments, listDistricts, listZones, type OllaRow } from "~/server/db/queries/ollas";
import { existingNetworkCodes, getSettings, networkCatalogue, updateSettingsRow, type SettingsRow } from "~/server/db/queries/settings";
import { writeAudit } from "~/server/db/queries/audit";
import { PROBLEM_CATEGORIES, type ProblemCategory } from "~/shared/assessment";
import {
  IMPROVED_WINDOW_MONTHS,
  NEARBY_LIMIT,
  NEARBY_RADIUS_KM,
  emptyCounts,
  limaToday,
  othersSharing,
  periodWindow,
  publicDistribution,
  publicTrendMonth,
  sameDayMonthsAgo,
  worstSharedProblems,
  type LevelCounts,
} from "~/server/domain/dashboard";
import { dependencyIndicator, DEPENDENCY_WINDOW_DAYS, inflowKind, type Inflow } from "~/server/domain/dependency";
import { isDisclosive, OTHERS_KEY, suppressTable, type RowIn } from "~/server/domain/suppression";
import { coordinatesZone, type Scope } from "~/server/domain/scope";
import { badInput, conflict } from "~/server/errors";
import type { ZCoordinatorDashboardInput, ZPublicDashboardInput, ZUpdateSettingsInput } from "~/validation/dashboard";

export const NEED_CATEGORIES = [...PROBLEM_CATEGORIES, "food", "other"] as const;
export const URGENCIES = ["low", "medium", "high", "critical"] as const;
export const PEOPLE_COLUMNS = ["ollas", "rations", "children", "olderAdults", "pregnantNursing", "disabled"] as const;

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
function levelIndex(rows: readonly LevelRow[]): (key: string, category: string) => LevelCounts {
  const m = new Map<string, LevelCounts>();
  for (const r of rows) {
    const k = `${r.key}|${r.category}`;
    const c = m.get(k) ?? emptyCounts();
    c[r.level as 0] += r.n;
    m.set(k, c);
  }
  return (key, category) => [...(m.get(`${key}|${category}`) ?? emptyCounts())] as LevelCounts;
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

function plainTable(columns: string[], rows: { key: string; label: string; cells: number[] }[], withTotal: boolean): TableView {
  return { columns, rows: rows.map((r) => ({ ...r, merged: [], total: withTotal ? sum(r.cells) : null })), hiddenCells: 0 };
}

function labelled(t: ReturnType<typeof suppressTable>, columns: string[], labels: Map<string, string>): TableView {
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

function distinctKeys<T extends { key: string }>(rows: readonly T[]): string[] {
  return [...new Set(rows.map((r) => r.key))].sort();
}

// ---------------------------------------------------------------------------------------

interface Raw {
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
async function loadRaw(db: DbOrTx, f: AreaFilter, by: "zone" | "district", months: number, withWarnings: boolean): Promise<Raw> {
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

function trendSeries(trends: readonly TrendRow[], suppress: boolean) {
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
function needsIndex(needs: readonly NeedsRow[]) {
  const m = new Map(needs.map((n) => [`${n.key}|${n.category}|${n.urgency ?? ""}`, n]));
  const get = (key: string, category: string, urgency: string | null) => m.get(`${key}|${category}|${urgency ?? ""}`);
  return {
    cells: (key: string, category: string) =>
      URGENCIES.map((u) => {
        const r = get(key, category, u);
        return { value: r?.needs ?? 0, ollas: r?.ollas ?? 0 };
      }),
    categoryOllas: (key: string, category: string) => get(key, category, null)?.ollas ?? 0,
  };
}

const stockIndex = (rows: readonly StockHealthRow[]) => {
  const m = new Map(rows.map((r) => [`${r.key}|${r.code}`, r]));
  return (key: string, code: string) => m.get(`${key}|${code}`);
};

const peopleCells = (p: PeopleRow) => [
  { value: p.ollas, ollas: p.ollas },
  { value: p.rations, ollas: p.ollas },
  { value: p.children, ollas: p.ollasChildren },
  { value: p.olderAdults, ollas: p.ollasOlderAdults },
  { value: p.pregnantNursing, ollas: p.ollasPregnantNursing },
  { value: p.disabled, ollas: p.ollasDisabled },
];

function addPeople(rows: readonly PeopleRow[]): PeopleRow {
  const z: PeopleRow = { key: "", ollas: 0, rations: 0, children: 0, olderAdults: 0, pregnantNursing: 0, disabled: 0, ollasChildren: 0, ollasOlderAdults: 0, ollasPregnantNursing: 0, ollasDisabled: 0 };
  for (const r of rows) for (const k of Object.keys(z) as (keyof PeopleRow)[]) if (k !== "key") (z[k] as number) += r[k] as number;
  return z;
}

// ---------------------------------------------------------------------------------------
// Public dashboard: city-wide (or one district), anonymised.

/**
 * Seconds the public answer is shared: PUBLIC_CACHE_SECONDS (validated at start by src/env.js),
 * 60 by default; the tests use 0. Read from process.env when used, not when this module loads.
 */
const publicCacheSeconds = () => Number(process.env.PUBLIC_CACHE_SECONDS ?? 60);
const publicCache = sharedCache(() => publicCacheSeconds() * 1000);

/**
 * The city-wide, anonymised dashboard. Every anonymous visitor gets the same answer, so it is
 * computed once a minute per filter (shared-cache.ts): the figures are at most that old, and a
 * crowd of readers cannot make the database aggregate the whole city on every visit.
 */
export async function publicDashboard(db: Db, input: z.output<typeof ZPublicDashboardInput>) {
  const answer = await publicCache.get(db, JSON.stringify([input.districtUbigeo ?? null, input.months]), () => computePublicDashboard(db, input));
  return { ...answer, sharedForSeconds: publicCacheSeconds() };
}

async function computePublicDashboard(db: Db, input: z.output<typeof ZPublicDashboardInput>) {
  const f = areaFilterFor(null, { districtUbigeo: input.districtUbigeo });
  const raw = await loadRaw(db, f, "district", input.months, false);
  const districts = raw.areaNames;
  const byName = (a: string, b: string) => (districts.get(a) ?? a).localeCompare(districts.get(b) ?? b, "es");
  const areaKeys = distinctKeys(raw.levels).sort(byName);
  const levelsOf = levelIndex(raw.levels);
  const needIx = needsIndex(raw.needs);

  const problems = PROBLEM_CATEGORIES.map((category) => {
    const d = publicDistribution(
      category,
      areaKeys.map((key) => ({ key, counts: levelsOf(key, category) })),
    );
    return { category, city: d.city, areas: labelled(d.areas, ["0", "1", "2", "3"], districts), hiddenCells: d.hiddenCells };
  });

  // Needs: categories × urgencies over the whole filter; a category row rests on its distinct ollas.
  const needKeys = distinctKeys(raw.needs);
  const needRows: RowIn[] = NEED_CATEGORIES.map((category) => ({
    key: category,
    ollas: sum(needKeys.map((k) => needIx.categoryOllas(k, category))),
    cells: URGENCIES.map((_, ui) => {
      const cs = needKeys.map((k) => needIx.cells(k, category)[ui]!);
      return { value: sum(cs.map((c) => c.value)), ollas: sum(cs.map((c) => c.ollas)) };
    }),
  }));
  const needs = labelled(suppressTable(needRows, { rowMargin: true, columnMargin: false }), [...URGENCIES], new Map());

  // People reached per district, and the city line.
  const peopleRows: RowIn[] = [...raw.people].sort((a, b) => byName(a.key, b.key)).map((p) => ({ key: p.key, ollas: p.ollas, cells: peopleCells(p) }));
  const people = labelled(suppressTable(peopleRows, { rowMargin: false, columnMargin: true }), [...PEOPLE_COLUMNS], districts);
  const cityPeople = addPeople(raw.people);
  const peopleCity = suppressTable([{ key: "city", ollas: cityPeople.ollas, cells: peopleCells(cityPeople) }], { rowMargin: false, columnMargin: false });

  // Stock health: ollas low on each staple, per district and for the city.
  const stockKeys = distinctKeys(raw.stock).sort(byName);
  const stockCell = stockIndex(raw.stock);
  const stockRows: RowIn[] = stockKeys.map((key) => {
    const cells = raw.staples.map((s) => stockCell(key, s.code)?.low ?? 0);
    const tracked = Math.max(0, ...raw.staples.map((s) => stockCell(key, s.code)?.tracked ?? 0));
    return { key, ollas: tracked, cells: cells.map((n) => ({ value: n, ollas: n })) };
  });
  const stockTable = labelled(suppressTable(stockRows, { rowMargin: false, columnMargin: true }), raw.staples.map((s) => s.code), districts);
  const stockCity = raw.staples.map((s) => {
    const low = sum(stockKeys.map((k) => stockCell(k, s.code)?.low ?? 0));
    const tracked = sum(stockKeys.map((k) => stockCell(k, s.code)?.tracked ?? 0));
    return { code: s.code, name: s.name, low: isDisclosive(low) ? null : low, tracked: isDisclosive(tracked) ? null : tracked };
  });

  const dep = raw.dependency;
  const trends = trendSeries(raw.trends, true);
  return {
    asOf: raw.today,
    period: raw.period,
    districtUbigeo: input.districtUbigeo ?? null,
    threshold: Number(raw.settings.dependencyThreshold),
    lowStockDays: raw.settings.lowStockDays,
    problems,
    trends,
    needs,
    people: { areas: people, city: { cells: peopleCity.rows[0]?.cells ?? PEOPLE_COLUMNS.map(() => 0) }, hiddenCells: people.hiddenCells + peopleCity.hiddenCells },
    stock: { staples: raw.staples, city: stockCity, areas: stockTable },
    dependency: {
      windowDays: DEPENDENCY_WINDOW_DAYS,
      measure: "kg" as const,
      totalKg: dep.totalKg,
      topShare: dep.topShare,
      topSourceType: dep.topSourceType,
      hhi: dep.hhi,
      ollasMeasured: isDisclosive(dep.ollasMeasured) ? null : dep.ollasMeasured,
      ollasWarned: isDisclosive(dep.ollasWarned) ? null : dep.ollasWarned,
    },
    hiddenCells:
      sum(problems.map((p) => p.hiddenCells)) + trends.hiddenCells + needs.hiddenCells + people.hiddenCells + peopleCity.hiddenCells + stockTable.hiddenCells,
  };
}

// ---------------------------------------------------------------------------------------
// Coordinator dashboard: her scope, nothing hidden (she may see these ollas' private data).

export async function coordinatorDashboard(db: Db, scope: Scope, input: z.output<typeof ZCoordinatorDashboardInput>) {
  if (input.zoneId && !coordinatesZone(scope, input.zoneId)) throw badInput("zoneId", "validation.zoneOutsideScope");
  const f = areaFilterFor(scope, input);
  const raw = await loadRaw(db, f, "zone", input.months, true);
  const zones = raw.areaNames;
  const byZoneName = (a: string, b: string) => (zones.get(a) ?? a).localeCompare(zones.get(b) ?? b, "es");
  const zoneKeys = [...new Set([...distinctKeys(raw.levels), ...distinctKeys(raw.people)])].sort(byZoneName);
  const levelsOf = levelIndex(raw.levels);
  const needIx = needsIndex(raw.needs);

  const problems = PROBLEM_CATEGORIES.map((category) => {
    const rows = zoneKeys.map((key) => ({ key, label: zones.get(key) ?? key, cells: [...levelsOf(key, category)] }));
    const city = emptyCounts();
    for (const r of rows) r.cells.forEach((n, i) => (city[i as 0] += n));
    return { category, city: { cells: [...city] as (number | null)[], total: sum(city) }, areas: plainTable(["0", "1", "2", "3"], rows, true), hiddenCells: 0 };
  });

  const needKeys = distinctKeys(raw.needs);
  const needs = plainTable(
    [...URGENCIES],
    NEED_CATEGORIES.map((category) => ({
      key: category,
      label: "",
      cells: URGENCIES.map((_, ui) => sum(needKeys.map((k) => needIx.cells(k, category)[ui]!.value))),
    })),
    true,
  );

  const people = plainTable(
    [...PEOPLE_COLUMNS],
    [...raw.people]
      .sort((a, b) => (zones.get(a.key) ?? a.key).localeCompare(zones.get(b.key) ?? b.key, "es"))
      .map((p) => ({ key: p.key, label: zones.get(p.key) ?? p.key, cells: peopleCells(p).map((c) => c.value) })),
    false,
  );
  const cityPeople = addPeople(raw.people);

  const stockKeys = distinctKeys(raw.stock).sort(byZoneName);
  const stockCell = stockIndex(raw.stock);
  const stockTable = plainTable(
    raw.staples.map((s) => s.code),
    stockKeys.map((key) => ({ key, label: zones.get(key) ?? key, cells: raw.staples.map((s) => stockCell(key, s.code)?.low ?? 0) })),
    false,
  );
  const stockCity = raw.staples.map((s) => ({
    code: s.code,
    name: s.name,
    low: sum(stockKeys.map((k) => stockCell(k, s.code)?.low ?? 0)),
    tracked: sum(stockKeys.map((k) => stockCell(k, s.code)?.tracked ?? 0)),
  }));

  const threshold = Number(raw.settings.dependencyThreshold);
  const dep = raw.dependency;
  const shown = raw.warnings.slice(0, 200);
  const names = await namesForWarnings(
    db,
    shown.map((w) => w.ollaId),
    shown.flatMap((w) => (w.topSourceId ? [w.topSourceId] : [])),
  );
  const trends = trendSeries(raw.trends, false);
  return {
    asOf: raw.today,
    period: raw.period,
    scope: { city: scope.city, zones: scope.zoneIds.map((id) => ({ id, name: zones.get(id) ?? id })) },
    threshold,
    lowStockDays: raw.settings.lowStockDays,
    problems,
    trends,
    needs,
    people: { areas: people, city: { cells: peopleCells(cityPeople).map((c) => c.value) as (number | null)[] }, hiddenCells: 0 },
    stock: { staples: raw.staples, city: stockCity, areas: stockTable },
    dependency: {
      windowDays: DEPENDENCY_WINDOW_DAYS,
      measure: "kg" as const,
      totalKg: dep.totalKg,
      topShare: dep.topShare,
      topSourceType: dep.topSourceType,
      topSourceName: dep.topSourceName,
      hhi: dep.hhi,
      ollasMeasured: dep.ollasMeasured,
      ollasWarned: dep.ollasWarned,
      warnings: shown.map((w) => ({
        ollaId: w.ollaId,
        name: names.ollas.get(w.ollaId)?.name ?? "",
        districtName: names.ollas.get(w.ollaId)?.districtName ?? "",
        topShare: w.topShare,
        hhi: w.hhi,
        totalKg: w.totalKg,
        topSourceName: w.topSourceId ? (names.sources.get(w.topSourceId)?.name ?? null) : null,
        topSourceType: w.topSourceId ? (names.sources.get(w.topSourceId)?.type ?? null) : null,
      })),
    },
    hiddenCells: 0,
  };
}

// ---------------------------------------------------------------------------------------
// "Where you stand": one olla against her zone and the city.

export async function whereYouStand(db: Db, olla: OllaRow) {
  const today = limaToday();
  const [latest, dist, label] = await Promise.all([latestAssessments(db, olla.id), standing(db, olla.zoneId), zoneLabel(db, olla.zoneId)]);
  const own = new Map<ProblemCategory, number>(latest.map((a) => [a.category, a.level]));
  const countsOf = (category: string, which: "zone" | "city"): LevelCounts => {
    const c = emptyCounts();
    for (const r of dist) if (r.category === category) c[r.level as 0] += r[which];
    return c;
  };
  // A closed olla is not in the roll-up: nothing of hers to take out of the counts.
  const counted = olla.status !== "closed";
  const categories = PROBLEM_CATEGORIES.map((category) => {
    const level = own.get(category) ?? null;
    const zone = countsOf(category, "zone");
    const city = countsOf(category, "city");
    return {
      category,
      level,
      zone,
      city,
      zoneSharing: othersSharing(zone, counted ? level : null),
      citySharing: othersSharing(city, counted ? level : null),
    };
  });
  const worst = worstSharedProblems(own);
  const nearby = await improvedNearby(db, {
    ollaId: olla.id,
    lat: olla.lat,
    lng: olla.lng,
    radiusKm: NEARBY_RADIUS_KM,
    categories: worst,
    windowStart: sameDayMonthsAgo(today, IMPROVED_WINDOW_MONTHS),
    limit: NEARBY_LIMIT,
  });
  return {
    asOf: today,
    zoneName: label.zoneName,
    areaName: label.districtName ?? label.zoneName,
    categories,
    worst,
    radiusKm: NEARBY_RADIUS_KM,
    windowMonths: IMPROVED_WINDOW_MONTHS,
    improvedNearby: worst.map((category) => ({
      category,
      ollas: nearby
        .filter((n) => n.category === category)
        .map((n) => ({ ollaId: n.ollaId, name: n.name, districtName: n.districtName, fromLevel: n.fromLevel, toLevel: n.toLevel, distanceKm: Math.round(n.distanceM / 100) / 10 })),
    })),
  };
}

// ---------------------------------------------------------------------------------------
// Dependency of one olla: per-source sums in SQL, the indicator from the pure function.

export async function ollaDependency(db: Db, olla: OllaRow) {
  const today = limaToday();
  const settings = await getSettings(db);
  const res = await db.execute(sql`
    select case when m.transfer_id is not null then null else m.source_type::text end as "sourceType",
      (m.transfer_id is not null) as transfer, m.source_id::text as "sourceId", s.name as "sourceName",
      sum(m.quantity * i.kg_per_unit)::float8 as kg
    from stock_movements m
    join stock_items i on i.id = m.item_id
    left join stock_sources s on s.id = m.source_id
    where m.olla_id = ${olla.id}::uuid and m.direction = 'in' and m.reverses_id is null and i.kg_per_unit is not null
      and m.occurred_on > ${today}::date - ${DEPENDENCY_WINDOW_DAYS}::int and m.occurred_on <= ${today}::date
      and not exists (select 1 from stock_movements r where r.reverses_id = m.id)
    group by 1, 2, 3, 4
    order by kg desc`);
  const rows = rowsOf<{ sourceType: string | null; transfer: boolean; sourceId: string | null; sourceName: string | null; kg: number }>(res);
  const flows: Inflow[] = rows.map((r) => ({ kind: inflowKind(r.sourceType, r.transfer), sourceId: r.sourceId, kg: Number(r.kg) }));
  const threshold = Number(settings.dependencyThreshold);
  const d = dependencyIndicator(flows, threshold);
  const byKind = { own: 0, institution: 0, individual: 0, transfer: 0 };
  for (const fl of flows) byKind[fl.kind] += fl.kg;
  const top = rows.find((r) => r.sourceId === d.topSourceId);
  return {
    asOf: today,
    windowDays: DEPENDENCY_WINDOW_DAYS,
    measure: "kg" as const,
    threshold,
    ...d,
    topSourceName: top?.sourceName ?? null,
    topSourceType: top?.sourceType ?? null,
    byKind,
    sources: rows
      .filter((r) => r.sourceId)
      .map((r) => ({ sourceId: r.sourceId!, name: r.sourceName ?? "", type: r.sourceType ?? "", kg: Number(r.kg), share: d.totalKg > 0 ? Number(r.kg) / d.totalKg : 0 })),
  };
}

// ---------------------------------------------------------------------------------------
// Network settings

export async function settingsView(db: Db) {
  const [s, catalogue] = await Promise.all([getSettings(db), networkCatalogue(db)]);
  return {
    version: s.version,
    dependencyThreshold: Number(s.dependencyThreshold),
    stapleItems: s.stapleItems,
    lowStockDays: s.lowStockDays,
    monthlyMinimumWageCents: s.monthlyMinimumWageCents,
    maxLeadershipTermMonths: s.maxLeadershipTermMonths,
    personalDataRetentionMonths: s.personalDataRetentionMonths,
    updatedAt: s.updatedAt,
    catalogue: catalogue.map((c) => ({ code: c.code!, name: c.name, unit: c.unit })),
  };
}

/** A city coordinator changes the network's settings: validated, versioned, audited. */
export async function updateSettings(db: Db, actor: Actor, input: z.output<typeof ZUpdateSettingsInput>) {
  const known = await existingNetworkCodes(db, input.stapleItems);
  const unknown = input.stapleItems.filter((c) => !known.has(c));
  if (unknown.length) throw badInput("stapleItems", "dashboard.validation.unknownStaple", { codes: unknown.join(", ") });
  await db.transaction(async (tx) => {
    const before = await getSettings(tx);
    const after = await updateSettingsRow(
      tx,
      input.version,
      {
        dependencyThreshold: input.dependencyThresholdPercent / 100,
        stapleItems: input.stapleItems,
        lowStockDays: input.lowStockDays,
        monthlyMinimumWageCents: Math.round(input.monthlyMinimumWage * 100),
        maxLeadershipTermMonths: input.maxLeadershipTermMonths,
      },
      actor.userId,
    );
    if (!after) throw conflict("errors.staleVersion");
    await writeAudit(tx, { actorUserId: actor.userId, action: "update", entity: "network_settings", entityId: "1", before, after });
  });
  return settingsView(db);
}

// ---------------------------------------------------------------------------------------
// Open data: GET /api/public/v1/problems.json

const LEVEL_NAMES = ["critical", "precarious", "adequate", "good"] as const;

const byLevel = (cells: readonly (number | null)[], total: number | null) => ({
  ...Object.fromEntries(LEVEL_NAMES.map((l, i) => [l, cells[i] ?? null])),
  total,
});

/**
 * The public aggregates for outside tools: stable keys (no translated labels), the same
 * suppression as the public dashboard (null = hidden; small districts merged into "others").
 */
export async function openDataProblems(db: Db, input: z.output<typeof ZPublicDashboardInput>) {
  const p = await publicDashboard(db, input);
  const problems = Object.fromEntries(
    p.problems.map((c) => [
      c.category,
      {
        city: byLevel(c.city.cells, c.city.total),
        districts: c.areas.rows.filter((r) => r.key !== OTHERS_KEY).map((r) => ({ ubigeo: r.key, name: r.label, ...byLevel(r.cells, r.total) })),
        others: c.areas.rows
          .filter((r) => r.key === OTHERS_KEY)
          .map((r) => ({ districts: r.merged, ...byLevel(r.cells, r.total) }))[0] ?? null,
      },
    ]),
  );
  return {
    asOf: p.asOf,
    districtUbigeo: p.districtUbigeo,
    levels: LEVEL_NAMES,
    suppression: {
      minOllas: 3,
      note: "A number counting fewer than 3 ollas is null, and so is any number that would let someone work it out; districts with fewer than 3 ollas are merged into 'others'.",
    },
    problems,
    trends: {
      period: p.period,
      series: Object.fromEntries(p.trends.series.map((s) => [s.category, s.points.map((pt) => ({ month: pt.month.slice(0, 7), ...byLevel(pt.cells, pt.total) }))])),
    },
    openNeeds: p.needs.rows.map((r) => ({
      category: r.key === OTHERS_KEY ? "others" : r.key,
      merged: r.merged,
      ...Object.fromEntries(URGENCIES.map((u, i) => [u, r.cells[i] ?? null])),
      total: r.total,
    })),
    peopleReached: {
      city: Object.fromEntries(PEOPLE_COLUMNS.map((c, i) => [c, p.people.city.cells[i] ?? null])),
      districts: p.people.areas.rows.map((r) => ({
        ubigeo: r.key === OTHERS_KEY ? null : r.key,
        name: r.key === OTHERS_KEY ? "others" : r.label,
        merged: r.merged,
        ...Object.fromEntries(PEOPLE_COLUMNS.map((c, i) => [c, r.cells[i] ?? null])),
      })),
    },
    stockHealth: { lowStockDays: p.lowStockDays, staples: p.stock.city.map((s) => ({ code: s.code, ollasLow: s.low, ollasTracked: s.tracked })) },
    dependency: {
      windowDays: p.dependency.windowDays,
      measure: "kilogram-equivalent",
      threshold: p.threshold,
      largestInstitutionShare: p.dependency.totalKg > 0 ? p.dependency.topShare : null,
      largestInstitutionType: p.dependency.topSourceType,
      hhi: p.dependency.totalKg > 0 ? p.dependency.hhi : null,
      ollasMeasured: p.dependency.ollasMeasured,
      ollasPastThreshold: p.dependency.ollasWarned,
    },
  };
}
