import { z } from "zod";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { zId, zUbigeo } from "./common";
import { BOUNDARY_MATCH, ZONE_LAYER_GROUPS } from "~/shared/map-options";

export { BOUNDARY_MATCH, ZONE_LAYER_GROUPS };

/**
 * What the map shows. `category` alone means "has this problem" (latest state critical
 * or precarious); with `level`, the latest state of that category is exactly that level
 * (e.g. water: critical). `urgentNeeds` keeps ollas with an open public need of high or
 * critical urgency.
 */
export const ZMapFilter = z
  .object({
    districtUbigeo: zUbigeo.optional(),
    zoneId: zId.optional(),
    category: z.enum(PROBLEM_CATEGORIES).optional(),
    level: z.number().int().min(0).max(3).optional(),
    urgentNeeds: z.boolean().optional(),
  })
  .strict()
  .refine((f) => f.level === undefined || f.category !== undefined, { error: "map.validation.levelNeedsCategory", path: ["level"] });
export type MapFilter = z.output<typeof ZMapFilter>;

const lat = z.number().finite().min(-90).max(90);
const lng = z.number().finite().min(-360).max(360);

export const ZMapClustersInput = z
  .object({
    filter: ZMapFilter.default({}),
    bbox: z.object({ west: lng, south: lat, east: lng, north: lat }).strict(),
    zoom: z.number().int().min(0).max(20),
  })
  .strict();
export type MapClustersInput = z.input<typeof ZMapClustersInput>;

export const ZMapListInput = z
  .object({
    filter: ZMapFilter.default({}),
    limit: z.number().int().min(1).max(100).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();

export const ZOllaSummaryInput = z.object({ ollaId: zId }).strict();

export const ZZoneLayerInput = z
  .object({
    category: z.enum(PROBLEM_CATEGORIES),
    groupBy: z.enum(ZONE_LAYER_GROUPS).default("zone"),
  })
  .strict();

export const ZNearPairsInput = z.object({ zoneId: zId.optional() }).strict();

/** 5 MB of text at most; the file is parsed and checked completely on the server. */
export const MAX_BOUNDARY_CHARS = 5_000_000;
export const ZImportBoundariesInput = z
  .object({
    geojson: z.string().min(1, { error: "map.import.errors.empty" }).max(MAX_BOUNDARY_CHARS, { error: "map.import.errors.fileTooLarge" }),
    matchBy: z.enum(BOUNDARY_MATCH).default("ubigeo"),
  })
  .strict();
