import { check } from "@placemarkio/check-geojson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvResponse, geojsonResponse } from "~/server/open-data/ollas";
import { CSV_COLUMNS } from "~/server/domain/map";
import { distanceMeters } from "~/server/domain/location";
import { MAX_OFFSET_M } from "~/server/domain/public-point";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, CANARY, type World } from "../helpers/world";
import { addNeed, assess, insertOlla } from "./map-fixtures";

let t: TestDb;
let w: World;
const extra: string[] = [];
const ORIGIN = "https://ollas.example";
const SECRETS = [
  CANARY.addressA,
  CANARY.contactNameA,
  CANARY.contactPhoneA,
  CANARY.contactPhoneA.slice(3),
  CANARY.delegateAName,
  CANARY.delegateAPhone,
  String(CANARY.latA).replace("-", ""),
  String(CANARY.lngA).replace("-", ""),
  "CANARYNET",
  "CANARYEXTRA",
];

beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  await assess(t.db, w.ollas.a, { water: 0, storage: 0, cooking: 2 });
  await addNeed(t.db, w.ollas.a, { urgency: "high" });
  await addNeed(t.db, w.ollas.b, { urgency: "critical", visibility: "network", description: "CANARYNET privado" });
  // More ollas than one page, some with exact private values of their own; a closed one; a hostile name.
  for (let i = 0; i < 7; i++) {
    extra.push(
      await insertOlla(t.db, {
        zoneId: w.zones.south,
        district: "150142",
        name: i === 0 ? '=HYPERLINK("http://evil.example","x")' : i === 1 ? "+SUM(A1:A2)" : `Olla Extra ${i}`,
        lat: -12.21 + i * 0.003123,
        lng: -76.94 + i * 0.002971,
        addressReference: `CANARYEXTRA calle ${i}`,
        contactPhone: `+5198765${String(4000 + i)}`,
        status: i === 6 ? "closed" : i === 5 ? "paused" : "active",
      }),
    );
  }
});
afterAll(async () => t?.close());

const anon = (route: string) => new Request(`${ORIGIN}/api/public/v1/${route}`);

/** Reads a streamed body chunk by chunk (as a client would), counting the chunks. */
async function readStream(res: Response): Promise<{ text: string; chunks: number }> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let text = "";
  let chunks = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks++;
    text += dec.decode(value, { stream: true });
  }
  return { text: text + dec.decode(), chunks };
}

describe("open-data exports", () => {
  it("GeoJSON: a valid RFC 7946 FeatureCollection of the non-closed ollas, [lng, lat], streamed page by page", async () => {
    const res = await geojsonResponse(anon("ollas.geojson"), t.db, ORIGIN, 3);
    expect(res.headers.get("content-type")).toBe("application/geo+json; charset=utf-8");
    const { text, chunks } = await readStream(res);
    expect(chunks).toBeGreaterThanOrEqual(4); // head + 3 pages of 3 (9 rows) + tail: not one buffered document
    const doc = check(text) as GeoJSON.FeatureCollection<GeoJSON.Point>; // throws on any RFC 7946 issue
    expect(doc.type).toBe("FeatureCollection");
    const ids = doc.features.map((f) => f.properties!.id as string);
    expect(ids.sort()).toEqual([w.ollas.a, w.ollas.b, w.ollas.c, ...extra.slice(0, 6)].sort());
    for (const f of doc.features) {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      expect(lng).toBeLessThan(-76.5);
      expect(lat).toBeGreaterThan(-12.6);
    }
    const a = doc.features.find((f) => f.properties!.id === w.ollas.a)!;
    expect(a.properties).toMatchObject({
      name: "Olla A Virgen de Guadalupe",
      location_precision: "approximate",
      worst_state: "critical",
      worst_categories: ["water", "storage"],
      urgent_public_needs: true,
      url: `${ORIGIN}/ollas/${w.ollas.a}`,
    });
    const [lng, lat] = a.geometry.coordinates as [number, number];
    const d = distanceMeters({ lat: CANARY.latA, lng: CANARY.lngA }, { lat, lng });
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThanOrEqual(MAX_OFFSET_M);
    expect(doc.features.find((f) => f.properties!.id === w.ollas.b)!.properties!.urgent_public_needs).toBe(false);
  });

  it("CSV: the same rows, a header, and text cells that a spreadsheet will not run as formulas", async () => {
    const res = await csvResponse(anon("ollas.csv"), t.db, ORIGIN, 4);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const { text } = await readStream(res);
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(1 + 9);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(text).toContain("'+SUM(A1:A2)");
    expect(text).not.toMatch(/(^|,)"?[=+@]/m);
    // Numbers keep their sign: a negative latitude is a number, not text to neutralise.
    const aLine = lines.find((l) => l.startsWith(w.ollas.a))!;
    expect(aLine).toMatch(/,-12\.\d+,-77\.\d+,approximate,/);
  });

  it("neither export carries an exact coordinate or a private value", async () => {
    const text = (await readStream(await geojsonResponse(anon("ollas.geojson"), t.db, ORIGIN, 2))).text + (await readStream(await csvResponse(anon("ollas.csv"), t.db, ORIGIN, 2))).text;
    expect(text).toContain("Olla Extra 2");
    for (const s of SECRETS) expect(text, s).not.toContain(s);
    // The extra ollas' exact points (6 decimals) never appear either.
    for (let i = 0; i < 6; i++) {
      const lat = (-12.21 + i * 0.003123).toFixed(6).replace(/0+$/, "");
      if (lat.split(".")[1]!.length > 4) expect(text).not.toContain(lat.replace("-", ""));
    }
  });
});
