import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { closeOllas, DEMO, expect, failOnDialogs, myOllaId, signedIn, test, trpcMutation, trpcQuery } from "./fixtures";

const HOSTILE = "<img src=x onerror=alert(1)>";
const DISTRICTS_FILE = path.resolve("tests/fixtures/lima-callao-districts.geojson");

/** "123 ollas coinciden" → 123 */
async function shownCount(page: Page): Promise<number> {
  const status = page.getByTestId("map-count");
  await expect(status).toHaveText(/\d+ olla|Ninguna olla/);
  const m = /(\d+)/.exec((await status.textContent()) ?? "");
  return m ? Number(m[1]) : 0;
}

/** Ollas drawn on the map: each cluster's number plus each single marker. */
async function drawnCount(map: Locator): Promise<number> {
  return map.evaluate((el) => {
    let n = 0;
    el.querySelectorAll<HTMLElement>("[data-kind]").forEach((m) => (n += m.dataset.kind === "cluster" ? Number(m.dataset.count) : 1));
    return n;
  });
}

test("the public map: markers and clusters, a filter changes the count, the list matches the map", async ({ page }) => {
  const dialogs = failOnDialogs(page);
  await page.goto("/");
  await page.getByTestId("home-map-link").click();
  await expect(page).toHaveURL(/\/mapa$/);
  await expect(page.getByRole("heading", { level: 1, name: "Mapa de las ollas" })).toBeVisible();
  const map = page.getByTestId("map-box");

  // Clusters with counts, and the counts add up to the ollas that match (all of Lima is in view).
  await expect(map.locator('[data-kind="cluster"]').first()).toBeVisible();
  const all = await shownCount(page);
  expect(all).toBeGreaterThan(100);
  await expect.poll(() => drawnCount(map)).toBe(all);
  await expect(page.getByTestId("map-legend")).toContainText("Crítico");

  // A district filter changes the count and what is drawn.
  await page.getByLabel("Distrito").selectOption({ label: "Chorrillos" });
  await expect(page.getByTestId("map-count")).not.toHaveText(`${all} ollas coinciden`);
  const chorrillos = await shownCount(page);
  expect(chorrillos).toBeGreaterThan(0);
  expect(chorrillos).toBeLessThan(all);
  await expect.poll(() => drawnCount(map)).toBe(chorrillos);

  // The list shows the same ollas.
  await page.getByRole("button", { name: "Lista", exact: true }).click();
  await expect(page.getByTestId("map-list-item")).toHaveCount(chorrillos);
  expect(await shownCount(page)).toBe(chorrillos);

  // A problem + state filter: water critical, city-wide.
  await page.getByRole("button", { name: "Mapa", exact: true }).click();
  await page.getByLabel("Distrito").selectOption({ label: "Todos los distritos" });
  await page.getByLabel("Problema", { exact: true }).selectOption({ label: "Agua" });
  // The count must be the answer to the last filter (water AND critical), not to water alone.
  const answered = page.waitForResponse((r) => r.url().includes("map.clusters") && decodeURIComponent(r.url()).includes('"level":0'));
  await page.getByLabel("Estado", { exact: true }).selectOption({ label: "Crítico" });
  await answered;
  await expect(page.getByTestId("map-count")).not.toHaveText(`${all} ollas coinciden`);
  const water = await shownCount(page);
  expect(water).toBeLessThan(all);
  await expect.poll(() => drawnCount(map)).toBe(water);
  // Every olla listed is critical in water (a word and a symbol, not colour alone).
  await page.getByRole("button", { name: "Lista", exact: true }).click();
  const items = page.getByTestId("map-list-item");
  await expect(items).toHaveCount(Math.min(water, 50));
  await expect(items.first().locator("[data-level]")).toHaveAttribute("data-level", "0");
  expect(dialogs).toEqual([]);
});

