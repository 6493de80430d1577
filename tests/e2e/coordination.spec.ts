import { DEMO, expect, freshOlla, login, spacedPhone, test, uniquePhone } from "./fixtures";

test("a zone coordinator finds an olla, invites a delegate who sets her password, then deactivates her", async ({ page, browser }) => {
  // An olla of this spec's own in her zone, and a phone no one has: passes alone, in any order, on a retry.
  const olla = await freshOlla(browser, { withDelegate: false });
  const phone = uniquePhone();
  await login(page.request, DEMO.zone);
  await page.goto("/coordinacion");
  await expect(page.getByText("Red zonal: Red zonal San Juan de Lurigancho")).toBeVisible();
  // Only her zone: every row's zone is San Juan de Lurigancho.
  await expect(page.getByTestId("coord-count")).toContainText("resultados");
  const zonesShown = await page.locator("table.data tbody td:nth-child(2) .hint").allTextContents();
  expect(new Set(zonesShown)).toEqual(new Set(["Red zonal San Juan de Lurigancho"]));

  await page.getByLabel("Buscar").fill(olla.name);
  await expect(page.getByTestId("coord-count")).toHaveText("1 resultado");
  await page.getByRole("link", { name: olla.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: olla.name })).toBeVisible();

  const invitations = page.getByRole("region", { name: "Invitaciones" });
  await invitations.getByLabel("Nombre").fill("Marleni Ccori");
  await invitations.getByLabel("Celular").fill("12");
  await invitations.getByRole("button", { name: "Crear invitación" }).click();
  await expect(invitations.getByText("Escribe un celular peruano de 9 dígitos")).toBeVisible();
  await invitations.getByLabel("Celular").fill(spacedPhone(phone));
  await invitations.getByRole("button", { name: "Crear invitación" }).click();
  const code = (await page.getByTestId("invitation-code").textContent())!.trim();
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);

  // The invitee, on her own phone, opens the link and sets her password.
  const invitee = await browser.newContext();
  const p2 = await invitee.newPage();
  await p2.goto(`/invitacion/${code}`);
  await expect(p2.getByText(`Te invitan como delegada de ${olla.name}.`)).toBeVisible();
  await p2.getByLabel("Crea tu contraseña").fill("corta");
  await p2.getByRole("button", { name: "Crear mi cuenta" }).click();
  await expect(p2.getByText("La contraseña debe tener al menos 8 caracteres.")).toBeVisible();
  await p2.getByLabel("Crea tu contraseña").fill("marleni-2026");
  await p2.getByRole("button", { name: "Crear mi cuenta" }).click();
  await expect(p2.getByText(`¡Listo! Ya puedes ingresar con +51${phone}.`)).toBeVisible();
  await p2.getByRole("link", { name: "Ingresar" }).last().click();
  await p2.getByLabel("Celular o correo").fill(phone);
  await p2.getByLabel("Contraseña").fill("marleni-2026");
  await p2.getByRole("button", { name: "Ingresar" }).click();
  await expect(p2.getByTestId("olla-name")).toHaveText(olla.name);
  const herOllaUrl = p2.url();

  // The coordinator deactivates her; her very next request is refused.
  await page.reload();
  const row = page.getByTestId("delegate-row").filter({ hasText: "Marleni Ccori" });
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Desactivar" }).click();
  await expect(row.getByText("Inactiva")).toBeVisible();
  // The server refuses her at once (asked directly, past her phone's service worker)…
  expect((await p2.request.get(herOllaUrl)).status()).toBe(404);
  // …and her phone drops its copy of the page when the server refuses it: at most one more visit
  // shows the copy kept for offline use, then the refusal.
  await expect.poll(async () => (await p2.goto(herOllaUrl))?.status(), { timeout: 30_000 }).toBe(404);
  await expect(p2.getByRole("heading", { level: 1, name: "No encontramos esta página" })).toBeVisible();
  await invitee.close();
});
