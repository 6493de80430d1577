/**
 * What a marker shows, shared by the Leaflet layer and the legend: a level (0–3, 4 = not
 * assessed) drawn as a shape and colour, a category as two letters, urgent needs as "!".
 */
import { PROBLEM_CATEGORIES } from "~/shared/assessment";

export const CATEGORIES = PROBLEM_CATEGORIES;
export const NOT_ASSESSED = 4;
export type MarkerLevel = 0 | 1 | 2 | 3 | 4;

export const asLevel = (n: number): MarkerLevel => (n >= 0 && n <= 4 ? (n as MarkerLevel) : 4);

/** Classes for a level's shape and colour (see map.css). */
export const levelClasses = (level: MarkerLevel) => `shape-${level} mk-${level}`;

/** Cluster size grows with its count, within reason. */
export const clusterSize = (count: number) => (count < 10 ? 32 : count < 100 ? 40 : count < 1000 ? 48 : 56);

/** Where the map opens: the metropolis (Lima and Callao) at zoom 10. */
export const MAP_START = { center: { lat: -12.05, lng: -77.0 }, zoom: 10 } as const;

/** A point's pixel in Web Mercator at a zoom, from the world's top-left corner (256 px tiles, as Leaflet). */
export function worldPixel(lat: number, lng: number, zoom: number): { x: number; y: number } {
  const scale = 256 * 2 ** zoom;
  const s = Math.sin((lat * Math.PI) / 180);
  return { x: ((lng + 180) / 360) * scale, y: (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale };
}

/**
 * Pixel offset of a point from the map's centre at a zoom, in Web Mercator as Leaflet draws it
 * (256 px tiles): the server-drawn preview puts each marker where Leaflet will, whatever the box size.
 */
export function pixelOffset(lat: number, lng: number, center: { lat: number; lng: number }, zoom: number): { x: number; y: number } {
  const p = worldPixel(lat, lng, zoom);
  const c = worldPixel(center.lat, center.lng, zoom);
  return { x: p.x - c.x, y: p.y - c.y };
}

/**
 * The tiles Leaflet draws in any box of at least `minBox` pixels centred on `center` (those that
 * meet the box's central `minBox`), each with its top-left corner's offset from the centre.
 */
export function centralTiles(center: { lat: number; lng: number }, zoom: number, minBox: { width: number; height: number }): { x: number; y: number; left: number; top: number }[] {
  const c = worldPixel(center.lat, center.lng, zoom);
  const out: { x: number; y: number; left: number; top: number }[] = [];
  for (let y = Math.floor((c.y - minBox.height / 2) / 256); y <= Math.floor((c.y + minBox.height / 2 - 1) / 256); y++)
    for (let x = Math.floor((c.x - minBox.width / 2) / 256); x <= Math.floor((c.x + minBox.width / 2 - 1) / 256); x++) out.push({ x, y, left: x * 256 - c.x, top: y * 256 - c.y });
  return out;
}

/** Ollas per page of the map's list (the client and the server page read the same). */
export const LIST_PAGE = 50;
