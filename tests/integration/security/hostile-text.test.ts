/**
 * Hostile text in the open-data exports (issue item 4, the non-browser half): the
 * corpus of script, markup, unicode and spreadsheet-formula strings goes through the
 * real procedures into every free-text field that the exports publish (olla names,
 * public needs' descriptions and units); every CSV export (found on disk) is parsed and
 * no cell may start a formula, while the hostile values are still there as text.
 * Browser rendering of the same corpus: tests/e2e/security.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../helpers/db";
import { buildWorld, type World } from "../../helpers/world";
import { HOSTILE, isFormulaCell, parseCsv } from "../../security/hostile";
import { apiRouteFiles, getRoute, useTestDbInApp } from "../../security/http";

let t: TestDb;
let w: World;
const stored: string[] = [];
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  useTestDbInApp(t);
  const { profile } = await w.caller("city").olla.get({ ollaId: w.ollas.a });
  const { id: _i, version: _v, updatedAt: _u, publicLocation: _p, ...base } = profile;
  for (const [i, text] of HOSTILE.entries()) {
    const created = await w.caller("city").olla.create({
      ...base,
      cookingDays: base.cookingDays as never,
      name: text.length >= 2 ? text : `${text} olla`,
      addressReference: text,
      contactName: text,
      location: { lat: -12.0 - i * 0.002, lng: -77.0 },
    });
    stored.push(created.name);
  }
  for (const text of HOSTILE) {
    await w.caller("delegateA").need.create({
      ollaId: w.ollas.a,
      idempotencyKey: crypto.randomUUID(),
      category: "other",
      description: text.length >= 3 ? text : `${text} necesidad`,
      quantity: text.length <= 20 ? 1 : null,
      unit: text.length <= 20 ? text : null,
      urgency: "high",
      visibility: "public",
    });
  }
});
afterAll(async () => t?.close());

describe("hostile text in the CSV exports", () => {
  it("no cell of any CSV export starts a formula, and the hostile values are still there as text", async () => {
    const csvRoutes = apiRouteFiles().filter((r) => r.urlPath.endsWith(".csv"));
    expect(csvRoutes.length).toBeGreaterThan(0);
    const formulas: string[] = [];
    let cells = 0;
    const allCells = new Set<string>();
    for (const route of csvRoutes) {
      const res = await getRoute(route, route.urlPath, {});
      expect(res.status, route.urlPath).toBe(200);
      expect(res.headers.get("content-type") ?? "", route.urlPath).toMatch(/^text\/csv/);
      for (const row of parseCsv(res.text)) {
        for (const cell of row) {
          cells++;
          allCells.add(cell);
          if (isFormulaCell(cell)) formulas.push(`${route.urlPath}: ${JSON.stringify(cell)}`);
        }
      }
    }
    // The corpus really reached the exports (as text, perhaps behind a neutralising apostrophe).
    const missing = stored.filter((name) => !allCells.has(name) && !allCells.has(`'${name}`));
    console.info(`csv: ${cells} cells over ${csvRoutes.length} CSV exports (${csvRoutes.map((r) => r.urlPath).join(", ")}), ${formulas.length} start a formula; ${HOSTILE.length} hostile strings, ${stored.length - missing.length} found as text`);
    expect(formulas).toEqual([]);
    expect(missing).toEqual([]);
  });

  it("the GeoJSON export stays valid JSON whatever the names hold", async () => {
    for (const route of apiRouteFiles().filter((r) => r.urlPath.endsWith(".geojson"))) {
      const res = await getRoute(route, route.urlPath, {});
      const fc = JSON.parse(res.text) as { features: { properties: { name: string } }[] };
      const names = new Set(fc.features.map((f) => f.properties.name));
      expect(stored.filter((n) => !names.has(n))).toEqual([]);
    }
  });
});
