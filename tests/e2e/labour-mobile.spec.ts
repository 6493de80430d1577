/**
 * Labour at 360 px (issue 16): a delegate logs a shift from her olla's home in ≤ 3 taps and sees
 * the month's hours and value change; she hands a role to a new member and sees the renewal
 * indicator change. The pages keep 44 px targets, fit 360 px and are axe-clean. Works on an olla
 * of its own (freshOlla), so it passes alone and on a retry.
 */
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { closeOllas, expect, failOnDialogs, freshOlla, login, test, trpcMutation, trpcQuery } from "./fixtures";

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "es-PE" } as const;

async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("a[href], button, input:not([type=hidden]), select, textarea, label:has(input[type=radio])")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden" || el.closest(".sr-only")) continue;
      if (el instanceof HTMLInputElement && el.type === "radio" && el.closest("label")) continue;
      if (r.width < 43.5 || r.height < 43.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("name") || "").trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

const key = () => crypto.randomUUID();

test("a shift in ≤ 3 taps from the home moves the month's hours and value; a handover moves the renewal indicator", async ({ browser }) => {
  // A long walk (shift, new member, handover, edits, end of a term, four pages axe-checked): 5 minutes, not 1.
  test.setTimeout(300_000);
  const olla = await freshOlla(browser);
  const ctx = await browser.newContext(PHONE);
  await login(ctx.request, `+51${olla.delegate!.phone}`, olla.delegate!.password);
  const page = await ctx.newPage();
  const dialogs = failOnDialogs(page);
  const home = `/mi-olla/${olla.id}`;
  try {
    await page.goto(home);
    await expect(page.getByTestId("labour-line")).toHaveText("Aún no hay turnos este mes.");

    // Tap 1: "Anotar turno". Today, the task and 4 hours each are the defaults.
    let taps = 0;
    taps++;
    await page.getByTestId("log-shift").click();
    await expect(page).toHaveURL(new RegExp(`${home}/turnos$`));
    const form = page.getByTestId("shift-form");
    await expect(form.getByLabel("Horas", { exact: true })).toHaveValue("4");
    // Tap 2: the "Personas" field, and she types 6.
    taps++;
    await form.getByLabel("Personas").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("6");
    // Tap 3: Guardar.
    taps++;
    const saved = page.waitForResponse((r) => r.url().includes("/api/outbox") && r.request().method() === "POST");
    await page.getByTestId("save-shift").click();
    await saved;
    await expect(page.getByText("Turno anotado.").first()).toBeVisible();
    expect(taps).toBeLessThanOrEqual(3);

    await page.goto(home);
    // 6 × 4 h = 24 h × S/ 1,130 ÷ 240 = S/ 113; no rations logged: the profile's 80 a day stand in.
    await expect(page.getByTestId("labour-line")).toContainText("Este mes 6 socias trabajaron 24 horas: S/ 113 al salario mínimo, S/ 1.41 por ración.");
    await expect(page.getByTestId("labour-line")).toContainText("Raciones estimadas");

    // Roles: a treasurer since 2023 (past the 24 months the network recommends): history set up through the API.
    const req: APIRequestContext = ctx.request;
    const ana = await trpcMutation<{ id: string }>(req, "labour.addSocia", { ollaId: olla.id, idempotencyKey: key(), name: "Ana Quispe", joinedOn: "2022-03-01" });
    const cargo = await trpcMutation<{ id: string }>(req, "labour.addCargo", { ollaId: olla.id, idempotencyKey: key(), kind: "tesorera", seats: 1 });
    await trpcMutation(req, "labour.assignTerm", { ollaId: olla.id, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: ana.id, startsOn: "2023-01-01" });

    await page.goto(home);
    await expect(page.getByTestId("renewal-prompt")).toContainText("La tesorería lleva");
    await expect(page.getByTestId("renewal-prompt")).toContainText("¿Alguien está aprendiendo el cargo?");
    await page.getByTestId("roles-link").click();
    await expect(page.getByTestId("renewal-new")).toHaveText("Nadie nuevo asumió un cargo en los últimos 12 meses.");
    await expect(page.getByTestId("renewal-overdue")).toContainText("Un cargo lleva más de 24 meses");

    // A new member joins, through the page.
    const newSocia = page.getByTestId("socia-form");
    await newSocia.getByLabel("Nombre").fill("Rocío Mamani");
    const added = page.waitForResponse((r) => r.url().includes("/api/outbox") && r.request().method() === "POST");
    await newSocia.getByRole("button", { name: "Agregar socia" }).click();
    await added;
    await page.reload();
    await expect(page.getByTestId("socias")).toContainText("Rocío Mamani");

    // She hands the treasury to Rocío, from today: the role (1), the person (2), Entregar (3).
    const handover = page.getByTestId("handover-form");
    await handover.getByLabel("Cargo").selectOption({ label: "Tesorera" });
    await handover.getByLabel("Socia").selectOption({ label: "Rocío Mamani" });
    const sent = page.waitForResponse((r) => r.url().includes("/api/outbox") && r.request().method() === "POST");
    await handover.getByRole("button", { name: "Entregar cargo" }).click();
    await sent;
    await page.reload();
    await expect(page.getByTestId("renewal-new")).toHaveText("Una persona nueva asumió un cargo en los últimos 12 meses.");
    await expect(page.getByTestId("renewal-overdue")).toContainText("Ningún cargo pasa de 24 meses");
    await expect(page.getByTestId("renewal-prompt")).toHaveCount(0);
    await expect(page.getByTestId("cargo-tesorera")).toContainText("Rocío Mamani");

    const l = await trpcQuery<{ summary: { renewedLastYear: boolean } }>(req, "labour.leadership", { ollaId: olla.id });
    expect(l.summary.renewedLastYear).toBe(true);

    // Rocío's page: "Editar" beside her name. Ending her term today, the day it began, is refused on the date.
    await page.getByRole("link", { name: "Editar a Rocío Mamani" }).click();
    await expect(page).toHaveURL(/\/socias\/[0-9a-f-]{36}$/);
    const sociaPage = page.url();
    const end = page.getByTestId("end-term-tesorera");
    await end.getByRole("button", { name: "Terminar periodo" }).click();
    await expect(end.getByText("El periodo no puede terminar antes de empezar.")).toBeVisible();
    // She corrects her name and joined date; the list shows the new name.
    const edit = page.getByTestId("socia-edit-form");
    await edit.getByLabel("Nombre").fill("Rocío Mamani Huamán");
    await edit.getByLabel("Se unió el").fill("2024-11-05");
    const edited = page.waitForResponse((r) => r.url().includes("/api/outbox") && r.request().method() === "POST");
    await edit.getByRole("button", { name: "Guardar cambios" }).click();
    await edited;
    await expect(page.getByText("Socia actualizada.").first()).toBeVisible();
    // Ana leaves the olla: no longer active (her history of roles stays).
    await page.goto(`${home}/socias`);
    await expect(page.getByTestId("socias")).toContainText("Rocío Mamani Huamán");
    await page.getByRole("link", { name: "Editar a Ana Quispe" }).click();
    await page.getByTestId("socia-edit-form").getByLabel("Activa en la olla").uncheck();
    const inactive = page.waitForResponse((r) => r.url().includes("/api/outbox") && r.request().method() === "POST");
    await page.getByTestId("socia-edit-form").getByRole("button", { name: "Guardar cambios" }).click();
    await inactive;
    await page.goto(`${home}/socias`);
    await expect(page.getByTestId("socia").filter({ hasText: "Ana Quispe" })).toContainText("no activa");

    // Rocío will step down tomorrow (Lima) before anyone takes over: "Terminar un periodo" on the roles page.
    const endsOn = new Date(Date.now() - 5 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
    const endForm = page.getByTestId("end-term-form");
    await endForm.getByLabel("Cargo y persona").selectOption({ index: 1 });
    await endForm.getByLabel("Termina el").fill(endsOn);
    const ended = page.waitForResponse((r) => r.url().includes("/api/outbox") && r.request().method() === "POST");
    await endForm.getByRole("button", { name: "Terminar periodo" }).click();
    await ended;
    const after = await trpcQuery<{ cargos: { kind: string; history: { sociaId: string; endsOn: string | null }[] }[]; socias: { id: string; name: string }[] }>(req, "labour.leadership", { ollaId: olla.id });
    const rocio = after.socias.find((s) => s.name === "Rocío Mamani Huamán")!;
    expect(after.cargos.find((c) => c.kind === "tesorera")!.history.find((h) => h.sociaId === rocio.id)!.endsOn).toBe(endsOn);

    // Both pages: 44 px targets, 360 px wide, axe-clean.
    const problems: string[] = [];
    for (const p of [home, `${home}/turnos`, `${home}/socias`, sociaPage]) {
      await page.goto(p);
      await page.waitForLoadState("networkidle");
      for (const s of await smallTargets(page)) problems.push(`${p}: ${s}`);
      for (const v of (await new AxeBuilder({ page }).analyze()).violations) problems.push(`${p}: axe ${v.id} (${v.nodes.length})`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) problems.push(`${p}: ${width}px wide`);
    }
    expect(problems).toEqual([]);
    expect(dialogs).toEqual([]);
  } finally {
    await ctx.close();
    await closeOllas(browser, [olla.id]);
  }
});

test("the shift form works before the page is interactive: a plain POST, saved once", async ({ browser }) => {
  const olla = await freshOlla(browser);
  const ctx = await browser.newContext({ ...PHONE, javaScriptEnabled: false });
  await login(ctx.request, `+51${olla.delegate!.phone}`, olla.delegate!.password);
  const page = await ctx.newPage();
  try {
    await page.goto(`/mi-olla/${olla.id}/turnos`);
    await page.getByTestId("shift-form").getByLabel("Personas").fill("3");
    await page.getByTestId("save-shift").click();
    await expect(page.getByTestId("form-saved")).toHaveText("Turno anotado.");
    const r = await trpcQuery<{ thisMonth: { hours: number } | null }>(ctx.request, "labour.olla", { ollaId: olla.id });
    expect(r.thisMonth?.hours).toBe(12);
  } finally {
    await ctx.close();
    await closeOllas(browser, [olla.id]);
  }
});
