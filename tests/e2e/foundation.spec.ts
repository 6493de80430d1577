import { DEMO, expect, freshOlla, login, myOllaId, spacedPhone, test, trpcQuery } from "./fixtures";

test("Spanish by default, English on request, on every page's header", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: "Red de Ollas" })).toBeVisible();
  await expect(page.getByText("Las ollas comunes de Lima", { exact: false }).or(page.getByText("Cada olla común cuenta"))).toBeVisible();
  await page.getByRole("button", { name: "Cambiar idioma a English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByText("Each community kitchen reports")).toBeVisible();
  await page.goto("/ingresar");
  await expect(page.getByLabel("Mobile number or email")).toBeVisible();
  await page.getByRole("button", { name: "Switch language to Español" }).click();
  await expect(page.getByLabel("Celular o correo")).toBeVisible();
});

test("a delegate logs in with her phone, edits her profile and infrastructure, and the public page shows it", async ({ page, browser }) => {
  // Her own new olla (the demo ollas stay as seeded for the other specs).
  const olla = await freshOlla(browser);
  await page.goto("/ingresar");
  await page.getByLabel("Celular o correo").fill(`+51 ${spacedPhone(olla.delegate!.phone)}`);
  await page.getByLabel("Contraseña").fill(olla.delegate!.password);
  await page.getByRole("button", { name: "Ingresar" }).click();
  await expect(page).toHaveURL(/\/mi-olla\//);
  const ollaId = page.url().split("/mi-olla/")[1]!.split(/[/?#]/)[0]!;
  expect(ollaId).toBe(olla.id);
  await expect(page.getByTestId("olla-name")).toHaveText(olla.name);

  await page.getByTestId("bottom-nav").getByRole("link", { name: "Más" }).click();
  await page.getByRole("link", { name: "Perfil de la olla" }).click();
  const rations = page.getByLabel("Raciones por día");
  await rations.fill("137");
  await page.getByRole("button", { name: "Guardar" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Perfil guardado." })).toBeVisible();

  // A wrong value is refused with a translated field error and nothing changes.
  await rations.fill("-4");
  await page.getByRole("button", { name: "Guardar" }).click();
  await expect(page.getByText("El valor mínimo es 0.")).toBeVisible();

  await page.goto(`/mi-olla/${ollaId}`);
  await page.getByTestId("assessment-water").getByRole("link").click();
  await page.getByRole("radio", { name: "Bueno" }).check();
  await page.getByRole("button", { name: "Guardar calificación" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Evaluación guardada." })).toBeVisible();
  await page.getByTestId("bottom-nav").getByRole("link", { name: "Inicio" }).click();
  await expect(page.getByTestId("assessment-water").locator("[data-level]")).toHaveAttribute("data-level", "3");

  await page.goto(`/ollas/${ollaId}`);
  await expect(page.getByTestId("rations")).toHaveText("137 raciones al día");
  await expect(page.getByTestId("public-assessment-water")).toContainText("Bueno");
});

test("a signed-out visitor sees no private field of an olla", async ({ page, browser }) => {
  await login(page.request, DEMO.delegateA);
  const ollaId = await myOllaId(page.request);
  const { profile } = await trpcQuery<{ profile: { addressReference: string; contactName: string; contactPhone: string; location: { lat: number; lng: number } } }>(
    page.request,
    "olla.get",
    { ollaId },
  );
  const anon = await browser.newContext();
  const anonPage = await anon.newPage();
  const res = await anonPage.goto(`/ollas/${ollaId}`);
  const html = (await res!.text()) + (await anonPage.content());
  await expect(anonPage.getByTestId("public-olla")).toBeVisible();
  for (const secret of [profile.addressReference, profile.contactName, profile.contactPhone, profile.contactPhone.slice(3), String(profile.location.lat), String(profile.location.lng)]) {
    expect(html).not.toContain(secret);
  }
  // Private procedures refuse an anonymous caller.
  const denied = await anonPage.request.get(`/api/trpc/olla.get?input=${encodeURIComponent(JSON.stringify({ json: { ollaId } }))}`);
  expect(denied.status()).toBe(401);
  await anon.close();
});

test("the health check says the database is reachable", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: "ok", database: { reachable: true, kind: "pglite" } });
});
