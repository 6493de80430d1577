/**
 * Ley 29733 on a 360 px phone: the zone coordinator finds a delegate of her zone, corrects her
 * name, and erases her data after confirming; the delegate can no longer sign in.
 * Works on an olla of its own (freshOlla), so the demo data other specs read stays as seeded.
 */
import AxeBuilder from "@axe-core/playwright";
import { closeOllas, DEMO, expect, failOnDialogs, freshOlla, login, runStamp, spacedPhone, test } from "./fixtures";

test("a zone coordinator corrects and then erases a delegate's data, with a confirmation first", async ({ browser, page }) => {
  const olla = await freshOlla(browser);
  const delegate = olla.delegate!;
  const dialogs = failOnDialogs(page);
  try {
    await login(page.request, DEMO.zone);
    await page.goto("/coordinacion");
    await page.getByRole("navigation", { name: "Navegación de coordinación" }).getByRole("link", { name: "Datos personales" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Datos personales" })).toBeVisible();

    // Find her by her mobile, typed with spaces as people do.
    await page.getByRole("searchbox", { name: "Buscar persona" }).fill(spacedPhone(delegate.phone));
    const card = page.getByRole("listitem").filter({ hasText: delegate.name });
    await expect(card).toHaveCount(1);
    await expect(card.getByText("Delegada", { exact: true })).toBeVisible();
    await expect(card.getByText(`+51${delegate.phone}`)).toBeVisible();

    // 360 px: nothing scrolls sideways, the buttons are thumb-sized, axe finds nothing.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const correctButton = card.getByRole("button", { name: "Corregir" });
    expect((await correctButton.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);

    // Correct her name.
    const corrected = `Delegada Corregida ${runStamp()}`;
    await correctButton.click();
    await card.getByLabel("Nombre").fill(corrected);
    await card.getByRole("button", { name: "Guardar corrección" }).click();
    await expect(page.getByText("Datos corregidos.")).toBeVisible();
    await page.getByRole("searchbox", { name: "Buscar persona" }).fill(corrected);
    const same = page.getByRole("listitem").filter({ hasText: corrected });
    await expect(same).toHaveCount(1);

    // Erasing asks first; cancelling changes nothing.
    await same.getByRole("button", { name: "Eliminar datos" }).click();
    const confirm = page.getByRole("alertdialog", { name: `¿Eliminar los datos de ${corrected}?` });
    await expect(confirm).toBeVisible();
    await expect(confirm.getByRole("button", { name: "Cancelar" })).toBeFocused();
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    await confirm.getByRole("button", { name: "Cancelar" }).click();
    await expect(confirm).toBeHidden();
    await expect(same.getByText(`+51${delegate.phone}`)).toBeVisible();

    // Confirmed: her name becomes the neutral placeholder, her mobile is gone.
    await same.getByRole("button", { name: "Eliminar datos" }).click();
    const erasing = page.waitForResponse((r) => r.url().includes("/api/trpc/personalData.erase"));
    await page.getByRole("alertdialog").getByRole("button", { name: "Sí, eliminar sus datos" }).click();
    expect((await erasing).ok()).toBe(true);
    await expect(page.getByText("Datos eliminados.").first()).toBeVisible();
    await page.getByRole("searchbox", { name: "Buscar persona" }).fill(spacedPhone(delegate.phone));
    await expect(page.getByTestId("pd-count")).toHaveText("Ninguna persona");
    await page.getByRole("searchbox", { name: "Buscar persona" }).fill(corrected);
    await expect(page.getByTestId("pd-count")).toHaveText("Ninguna persona");

    // She can no longer sign in with her mobile.
    const anon = await browser.newContext();
    const { csrfToken } = (await (await anon.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await anon.request.post("/api/auth/callback/credentials", {
      form: { identifier: delegate.phone, password: delegate.password, csrfToken, callbackUrl: "/", json: "true" },
    });
    const body = (await res.json()) as { url: string };
    expect(new URL(body.url).searchParams.get("error")).not.toBeNull();
    await anon.close();
    expect(dialogs).toEqual([]);
  } finally {
    await closeOllas(browser, [olla.id]);
  }
});
