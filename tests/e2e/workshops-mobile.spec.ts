import { expect, test } from "@playwright/test";
import { closeOllas, DEMO, freshOlla, runStamp, signedIn, trpcQuery } from "./fixtures";

/**
 * Talleres at 360 px: the zone coordinator records a workshop with a follow-up for an olla; that
 * olla's delegate sees it on her home and, only by accepting it there, turns it into a need.
 */
test("a coordinator records a workshop with a follow-up; the delegate sees it on her home and accepts it as a need", async ({ browser }) => {
  const olla = await freshOlla(browser);
  const s = runStamp();
  const what = `Cotizar un tanque de 1100 litros ${s}`;
  const coord = await signedIn(browser, DEMO.zone);
  const page = await coord.newPage();
  const { profile } = await trpcQuery<{ profile: { zoneId: string } }>(coord.request, "olla.get", { ollaId: olla.id });

  await page.goto("/coordinacion/talleres");
  await page.getByTestId("new-workshop").click();
  await expect(page.getByRole("heading", { name: "Registrar un taller", level: 1 })).toBeVisible();
  await page.getByLabel("Zona").selectOption(profile.zoneId);
  // A refused save keeps everything she typed: no place and no olla yet.
  await page.getByLabel("Acuerdos").fill(`Comprar juntas tanques ${s}`);
  await page.getByTestId("save-workshop").click();
  await expect(page.locator("#place-error")).toHaveText("Escribe dónde fue el taller.");
  await expect(page.getByLabel("Acuerdos")).toHaveValue(`Comprar juntas tanques ${s}`);

  await page.getByLabel("Lugar").fill(`Local comunal ${s}`);
  await page.getByTestId("workshop-ollas").getByLabel(olla.name).check();
  await page.getByTestId("workshop-problems").getByLabel("Agua", { exact: true }).check();
  await page.getByTestId("problem-note-water").fill("La cisterna llega una vez por semana");
  await page.getByTestId("add-follow-up").click();
  const row = page.getByTestId("follow-up-row").first();
  await row.getByLabel("Qué se hará").fill(what);
  await row.getByLabel("Quién").selectOption(olla.id);
  await page.getByTestId("save-workshop").click();
  await expect(page.getByTestId("workshop-saved")).toBeVisible();
  const saved = page.getByTestId("workshop").filter({ hasText: `Local comunal ${s}` });
  await expect(saved).toHaveCount(1);
  await expect(saved.getByTestId("follow-up").filter({ hasText: what })).toHaveCount(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // Her dashboard: water named in a workshop beside its self-assessment, and her zone's open follow-ups.
  await page.goto(`/coordinacion/panel?zone=${profile.zoneId}`);
  const dash = page.getByTestId("workshop-dashboard");
  const water = dash.locator("#workshop-named").getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Agua", exact: true }) });
  await expect(water).toHaveCount(1);
  expect(Number((await water.getByRole("cell").last().textContent())!.trim())).toBeGreaterThanOrEqual(1);
  await expect(dash.locator("#workshop-follow-ups tbody tr").first()).toBeVisible();
  await coord.close();

  const del = await signedIn(browser, olla.delegate!.phone, olla.delegate!.password);
  const home = await del.newPage();
  await home.goto(`/mi-olla/${olla.id}`);
  const fu = home.getByTestId("home-follow-up").filter({ hasText: what });
  await expect(fu).toHaveCount(1);
  // Nothing is her olla's until she accepts it.
  await expect(fu.getByTestId("follow-up-need")).toHaveCount(0);
  await fu.getByText("Aceptar en mi olla").click();
  await expect(fu.getByLabel("Categoría de la necesidad")).toHaveValue("water");
  await fu.getByTestId("make-need").click();
  await expect(home.getByTestId("home-follow-up").filter({ hasText: what }).getByTestId("follow-up-need")).toBeVisible();
  await home.goto(`/mi-olla/${olla.id}/necesidades`);
  await expect(home.getByText(what).first()).toBeVisible();
  await del.close();
  await closeOllas(browser, [olla.id]);
});
