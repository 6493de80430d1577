import { expect, failOnDialogs, test } from "./fixtures";

// Runs at 360 × 740 (the phone-360 project): the map, its filters, the list and the panel fit a cheap phone.
test("on a 360 px phone: filter, see the count, switch to the list and open an olla", async ({ page }) => {
  const dialogs = failOnDialogs(page);
  await page.goto("/mapa");
  const map = page.getByTestId("map-box");
  await expect(map.locator('[data-kind="cluster"]').first()).toBeVisible();
  const box = (await map.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(360);
  expect(box.height).toBeGreaterThanOrEqual(320);
  // Nothing wider than the screen: no sideways scrolling.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The map comes first; the filters fold into a sheet behind one button, the active ones show as chips.
  expect(box.y).toBeLessThan(300);
  await expect(page.getByLabel("Solo con necesidades urgentes públicas")).toBeHidden();
  await page.getByRole("button", { name: "Filtros" }).click();
  await page.getByLabel("Solo con necesidades urgentes públicas").check();
  await expect(page.getByTestId("filter-chips").getByRole("button", { name: "Quitar filtro: Solo con necesidades urgentes públicas" })).toBeVisible();
  await expect(page.getByTestId("map-count")).toHaveText(/^\d+ ollas? coinciden?$/);
  const count = Number(/\d+/.exec((await page.getByTestId("map-count").textContent())!)![0]);
  await page.getByRole("button", { name: "Lista", exact: true }).click();
  await expect(page.getByTestId("map-list-item")).toHaveCount(Math.min(count, 50));
  await expect(page.getByTestId("map-list-item").first()).toContainText(/con necesidades urgentes públicas/i);
  await page.getByTestId("map-list-item").first().getByRole("button", { name: "Ver en el mapa" }).click();
  await expect(page.getByTestId("panel-needs")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(dialogs).toEqual([]);
});

// On a slow phone the page's JavaScript takes seconds: the server draws the first picture of the
// map into the HTML, with every olla of the city in it, and Leaflet's markers replace it.
test("before its JavaScript arrives, the map already shows the city's ollas, drawn by the server", async ({ page }) => {
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("/mapa", { waitUntil: "commit" });
  const preview = page.getByTestId("map-preview");
  await expect(preview.locator(".map-preview-marker").first()).toBeVisible();
  // A picture for the eyes only: the count and the list are the accessible way in.
  await expect(preview).toHaveAttribute("aria-hidden", "true");
  await expect(page.getByTestId("map-count")).toHaveText(/^\d+ ollas coinciden$/);
  const total = Number(/\d+/.exec((await page.getByTestId("map-count").textContent())!)![0]);
  const drawn = await preview.evaluate((el) => {
    let n = 0;
    el.querySelectorAll<HTMLElement>(".map-preview-marker").forEach((m) => (n += m.classList.contains("cluster-marker") ? Number(m.textContent?.replace(/\D/g, "")) : 1));
    return n;
  });
  expect(drawn).toBe(total);
  expect(await page.locator(".leaflet-container").count()).toBe(0);
  // The base map's tiles too, in the HTML: where Leaflet will draw them, and only ones it will draw.
  const rects = (sel: string) =>
    page.locator(sel).evaluateAll((els) => els.map((e) => ({ src: e.getAttribute("src")!, ...e.getBoundingClientRect().toJSON() }) as { src: string; left: number; top: number }));
  const previewTiles = await rects(".map-preview-tile");
  expect(previewTiles.length).toBeGreaterThanOrEqual(4);

  release();
  const map = page.getByTestId("map-box");
  await expect(map.locator('[data-kind="cluster"]').first()).toBeVisible();
  await expect(preview).toHaveCount(0);
  const leafletTiles = await rects(".leaflet-tile");
  for (const t of previewTiles) {
    const same = leafletTiles.find((l) => l.src === t.src);
    expect(same, `Leaflet draws ${t.src} too`).toBeDefined();
    expect(Math.abs(same!.left - t.left)).toBeLessThanOrEqual(1);
    expect(Math.abs(same!.top - t.top)).toBeLessThanOrEqual(1);
  }
});
