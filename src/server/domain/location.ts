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

/** Random 31-bit seed for a new olla's approximate point. */
export function newLocationSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}

// mulberry32: a tiny deterministic PRNG so the offset depends on the seed alone.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const APPROX_MIN_M = 250;
export const APPROX_MAX_M = 500;

/**
 * The public point of an olla: the exact point moved 250–500 m in a direction fixed by
 * the olla's private seed. Deterministic, so repeated requests cannot be averaged back to
 * the exact point; the seed never leaves the server. Rounded to 4 decimals (~11 m) so the
 * public value does not carry the exact value's extra digits.
 */
export function approximateLocation(exact: LatLng, seed: number): LatLng {
  const rnd = mulberry32(seed);
  const distance = APPROX_MIN_M + 20 + rnd() * (APPROX_MAX_M - APPROX_MIN_M - 40);
  const bearing = rnd() * 2 * Math.PI;
  const dLat = (distance * Math.cos(bearing)) / EARTH_RADIUS_M;
  const dLng = (distance * Math.sin(bearing)) / (EARTH_RADIUS_M * Math.cos(rad(exact.lat)));
  return {
    lat: round4(exact.lat + (dLat * 180) / Math.PI),
    lng: round4(exact.lng + (dLng * 180) / Math.PI),
  };
}

/** The point shown to the public: exact only if the olla chose to publish it. */
export function publicLocation(exact: LatLng, seed: number, publishExact: boolean): LatLng {
  return publishExact ? exact : approximateLocation(exact, seed);
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
