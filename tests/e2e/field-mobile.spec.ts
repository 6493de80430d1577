/**
 * The delegate's phone app (issue 12): nothing she submits is lost — before the page is
 * interactive, offline, with acknowledgements lost, with her session expired — and each daily
 * task is ≤ 3 taps from her olla's home, with every tap target ≥ 44 × 44 px.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO, expect, failOnDialogs, login, myOllaId, test, trpcQuery } from "./fixtures";

interface Level {
  itemId: string;
  code: string | null;
  unit: string;
  balance: number;
}
interface Movement {
  id: number;
  itemId: string;
  direction: "in" | "out";
  quantity: number;
  note: string | null;
  occurredOn: string;
}

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "es-PE" } as const;

async function item(request: APIRequestContext, ollaId: string, code: string): Promise<Level> {
  const { items } = await trpcQuery<{ items: Level[] }>(request, "stock.levels", { ollaId });
  return items.find((i) => i.code === code)!;
}

async function movementsWithNote(request: APIRequestContext, ollaId: string, note: string): Promise<Movement[]> {
  const rows = await trpcQuery<Movement[]>(request, "stock.movements", { ollaId, limit: 100 });
  return rows.filter((m) => m.note === note);
}

async function phone(browser: Browser, who: string = DEMO.delegateA): Promise<{ ctx: BrowserContext; page: Page; ollaId: string }> {
  const ctx = await browser.newContext(PHONE);
  await login(ctx.request, who);
  const page = await ctx.newPage();
  return { ctx, page, ollaId: await myOllaId(ctx.request) };
}

/** Counts the taps (clicks, checks, selects) a task takes. */
function tapCounter() {
  let n = 0;
  return {
    get count() {
      return n;
    },
    async click(l: ReturnType<Page["locator"]>) {
      n++;
      await l.click();
    },
  };
}

