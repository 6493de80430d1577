import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildClusterIndex,
  clustersFor,
  CLUSTER_MAX_ZOOM,
  gridCellMeters,
  NEAR_DISTANCE_M,
  normalizeZoneName,
  NOT_ASSESSED,
  parseBoundaryCollection,
  spreadsheetSafe,
  type MapPoint,
} from "~/server/domain/map";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";

const WORLD = { west: -180, south: -85, east: 180, north: 85 };

const point = fc.record({
  lat: fc.double({ min: -12.5, max: -11.6, noNaN: true }),
  lng: fc.double({ min: -77.2, max: -76.65, noNaN: true }),
  worstLevel: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  urgent: fc.boolean(),
});
const toPoints = (ps: { lat: number; lng: number; worstLevel: number | null; urgent: boolean }[]): MapPoint[] =>
  ps.map((p, i) => ({ ...p, id: `o${i}`, worstCategory: p.worstLevel === null ? null : "water", exact: false }));

describe("server-side clustering", () => {
  it("cluster counts plus single ollas add up to every olla, at every zoom", () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 0, maxLength: 300 }), fc.integer({ min: 0, max: 20 }), (ps, zoom) => {
        const idx = buildClusterIndex(toPoints(ps));
        const r = clustersFor(idx, WORLD, zoom);
        expect(r.total).toBe(ps.length);
        expect(r.clusters.reduce((s, c) => s + c[2], 0) + r.points.length).toBe(ps.length);
      }),
    );
  });

  it("a cluster carries the worst level and the number of ollas with urgent needs among its members", () => {
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 80 }), (ps) => {
        const same = ps.map((p) => ({ ...p, lat: -12.05, lng: -77.03 })); // one spot: one cluster
        const r = clustersFor(buildClusterIndex(toPoints(same)), WORLD, 5);
        expect(r.clusters).toHaveLength(1);
        const [, , count, worst, urgent] = r.clusters[0]!;
        expect(count).toBe(ps.length);
        expect(worst).toBe(Math.min(...ps.map((p) => p.worstLevel ?? NOT_ASSESSED)));
        expect(urgent).toBe(ps.filter((p) => p.urgent).length);
      }),
    );
  });

  it("past the last cluster zoom every olla is its own marker, with its category index", () => {
    const pts = toPoints([
      { lat: -12.05, lng: -77.03, worstLevel: 1, urgent: true },
      { lat: -12.0501, lng: -77.0301, worstLevel: null, urgent: false },
    ]);
    pts[0]!.worstCategory = "refrigeration";
    const r = clustersFor(buildClusterIndex(pts), WORLD, CLUSTER_MAX_ZOOM + 1);
    expect(r.clusters).toHaveLength(0);
    expect(r.points).toContainEqual(["o0", -12.05, -77.03, 1, PROBLEM_CATEGORIES.indexOf("refrigeration"), 1, 0]);
    expect(r.points).toContainEqual(["o1", -12.0501, -77.0301, NOT_ASSESSED, -1, 0, 0]);
  });
});

describe("500 m grid", () => {
  it("every cell is at least 500 m on each side across Lima and Callao's latitudes", () => {
    for (let lat = -12.6; lat <= -11.5; lat += 0.01) {
      const c = gridCellMeters(lat);
      expect(c.northSouth).toBeGreaterThanOrEqual(NEAR_DISTANCE_M);
      expect(c.eastWest).toBeGreaterThanOrEqual(NEAR_DISTANCE_M);
    }
  });
});

describe("zone boundary files", () => {
  const sq = [
    [-77.0, -12.0],
    [-76.99, -12.0],
    [-76.99, -11.99],
    [-77.0, -12.0],
  ];
  const coll = (geometry: unknown, properties: unknown = { ubigeo: "150132" }) =>
    JSON.stringify({ type: "FeatureCollection", features: [{ type: "Feature", properties, geometry }] });
  const errKey = (text: string) => {
    const r = parseBoundaryCollection(text);
    return r.ok ? "ok" : r.error.key.replace("map.import.errors.", "");
  };

  it("accepts the shared Lima–Callao district file: 47 polygons with their UBIGEO", () => {
    const text = readFileSync(path.resolve("tests/fixtures/lima-callao-districts.geojson"), "utf8");
    const r = parseBoundaryCollection(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.features).toHaveLength(47);
    expect(r.features.find((f) => f.ubigeo === "150132")?.name).toBe("San Juan de Lurigancho");
  });

  it("names the problem of a broken file", () => {
    expect(errKey("{")).toBe("notJson");
    expect(errKey(JSON.stringify({ type: "FeatureCollection", features: [] }))).toBe("noFeatures");
    expect(errKey(JSON.stringify([1]))).toBe("notFeatureCollection");
    expect(errKey(coll({ type: "LineString", coordinates: sq }))).toBe("badGeometryType");
    expect(errKey(coll(null))).toBe("missingGeometry");
    expect(errKey(coll({ type: "Polygon", coordinates: [sq.slice(0, 3).concat([[-77.0, -11.99]])] }))).toBe("ringNotClosed");
    expect(errKey(coll({ type: "Polygon", coordinates: [sq.map(([x, y]) => [y, x])] }))).toBe("swappedCoordinates");
    expect(errKey(coll({ type: "Polygon", coordinates: [sq.map(([x, y]) => [x! + 10, y])] }))).toBe("outsideLima");
    expect(errKey(coll({ type: "Polygon", coordinates: [sq.map(([x]) => [x, Number.NaN])] }))).toBe("badPosition");
    expect(errKey(coll({ type: "Polygon", coordinates: [[]] }))).toBe("ringTooShort");
    expect(errKey(coll({ type: "MultiPolygon", coordinates: [] }))).toBe("ringTooShort");
    expect(errKey(coll({ type: "Polygon", coordinates: [sq] }))).toBe("ok");
  });

  it("keeps UBIGEO codes given as numbers and drops altitudes", () => {
    const r = parseBoundaryCollection(coll({ type: "Polygon", coordinates: [sq.map(([x, y]) => [x, y, 150])] }, { ubigeo: 70101 }));
    expect(r.ok && r.features[0]!.ubigeo).toBe("070101");
    expect(r.ok && r.features[0]!.geometry.coordinates[0]![0]).toEqual([-77.0, -12.0]);
  });

  it("matches zone names ignoring case, accents and the 'Red zonal' prefix", () => {
    expect(normalizeZoneName("Red zonal  Rímac")).toBe("rimac");
    expect(normalizeZoneName("RIMAC")).toBe("rimac");
    expect(normalizeZoneName("Red Zonal de Ate")).toBe("ate");
  });
});