test("a list read that fails never shows the previous filter's list as its answer, and Reintentar loads it", async ({ page }) => {
  await page.goto("/mapa");
  await page.getByRole("button", { name: "Lista", exact: true }).click();
  await page.getByLabel("Distrito").selectOption({ label: "Chorrillos" });
  const items = page.getByTestId("map-list-item");
  const chorrillos = await shownCount(page);
  await expect(items).toHaveCount(Math.min(chorrillos, 50));
  const chorrillosIds = await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-olla-id")));

  // The line drops for the next read: the water filter's list never arrives.
  let failing = true;
  await page.route(/map\.list/, (route) => (failing && decodeURIComponent(route.request().url()).includes('"category":"water"') ? route.abort("internetdisconnected") : route.fallback()));
  await page.getByLabel("Problema", { exact: true }).selectOption({ label: "Agua" });
  const error = page.getByTestId("map-error");
  await expect(error.getByRole("alert")).toHaveText("No hay conexión. Revisa tu señal e inténtalo de nuevo.");
  // Neither Chorrillos' ollas nor their count stand in for the water filter's answer.
  await expect(items).toHaveCount(0);
  await expect(page.getByTestId("map-count")).not.toContainText(String(chorrillos));

  failing = false;
  await error.getByRole("button", { name: "Reintentar" }).click();
  await expect(error).toBeHidden();
  const water = await shownCount(page);
  expect(water).toBeLessThanOrEqual(chorrillos);
  await expect(items).toHaveCount(Math.min(water, 50));
  // The list answers both filters: every olla in it is one of Chorrillos' ollas.
  const waterIds = await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-olla-id")));
  if (chorrillos <= 50) for (const id of waterIds) expect(chorrillosIds).toContain(id);
});

test("a map read that fails leaves no earlier filter's markers or count standing, and Reintentar draws the answer", async ({ page }) => {
  await page.goto("/mapa");
  const map = page.getByTestId("map-box");
  await expect(map.locator('[data-kind="cluster"]').first()).toBeVisible();
  const all = await shownCount(page);

  let failing = true;
  await page.route(/map\.clusters/, (route) => (failing && decodeURIComponent(route.request().url()).includes('"category":"water"') ? route.abort("internetdisconnected") : route.fallback()));
  await page.getByLabel("Problema", { exact: true }).selectOption({ label: "Agua" });
  const error = page.getByTestId("map-error");
  await expect(error.getByRole("alert")).toHaveText("No hay conexión. Revisa tu señal e inténtalo de nuevo.");
  await expect(page.getByTestId("map-count")).toHaveText("");
  await expect.poll(() => drawnCount(map)).toBe(0);

  failing = false;
  await error.getByRole("button", { name: "Reintentar" }).click();
  await expect(error).toBeHidden();
  const water = await shownCount(page);
  expect(water).toBeLessThanOrEqual(all);
  await expect.poll(() => drawnCount(map)).toBe(water);
});

test("while another filter loads, the map shows neither the last filter's count nor its markers; the one just shown from memory is not brought back", async ({ page }) => {
  await page.goto("/mapa");
  const map = page.getByTestId("map-box");
  await expect(map.locator('[data-kind="cluster"]').first()).toBeVisible();
  const all = await shownCount(page);
  // Chorrillos (read), then all of Lima again (answered from memory, no request).
  await page.getByLabel("Distrito").selectOption({ label: "Chorrillos" });
  await expect(page.getByTestId("map-count")).not.toHaveText(`${all} ollas coinciden`);
  const chorrillos = await shownCount(page);
  await expect.poll(() => drawnCount(map)).toBe(chorrillos);
  await page.getByLabel("Distrito").selectOption({ label: "Todos los distritos" });
  await expect(page.getByTestId("map-count")).toHaveText(`${all} ollas coinciden`);

  // The water filter's answer is held back: until it comes, no count and no markers stand for it.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/map\.clusters/, async (route) => {
    if (decodeURIComponent(route.request().url()).includes('"category":"water"')) await held;
    await route.fallback();
  });
  await page.getByLabel("Problema", { exact: true }).selectOption({ label: "Agua" });
  await expect(page.getByTestId("map-count")).toHaveText("Cargando…");
  await expect.poll(() => drawnCount(map)).toBe(0);
  release();
  const water = await shownCount(page);
  expect(water).toBeLessThanOrEqual(all);
  await expect.poll(() => drawnCount(map)).toBe(water);
});