/** Every visible control she can tap is at least 44 × 44 px (inline links in running text excepted, per WCAG 2.5.8). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const els = document.querySelectorAll<HTMLElement>("a[href], button, input:not([type=hidden]), select, textarea, summary, label:has(input[type=radio]), label:has(input[type=checkbox])");
    for (const el of els) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden") continue;
      // A radio or checkbox is tapped through its label (the label is checked above).
      if (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox") && el.closest("label")) continue;
      if (el.closest(".sr-only")) continue;
      // The site header is another engineer's (made compact on her pages there); her app's controls are checked here.
      if (el.closest("body > header")) continue;
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || el.getAttribute("name") || "").trim().slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

test("each daily task is at most 3 taps from her olla's home, with a confirmation after saving", async ({ browser }) => {
  const { ctx, page, ollaId } = await phone(browser);
  const dialogs = failOnDialogs(page);
  const home = `/mi-olla/${ollaId}`;
  const stamp = Date.now().toString(36);

  // Stock entry: the staple's quick button (1), quantity typed, save (2). Source defaults to her last one.
  const rice = await item(ctx.request, ollaId, "arroz");
  await page.goto(home);
  let taps = tapCounter();
  await taps.click(page.getByTestId("quick-actions").getByRole("link", { name: /^Entró / }).first());
  await expect(page.getByRole("heading", { name: "Registrar una entrada" })).toBeVisible();
  const chosen = (await page.getByLabel("Producto").inputValue()).split(":")[0]!;
  expect(chosen).toMatch(/^[0-9a-f-]{36}$/);
  await page.getByLabel("Cantidad").fill("2");
  await page.getByLabel("Nota (opcional)").fill(`entrada ${stamp}`);
  await taps.click(page.getByRole("button", { name: "Guardar entrada" }));
  await expect(page.getByRole("status").filter({ hasText: "Entrada guardada." })).toBeVisible();
  expect(taps.count).toBeLessThanOrEqual(3);
  await expect.poll(async () => (await movementsWithNote(ctx.request, ollaId, `entrada ${stamp}`)).length).toBe(1);

  // Stock exit: the staple's quick exit (1), quantity, save (2); the reason defaults to "cocinado".
  await page.goto(home);
  taps = tapCounter();
  await taps.click(page.getByTestId("quick-actions").getByRole("link", { name: /^Salió / }).first());
  await expect(page.getByLabel("Cocinado")).toBeChecked();
  await page.getByLabel("Cantidad").fill("1");
  await page.getByLabel("Nota (opcional)").fill(`salida ${stamp}`);
  await taps.click(page.getByRole("button", { name: "Guardar salida" }));
  await expect(page.getByRole("status").filter({ hasText: "Salida guardada." })).toBeVisible();
  expect(taps.count).toBeLessThanOrEqual(3);
  await expect.poll(async () => (await movementsWithNote(ctx.request, ollaId, `salida ${stamp}`)).length).toBe(1);

  // New need: the home's button (1), a category (2), description typed, publish (3).
  await page.goto(home);
  taps = tapCounter();
  await taps.click(page.getByRole("link", { name: "Nueva necesidad" }));
  await expect(page.getByRole("heading", { name: "Nueva necesidad" })).toBeVisible();
  await taps.click(page.getByRole("radio", { name: "Agua", exact: true }));
  await page.getByLabel("Descripción").fill(`Bidones para agua ${stamp}`);
  await taps.click(page.getByRole("button", { name: "Publicar necesidad" }));
  await expect(page.getByRole("status").filter({ hasText: "Necesidad guardada." })).toBeVisible();
  expect(taps.count).toBeLessThanOrEqual(3);
  const created = await trpcQuery<{ items: { description: string; category: string; urgency: string; visibility: string }[] }>(ctx.request, "need.list", { ollaId });
  expect(created.items.find((n) => n.description === `Bidones para agua ${stamp}`)).toMatchObject({ category: "water", urgency: "medium", visibility: "public" });

  // Mark a need resolved: "Resolver" on it, right on her home (1). (A critical one, so it is among the five the home lists.)
  const urgent = `Balón de gas urgente ${stamp}`;
  const res = await ctx.request.post("/api/trpc/need.create", {
    data: { json: { ollaId, idempotencyKey: crypto.randomUUID(), category: "cooking", description: urgent, urgency: "critical", visibility: "network" } },
  });
  expect(res.ok()).toBe(true);
  await page.goto(home);
  taps = tapCounter();
  const need = page.getByTestId("home-needs").getByTestId("need").filter({ hasText: urgent });
  await taps.click(need.getByRole("button", { name: /^Resolver/ }));
  await expect(page.getByRole("status").filter({ hasText: "Necesidad marcada como cubierta." })).toBeVisible();
  await expect(need).toHaveCount(0);
  expect(taps.count).toBeLessThanOrEqual(3);
  const needs = await trpcQuery<{ items: { description: string; status: string }[] }>(ctx.request, "need.list", { ollaId });
  expect(needs.items.find((n) => n.description === urgent)?.status).toBe("met");

  // Infrastructure: the area (1), the level (2), save (3).
  await page.goto(home);
  taps = tapCounter();
  await taps.click(page.getByTestId("assessment-storage").getByRole("link"));
  await taps.click(page.getByRole("radio", { name: "Adecuado" }));
  await taps.click(page.getByRole("button", { name: "Guardar calificación" }));
  await expect(page.getByRole("status").filter({ hasText: "Evaluación guardada." })).toBeVisible();
  expect(taps.count).toBeLessThanOrEqual(3);
  await page.goto(home);
  await expect(page.getByTestId("assessment-storage").locator("[data-level]")).toHaveAttribute("data-level", "2");

  expect(rice.balance).toBeGreaterThanOrEqual(0);
  expect(dialogs).toEqual([]);
  await ctx.close();
});

test("a missing product is named as such, and a refused exit keeps what she typed", async ({ browser }) => {
  const { ctx, page, ollaId } = await phone(browser);
  await page.goto(`/mi-olla/${ollaId}/almacen/salida`);
  await page.getByLabel("Cantidad").fill("3");
  await page.getByRole("button", { name: "Guardar salida" }).click();
  await expect(page.getByText("Elige un producto.")).toBeVisible();
  await expect(page.getByLabel("Producto")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Cantidad")).toHaveValue("3");
  await ctx.close();
});

test("a submit made before the page is interactive is a POST, saved exactly once, never values in the address", async ({ browser }) => {
  const { ctx, page, ollaId } = await phone(browser);
  const rice = await item(ctx.request, ollaId, "arroz");
  const note = `antes de cargar ${Date.now().toString(36)}`;
  // Hold back every script of the page: the form is there, React is not.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  await page.route("**/_next/static/**/*.js", async (route) => {
    await gate;
    await route.continue();
  });
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.isNavigationRequest()) posts.push(`${r.method()} ${r.url()}`);
  });
  await page.goto(`/mi-olla/${ollaId}/almacen/entrada?item=${rice.itemId}`, { waitUntil: "commit" });
  await expect(page.getByLabel("Cantidad")).toBeVisible();
  await page.getByLabel("Cantidad").fill("4,5");
  await page.getByLabel("Nota (opcional)").fill(note);
  await page.getByRole("button", { name: "Guardar entrada" }).click();
  await expect(page.getByTestId("form-saved")).toHaveText("Entrada guardada.");
  release();
  expect(page.url()).not.toContain("quantity=");
  expect(page.url()).not.toContain("4%2C5");
  expect(posts.some((p) => p.startsWith("POST ") && p.includes("/almacen/entrada"))).toBe(true);
  expect(posts.filter((p) => p.startsWith("GET ")).every((p) => !p.includes("quantity"))).toBe(true);
  const saved = await movementsWithNote(ctx.request, ollaId, note);
  expect(saved).toHaveLength(1);
  expect(saved[0]!.quantity).toBe(4.5);
  // Reloading the answer (the browser re-posting) finds the same key: still once.
  await page.reload();
  await expect.poll(async () => (await movementsWithNote(ctx.request, ollaId, note)).length).toBe(1);
  await ctx.close();
});

test("no element a delegate can tap is smaller than 44 × 44 px on her pages, and each page fits 360 px", async ({ browser }) => {
  const { ctx, page, ollaId } = await phone(browser);
  const base = `/mi-olla/${ollaId}`;
  const pages = [base, `${base}/almacen`, `${base}/almacen/entrada`, `${base}/almacen/salida`, `${base}/almacen/transferir`, `${base}/necesidades`, `${base}/necesidades/nueva`, `${base}/evaluar/water`, `${base}/perfil`, `${base}/mas`];
  const problems: string[] = [];
  for (const p of pages) {
    await page.goto(p);
    await page.waitForLoadState("networkidle");
    // Open every disclosure so what hides behind it is measured too.
    await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    for (const s of await smallTargets(page)) problems.push(`${p.replace(ollaId, "[id]")}: ${s}`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 360) problems.push(`${p}: ${width}px wide`);
  }
  console.info(`tap targets: ${pages.length} delegate pages checked, ${problems.length} problems`);
  expect(problems).toEqual([]);
  await ctx.close();
});
