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

  await page.getByLabel("Solo con necesidades urgentes públicas").check();
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
