import { readFileSync } from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { translate } from "~/i18n/translate";
import { auditLog, zones } from "~/server/db/schema";
import { distanceMeters } from "~/server/domain/location";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { assess, insertOlla } from "./map-fixtures";

const DISTRICTS_FILE = path.resolve("tests/fixtures/lima-callao-districts.geojson");

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  await assess(t.db, w.ollas.a, { water: 0, storage: 1 });
  await assess(t.db, w.ollas.b, { water: 1 });
  await assess(t.db, w.ollas.b, { water: 2 }, "2026-01-20"); // latest wins
  await assess(t.db, w.ollas.c, { water: 3 });
});
afterAll(async () => t?.close());

const boundaryCount = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(zones).where(isNotNull(zones.boundary)))[0]!.n;
const importAudits = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, "importBoundary")))[0]!.n;

describe("coordinator layer: state of a category per zone", () => {
  it("counts the latest state of the chosen category per zone, within the coordinator's scope only", async () => {
    const north = await w.caller("zoneNorth").map.zoneLayer({ category: "water" });
    expect(north.map((z) => z.id)).toEqual([w.zones.north]);
    expect(north[0]).toMatchObject({ total: 2, levels: [1, 0, 1, 0], notAssessed: 0 });
    const storage = await w.caller("zoneNorth").map.zoneLayer({ category: "storage" });
    expect(storage[0]).toMatchObject({ total: 2, levels: [0, 1, 0, 0], notAssessed: 1 });

    const city = await w.caller("city").map.zoneLayer({ category: "water" });
    expect(city.map((z) => z.id).sort()).toEqual([w.zones.north, w.zones.south].sort());
    expect(city.find((z) => z.id === w.zones.south)).toMatchObject({ total: 1, levels: [0, 0, 0, 1] });

    const byDistrict = await w.caller("zoneSouth").map.zoneLayer({ category: "water", groupBy: "district" });
    expect(byDistrict).toEqual([expect.objectContaining({ id: "150142", total: 1, levels: [0, 0, 0, 1] })]);
  });

  it("is refused to anyone who does not coordinate", async () => {
    await expect(w.caller("delegateA").map.zoneLayer({ category: "water" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(w.caller("anon").map.nearPairs({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("zone boundary import", () => {
  const file = () => readFileSync(DISTRICTS_FILE, "utf8");

  const square = (lng: number, lat: number, d = 0.01) => [
    [
      [lng, lat],
      [lng + d, lat],
      [lng + d, lat + d],
      [lng, lat + d],
      [lng, lat],
    ],
  ];
  const fc1 = (...features: unknown[]) => JSON.stringify({ type: "FeatureCollection", features });
  const feat = (ubigeo: string, geometry: unknown) => ({ type: "Feature", properties: { ubigeo }, geometry });
  const good = feat("150132", { type: "Polygon", coordinates: square(-77.0, -12.0) });

  it("refuses broken files with a clear translated error and writes nothing", async () => {
    const cases: [string, string][] = [
      ["not json {", "is not valid JSON"],
      [JSON.stringify({ type: "Feature", geometry: null }), "FeatureCollection"],
      [fc1(), "has no features"],
      [fc1(good, feat("150142", { type: "Point", coordinates: [-76.95, -12.2] })), 'Feature 2 is a "Point"'],
      [fc1(good, feat("150142", { type: "Polygon", coordinates: [square(-76.95, -12.2)[0]!.slice(0, 4)] })), "Feature 2 has an open ring"],
      [fc1(good, feat("150142", { type: "Polygon", coordinates: [[[-76.95, -12.2], [-76.94, -12.2], [-76.95, -12.2]]] })), "fewer than 4 points"],
      [fc1(good, feat("150142", { type: "Polygon", coordinates: square(-71.5, -16.4) })), "outside Lima and Callao"],
      [fc1(good, feat("150142", { type: "Polygon", coordinates: [square(-76.95, -12.2)[0]!.map(([x, y]) => [y, x])] })), "swapped"],
      [fc1(good, feat("150142", { type: "Polygon", coordinates: [[["a", "b"], [1, 2], [3, 4], ["a", "b"]]] })), "not a pair of numbers"],
      [fc1(good, feat("150142", { type: "MultiPolygon", coordinates: [square(-76.95, -12.2), [[[-76.9, -12.2], [-76.89, -12.2], [-76.9, -12.19], [-76.91, -12.2]]]] })), "open ring"],
      [fc1(good, { ...good, properties: { ubigeo: "150132" } }), "Features 1 and 2 match the same zone"],
      [fc1(feat("999999", { type: "Polygon", coordinates: square(-77.0, -12.0) })), "No feature matches a zone of your scope"],
    ];
    for (const [geojson, message] of cases) {
      const err = (await w
        .caller("city", "en")
        .map.importBoundaries({ geojson, matchBy: "ubigeo" })
        .catch((e: unknown) => e)) as TRPCError;
      expect(err, geojson.slice(0, 60)).toBeInstanceOf(TRPCError);
      expect(err.code).toBe("BAD_REQUEST");
      expect(err.message).toMatch(/^map\.import\.errors\./);
      expect(translated(err), geojson.slice(0, 60)).toContain(message);
    }
    // Too large: refused by the input schema before parsing.
    await expect(w.caller("city").map.importBoundaries({ geojson: " ".repeat(5_000_001) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await boundaryCount()).toBe(0);
    expect(await importAudits()).toBe(0);
  });

  it("accepts the shared Lima–Callao district file, for the zones of the coordinator's scope only", async () => {
    const north = await w.caller("zoneNorth").map.importBoundaries({ geojson: file(), matchBy: "ubigeo" });
    expect(north.updated.map((z) => z.id)).toEqual([w.zones.north]);
    expect(north.unmatched).toBe(46);
    expect(await boundaryCount()).toBe(1);

    const city = await w.caller("city").map.importBoundaries({ geojson: file() });
    expect(city.updated.map((z) => z.id).sort()).toEqual([w.zones.north, w.zones.south].sort());
    expect(city.unmatched).toBe(45);
    const layer = await w.caller("city").map.zoneLayer({ category: "water" });
    const sjl = layer.find((z) => z.id === w.zones.north)!;
    expect(sjl.boundary?.type).toBe("Polygon");
    const ring = (sjl.boundary as { coordinates: number[][][] }).coordinates[0]!;
    expect(ring[0]).toEqual(ring.at(-1));
    expect(ring[0]![0]).toBeLessThan(-76); // [lng, lat]
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "importBoundary"), eq(auditLog.entityId, w.zones.south)));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.actorUserId).toBe(w.userIds.city);

    // District grouping draws the boundary of that district's zone.
    const byDistrict = await w.caller("city").map.zoneLayer({ category: "water", groupBy: "district" });
    expect(byDistrict.find((d) => d.id === "150132")!.boundary?.type).toBe("Polygon");
  });

  it("matches by zone name too, ignoring case, accents and the 'Red zonal' prefix", async () => {
    await t.db.insert(zones).values({ name: "Red zonal Rímac (prueba)", districtUbigeo: "150128" });
    const named = fc1({ type: "Feature", properties: { name: "rimac (PRUEBA)" }, geometry: { type: "Polygon", coordinates: square(-77.04, -12.03) } });
    const r = await w.caller("city").map.importBoundaries({ geojson: named, matchBy: "name" });
    expect(r.updated.map((z) => z.name)).toEqual(["Red zonal Rímac (prueba)"]);
  });
});

describe("coordinator layer: ollas closer than 500 m", () => {
  it("finds exactly the pairs under 500 m on a hand-made case, across grid-cell edges, in scope only", async () => {
    // A small zone of our own, in San Juan de Miraflores, where nothing else stands.
    const [z] = await t.db.insert(zones).values({ name: "Zona pares (prueba)", districtUbigeo: "150133" }).returning({ id: zones.id });
    const base = { zoneId: z!.id, district: "150133" };
    const lat0 = -12.155; // exactly on a 0.005° grid line
    const lng0 = -76.97;
    const mLat = 1 / 111_195; // degrees per metre north–south
    const mLng = 1 / (111_195 * Math.cos((lat0 * Math.PI) / 180));
    const p1 = await insertOlla(t.db, { ...base, name: "P1", lat: lat0 + 10 * mLat, lng: lng0 });
    const p2 = await insertOlla(t.db, { ...base, name: "P2 (450 m al sur, otra celda)", lat: lat0 - 440 * mLat, lng: lng0 });
    const p3 = await insertOlla(t.db, { ...base, name: "P3 (520 m al este)", lat: lat0 + 10 * mLat, lng: lng0 + 520 * mLng });
    await insertOlla(t.db, { ...base, name: "P4 cerrada (100 m)", lat: lat0 + 110 * mLat, lng: lng0, status: "closed" });
    const p5 = await insertOlla(t.db, { ...base, name: "P5 (490 m al oeste, en diagonal de celda)", lat: lat0 + 10 * mLat, lng: lng0 - 490 * mLng });

    const r = await w.caller("city").map.nearPairs({ zoneId: z!.id });
    const pairs = r.pairs.map((p) => [p.a.id, p.b.id].sort().join("+")).sort();
    expect(pairs).toEqual([[p1, p2].sort().join("+"), [p1, p5].sort().join("+")].sort());
    expect(r.total).toBe(2);
    for (const p of r.pairs) {
      expect(p.distanceM).toBeLessThan(500);
      expect(Math.abs(p.distanceM - distanceMeters(p.a, p.b))).toBeLessThan(1);
    }
    expect(r.pairs.map((p) => p.a.id).concat(r.pairs.map((p) => p.b.id))).not.toContain(p3);
    // Exact points (coordinators see them for their scope).
    const withP1 = r.pairs.find((p) => p.a.id === p1 || p.b.id === p1)!;
    expect((withP1.a.id === p1 ? withP1.a : withP1.b).lat).toBe(lat0 + 10 * mLat);

    // A zone coordinator of another zone sees none of them.
    const south = await w.caller("zoneSouth").map.nearPairs({ zoneId: z!.id });
    expect(south.total).toBe(0);
  });

  it("agrees with a brute-force haversine over random points (the grid never misses a pair)", async () => {
    const [z] = await t.db.insert(zones).values({ name: "Zona aleatoria (prueba)", districtUbigeo: "150103" }).returning({ id: zones.id });
    const pts = fc.sample(fc.record({ lat: fc.double({ min: -12.08, max: -12.04, noNaN: true }), lng: fc.double({ min: -76.98, max: -76.94, noNaN: true }) }), { numRuns: 120, seed: 42 });
    const ids: string[] = [];
    for (const [i, p] of pts.entries()) ids.push(await insertOlla(t.db, { zoneId: z!.id, district: "150103", name: `R${i}`, lat: p.lat, lng: p.lng }));
    const expected: string[] = [];
    for (let i = 0; i < pts.length; i++)
      for (let j = i + 1; j < pts.length; j++) if (distanceMeters(pts[i]!, pts[j]!) < 500) expected.push([ids[i], ids[j]].sort().join("+"));
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.length).toBeLessThan(1000); // all fit in one answer
    const r = await w.caller("city").map.nearPairs({ zoneId: z!.id });
    expect(r.total).toBe(expected.length);
    expect(r.pairs.map((p) => [p.a.id, p.b.id].sort().join("+")).sort()).toEqual(expected.sort());
  });
});

/** The message the client sees: the AppError's key and parameters, translated. */
function translated(err: TRPCError): string {
  const cause = err.cause as { key?: string; params?: Record<string, string | number> } | undefined;
  return translate("en", cause?.key ?? err.message, cause?.params);
}
