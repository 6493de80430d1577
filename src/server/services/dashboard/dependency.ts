/** Dependency of one olla: per-source sums in SQL (queries/dashboard.ts), the indicator from the pure function. */
import type { Db } from "~/server/db/client";
import { ollaInflows } from "~/server/db/queries/dashboard";
import type { OllaRow } from "~/server/db/queries/ollas";
import { getSettings } from "~/server/db/queries/settings";
import { dependencyIndicator, DEPENDENCY_WINDOW_DAYS, inflowKind, type Inflow } from "~/server/domain/dependency";
import { limaToday } from "~/shared/lima-day";

export async function ollaDependency(db: Db, olla: OllaRow) {
  const today = limaToday();
  const settings = await getSettings(db);
  const rows = await ollaInflows(db, olla.id, today, DEPENDENCY_WINDOW_DAYS);
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
