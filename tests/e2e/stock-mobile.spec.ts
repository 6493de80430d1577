import type { APIRequestContext } from "@playwright/test";
import { expect, failOnDialogs, freshOlla, login, test, trpcMutation, trpcQuery } from "./fixtures";

interface Level {
  itemId: string;
  code: string | null;
  balance: number;
  daysLeft: number | null;
}
const es = (n: number) => new Intl.NumberFormat("es", { maximumFractionDigits: 3 }).format(n);

async function rice(request: Parameters<typeof trpcQuery>[0], ollaId: string) {
  const { items } = await trpcQuery<{ items: Level[] }>(request, "stock.levels", { ollaId });
  return items.find((i) => i.code === "arroz")!;
}

const limaDay = (offset: number) => new Date(Date.now() - 5 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Three weeks of an almacén for a fresh olla, written by its delegate through the app's own
 * procedures: 40 kg of rice bought, 10 kg cooked over the last two weeks (so days of stock
 * are known), and 2 l of oil that expire in three days (a warning on her home).
 */
async function stockHistory(request: APIRequestContext, ollaId: string) {
  const items = await trpcQuery<{ id: string; code: string | null }[]>(request, "stock.catalogue", { ollaId });
  const id = (code: string) => items.find((i) => i.code === code)!.id;
  const key = () => crypto.randomUUID();
  await trpcMutation(request, "stock.recordEntry", { ollaId, idempotencyKey: key(), itemId: id("arroz"), unit: "kg", quantity: 40, occurredOn: limaDay(-20), sourceType: "purchase" });
  for (const day of [-14, -10, -6, -3, -1]) {
    await trpcMutation(request, "stock.recordExit", { ollaId, idempotencyKey: key(), itemId: id("arroz"), unit: "kg", quantity: 2, occurredOn: limaDay(day), reason: "cooked" });
  }
  await trpcMutation(request, "stock.recordEntry", { ollaId, idempotencyKey: key(), itemId: id("aceite"), unit: "l", quantity: 2, occurredOn: limaDay(-2), sourceType: "purchase", expiresOn: limaDay(3) });
}

async function noSideScroll(page: import("@playwright/test").Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "the page fits a 360 px screen").toBeLessThanOrEqual(360);
}

