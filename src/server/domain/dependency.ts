/**
 * Dependency indicator (the essay's warning about clientelism).
 *
 * Over the last DEPENDENCY_WINDOW_DAYS days of stock ENTRIES of an olla (or of the whole
 * network), measured in KILOGRAM-EQUIVALENT: quantity × the item's kg_per_unit. We use
 * kg rather than value because every entry has a quantity and every food item of the
 * catalogue a kg factor, while value_cents is optional and usually missing for donations
 * (the very inflows this indicator is about). Items with no kg factor (gas, firewood)
 * are left out of both numerator and denominator; entries that were reversed do not count.
 *
 * Sources: each institution (parish, NGO, company, municipal or state programme) is its
 * own source. Purchases and member contributions are the olla's OWN MEANS, individual
 * donations and solidarity transfers from other ollas are not institutions either: all
 * of them count in the denominator, none of them is an institution.
 *
 *   topShare = kg of the single largest institution / all kg            (0 … 1)
 *   hhi      = Σ over institutions of (kg of institution / all kg)²     (0 … 1)
 *
 * HHI (Herfindahl–Hirschman) is 1 when one institution supplies everything, 1/n for n
 * equal institutions, and 0 for an olla that lives on its own means; shown as points
 * (×10,000), its usual scale. The warning fires when topShare passes the network's
 * threshold (network_settings.dependency_threshold, 60% by default).
 */
export const DEPENDENCY_WINDOW_DAYS = 90;

export type InflowKind = "institution" | "own" | "individual" | "transfer";

export interface Inflow {
  kind: InflowKind;
  /** The institution's source id (for kind "institution"); ignored otherwise. */
  sourceId: string | null;
  kg: number;
}

export interface DependencyIndicator {
  totalKg: number;
  institutionalKg: number;
  ownKg: number;
  topSourceId: string | null;
  topShare: number;
  hhi: number;
  warning: boolean;
}

/** Which kind of inflow a movement's source type is. */
export function inflowKind(sourceType: string | null, isTransfer: boolean): InflowKind {
  if (isTransfer) return "transfer";
  if (sourceType === "purchase" || sourceType === "member_contribution") return "own";
  if (sourceType === "individual_donation") return "individual";
  return "institution";
}

export function dependencyIndicator(inflows: readonly Inflow[], threshold: number): DependencyIndicator {
  let total = 0;
  let own = 0;
  const bySource = new Map<string, number>();
  for (const f of inflows) {
    if (!(f.kg > 0)) continue;
    total += f.kg;
    if (f.kind === "own") own += f.kg;
    if (f.kind === "institution" && f.sourceId) bySource.set(f.sourceId, (bySource.get(f.sourceId) ?? 0) + f.kg);
  }
  let institutional = 0;
  let top: string | null = null;
  let topKg = 0;
  let hhi = 0;
  // Sorted for a deterministic choice between institutions with equal kg.
  for (const [id, kg] of [...bySource.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    institutional += kg;
    if (kg > topKg) {
      topKg = kg;
      top = id;
    }
    if (total > 0) hhi += (kg / total) ** 2;
  }
  const topShare = total > 0 ? topKg / total : 0;
  return { totalKg: total, institutionalKg: institutional, ownKg: own, topSourceId: top, topShare, hhi, warning: exceedsThreshold(topShare, threshold) };
}

/** "Passes the threshold": strictly above it, compared in whole tenths of a percent so 0.6 is not 0.6000001. */
export function exceedsThreshold(topShare: number, threshold: number): boolean {
  return Math.round(topShare * 1000) > Math.round(threshold * 1000);
}

/** HHI on its usual 0–10,000 scale. */
export const hhiPoints = (hhi: number) => Math.round(hhi * 10_000);
