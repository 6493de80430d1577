import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { closeOllas, expect, failOnDialogs, freshOlla, login, test, trpcMutation, trpcQuery } from "./fixtures";

/**
 * Issue 17 at 360 px, through the pages only: a signed-out supporter, from the home page, offers
 * 20 kg of rice toward a public need (the proof of work solved in her browser), the olla's delegate accepts and marks
 * 15 kg received from her phone, the need's public page counts "15 de 50 kg recibidos", the
 * olla's rice balance rises by 15, and the supporter's follow-up link says "Entregado".
 */

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "es-PE" } as const;

interface Level {
  itemId: string;
  code: string | null;
  balance: number;
}

async function riceBalance(page: Page, ollaId: string): Promise<number> {
  const { items } = await trpcQuery<{ items: Level[] }>(page.request, "stock.levels", { ollaId });
  return items.find((i) => i.code === "arroz")?.balance ?? 0;
}

async function noSideScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "the page fits a 360 px screen").toBeLessThanOrEqual(360);
}

async function seriousViolations(page: Page) {
  const res = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return res.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

async function delegatePhone(browser: Browser, phone: string, password: string) {
  const ctx = await browser.newContext(PHONE);
  await login(ctx.request, phone, password);
  return ctx;
}

test("a signed-out supporter offers rice, the delegate accepts and receives 15 kg, the need, the almacén and the follow-up link show it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const dialogs = failOnDialogs(page);
  const olla = await freshOlla(browser);
  const delegate = await delegatePhone(browser, olla.delegate!.phone, olla.delegate!.password);
  const dp = await delegate.newPage();
  try {
    // Her olla asks for 50 kg of rice, in public, naming the catalogue's rice.
    const items = await trpcQuery<{ id: string; code: string | null }[]>(dp.request, "stock.catalogue", { ollaId: olla.id });
    const riceId = items.find((i) => i.code === "arroz")!.id;
    const need = await trpcMutation<{ id: string }>(dp.request, "need.create", {
      ollaId: olla.id,
      idempotencyKey: crypto.randomUUID(),
      category: "food",
      description: "Arroz para el mes",
      itemId: riceId,
      quantity: 50,
      urgency: "critical",
      visibility: "public",
    });
    const before = await riceBalance(dp, olla.id);
    // Her needs page shows what she asked for once: the closed "Editar" form's text box holds a
    // copy (a text query finds two), but only one is on her screen.
    await dp.goto(`/mi-olla/${olla.id}/necesidades`);
    const mine = dp.getByTestId("need").filter({ hasText: "Arroz para el mes" });
    await expect(mine).toHaveCount(1);
    await expect(mine.getByText("Arroz para el mes", { exact: true }).filter({ visible: true })).toHaveCount(1);

    // The supporter, signed out, starts at the home: it says she can offer help, and leads her to
    // the public needs, where the rice need's own "Ofrecer ayuda" opens its page and the form.
    await page.goto("/");
    const offerHelp = page.getByTestId("home-offer-help");
    await expect(offerHelp).toHaveText("Ofrecer ayuda");
    await expect(page.getByTestId("home-offer-how")).toContainText("no necesitas cuenta");
    const box = (await offerHelp.boundingBox())!;
    expect(Math.min(box.width, box.height), "a 44 px target").toBeGreaterThanOrEqual(44);
    // The most urgent needs on the home offer help each, this one among them (it is critical and new).
    await expect(page.getByTestId("public-need").filter({ hasText: olla.name }).getByRole("link", { name: "Ofrecer ayuda para: Arroz para el mes" })).toHaveAttribute("href", `/necesidades/${need.id}`);
    await noSideScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    await offerHelp.click();
    await expect(page).toHaveURL(/\/necesidades$/);
    await page.getByTestId("public-need").filter({ hasText: olla.name }).getByRole("link", { name: "Ofrecer ayuda para: Arroz para el mes" }).click();
    await expect(page).toHaveURL(new RegExp(`/necesidades/${need.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(olla.name);
    await expect(page.getByTestId("need-progress")).toContainText("0 de 50 kg recibidos");
    await noSideScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Cantidad (kg)").fill("20");
    await page.getByLabel("Tu nombre u organización").fill("Rosa Quispe");
    await page.getByLabel("Ofreces como").selectOption("individual");
    await page.getByLabel("Tu celular o correo").fill("912 345 678");
    await page.getByLabel("Mensaje para la olla (opcional)").fill("Lo llevo el sábado temprano.");
    await page.getByTestId("offer-submit").click();
    // Her private follow-up link: the offer's state, no account needed.
    await expect(page).toHaveURL(/\/oferta\/[A-Za-z0-9_-]{43}\?enviado=1$/);
    await expect(page.getByTestId("offer-sent")).toBeVisible();
    await expect(page.getByTestId("offer-status")).toHaveText("Nuevo");
    const followUp = page.url().replace(/\?.*$/, "");
    await noSideScroll(page);
    expect(await seriousViolations(page)).toEqual([]);

    // The delegate sees it on her home and answers from the offers list (home → list → accept).
    await dp.goto(`/mi-olla/${olla.id}`);
    await expect(dp.getByTestId("offers-new-count")).toHaveText("1 ofrecimiento nuevo");
    await dp.getByTestId("offers-home-link").click();
    await expect(dp.getByRole("heading", { name: "Ofrecimientos", level: 1 })).toBeVisible();
    const card = dp.getByTestId("delegate-offer").filter({ hasText: "Rosa Quispe" });
    await expect(card).toContainText("Arroz para el mes");
    await expect(card.getByTestId("offer-call")).toHaveAttribute("href", "tel:+51912345678");
    await expect(card.getByTestId("offer-whatsapp")).toHaveAttribute("href", /^https:\/\/wa\.me\/51912345678\?text=/);
    await noSideScroll(dp);
    await card.getByTestId("offer-accept-open").click();
    await card.getByLabel("Mensaje para quien ofrece (opcional)").fill("¡Gracias! Te esperamos el sábado.");
    await card.getByTestId("offer-accept").click();
    const accepted = dp.getByTestId("offers-accepted").getByTestId("delegate-offer").filter({ hasText: "Rosa Quispe" });
    await expect(accepted).toHaveAttribute("data-status", "accepted");

    // It arrived: 15 of the 20 kg, recorded as an individual's donation (a person is not an institution).
    await accepted.getByTestId("offer-deliver-open").click();
    await accepted.getByLabel(/Cantidad recibida/).fill("15");
    await expect(accepted.getByLabel("En el almacén, viene de")).toHaveValue("individual_donation");
    await accepted.getByTestId("offer-deliver").click();
    await expect(dp.getByTestId("delegate-offer").filter({ hasText: "Rosa Quispe" })).toHaveAttribute("data-status", "delivered");
    expect(await riceBalance(dp, olla.id)).toBeCloseTo(before + 15, 3);

    // The public need counts what arrived; nobody's name (she did not ask to be thanked).
    await page.goto(`/necesidades/${need.id}`);
    await expect(page.getByTestId("need-progress")).toContainText("15 de 50 kg recibidos");
    await expect(page.getByTestId("public-need-page")).not.toContainText("Rosa Quispe");

    // Her follow-up link says it was delivered, with the olla's reply.
    await page.goto(followUp);
    await expect(page.getByTestId("offer-status")).toHaveText("Entregado");
    await expect(page.getByTestId("offer-delivered")).toContainText("15 kg");
    await expect(page.getByTestId("offer-reply")).toContainText("Te esperamos el sábado");
    // A wrong link is "not found".
    const wrong = await page.goto(`${followUp.slice(0, -4)}AAAA`);
    expect(wrong?.status()).toBe(404);
    expect(dialogs).toEqual([]);
  } finally {
    await delegate.close();
    await closeOllas(browser, [olla.id]);
  }
});

test("an offer form with a bad contact says what to fix, keeps what she typed, and writes nothing", async ({ page, browser }) => {
  const olla = await freshOlla(browser);
  const delegate = await delegatePhone(browser, olla.delegate!.phone, olla.delegate!.password);
  try {
    const need = await trpcMutation<{ id: string }>(delegate.request, "need.create", {
      ollaId: olla.id,
      idempotencyKey: crypto.randomUUID(),
      category: "cooking",
      description: "Ollas grandes para cocinar",
      urgency: "medium",
      visibility: "public",
    });
    await page.goto(`/necesidades/${need.id}`);
    // A need without an item: free text, no progress bar.
    await expect(page.getByTestId("need-progress")).toHaveCount(0);
    await page.getByLabel("¿Qué ofreces?").fill("Dos ollas de 50 litros");
    await page.getByLabel("Tu nombre u organización").fill("Parroquia Santa Rosa");
    await page.getByLabel("Ofreces como").selectOption("parish");
    await page.getByLabel("Tu celular o correo").fill("12345");
    await page.getByTestId("offer-submit").click();
    const contact = page.getByLabel("Tu celular o correo");
    await expect(contact).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Escribe un celular (9 dígitos) o un correo.")).toBeVisible();
    await expect(page.getByLabel("¿Qué ofreces?")).toHaveValue("Dos ollas de 50 litros");
    const { items } = await trpcQuery<{ items: unknown[] }>(delegate.request, "offer.list", { ollaId: olla.id });
    expect(items).toHaveLength(0);
    // Fixed, it goes through.
    await contact.fill("parroquia.santarosa@example.org");
    await page.getByTestId("offer-submit").click();
    await expect(page).toHaveURL(/\/oferta\//);
    await expect(page.getByTestId("offer-status")).toHaveText("Nuevo");
  } finally {
    await delegate.close();
    await closeOllas(browser, [olla.id]);
  }
});

test("the home's way in for supporters, in English", async ({ browser, baseURL }) => {
  const ctx = await browser.newContext(PHONE);
  await ctx.addCookies([{ name: "NEXT_LOCALE", value: "en", url: baseURL! }]);
  const page = await ctx.newPage();
  try {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByTestId("home-offer-help")).toHaveText("Offer help");
    await expect(page.getByTestId("home-offer-how")).toContainText("no account needed");
    await expect(page.getByTestId("need-offer-link").first()).toHaveText("Offer help");
    await noSideScroll(page);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId("home-offer-help").click();
    await expect(page).toHaveURL(/\/necesidades$/);
  } finally {
    await ctx.close();
  }
});
