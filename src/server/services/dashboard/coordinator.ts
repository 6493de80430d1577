/** The coordinator's dashboard: her scope, nothing hidden (she may see these ollas' private data). */
import type { z } from "zod";
import type { Db } from "~/server/db/client";
import { areaFilterFor, namesForWarnings } from "~/server/db/queries/dashboard";
import { emptyCounts } from "~/server/domain/dashboard";
import { DEPENDENCY_WINDOW_DAYS } from "~/server/domain/dependency";
import { coordinatesZone, type Scope } from "~/server/domain/scope";
import { badInput } from "~/server/errors";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { LEVEL_COLUMNS, PEOPLE_COLUMNS } from "~/shared/dashboard";
import { NEED_CATEGORIES, NEED_URGENCIES } from "~/shared/needs";
import type { ZCoordinatorDashboardInput } from "~/validation/dashboard";
import { addPeople, distinctKeys, levelIndex, loadRaw, needsIndex, peopleCells, plainTable, stockIndex, sum, trendSeries } from "./tables";

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
    return { category, city: { cells: [...city] as (number | null)[], total: sum(city) }, areas: plainTable([...LEVEL_COLUMNS], rows, true), hiddenCells: 0 };
  });

  const needKeys = distinctKeys(raw.needs);
  const needs = plainTable(
    [...NEED_URGENCIES],
    NEED_CATEGORIES.map((category) => ({
      key: category,
      label: "",
      cells: NEED_URGENCIES.map((_, ui) => sum(needKeys.map((k) => needIx.cells(k, category)[ui]!.value))),
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
