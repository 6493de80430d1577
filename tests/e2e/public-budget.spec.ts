/**
 * Issue 13's weight budget for the public map: `/mapa` ships at most 200 KB gzipped of JavaScript
 * in all — its first load and the Leaflet chunks it fetches to draw the interactive map — checked on
 * the build the e2e run serves, in two ways: the bench's count (scripts/bench/lib/bundle.ts: the
 * route's first-load files + the chunks holding Leaflet), and every script a browser actually
 * fetched on a first visit until Leaflet's markers are drawn (each file gzipped at level 9, as the
 * bench counts, so the figure does not depend on the server's compression level or headers).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { firstLoadJs, leafletChunkBytes } from "../../scripts/bench/lib/bundle";

const BUDGET_KB = 200;
const DIST = process.env.NEXT_DIST_DIR ?? ".next";
const kb = (b: number) => Math.round((b / 1024) * 10) / 10;

test("the public map's JavaScript, first load and Leaflet, is at most 200 KB gzipped", async ({ page }) => {
  const route = firstLoadJs(DIST).find((r) => r.route === "/mapa");
  expect(route, "the build has a /mapa route").toBeDefined();
  const bench = route!.gzipBytes + leafletChunkBytes(DIST);

  const scripts = new Set<string>();
  page.on("response", (res) => {
    const { pathname } = new URL(res.url());
    if (res.request().resourceType() === "script" && pathname.startsWith("/_next/static/")) scripts.add(pathname);
  });
  await page.goto("/mapa");
  // Leaflet's own markers (the server-drawn preview has none of its classes): the map is interactive.
  await expect(page.getByTestId("map-box").locator(".leaflet-marker-icon").first()).toBeVisible();
  let fetched = 0;
  for (const p of scripts) fetched += gzipSync(readFileSync(path.join(DIST, p.slice("/_next/".length))), { level: 9 }).length;

  console.info(`/mapa: first load ${kb(route!.gzipBytes)} KB + Leaflet ${kb(bench - route!.gzipBytes)} KB = ${kb(bench)} KB; fetched by the browser: ${kb(fetched)} KB in ${scripts.size} files`);
  expect(kb(bench), "first load + Leaflet chunks (the bench's figure)").toBeLessThanOrEqual(BUDGET_KB);
  expect(kb(fetched), "every script fetched until Leaflet's markers are drawn").toBeLessThanOrEqual(BUDGET_KB);
});
