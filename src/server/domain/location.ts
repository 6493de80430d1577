/** Lima and Callao, generously: coordinates outside are refused as input errors. */
export const LIMA_BOUNDS = { minLat: -12.55, maxLat: -11.55, minLng: -77.25, maxLng: -76.6 } as const;

export interface LatLng {
  lat: number;
  lng: number;
}

export function isInLima(p: LatLng): boolean {
  return (
    p.lat >= LIMA_BOUNDS.minLat && p.lat <= LIMA_BOUNDS.maxLat && p.lng >= LIMA_BOUNDS.minLng && p.lng <= LIMA_BOUNDS.maxLng
  );
}

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

// The public point of an olla is placed by grid cell: see ./public-point.ts (server only).
