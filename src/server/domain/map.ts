/**
 * The city map's pure rules: server-side clustering (supercluster), the 500 m proximity
 * grid, zone-boundary validation and spreadsheet-safe text. No database, no transport.
 */
import type { MultiPolygon, Polygon, Position } from "geojson";
import Supercluster from "supercluster";
import { LEVEL_KEYS, PROBLEM_CATEGORIES, type ProblemCategory } from "~/shared/assessment";
import { distanceMeters, LIMA_BOUNDS, type LatLng } from "./location";

// ---------------------------------------------------------------------------
// Clustering

/** One olla as the map index holds it: the point the viewer may see, and what its marker shows. */
export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  /** Worst current level (0 critical … 3 good) over the latest assessment of each category; null if never assessed. */
  worstLevel: number | null;
  /** The first category (catalogue order) at that worst level. */
  worstCategory: ProblemCategory | null;
  /** Has at least one open, public need of high or critical urgency. */
  urgent: boolean;
  /** The point is the exact one (the viewer coordinates this olla, or the olla publishes it). */
  exact: boolean;
}

/** "Not assessed" sorts after every real level, so min() keeps the worst real one. */
export const NOT_ASSESSED = 4;

/**
 * Compact wire shapes (a phone on prepaid data downloads these on every pan):
 * a cluster [lat, lng, count, worstLevel(0–4), urgentCount, expansionZoom, clusterId]
 * and a single olla [id, lat, lng, worstLevel(0–4), categoryIndex(-1 = none), urgent(0|1), exact(0|1)].
 */
export type ClusterTuple = [number, number, number, number, number, number, number];
export type PointTuple = [string, number, number, number, number, 0 | 1, 0 | 1];

interface PointProps {
  id: string;
  w: number;
  c: number;
  u: 0 | 1;
  x: 0 | 1;
}
interface ClusterProps {
  w: number;
  u: number;
}

export interface ClusterIndex {
  total: number;
  sc: Supercluster<PointProps, ClusterProps>;
}

/** Beyond this zoom every olla is its own marker. */
export const CLUSTER_MAX_ZOOM = 16;
/**
 * Supercluster's radius is in units of its 512-px tile extent; Leaflet's tiles are 256 px, so on
 * screen it is half: 112 keeps markers at least 56 px apart, more than the widest marker (48 px).
 * At 60 (30 px on screen) neighbouring 44–48 px markers covered each other at city scale, a tap
 * target partly hidden (axe `target-size`, Lighthouse accessibility 96 on /mapa).
 */
export const CLUSTER_RADIUS = 112;
/** Hard cap on features per answer, against a hand-made request for the whole city at street zoom. */
export const MAX_FEATURES = 3000;

export function buildClusterIndex(points: readonly MapPoint[]): ClusterIndex {
  const sc = new Supercluster<PointProps, ClusterProps>({
    radius: CLUSTER_RADIUS,
    maxZoom: CLUSTER_MAX_ZOOM,
    minPoints: 2,
    map: (p) => ({ w: p.w, u: p.u }),
    reduce: (acc, p) => {
      acc.w = Math.min(acc.w, p.w);
      acc.u += p.u;
    },
  });
  sc.load(
    points.map((p) => ({
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [p.lng, p.lat] },
      properties: {
        id: p.id,
        w: p.worstLevel ?? NOT_ASSESSED,
        c: p.worstCategory ? PROBLEM_CATEGORIES.indexOf(p.worstCategory) : -1,
        u: p.urgent ? 1 : 0,
        x: p.exact ? 1 : 0,
      },
    })),
  );
  return { total: points.length, sc };
}

