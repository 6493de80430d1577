/** The public dashboard: city-wide (or one district), anonymised (domain/suppression.ts). */
import type { z } from "zod";
import type { Db } from "~/server/db/client";
import { areaFilterFor } from "~/server/db/queries/dashboard";
import { publicDistribution } from "~/server/domain/dashboard";
import { DEPENDENCY_WINDOW_DAYS } from "~/server/domain/dependency";
import { isDisclosive, suppressTable, type RowIn } from "~/server/domain/suppression";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { LEVEL_COLUMNS, PEOPLE_COLUMNS } from "~/shared/dashboard";
import { NEED_CATEGORIES, NEED_URGENCIES } from "~/shared/needs";
import type { ZPublicDashboardInput } from "~/validation/dashboard";
import { publicCache, publicCacheSeconds } from "../shared-cache";
import { addPeople, distinctKeys, labelled, levelIndex, loadRaw, needsIndex, peopleCells, stockIndex, sum, trendSeries } from "./tables";

/**
 * The city-wide, anonymised dashboard. Every anonymous visitor gets the same answer, so it is
 * computed once a minute per filter (shared-cache.ts): the figures are at most that old, and a
 * crowd of readers cannot make the database aggregate the whole city on every visit.
 */
export async function publicDashboard(db: Db, input: z.output<typeof ZPublicDashboardInput>) {
  const answer = await publicCache.get(db, JSON.stringify(["dashboard", input.districtUbigeo ?? null, input.months]), () => computePublicDashboard(db, input));
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
    return { category, city: d.city, areas: labelled(d.areas, [...LEVEL_COLUMNS], districts), hiddenCells: d.hiddenCells };
  });

  // Needs: categories × urgencies over the whole filter; a category row rests on its distinct ollas.
  const needKeys = distinctKeys(raw.needs);
  const needRows: RowIn[] = NEED_CATEGORIES.map((category) => ({
    key: category,
    ollas: sum(needKeys.map((k) => needIx.categoryOllas(k, category))),
    cells: NEED_URGENCIES.map((_, ui) => {
      const cs = needKeys.map((k) => needIx.cells(k, category)[ui]!);
      return { value: sum(cs.map((c) => c.value)), ollas: sum(cs.map((c) => c.ollas)) };
    }),
  }));
  const needs = labelled(suppressTable(needRows, { rowMargin: true, columnMargin: false }), [...NEED_URGENCIES], new Map());

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
