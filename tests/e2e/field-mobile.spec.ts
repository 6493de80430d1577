/**
 * The delegate's phone app (issue 12): nothing she submits is lost — before the page is
 * interactive, offline, with acknowledgements lost, with her session expired — and each daily
 * task is ≤ 3 taps from her olla's home, with every tap target ≥ 44 × 44 px.
 */
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, BrowserContext, Page } from "@playwright/test";

// Requests of the service worker itself go through context.route (Chromium).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";
import { DEMO, expect, failOnDialogs, login, myOllaId, networkSwitch, serviceWorkerControls, test, trpcMutation, trpcQuery } from "./fixtures";

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
      if (r.width < 44 - 0.5 || r.height < 44 - 0.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute("aria-label") || el.getAttribute("name") || "").trim().slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

test("each daily task is at most 3 taps from her olla's home, with a confirmation after saving", async ({ browser }) => {
  // Five tasks (or several offline rounds) on a shared, loaded machine: more than the default minute.
  test.slow();
  const { ctx, page, ollaId } = await phone(browser);
  const dialogs = failOnDialogs(page);
  const home = `/mi-olla/${ollaId}`;
  const stamp = Date.now().toString(36);

  // Stock entry: the staple's quick button (1), quantity typed, save (2). Source defaults to her last one.
  const rice = await item(ctx.request, ollaId, "arroz");
  await page.goto(home);
  let taps = tapCounter();
  await taps.click(page.getByTestId("quick-actions").getByRole("link", { name: /^Entrada: / }).first());
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
  await taps.click(page.getByTestId("quick-actions").getByRole("link", { name: /^Salida: / }).first());
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

test("no element a delegate can tap is smaller than 44 × 44 px on her pages, each page fits 360 px and is axe-clean", async ({ browser }) => {
  // Ten pages, each loaded, measured and run through axe: more than the default minute on a busy CI machine.
  test.slow();
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
    for (const v of (await new AxeBuilder({ page }).analyze()).violations) problems.push(`${p.replace(ollaId, "[id]")}: axe ${v.id} (${v.nodes.length})`);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 360) problems.push(`${p}: ${width}px wide`);
  }
  console.info(`tap targets and axe: ${pages.length} delegate pages checked, ${problems.length} problems`);
  expect(problems).toEqual([]);
  await ctx.close();
});

// ---- Offline: the service worker and the outbox -------------------------------------------

/** Opens her home and waits until the service worker controls the page and has kept it for her. */
async function installed(page: Page, ollaId: string) {
  await page.goto(`/mi-olla/${ollaId}`);
  await serviceWorkerControls(page);
  await expect
    .poll(() => page.evaluate(async (id) => Boolean((await caches.keys()).find((k) => k.startsWith("pages-")) && (await caches.match(`/mi-olla/${id}`))), ollaId), { timeout: 30_000 })
    .toBe(true);
}

async function recordEntry(page: Page, quantity: string, note: string) {
  await page.getByLabel("Cantidad").fill(quantity);
  await page.getByLabel("Nota (opcional)").fill(note);
  await page.getByRole("button", { name: "Guardar entrada" }).click();
}

