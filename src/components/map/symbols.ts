/**
 * What a marker shows, shared by the Leaflet layer and the legend: a level (0–3, 4 = not
 * assessed) drawn as a shape and colour, a category as two letters, urgent needs as "!".
 */
import { PROBLEM_CATEGORIES } from "~/server/domain/assessment";

export const CATEGORIES = PROBLEM_CATEGORIES;
export const NOT_ASSESSED = 4;
export type MarkerLevel = 0 | 1 | 2 | 3 | 4;

export const asLevel = (n: number): MarkerLevel => (n >= 0 && n <= 4 ? (n as MarkerLevel) : 4);

/** Classes for a level's shape and colour (see map.css). */
export const levelClasses = (level: MarkerLevel) => `shape-${level} mk-${level}`;

/** Cluster size grows with its count, within reason. */
export const clusterSize = (count: number) => (count < 10 ? 32 : count < 100 ? 40 : count < 1000 ? 48 : 56);
