/**
 * The module catalogue (issue 14): the city coordinator creates a module (a cost range the wrong
 * way round is refused beside its field), gives it a prerequisite, and an edit that would close
 * a cycle is refused with the cycle named; a zone coordinator can neither see nor reach the page.
 */
import { DEMO, expect, login, runStamp, test } from "./fixtures";

test("the city coordinator creates a module; min > max and a cycle are refused with translated errors", async ({ page }) => {
  await login(page.request, DEMO.city);
  await page.goto("/coordinacion/plan/modulos");
  await expect(page.getByRole("heading", { level: 1, name: "Catálogo de módulos" })).toBeVisible();
  await expect(page.getByTestId("module-row").first()).toBeVisible();

  const s = runStamp();
  const nameEs = `Cisterna ${s}`;
  await page.getByTestId("module-new").click();
  const form = page.getByTestId("module-form");
  await form.getByLabel("Nombre en castellano").fill(nameEs);
  await form.getByLabel("Nombre en inglés").fill(`Cistern ${s}`);
  await form.getByLabel("Código").fill(`cisterna-${s}`);
  await form.getByLabel("Problema").selectOption("water");
  await form.getByLabel("Costo mínimo (S/)").fill("900");
  await form.getByLabel("Costo máximo (S/)").fill("500");
  // It needs a tank (any one of the group).
  await form.getByRole("button", { name: "Agregar requisito" }).click();
  await form.getByTestId("prereq-group").getByLabel("Tanque de agua de 1,100 L").check();
  await form.getByTestId("module-save").click();
  await expect(form.getByLabel("Costo máximo (S/)")).toHaveAccessibleDescription("El costo mínimo no puede ser mayor que el máximo.");

  await form.getByLabel("Costo máximo (S/)").fill("1500");
  await form.getByTestId("module-save").click();
  await expect(page.getByText("Módulo creado.")).toBeVisible();
  const created = page.locator(`[data-testid=module-row][data-code="cisterna-${s}"]`);
  await expect(created).toContainText(nameEs);
  await expect(created).toContainText("Requiere: Tanque de agua de 1,100 L");

  // The tank cannot need the cistern: the cistern already needs the tank.
  const tank = page.locator('[data-testid=module-row][data-code="tanque-1100"]');
  await tank.getByRole("button", { name: "Editar Tanque de agua de 1,100 L" }).click();
  const edit = tank.getByTestId("module-form");
  await edit.getByRole("button", { name: "Agregar requisito" }).click();
  await edit.getByTestId("prereq-group").last().getByLabel(nameEs).check();
  await edit.getByTestId("module-save").click();
  await expect(edit.getByTestId("prereq-error")).toContainText("Ese requisito formaría un círculo");
  await expect(edit.getByTestId("prereq-error")).toContainText(nameEs);
  await edit.getByRole("button", { name: "Cancelar" }).click();
  await expect(tank).not.toContainText("Requiere:");
});

test("a zone coordinator has no catalogue page and no link to it", async ({ page }) => {
  await login(page.request, DEMO.zone);
  await page.goto("/coordinacion/plan");
  await expect(page.getByRole("heading", { level: 1, name: "Demanda combinada" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Catálogo de módulos" })).toHaveCount(0);
  const res = await page.goto("/coordinacion/plan/modulos");
  expect(res?.status()).toBe(404);
});