test("offline: five entries survive a reload and a new page, and reach the server exactly once when the signal returns", async ({ browser }) => {
  test.slow();
  const { ctx, page, ollaId } = await phone(browser);
  const net = await networkSwitch(ctx);
  const rice = await item(ctx.request, ollaId, "arroz");
  const stamp = `offline ${Date.now().toString(36)}`;
  const entry = `/mi-olla/${ollaId}/almacen/entrada?item=${rice.itemId}`;
  await installed(page, ollaId);
  await page.goto(entry);
  await page.goto(`/mi-olla/${ollaId}/almacen`);
  await page.goto(entry);

  await net.set(true);
  for (let i = 1; i <= 5; i++) {
    await recordEntry(page, String(i), stamp);
    await expect(page.getByRole("status").filter({ hasText: "Guardado en este teléfono" }).last()).toBeVisible();
    await expect(page.getByLabel("Cantidad")).toHaveValue("");
  }
  await expect(page.getByTestId("outbox-count")).toHaveText("5 cambios por enviar");
  // A reload while offline: the page comes from her cache, the changes from IndexedDB.
  await page.reload();
  await expect(page.getByTestId("outbox-count")).toHaveText("5 cambios por enviar");
  await expect(page.getByTestId("offline-age")).toContainText("Sin conexión");
  // Close the tab and open a new one: her home, offline, with the pending entries on the balance.
  await page.close();
  const again = await ctx.newPage();
  await again.goto(`/mi-olla/${ollaId}`);
  await expect(again.getByTestId("olla-name")).toBeVisible();
  await expect(again.getByTestId("outbox-count")).toHaveText("5 cambios por enviar");
  await expect(again.getByTestId("outbox-item")).toHaveCount(5);
  await expect(again.getByTestId("outbox-item").first()).toHaveAttribute("data-state", "pending");
  // The balance she sees includes them, marked as pending (1 + 2 + 3 + 4 + 5 kg).
  await again.getByTestId("bottom-nav").getByRole("link", { name: "Almacén" }).click();
  await expect(again.getByTestId("stock-arroz").getByTestId("pending-balance")).toHaveText("+15 kg por enviar");
  expect(await movementsWithNote(ctx.request, ollaId, stamp)).toHaveLength(0);

  // The signal returns: sent once each, in order, and the outbox empties.
  const back = Date.now();
  await net.set(false);
  await expect.poll(async () => (await movementsWithNote(ctx.request, ollaId, stamp)).length, { timeout: 20_000 }).toBe(5);
  console.info(`reconnect: 5 queued entries on the server ${Date.now() - back} ms after the connection returned`);
  await expect(again.getByTestId("outbox")).toHaveCount(0);
  const rows = await movementsWithNote(ctx.request, ollaId, stamp);
  expect(rows.map((r) => r.quantity).sort()).toEqual([1, 2, 3, 4, 5]);
  await ctx.close();
});

test("queued offline, the page closed: the service worker's background sync sends them, exactly once", async ({ browser }) => {
  // Five tasks (or several offline rounds) on a shared, loaded machine: more than the default minute.
  test.slow();
  const { ctx, page, ollaId } = await phone(browser);
  const net = await networkSwitch(ctx);
  const rice = await item(ctx.request, ollaId, "arroz");
  const stamp = `sync ${Date.now().toString(36)}`;
  await installed(page, ollaId);
  await page.goto(`/mi-olla/${ollaId}/almacen/entrada?item=${rice.itemId}`);
  await net.set(true);
  for (let i = 1; i <= 3; i++) {
    await recordEntry(page, String(i), stamp);
    await expect(page.getByLabel("Cantidad")).toHaveValue("");
  }
  await expect(page.getByTestId("outbox-count")).toHaveText("3 cambios por enviar");
  // Her page is closed: only a blank tab (no page of ours, so none of our code) keeps the browser
  // open; from here on only the service worker can send.
  const base = new URL(page.url()).origin;
  const blank = await ctx.newPage();
  await page.close();
  expect(await movementsWithNote(ctx.request, ollaId, stamp)).toHaveLength(0);
  await net.set(false);
  // The signal returns: Chromium wakes the worker for the sync the page registered (on its own, or
  // here by the DevTools protocol if it has not yet; a second wake-up must then find nothing to send).
  const cdp = await ctx.newCDPSession(blank);
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on("ServiceWorker.workerRegistrationUpdated", (e: { registrations: typeof registrations }) => registrations.push(...e.registrations));
  await cdp.send("ServiceWorker.enable");
  await expect.poll(() => registrations.find((r) => r.scopeURL === `${base}/` && !r.isDeleted)?.registrationId ?? null).not.toBeNull();
  const registrationId = registrations.find((r) => r.scopeURL === `${base}/` && !r.isDeleted)!.registrationId;
  await cdp.send("ServiceWorker.dispatchSyncEvent", { origin: base, registrationId, tag: "ollas-outbox", lastChance: false });
  await expect.poll(async () => (await movementsWithNote(ctx.request, ollaId, stamp)).length, { timeout: 20_000 }).toBe(3);
  // A second wake-up sends nothing again; her next page shows an empty outbox.
  await cdp.send("ServiceWorker.dispatchSyncEvent", { origin: base, registrationId, tag: "ollas-outbox", lastChance: false });
  const again = await ctx.newPage();
  await again.goto(`/mi-olla/${ollaId}`);
  await expect(again.getByTestId("olla-name")).toBeVisible();
  await expect(again.getByTestId("outbox")).toHaveCount(0);
  const rows = await movementsWithNote(ctx.request, ollaId, stamp);
  expect(rows.map((r) => r.quantity).sort()).toEqual([1, 2, 3]);
  await ctx.close();
});