test("a popup shows a hostile olla name as text, from the list and from its marker", async ({ browser }) => {
  const city = await signedIn(browser, DEMO.city);
  const zones = await trpcQuery<{ id: string; name: string; districtUbigeo: string }[]>(city.request, "reference.zones");
  const chorrillos = zones.find((z) => z.districtUbigeo === "150108")!;
  const created = await trpcMutation<{ id: string; name: string }>(city.request, "olla.create", {
    name: HOSTILE,
    districtUbigeo: "150108",
    zoneId: chorrillos.id,
    addressReference: null,
    location: { lat: -12.1723, lng: -77.0118 },
    publishExact: false,
    status: "active",
    foundedOn: null,
    cookingDays: ["mon", "wed"],
    rationsPerDay: 64,
    beneficiaries: { children: 0, olderAdults: 0, pregnantNursing: 0, disabled: 0 },
    rationPriceCents: 0,
    contactName: null,
    contactPhone: null,
  });
  expect(created.name).toBe(HOSTILE);
  await city.close();

  const anon = await browser.newContext();
  const page = await anon.newPage();
  const dialogs = failOnDialogs(page);
  await page.goto("/mapa");
  await page.getByLabel("Distrito").selectOption({ label: "Chorrillos" });
  await page.getByRole("button", { name: "Lista", exact: true }).click();
  const item = page.locator(`[data-testid="map-list-item"][data-olla-id="${created.id}"]`);
  await expect(item.getByRole("link", { name: HOSTILE })).toBeVisible();
  await item.getByRole("button", { name: "Ver en el mapa" }).click();

  const panel = page.getByTestId("olla-panel");
  await expect(panel.getByTestId("panel-name")).toHaveText(HOSTILE);
  await expect(panel.getByTestId("panel-rations")).toHaveText("64 raciones al día");
  await expect(panel.getByTestId("panel-private")).toHaveCount(0);
  await expect(panel.getByTestId("panel-public-link")).toHaveAttribute("href", `/ollas/${created.id}`);

  // From the map itself: the map moved to the olla; its own marker opens the same panel.
  await panel.getByRole("button", { name: "Cerrar" }).click();
  const marker = page.locator(`[data-olla-id="${created.id}"][data-kind="olla"]`);
  await expect(marker).toBeVisible();
  await marker.click();
  await expect(page.getByTestId("panel-name")).toHaveText(HOSTILE);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
  await anon.close();
  // The public map and lists are the demo's again for the specs that count them.
  await closeOllas(browser, [created.id]);
});

test("a delegate finds her own olla highlighted and opens any olla's public page; no exact point reaches a visitor", async ({ browser }) => {
  const delegate = await signedIn(browser, DEMO.delegateA);
  const page = await delegate.newPage();
  const ollaId = await myOllaId(delegate.request);
  const { profile } = await trpcQuery<{ profile: { location: { lat: number; lng: number } } }>(delegate.request, "olla.get", { ollaId });
  // From her home, the map opens on her olla.
  await page.goto(`/mi-olla/${ollaId}`);
  await page.getByTestId("delegate-map-link").click();
  await expect(page).toHaveURL(new RegExp(`/mapa\\?olla=${ollaId}$`));
  await expect(page.getByTestId("olla-panel")).toContainText("Esta es tu olla");
  const mine = page.locator(`[data-olla-id="${ollaId}"][data-kind="olla"]`);
  await expect(mine).toHaveAttribute("data-mine", "true");
  // And from anywhere on the map, the same button brings her back to it.
  await page.getByTestId("olla-panel").getByRole("button", { name: "Cerrar" }).click();
  await page.getByRole("button", { name: /Ir a mi olla en el mapa/ }).click();
  await expect(page.getByTestId("olla-panel")).toContainText("Esta es tu olla");
  await expect(page.getByTestId("map-legend")).toContainText("Tu olla");
  await page.getByTestId("panel-public-link").click();
  await expect(page).toHaveURL(new RegExp(`/ollas/${ollaId}$`));
  await expect(page.getByTestId("public-olla")).toBeVisible();
  await delegate.close();

  // A signed-out visitor: neither the page nor any map answer carries her exact point.
  const anon = await browser.newContext();
  const visitor = await anon.newPage();
  const bodies: string[] = [];
  visitor.on("response", async (r) => {
    if (r.url().includes("/api/trpc/map.")) bodies.push(await r.text().catch(() => ""));
  });
  const res = await visitor.goto("/mapa");
  bodies.push(await res!.text());
  await expect(visitor.locator('[data-kind="cluster"]').first()).toBeVisible();
  await visitor.getByRole("button", { name: "Lista", exact: true }).click();
  await expect(visitor.getByTestId("map-list-item").first()).toBeVisible();
  expect(bodies.length).toBeGreaterThan(2);
  const exact = [String(profile.location.lat), String(profile.location.lng)].map((s) => s.replace("-", ""));
  for (const b of bodies) for (const s of exact) expect(b).not.toContain(s);
  await anon.close();
});