export interface BBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface ClusterAnswer {
  /** Ollas matching the filter, in the whole city (not only the viewport). */
  total: number;
  clusters: ClusterTuple[];
  points: PointTuple[];
  truncated: boolean;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Clusters and single ollas inside the viewport at this zoom. Counts are supercluster's exact point counts. */
export function clustersFor(index: ClusterIndex, bbox: BBox, zoom: number): ClusterAnswer {
  const z = Math.max(0, Math.min(20, Math.floor(zoom)));
  const features = index.sc.getClusters([bbox.west, bbox.south, bbox.east, bbox.north], z);
  const clusters: ClusterTuple[] = [];
  const points: PointTuple[] = [];
  for (const f of features.slice(0, MAX_FEATURES)) {
    const [lng, lat] = f.geometry.coordinates as [number, number];
    const p = f.properties;
    if ("cluster" in p && p.cluster) {
      const expansion = Math.min(index.sc.getClusterExpansionZoom(p.cluster_id), CLUSTER_MAX_ZOOM + 1);
      clusters.push([round6(lat), round6(lng), p.point_count, p.w, p.u, expansion, p.cluster_id]);
    } else {
      const q = p as PointProps;
      points.push([q.id, lat, lng, q.w, q.c, q.u, q.x]);
    }
  }
  return { total: index.total, clusters, points, truncated: features.length > MAX_FEATURES };
}

// ---------------------------------------------------------------------------
// Ollas closer than 500 m (a public rule puts such ollas at risk of losing support)

export const NEAR_DISTANCE_M = 500;
/**
 * Grid cell in degrees for the SQL proximity join: two points closer than 500 m are in
 * the same or a neighbouring cell as long as a cell is at least 500 m on each side. At
 * Lima's latitudes (11.5°–12.6° S) 0.005° is ≥ 543 m east–west and ≥ 552 m north–south.
 */
export const NEAR_GRID_DEG = 0.005;

/** Cell side in metres at a latitude (the smaller of the two directions). */
export function gridCellMeters(lat: number): { northSouth: number; eastWest: number } {
  const a: LatLng = { lat, lng: -77 };
  return {
    northSouth: distanceMeters(a, { lat: lat + NEAR_GRID_DEG, lng: -77 }),
    eastWest: distanceMeters(a, { lat, lng: -77 + NEAR_GRID_DEG }),
  };
}

// ---------------------------------------------------------------------------
// Zone boundaries imported from a GeoJSON FeatureCollection

export const BOUNDARY_LIMITS = { maxBytes: 5_000_000, maxFeatures: 1000, maxPositions: 500_000 } as const;

export interface BoundaryFeature {
  /** 1-based position in the file, for messages. */
  n: number;
  ubigeo: string | null;
  name: string | null;
  geometry: Polygon | MultiPolygon;
}

export interface BoundaryError {
  /** An i18n key under "map.import.errors". */
  key: string;
  params?: Record<string, string | number>;
}

export type BoundaryParse = { ok: true; features: BoundaryFeature[] } | { ok: false; error: BoundaryError };

const fail = (key: string, params?: Record<string, string | number>): BoundaryParse => ({
  ok: false,
  error: { key: `map.import.errors.${key}`, params },
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const inLima = (lng: number, lat: number) =>
  lat >= LIMA_BOUNDS.minLat && lat <= LIMA_BOUNDS.maxLat && lng >= LIMA_BOUNDS.minLng && lng <= LIMA_BOUNDS.maxLng;

type RingCheck = { ok: true; ring: Position[] } | { ok: false; key: string };

function checkRing(ring: unknown, counter: { positions: number }): RingCheck {
  if (!Array.isArray(ring) || ring.length < 4) return { ok: false, key: "ringTooShort" };
  const out: Position[] = [];
  for (const pos of ring) {
    if (!Array.isArray(pos) || pos.length < 2 || pos.length > 3 || !pos.every((x) => typeof x === "number" && Number.isFinite(x))) {
      return { ok: false, key: "badPosition" };
    }
    const [lng, lat] = pos as number[];
    if (!inLima(lng!, lat!)) return { ok: false, key: inLima(lat!, lng!) ? "swappedCoordinates" : "outsideLima" };
    out.push([round6(lng!), round6(lat!)]); // altitude dropped: a boundary is flat
  }
  counter.positions += out.length;
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1]) return { ok: false, key: "ringNotClosed" };
  return { ok: true, ring: out };
}

function checkPolygon(rings: unknown, counter: { positions: number }): { ok: true; rings: Position[][] } | { ok: false; key: string } {
  if (!Array.isArray(rings) || rings.length === 0) return { ok: false, key: "ringTooShort" };
  const out: Position[][] = [];
  for (const r of rings) {
    const c = checkRing(r, counter);
    if (!c.ok) return c;
    out.push(c.ring);
  }
  return { ok: true, rings: out };
}

function ubigeoOf(v: unknown): string | null {
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 1_000_000) return String(v).padStart(6, "0");
  if (typeof v === "string" && /^\s*[0-9]{5,6}\s*$/.test(v)) return v.trim().padStart(6, "0");
  return null;
}

/**
 * Validates a boundary file completely before anything is written: a FeatureCollection of
 * Polygon/MultiPolygon features whose rings are closed and lie inside Lima and Callao.
 * The first problem found is reported with the feature's position in the file.
 */