test("an item with nothing on hand but a queued entry is offered for an exit, marked pending; both reach the server in order", async ({ browser }) => {
  // Five tasks (or several offline rounds) on a shared, loaded machine: more than the default minute.
  test.slow();
  const { ctx, page, ollaId } = await phone(browser);
  const net = await networkSwitch(ctx);
  const name = `Quinua ${Date.now().toString(36)}`;
  const added = await trpcMutation<{ id: string }>(ctx.request, "stock.addItem", { ollaId, idempotencyKey: crypto.randomUUID(), name, unit: "kg", kgPerUnit: 1 });
  const stamp = `pendiente ${Date.now().toString(36)}`;
  await installed(page, ollaId);
  // Nothing on hand: the exit form does not offer it.
  await page.goto(`/mi-olla/${ollaId}/almacen/salida`);
  const option = page.getByLabel("Producto").locator("option", { hasText: name });
  await expect(option).toBeHidden();
  await page.goto(`/mi-olla/${ollaId}/almacen/entrada?item=${added.id}`);
  await net.set(true);
  await recordEntry(page, "5", stamp);
  await expect(page.getByTestId("outbox-count")).toHaveText("1 cambio por enviar");
  // Her queued entry brings 5 kg: the exit offers it, saying so.
  await page.goto(`/mi-olla/${ollaId}/almacen/salida`);
  await expect(option).toContainText("+5 kg por enviar");
  await page.getByLabel("Producto").selectOption({ label: (await option.textContent())! });
  await page.getByLabel("Cantidad").fill("2");
  await page.getByLabel("Nota (opcional)").fill(stamp);
  await page.getByRole("button", { name: "Guardar salida" }).click();
  await expect(page.getByTestId("outbox-count")).toHaveText("2 cambios por enviar");
  await net.set(false);
  await expect.poll(async () => (await movementsWithNote(ctx.request, ollaId, stamp)).map((m) => `${m.direction} ${m.quantity}`).sort(), { timeout: 20_000 }).toEqual(["in 5", "out 2"]);
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  const level = (await trpcQuery<{ items: Level[] }>(ctx.request, "stock.levels", { ollaId })).items.find((i) => i.itemId === added.id);
  expect(level?.balance).toBe(3);
  await ctx.close();
});

test("acknowledgements lost after the server committed: the replays apply nothing twice", async ({ browser }) => {
  const { ctx, page, ollaId } = await phone(browser);
  const rice = await item(ctx.request, ollaId, "arroz");
  const stamp = `sin acuse ${Date.now().toString(36)}`;
  let dropped = 0;
  let dropping = true;
  // The server receives and commits every batch; its answer never reaches the phone.
  await ctx.route("**/api/outbox", async (route) => {
    if (!dropping) return route.fallback();
    await route.fetch();
    dropped++;
    await route.abort("connectionreset");
  });
  await installed(page, ollaId);
  await page.goto(`/mi-olla/${ollaId}/almacen/entrada?item=${rice.itemId}`);
  for (let i = 1; i <= 5; i++) {
    await recordEntry(page, String(i), stamp);
    await expect(page.getByLabel("Cantidad")).toHaveValue("", { timeout: 20_000 });
  }
  await expect.poll(async () => (await movementsWithNote(ctx.request, ollaId, stamp)).length).toBe(5);
  await expect(page.getByTestId("outbox-count")).toHaveText("5 cambios por enviar");
  expect(dropped).toBeGreaterThanOrEqual(1);
  // She opens the list and sends now. (The timer retries on its own after the backoff too: if it
  // gets there first, her list empties before her tap, which is as good.)
  await page.getByTestId("outbox-count").click();
  await expect(page.getByTestId("outbox-item")).toHaveCount(5);
  dropping = false;
  await page
    .getByRole("button", { name: "Enviar ahora" })
    .click({ timeout: 10_000 })
    .catch(async (e: unknown) => {
      if ((await page.getByTestId("outbox").count()) > 0) throw e;
    });
  await expect(page.getByTestId("outbox")).toHaveCount(0, { timeout: 20_000 });
  expect(await movementsWithNote(ctx.request, ollaId, stamp)).toHaveLength(5);
  await ctx.close();
});

