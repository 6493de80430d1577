import type { Actor } from "~/server/domain/actor";
import type { Db } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import { setZoneBoundary, zonesInScope } from "~/server/db/queries/map";
import { normalizeZoneName, parseBoundaryCollection } from "~/server/domain/map";
import type { Scope } from "~/server/domain/scope";
import { badInput } from "~/server/errors";

export interface BoundaryImportResult {
  /** Zones of the coordinator's scope that received a boundary. */
  updated: { id: string; name: string }[];
  /** Features of the file that matched no zone of her scope (other districts, other zones). */
  unmatched: number;
}

/**
 * Imports zone boundaries from a GeoJSON FeatureCollection. The whole file is validated
 * first and every matched zone is written in one transaction, so a bad file changes
 * nothing. Features match zones of the coordinator's scope by UBIGEO (property `ubigeo`
 * = the zone's district) or by name (property `name`, ignoring case, accents and a
 * "Red zonal" prefix).
 */
export async function importZoneBoundaries(
  db: Db,
  actor: Actor,
  scope: Scope,
  input: { geojson: string; matchBy: "ubigeo" | "name" },
): Promise<BoundaryImportResult> {
  const parsed = parseBoundaryCollection(input.geojson);
  if (!parsed.ok) throw badInput("geojson", parsed.error.key, parsed.error.params);

  const zones = await zonesInScope(db, scope);
  const byKey = new Map<string, typeof zones>();
  for (const z of zones) {
    const k = input.matchBy === "ubigeo" ? z.districtUbigeo : normalizeZoneName(z.name);
    if (!k) continue;
    byKey.set(k, [...(byKey.get(k) ?? []), z]);
  }

  const assignments = new Map<string, { zone: (typeof zones)[number]; feature: (typeof parsed.features)[number] }>();
  let unmatched = 0;
  for (const f of parsed.features) {
    const k = input.matchBy === "ubigeo" ? f.ubigeo : f.name ? normalizeZoneName(f.name) : null;
    const targets = k ? byKey.get(k) : undefined;
    if (!targets) {
      unmatched++;
      continue;
    }
    for (const zone of targets) {
      const prev = assignments.get(zone.id);
      // Two features for one zone: the file is ambiguous; say which, write nothing.
      if (prev) throw badInput("geojson", "map.import.errors.duplicateZone", { n: f.n, first: prev.feature.n });
      assignments.set(zone.id, { zone, feature: f });
    }
  }
  if (assignments.size === 0) throw badInput("geojson", input.matchBy === "ubigeo" ? "map.import.errors.noMatchUbigeo" : "map.import.errors.noMatchName");

  await db.transaction(async (tx) => {
    for (const { zone, feature } of assignments.values()) {
      await setZoneBoundary(tx, zone.id, feature.geometry);
      await writeAudit(tx, {
        actorUserId: actor.userId,
        action: "importBoundary",
        entity: "zone",
        entityId: zone.id,
        before: { hadBoundary: zone.hasBoundary },
        after: { geometryType: feature.geometry.type, feature: feature.n, matchBy: input.matchBy },
      });
    }
  });
  return { updated: [...assignments.values()].map(({ zone }) => ({ id: zone.id, name: zone.name })).sort((a, b) => a.name.localeCompare(b.name)), unmatched };
}
