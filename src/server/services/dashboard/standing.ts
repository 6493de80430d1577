/** "Where you stand": one olla against her zone and the city, and who nearby already solved it. */
import type { Db } from "~/server/db/client";
import { improvedNearby, standing, zoneLabel } from "~/server/db/queries/dashboard";
import { latestAssessments, type OllaRow } from "~/server/db/queries/ollas";
import {
  IMPROVED_WINDOW_MONTHS,
  NEARBY_LIMIT,
  NEARBY_RADIUS_KM,
  emptyCounts,
  othersSharing,
  sameDayMonthsAgo,
  worstSharedProblems,
  type LevelCounts,
} from "~/server/domain/dashboard";
import { PROBLEM_CATEGORIES, type ProblemCategory } from "~/shared/assessment";
import { limaToday } from "~/shared/lima-day";

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