test("a delegate records an entry and an exit from her phone and sees the balance and days left change", async ({ page, browser }) => {
  const dialogs = failOnDialogs(page);
  // Her own olla with its own history: the demo ollas' almacén stays as seeded.
  const olla = await freshOlla(browser);
  await login(page.request, olla.delegate!.phone, olla.delegate!.password);
  const ollaId = olla.id;
  await stockHistory(page.request, ollaId);
  const before = await rice(page.request, ollaId);
  expect(before.daysLeft).not.toBeNull();

  // From her olla's home, the almacén is one tap on the bottom bar; each item has its own entry button.
  await page.goto(`/mi-olla/${ollaId}`);
  await expect(page.getByTestId("home-warnings")).toBeVisible();
  await noSideScroll(page);
  await page.getByTestId("bottom-nav").getByRole("link", { name: "Almacén" }).click();
  const row = page.getByTestId("stock-arroz");
  await row.getByRole("link", { name: "Registrar entrada: Arroz" }).click();
  await expect(page.getByRole("heading", { name: "Registrar una entrada" })).toBeVisible();
  await expect(page.getByLabel("Producto")).toHaveValue(`${before.itemId}:kg`);
  // A Peruvian phone types a decimal comma.
  await page.getByLabel("Cantidad").fill("25,5");
  await page.getByLabel("¿De dónde vino?").selectOption({ label: "Parroquia: Cáritas Lima" });
  await noSideScroll(page);
  await page.getByRole("button", { name: "Guardar entrada" }).click();
  const afterEntry = before.balance + 25.5;
  await expect(page.getByRole("status").filter({ hasText: "Entrada guardada." })).toBeVisible();
  await expect(page.getByLabel("Producto").locator("option:checked")).toHaveText(`Arroz (${es(afterEntry)} kg)`);

  await page.getByRole("link", { name: "Volver al almacén" }).click();
  await expect(row.getByTestId("balance")).toHaveText(`${es(afterEntry)} kg`);
  const daysAfterEntry = await row.getByTestId("days-left").textContent();
  expect(daysAfterEntry).toMatch(/^Alcanza para [\d,.]+ días$/);
  expect(daysAfterEntry).not.toBe(`Alcanza para ${es(before.daysLeft!)} días`);

  // An exit: what was cooked today.
  await row.getByRole("link", { name: "Registrar salida: Arroz" }).click();
  await page.getByLabel("Cantidad").fill("12");
  await expect(page.getByLabel("Cocinado")).toBeChecked();
  await page.getByRole("button", { name: "Guardar salida" }).click();
  const afterExit = afterEntry - 12;
  await expect(page.getByRole("status").filter({ hasText: "Salida guardada." })).toBeVisible();

  // More than is on hand is refused on the quantity field, in Spanish, and nothing is written.
  await page.getByLabel("Producto").selectOption({ value: `${before.itemId}:kg` });
  await page.getByLabel("Cantidad").fill("99999");
  await page.getByRole("button", { name: "Guardar salida" }).click();
  await expect(page.getByTestId("movement-form").getByText(/^No alcanza/)).toBeVisible();
  // Refused, it stays on the phone with the reason (not lost), until she fixes or discards it.
  await expect(page.getByTestId("outbox-item").filter({ hasText: "No alcanza" })).toHaveAttribute("data-state", "refused");
  await expect(page.getByLabel("Cantidad")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Cantidad")).toHaveValue("99999");

  await page.goto(`/mi-olla/${ollaId}/almacen`);
  await expect(row.getByTestId("balance")).toHaveText(`${es(afterExit)} kg`);
  await expect(row.getByTestId("days-left")).not.toHaveText(daysAfterEntry!);
  const api = await rice(page.request, ollaId);
  expect(api.balance).toBeCloseTo(afterExit, 3);

  // A mistaken exit is reversed: it stays in the history, marked, and the balance is corrected.
  const last = page.getByTestId("movement").first();
  await expect(last).toContainText("Salida: 12 kg de Arroz");
  await last.getByText(/^Anular #/).click();
  await last.getByRole("button", { name: "Sí, anular" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Movimiento anulado." })).toBeVisible();
  await expect(page.getByTestId("movement").filter({ hasText: "Salida: 12 kg de Arroz" }).getByText("Anulado")).toBeVisible();
  await expect(row.getByTestId("balance")).toHaveText(`${es(afterEntry)} kg`);
  await noSideScroll(page);
  expect(dialogs).toEqual([]);
});

test("a delegate publishes a need and a signed-out neighbour finds it on the public needs page", async ({ page, browser }) => {
  const olla = await freshOlla(browser);
  await login(page.request, olla.delegate!.phone, olla.delegate!.password);
  const ollaId = olla.id;
  const stamp = Date.now().toString(36);
  const publicText = `Tanque de agua de 2500 litros ${stamp}`;
  const networkText = `Solo para la coordinación ${stamp}`;

  await page.goto(`/mi-olla/${ollaId}`);
  await page.getByTestId("bottom-nav").getByRole("link", { name: "Necesidades" }).click();
  for (const [text, visibility] of [
    [publicText, "Pública (cualquiera)"],
    [networkText, "Solo la red"],
  ] as const) {
    await page.getByRole("link", { name: "Nueva necesidad" }).click();
    await page.getByRole("radio", { name: "Agua", exact: true }).check();
    await page.getByLabel("Descripción").fill(text);
    await page.getByLabel("Cantidad (opcional)").fill("1");
    await page.getByLabel("Unidad (opcional)").fill("tanque");
    await page.getByLabel("Crítica").check();
    await page.getByLabel(visibility).check();
    await page.getByRole("button", { name: "Publicar necesidad" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Necesidad guardada." })).toBeVisible();
    await page.getByTestId("bottom-nav").getByRole("link", { name: "Necesidades" }).click();
    await expect(page.getByTestId("need").filter({ hasText: text })).toBeVisible();
  }
  await noSideScroll(page);

  const anon = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: "es-PE" });
  const visitor = await anon.newPage();
  await visitor.goto("/necesidades");
  // Content first: the filters are folded behind "Filtros" on a phone.
  await expect(visitor.getByTestId("public-need").first()).toBeInViewport();
  await visitor.getByTestId("filter-toggle").click();
  await visitor.getByLabel("Categoría").selectOption({ label: "Agua" });
  await visitor.getByLabel("Urgencia").selectOption({ label: "Crítica" });
  await visitor.getByRole("button", { name: "Filtrar" }).click();
  await expect(visitor).toHaveURL(/category=water/);
  await expect(visitor.getByTestId("filter-chips").getByRole("link", { name: "Quitar filtro: Agua" })).toBeVisible();
  const card = visitor.getByTestId("public-need").filter({ hasText: publicText });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Urgencia: Crítica");
  await expect(visitor.getByText(networkText)).toHaveCount(0);
  await noSideScroll(visitor);
  // The same need in the open-data CSV, the network-only one absent.
  const csv = await (await visitor.request.get("/api/public/v1/needs.csv?category=water&urgency=critical")).text();
  expect(csv).toContain(publicText);
  expect(csv).not.toContain(networkText);
  // Its olla's link leads to the olla's public page (the card's other link offers help).
  await card.getByRole("link").filter({ hasNotText: /Ofrecer ayuda/ }).click();
  await expect(visitor).toHaveURL(new RegExp(`/ollas/${ollaId}$`));
  await expect(visitor.getByTestId("public-olla")).toBeVisible();
  await anon.close();
});
