/**
 * Getting back in without e-mail or SMS, at 360 px: the zone coordinator creates a one-time
 * code for a delegate of an olla in her zone; the delegate opens the link on her phone, sets a
 * new password and signs in with it; the code does not work twice.
 */
import AxeBuilder from "@axe-core/playwright";
import { closeOllas, DEMO, expect, freshOlla, login, test } from "./fixtures";

test("a coordinator issues a reset code; the delegate sets a new password with it and signs in", async ({ page, browser }) => {
  const olla = await freshOlla(browser);
  const delegate = olla.delegate!;
  await login(page.request, DEMO.zone);
  await page.goto(`/coordinacion/ollas/${olla.id}`);
  const row = page.getByTestId("delegate-row").filter({ hasText: delegate.name });
  page.once("dialog", (d) => void d.accept());
  const issue = row.getByRole("button", { name: "Código para nueva contraseña" });
  expect((await issue.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await issue.click();
  await expect(row.getByTestId("reset-created")).toContainText(`Código para ${delegate.name}.`);
  const code = (await row.getByTestId("reset-code").textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  const link = (await row.getByRole("link", { name: /\/restablecer\// }).getAttribute("href"))!;
  expect(link).toContain(`/restablecer/${code}`);

  // The delegate, on her own phone.
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const p2 = await phone.newPage();
  await p2.goto(`/restablecer/${code}`);
  await expect(p2.getByRole("heading", { level: 1, name: "Nueva contraseña" })).toBeVisible();
  await expect(p2.getByText(`Código de ${olla.name}, vale hasta el`)).toBeVisible();
  expect(await p2.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect((await new AxeBuilder({ page: p2 }).analyze()).violations.map((v) => v.id)).toEqual([]);
  // Too short, then two that differ: clear messages, nothing changed.
  await p2.getByLabel("Nueva contraseña (mínimo 8 caracteres)").fill("corta");
  await p2.getByLabel("Repite la nueva contraseña").fill("corta");
  await p2.getByRole("button", { name: "Guardar contraseña" }).click();
  await expect(p2.getByText("La contraseña debe tener al menos 8 caracteres.")).toBeVisible();
  await p2.getByLabel("Nueva contraseña (mínimo 8 caracteres)").fill("nueva-clave-2026");
  await p2.getByLabel("Repite la nueva contraseña").fill("nueva-clave-2025");
  await p2.getByRole("button", { name: "Guardar contraseña" }).click();
  await expect(p2.getByText("Las contraseñas no coinciden.")).toBeVisible();
  await p2.getByLabel("Repite la nueva contraseña").fill("nueva-clave-2026");
  await p2.getByRole("button", { name: "Guardar contraseña" }).click();
  await expect(p2.getByText("¡Listo! Tu contraseña cambió.")).toBeVisible();

  // She signs in with the new password; the old one no longer works.
  await p2.getByRole("link", { name: "Ingresar" }).last().click();
  await p2.getByLabel("Celular o correo").fill(delegate.phone);
  await p2.getByLabel("Contraseña").fill("nueva-clave-2026");
  await p2.getByRole("button", { name: "Ingresar" }).click();
  await expect(p2.getByTestId("olla-name")).toHaveText(olla.name);

  // The code is spent.
  const again = await phone.newPage();
  await again.goto(`/restablecer/${code}`);
  await expect(again.getByText("El código para una nueva contraseña no existe, ya se usó, venció o fue reemplazado por otro.")).toBeVisible();
  await phone.close();
  await closeOllas(browser, [olla.id]);
});