describe("CSV cells", () => {
  it("neutralises formula starts and leaves other text alone", () => {
    for (const s of ["=1+1", "+51 999", "-2", "@SUM(A1)", "\tx", "\rx"]) expect(spreadsheetSafe(s)).toBe(`'${s}`);
    for (const s of ["Olla Común", "", "1=1", "a-b"]) expect(spreadsheetSafe(s)).toBe(s);
  });
});

describe("markers do not cover each other (axe target-size: 24 px apart at least)", () => {
  /** Web-Mercator pixels at a zoom, as Leaflet places its markers (256-px tiles). */
  const px = (lat: number, lng: number, z: number) => {
    const size = 256 * 2 ** z;
    const sin = Math.sin((lat * Math.PI) / 180);
    return [((lng + 180) / 360) * size, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size] as const;
  };
  for (const seed of [1, 7, 42]) {
    it(`10,000 ollas spread like Lima's (seed ${seed}), zoom 9 to 16`, () => {
      let s = seed;
      const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const points = Array.from({ length: 10_000 }, (_, i) => ({
        id: String(i),
        lat: -12.4 + rnd() * 0.7 * rnd() + 0.2 * rnd(),
        lng: -77.2 + rnd() * 0.5,
        worstLevel: 1 as const,
        worstCategory: null,
        urgent: false,
        exact: false,
      }));
      const index = buildClusterIndex(points);
      for (let z = 9; z <= CLUSTER_MAX_ZOOM; z++) {
        const a = clustersFor(index, { west: -77.4, south: -12.6, east: -76.5, north: -11.5 }, z);
        const xy = [...a.clusters.map((c) => px(c[0], c[1], z)), ...a.points.map((p) => px(p[1], p[2], z))];
        let min = Infinity;
        for (let i = 0; i < xy.length; i++) for (let j = i + 1; j < xy.length; j++) min = Math.min(min, Math.hypot(xy[i]![0] - xy[j]![0], xy[i]![1] - xy[j]![1]));
        expect(min, `zoom ${z}`).toBeGreaterThanOrEqual(24);
      }
    });
  }
});

describe("the server-drawn map's base tiles (src/components/map)", () => {
  it("are the tiles that meet the box's central 320 px at any centre, where Leaflet puts them", async () => {
    const { centralTiles, worldPixel } = await import("~/components/map/symbols");
    fc.assert(
      fc.property(fc.double({ min: -12.4, max: -11.7, noNaN: true }), fc.double({ min: -77.3, max: -76.7, noNaN: true }), fc.integer({ min: 8, max: 16 }), (lat, lng, zoom) => {
        const tiles = centralTiles({ lat, lng }, zoom, { width: 320, height: 320 });
        const c = worldPixel(lat, lng, zoom);
        // Every pixel of the central box lies in exactly one of them, and each of them meets the box.
        expect(tiles.length).toBeGreaterThanOrEqual(4);
        expect(tiles.length).toBeLessThanOrEqual(9);
        for (const t of tiles) {
          expect(t.left).toBeCloseTo(t.x * 256 - c.x, 6);
          expect(t.left).toBeLessThan(160);
          expect(t.left + 256).toBeGreaterThan(-160);
          expect(t.top).toBeLessThan(160);
          expect(t.top + 256).toBeGreaterThan(-160);
        }
        for (const [dx, dy] of [[-160, -160], [159, 159], [0, 0], [-160, 159]] as const) {
          expect(tiles.filter((t) => t.left <= dx && dx < t.left + 256 && t.top <= dy && dy < t.top + 256)).toHaveLength(1);
        }
      }),
    );
  });

  it("ask for the URLs Leaflet asks for, and credit the tiles in plain text", async () => {
    const { tileUrl } = await import("~/components/map/tiles");
    const { attributionText } = await import("~/components/map/map-preview");
    expect(tileUrl(10, 292, 546, "https://{s}.tile.example.org/{z}/{x}/{y}{r}.png")).toBe("https://b.tile.example.org/10/292/546.png") // Leaflet: "abc"[(x + y) % 3];
    expect(tileUrl(10, 293, 546, "https://{s}.tile.example.org/{z}/{x}/{y}.png")).toBe("https://c.tile.example.org/10/293/546.png");
    expect(attributionText('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors')).toBe("© OpenStreetMap contributors");
  });
});
