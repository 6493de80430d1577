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

/**
 * Pixel offset of a point from the map's centre at a zoom, in Web Mercator as Leaflet draws it
 * (256 px tiles): the server-drawn preview puts each marker where Leaflet will, whatever the box size.
 */
export function pixelOffset(lat: number, lng: number, center: { lat: number; lng: number }, zoom: number): { x: number; y: number } {
  const scale = 256 * 2 ** zoom;
  const px = (lo: number) => ((lo + 180) / 360) * scale;
  const py = (la: number) => {
    const s = Math.sin((la * Math.PI) / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * scale;
  };
  return { x: px(lng) - px(center.lng), y: py(lat) - py(center.lat) };
}

/** Ollas per page of the map's list (the client and the server page read the same). */
export const LIST_PAGE = 50;