test("a queued exit that would take stock below zero comes back explained, is kept, and is fixed and sent", async ({ browser }) => {
  const { ctx, page, ollaId } = await phone(browser);
  const net = await networkSwitch(ctx);
  const rice = await item(ctx.request, ollaId, "arroz");
  const stamp = `salida grande ${Date.now().toString(36)}`;
  await installed(page, ollaId);
  await page.goto(`/mi-olla/${ollaId}/almacen/salida?item=${rice.itemId}`);
  await net.set(true);
  await page.getByLabel("Cantidad").fill("99999");
  await page.getByLabel("Nota (opcional)").fill(stamp);
  await page.getByRole("button", { name: "Guardar salida" }).click();
  await expect(page.getByTestId("outbox-count")).toHaveText("1 cambio por enviar");
  await net.set(false);
  const parked = page.getByTestId("outbox-item");
  await expect(parked).toHaveAttribute("data-state", "refused", { timeout: 20_000 });
  await expect(parked.getByTestId("outbox-reason")).toContainText("No alcanza");
  await expect(parked.getByTestId("outbox-reason")).toContainText("Corrígelo y vuelve a enviarlo, o descártalo.");
  // Still there after a reload: never dropped.
  await page.reload();
  await expect(page.getByTestId("outbox-item")).toHaveAttribute("data-state", "refused");
  // She fixes it: the form opens with her values and the reason; she sends 2 instead.
  await page.getByTestId("outbox-item").getByRole("link", { name: "Corregir" }).click();
  await expect(page.getByLabel("Cantidad")).toHaveValue("99999");
  await expect(page.getByLabel("Cantidad")).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel("Cantidad").fill("2");
  await page.getByRole("button", { name: "Guardar salida" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Salida guardada." })).toBeVisible();
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  const rows = await movementsWithNote(ctx.request, ollaId, stamp);
  expect(rows.map((r) => [r.direction, r.quantity])).toEqual([["out", 2]]);
  await ctx.close();
});

test("a session that expired while offline asks her to sign in, then sends; never under another person", async ({ browser }) => {
  const { ctx, page, ollaId } = await phone(browser);
  const net = await networkSwitch(ctx);
  const rice = await item(ctx.request, ollaId, "arroz");
  const stamp = `sesion ${Date.now().toString(36)}`;
  await installed(page, ollaId);
  await page.goto(`/mi-olla/${ollaId}/almacen/entrada?item=${rice.itemId}`);
  await net.set(true);
  await recordEntry(page, "7", stamp);
  await expect(page.getByTestId("outbox-count")).toHaveText("1 cambio por enviar");
  // Weeks later the session is gone.
  await ctx.clearCookies();
  await net.set(false);
  await expect(page.getByTestId("outbox-signin")).toContainText("Tu sesión terminó", { timeout: 20_000 });
  await expect(page.getByTestId("outbox-item")).toHaveAttribute("data-state", "unauthorized");
  // Another person signs in on this phone: her change is not sent with that session.
  const checker = await browser.newContext();
  await login(checker.request, DEMO.delegateA);
  await login(ctx.request, DEMO.delegateB);
  await page.goto(`/mi-olla/${await myOllaId(ctx.request)}`);
  await expect(page.getByTestId("bottom-nav")).toBeVisible();
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  expect(await movementsWithNote(checker.request, ollaId, stamp)).toHaveLength(0);
  // She signs in again: her change goes, once.
  await ctx.clearCookies();
  await login(ctx.request, DEMO.delegateA);
  await page.goto(`/mi-olla/${ollaId}`);
  await expect.poll(async () => (await movementsWithNote(checker.request, ollaId, stamp)).length, { timeout: 20_000 }).toBe(1);
  await checker.close();
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  await ctx.close();
});

test("her home and almacén open offline with the last synced data, saying how old it is", async ({ browser }) => {
  const { ctx, page, ollaId } = await phone(browser);
  const net = await networkSwitch(ctx);
  await installed(page, ollaId);
  await page.goto(`/mi-olla/${ollaId}/almacen`);
  const balance = await page.getByTestId("stock-arroz").getByTestId("balance").textContent();
  await net.set(true);
  await page.goto(`/mi-olla/${ollaId}`);
  await expect(page.getByTestId("olla-name")).toBeVisible();
  await expect(page.getByTestId("offline-age")).toContainText(/Sin conexión\. Ves los datos de (hace|ahora)/);
  await page.getByTestId("bottom-nav").getByRole("link", { name: "Almacén" }).click();
  await expect(page.getByTestId("stock-arroz").getByTestId("balance")).toHaveText(balance!);
  await expect(page.getByTestId("offline-age")).toBeVisible();
  // Nothing of hers is served from the worker's cache for the API, even offline.
  const api = await page.evaluate(() => fetch("/api/trpc/me.get").then((r) => r.status, () => "failed"));
  expect(api).toBe("failed");
  await ctx.close();
});

test("signing out with changes still to send warns her, keeps them for her, and clears her cached pages", async ({ browser }) => {
  const { ctx, page, ollaId } = await phone(browser);
  const net = await networkSwitch(ctx);
  const rice = await item(ctx.request, ollaId, "arroz");
  const stamp = `al salir ${Date.now().toString(36)}`;
  await installed(page, ollaId);
  await page.goto(`/mi-olla/${ollaId}/almacen/entrada?item=${rice.itemId}`);
  await net.set(true);
  await recordEntry(page, "3", stamp);
  await expect(page.getByTestId("outbox-count")).toHaveText("1 cambio por enviar");
  // Back online but the outbox cannot reach the server yet: the change is still to send.
  await ctx.route("**/api/outbox", (route) => route.abort("connectionreset"));
  await net.set(false);
  await page.locator("header summary").first().click();
  await page.getByRole("button", { name: "Salir" }).click();
  await expect(page.getByTestId("signout-warning")).toContainText("Tienes 1 cambio por enviar");
  await page.getByRole("button", { name: "Salir igual" }).click();
  await expect(page).not.toHaveURL(/\/mi-olla\//);
  // Her pages are gone from the phone's cache; her change stays in IndexedDB, still hers.
  expect(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("pages-")).length)).toBe(0);
  const kept = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open("ollas-outbox");
        open.onsuccess = () => {
          const req = open.result.transaction("changes").objectStore("changes").count();
          req.onsuccess = () => resolve(req.result);
        };
      }),
  );
  expect(kept).toBe(1);
  await ctx.close();
});