test("a coordinator sees the extra layers: state per zone on imported boundaries, and ollas closer than 500 m", async ({ browser }) => {
  const ctx = await signedIn(browser, DEMO.city);
  const page = await ctx.newPage();
  const dialogs = failOnDialogs(page);
  await page.goto("/mapa");
  await page.getByRole("link", { name: "Mapa de coordinación" }).click();
  await expect(page).toHaveURL(/\/coordinacion\/mapa$/);
  const map = page.getByTestId("map-box");
  await expect(map.locator('[data-kind="cluster"]').first()).toBeVisible();

  // State of water per zone: a table at once; no boundaries drawn yet. Boundaries cannot be
  // removed through the app, and only this spec imports them: on a retry against the same
  // database they are already there, which the checks before the import allow for.
  const zonesBefore = await trpcQuery<{ hasBoundary: boolean }[]>(ctx.request, "map.zones");
  const drawnBefore = zonesBefore.filter((z) => z.hasBoundary).length;
  const layers = page.getByTestId("coord-layers");
  await layers.getByLabel("Estado de un problema por zona").selectOption({ label: "Agua" });
  await expect(layers.getByTestId("area-table").locator("tbody tr").first()).toBeVisible();
  if (drawnBefore === 0) await expect(layers.getByText("Ninguna zona tiene límites todavía")).toBeVisible();
  await expect(map.locator("path.zone-area")).toHaveCount(drawnBefore);

  // A broken file is refused with a clear message, and nothing is drawn.
  const form = page.getByTestId("boundary-import");
  await form.getByLabel("Archivo GeoJSON").setInputFiles({ name: "roto.geojson", mimeType: "application/geo+json", buffer: Buffer.from('{"type":"FeatureCollection","features":[') });
  await form.getByRole("button", { name: "Importar" }).click();
  await expect(form.getByText("El archivo no es JSON válido.")).toBeVisible();
  await expect(map.locator("path.zone-area")).toHaveCount(drawnBefore);

  // The real district file: the demo zones get their boundaries, drawn with a text label each.
  await form.getByLabel("Archivo GeoJSON").setInputFiles(DISTRICTS_FILE);
  await form.getByRole("button", { name: "Importar" }).click();
  await expect(form.getByTestId("import-done")).toContainText("Se guardaron los límites de 19 zonas");
  await expect(map.locator("path.zone-area")).toHaveCount(19);
  await expect(map.locator(".zone-label").filter({ hasText: "Red zonal San Juan de Lurigancho:" })).toBeVisible();

  // Pairs of ollas under 500 m: counted, listed and drawn.
  await layers.getByLabel("Ollas a menos de 500 m").check();
  await expect(layers.getByTestId("pairs-count")).toHaveText(/\d+ pares? de ollas a menos de 500 m/);
  await expect(map.locator("path.near-pair").first()).toBeAttached();

  // The coordinator's panel carries the private fields of an olla of her scope.
  await page.getByRole("button", { name: "Lista", exact: true }).click();
  await page.getByTestId("map-list-item").first().getByRole("button", { name: "Ver en el mapa" }).click();
  await expect(page.getByTestId("panel-private")).toBeVisible();
  expect(dialogs).toEqual([]);
  await ctx.close();
});