export function parseBoundaryCollection(text: string): BoundaryParse {
  if (new TextEncoder().encode(text).length > BOUNDARY_LIMITS.maxBytes) return fail("tooLarge", { maxMb: BOUNDARY_LIMITS.maxBytes / 1_000_000 });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return fail("notJson");
  }
  if (!isObject(doc) || doc.type !== "FeatureCollection") return fail("notFeatureCollection");
  const features = doc.features;
  if (!Array.isArray(features) || features.length === 0) return fail("noFeatures");
  if (features.length > BOUNDARY_LIMITS.maxFeatures) return fail("tooManyFeatures", { max: BOUNDARY_LIMITS.maxFeatures });
  const counter = { positions: 0 };
  const out: BoundaryFeature[] = [];
  for (let i = 0; i < features.length; i++) {
    const n = i + 1;
    const f = features[i];
    if (!isObject(f) || f.type !== "Feature") return fail("notFeature", { n });
    const g = f.geometry;
    if (!isObject(g)) return fail("missingGeometry", { n });
    let geometry: Polygon | MultiPolygon;
    if (g.type === "Polygon") {
      const p = checkPolygon(g.coordinates, counter);
      if (!p.ok) return fail(p.key, { n });
      geometry = { type: "Polygon", coordinates: p.rings };
    } else if (g.type === "MultiPolygon") {
      if (!Array.isArray(g.coordinates) || g.coordinates.length === 0) return fail("ringTooShort", { n });
      const polys: Position[][][] = [];
      for (const poly of g.coordinates) {
        const p = checkPolygon(poly, counter);
        if (!p.ok) return fail(p.key, { n });
        polys.push(p.rings);
      }
      geometry = { type: "MultiPolygon", coordinates: polys };
    } else {
      return fail("badGeometryType", { n, type: String(g.type ?? "").slice(0, 40) });
    }
    if (counter.positions > BOUNDARY_LIMITS.maxPositions) return fail("tooManyPoints", { max: BOUNDARY_LIMITS.maxPositions });
    const props = isObject(f.properties) ? f.properties : {};
    const name = typeof props.name === "string" ? props.name.trim().slice(0, 120) || null : null;
    out.push({ n, ubigeo: ubigeoOf(props.ubigeo), name, geometry });
  }
  return { ok: true, features: out };
}

/** Name comparison for matching features to zones: case, accents, spaces and a "Red zonal" prefix do not matter. */
export function normalizeZoneName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^red zonal (de )?/, "");
}

// ---------------------------------------------------------------------------
// Exports

/**
 * A text cell a spreadsheet will not run as a formula: cells starting with = + - @ or a
 * tab/carriage return get a leading apostrophe (OWASP CSV injection advice).
 */
export function spreadsheetSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/** The public facts of one olla as the open-data exports carry them (no private field exists here). */
export interface OpenDataOlla {
  id: string;
  name: string;
  status: "active" | "paused";
  districtUbigeo: string;
  districtName: string;
  zoneName: string;
  lat: number;
  lng: number;
  exactLocation: boolean;
  rationsPerDay: number;
  rationPriceCents: number;
  cookingDays: string[];
  foundedOn: string | null;
  worstLevel: number | null;
  worstCategories: string[];
  urgentPublicNeeds: boolean;
}

function openDataProperties(o: OpenDataOlla, origin: string) {
  return {
    id: o.id,
    name: o.name,
    status: o.status,
    district_ubigeo: o.districtUbigeo,
    district: o.districtName,
    zone: o.zoneName,
    location_precision: o.exactLocation ? "exact" : "approximate",
    rations_per_day: o.rationsPerDay,
    ration_price_pen: o.rationPriceCents / 100,
    cooking_days: o.cookingDays,
    founded_on: o.foundedOn,
    worst_state: o.worstLevel === null ? null : LEVEL_KEYS[o.worstLevel]!,
    worst_categories: o.worstCategories,
    urgent_public_needs: o.urgentPublicNeeds,
    url: `${origin}/ollas/${o.id}`,
  };
}

/** An RFC 7946 Feature: [longitude, latitude] in WGS 84, public point only. */
export function openDataFeature(o: OpenDataOlla, origin: string) {
  return {
    type: "Feature" as const,
    id: o.id,
    geometry: { type: "Point" as const, coordinates: [o.lng, o.lat] },
    properties: openDataProperties(o, origin),
  };
}

export const CSV_COLUMNS = [
  "id",
  "name",
  "status",
  "district_ubigeo",
  "district",
  "zone",
  "latitude",
  "longitude",
  "location_precision",
  "rations_per_day",
  "ration_price_pen",
  "cooking_days",
  "founded_on",
  "worst_state",
  "worst_categories",
  "urgent_public_needs",
  "url",
] as const;

/** One CSV record; every text cell spreadsheet-safe (numbers stay numbers). */
export function openDataCsvRecord(o: OpenDataOlla, origin: string): (string | number)[] {
  const p = openDataProperties(o, origin);
  const text = (s: string | null) => (s === null ? "" : spreadsheetSafe(s));
  return [
    p.id,
    text(p.name),
    p.status,
    p.district_ubigeo,
    text(p.district),
    text(p.zone),
    o.lat,
    o.lng,
    p.location_precision,
    p.rations_per_day,
    p.ration_price_pen,
    p.cooking_days.join(";"),
    text(p.founded_on),
    p.worst_state ?? "",
    p.worst_categories.join(";"),
    p.urgent_public_needs ? "yes" : "no",
    p.url,
  ];
}
