import { DEMO, expect, failOnDialogs, freshOlla, login, test, trpcQuery } from "./fixtures";

async function noSideScroll(page: import("@playwright/test").Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "the page fits a 360 px screen").toBeLessThanOrEqual(360);
}

test("a delegate builds a three-module plan with S/ 100 a month, sees the months, reorders, finishes one and is led to the assessment", async ({ page, browser }) => {
  const dialogs = failOnDialogs(page);
  const olla = await freshOlla(browser);
  await login(page.request, olla.delegate!.phone, olla.delegate!.password);
  const modules = await trpcQuery<{ id: string; code: string }[]>(page.request, "planModule.list", {});
  const id = (code: string) => modules.find((m) => m.code === code)!.id;

  // From her olla's home, the plan is one tap.
  await page.goto(`/mi-olla/${olla.id}`);
  await page.getByTestId("home-plan").click();
  await expect(page.getByRole("heading", { level: 1, name: "Plan de infraestructura" })).toBeVisible();

  await page.getByLabel("Capacidad de inversión al mes (S/)").fill("100");
  await page.getByTestId("plan-settings").getByRole("button", { name: "Guardar capacidad" }).click();
  await expect(page.getByText("Capacidad guardada.").first()).toBeVisible();

  // Her order: the sink first, then the tank it needs, then an improved stove.
  const items = page.getByTestId("plan-item");
  for (const [n, code] of [
    [1, "lavadero"],
    [2, "tanque-1100"],
    [3, "cocina-mejorada"],
  ] as const) {
    await page.getByTestId("plan-add").getByLabel("Agregar módulo").selectOption(id(code));
    await page.getByTestId("plan-add").getByRole("button", { name: "Agregar al plan" }).click();
    await expect(items).toHaveCount(n);
  }
  await expect(page.getByTestId("plan-warnings")).toContainText("Lavadero con desagüe necesita antes");

  // The suggestion puts the tank first, each step with a month and a reason.
  const steps = page.getByTestId("suggested-step");
  await expect(steps).toHaveCount(3);
  await expect(steps.first()).toContainText("Tanque de agua");
  await expect(steps.first()).toContainText("Primero Tanque de agua de 1,100 L: Lavadero con desagüe lo necesita.");
  for (const m of await page.getByTestId("suggested-month").allTextContents()) expect(m).not.toContain("sin fecha");
  await expect(steps.nth(2)).toContainText("Con S/ 100 al mes");
  await noSideScroll(page);

  // She moves the tank up: her order now meets the prerequisite, the warning goes.
  await page.getByRole("button", { name: "Subir Tanque de agua de 1,100 L" }).click();
  await expect(items.first()).toHaveAttribute("data-module", "tanque-1100");
  await expect(page.getByTestId("plan-warnings")).toHaveCount(0);

  // Done: she is invited to update the water assessment, one tap away.
  await page.getByRole("button", { name: "Marcar Tanque de agua de 1,100 L como hecho" }).click();
  await expect(page.getByTestId("assess-invite")).toBeVisible();
  await page.getByRole("link", { name: "Actualizar la evaluación de Agua" }).click();
  await expect(page).toHaveURL(new RegExp(`/mi-olla/${olla.id}/evaluar/water$`));
  expect(dialogs).toEqual([]);
});

test("a coordinator sees the combined demand and downloads it as CSV", async ({ page }) => {
  await login(page.request, DEMO.city);
  await page.goto("/coordinacion/plan");
  await expect(page.getByRole("heading", { level: 1, name: "Demanda combinada" })).toBeVisible();
  await expect(page.getByTestId("demand-row").first()).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByTestId("csv-demand").click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("demanda-modulos.csv");
  const body = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(body).toString("utf8")).toContain("Tanque de agua de 1,100 L");
});