test("what waits in her outbox counts: the entry form takes the source of her last queued entry and shows the chosen item's pending quantity", async ({ browser }) => {
  const { ctx, page, ollaId } = await phone(browser);
  const rice = await item(ctx.request, ollaId, "arroz");
  const entry = `/mi-olla/${ollaId}/almacen/entrada?item=${rice.itemId}`;
  // The server never gets it while this test looks: her entry stays queued on the phone.
  await ctx.route("**/api/outbox", (route) => route.abort("internetdisconnected"));
  await page.goto(entry);
  const source = page.getByLabel("¿De dónde vino?");
  await expect(page.getByTestId("save-movement")).toBeEnabled();
  // The server's default is the source of the olla's last synced entry: queue one from another source.
  const serverDefault = await source.inputValue();
  const mine = serverDefault === "member_contribution" ? "purchase" : "member_contribution";
  await source.selectOption(mine);
  await page.getByLabel("Cantidad").fill("7");
  await page.getByRole("button", { name: "Guardar entrada" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Guardado en este teléfono" }).last()).toBeVisible();

  // She opens the entry form again: the server alone would offer its own default; her queued entry wins.
  await page.goto(entry);
  await expect(page.getByTestId("outbox-count")).toHaveText("1 cambio por enviar");
  await expect(source).toHaveValue(mine);
  // The chosen item's quantity still to send, marked as pending, under the item.
  await expect(page.getByTestId("movement-form").getByTestId("pending-balance")).toHaveText("+7 kg por enviar");
  await ctx.close();
});
