import { createHmac, randomInt } from "node:crypto";
import type { LatLng } from "./location";

/**
 * The public ("approximate") point of an olla.
 *
 * The exact point is snapped to a fixed grid of ~500 m cells, and the public point is placed
 * around the cell's centre by a keyed HMAC of (olla seed, cell). So the public point is a
 * function of the cell alone: every exact point inside one cell gives the same public point,
 * and someone who once knew the exact point (it was published, or a visitor saw the kitchen)
 * learns from a later public point nothing finer than "somewhere in that cell" — unlike the
 * old fixed per-olla offset, which one known pair turned into a 2–6 m fix of every later move.
 * The key (LOCATION_KEY) is not the session secret: it can be rotated on its own, and a
 * rotation recomputes every stored point (see services/public-points.ts).
 */

/** Side of a grid cell in metres: the exact point is known to the public only to this. */
export const CELL_M = 500;
/** The public point lies this far from its cell's centre (metres), in a keyed direction. */
export const RING_MIN_M = 150;
export const RING_MAX_M = 350;
/**
 * Farthest the public point can be from the exact point: a cell corner (half a diagonal,
 * ~354 m) plus the ring, plus the 4-decimal rounding (~8 m).
 */
export const MAX_OFFSET_M = Math.ceil((CELL_M / 2) * Math.SQRT2 + RING_MAX_M + 8);
/**
 * Bump when the placement rule changes: stored points computed under another version (or
 * another key) are recomputed at start-up.
 */
export const PUBLIC_POINT_SCHEME = 1;

const EARTH_RADIUS_M = 6_371_008.8;
const M_PER_DEG = (Math.PI * EARTH_RADIUS_M) / 180;
// A plain lat/lng grid with the longitude step fixed at Lima's latitude: cells are 500 m
// squares across the metropolis (±0.5 % between its north and south ends).
const REF_LAT = -12.05;
const STEP_LAT = CELL_M / M_PER_DEG;
const STEP_LNG = CELL_M / (M_PER_DEG * Math.cos((REF_LAT * Math.PI) / 180));

export interface Cell {
  i: number;
  j: number;
}

/** The grid cell that holds a point: deterministic, the same for every server and key. */
export function cellOf(p: LatLng): Cell {
  return { i: Math.floor(p.lat / STEP_LAT), j: Math.floor(p.lng / STEP_LNG) };
}

export function cellCenter(c: Cell): LatLng {
  return { lat: (c.i + 0.5) * STEP_LAT, lng: (c.j + 0.5) * STEP_LNG };
}

/** Random 31-bit seed for a new olla: olla-specific, so ollas sharing a cell do not share a point. */
export function newLocationSeed(): number {
  return randomInt(1, 0x7fffffff);
}

/** The public point for a cell: a pure function of (key, seed, cell). */
export function cellPublicPoint(cell: Cell, seed: number, key: string): LatLng {
  const mac = createHmac("sha256", key).update(`public-point:v${PUBLIC_POINT_SCHEME}:${seed}:${cell.i}:${cell.j}`).digest();
  const u1 = mac.readUInt32BE(0) / 2 ** 32;
  const u2 = mac.readUInt32BE(4) / 2 ** 32;
  // Uniform over the ring's area, in a keyed direction.
  const r = Math.sqrt(RING_MIN_M ** 2 + u1 * (RING_MAX_M ** 2 - RING_MIN_M ** 2));
  const bearing = u2 * 2 * Math.PI;
  const c = cellCenter(cell);
  return {
    lat: round4(c.lat + (r * Math.cos(bearing)) / M_PER_DEG),
    lng: round4(c.lng + (r * Math.sin(bearing)) / (M_PER_DEG * Math.cos((c.lat * Math.PI) / 180))),
  };
}

/** The point shown to the public: the exact one only if the olla chose to publish it. */
export function publicPoint(exact: LatLng, seed: number, publishExact: boolean, key: string): LatLng {
  return publishExact ? { lat: exact.lat, lng: exact.lng } : cellPublicPoint(cellOf(exact), seed, key);
}

/**
 * Identifies (scheme version, key) without revealing the key: stored beside the points so a
 * server started with another key or scheme knows they must be recomputed.
 */
export function schemeFingerprint(key: string): string {
  return `v${PUBLIC_POINT_SCHEME}:${createHmac("sha256", key).update("public-point-fingerprint").digest("hex").slice(0, 16)}`;
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
