import path from "node:path";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";

// Requests of the service worker itself go through context.route (Chromium).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";
import { DEMO, myOllaId, networkSwitch, serviceWorkerControls, signedIn, trpcQuery } from "./fixtures";

const PHOTO = path.join(process.cwd(), "tests/fixtures/olla-foto.jpg");

test("a delegate posts text and a photo from the file chooser in 3 taps from her home, and sees it in her feed", async ({ browser }) => {
  const ctx = await signedIn(browser, DEMO.delegateA);
  const page = await ctx.newPage();
  const ollaId = await myOllaId(ctx.request);
  const stamp = Date.now().toString(36);
  await page.goto(`/mi-olla/${ollaId}`);
  await page.getByTestId("posts-home-link").click(); // 1
  await expect(page.getByRole("heading", { name: "Novedades", level: 1 })).toBeVisible();
  const publish = page.getByTestId("publish");
  await page.getByLabel("¿Qué pasó en tu olla?").fill(`Llegó el balón de gas ${stamp}`);
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Galería" }).click()]); // 2
  await chooser.setFiles(PHOTO);
  await expect(page.getByTestId("picked-photos").locator("li")).toHaveCount(1);
  await page.getByLabel(/^La red/).check();
  await publish.click(); // 3
  await expect(page.getByTestId("composer-status")).toHaveText("Novedad publicada.");
  const post = page.getByTestId("post").filter({ hasText: `Llegó el balón de gas ${stamp}` });
  await expect(post).toHaveCount(1);
  const thumb = post.locator("img").first();
  await expect(thumb).toHaveAttribute("src", /^\/api\/fotos\/[0-9a-f]{64}\.webp$/);
  const res = await ctx.request.get((await thumb.getAttribute("src"))!);
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toContain("immutable");
  await ctx.close();
});

test("a hostile post text shows as text", async ({ browser }) => {
  const ctx = await signedIn(browser, DEMO.delegateA);
  const page = await ctx.newPage();
  const ollaId = await myOllaId(ctx.request);
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  const hostile = `<img src=x onerror=alert(1)><script>alert(2)</script> ${Date.now()}`;
  await page.goto(`/mi-olla/${ollaId}/novedades`);
  await page.getByLabel("¿Qué pasó en tu olla?").fill(hostile);
  await page.getByTestId("publish").click();
  await expect(page.getByTestId("composer-status")).toHaveText("Novedad publicada.");
  await expect(page.getByTestId("post-body").filter({ hasText: hostile })).toHaveCount(1);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toBe(0);
  await ctx.close();
});

test("a delegate links a post to a module of her plan; the post says what it is about, and the module lists it", async ({ browser }) => {
  const ctx = await signedIn(browser, DEMO.delegateA);
  const page = await ctx.newPage();
  const ollaId = await myOllaId(ctx.request);
  const stamp = Date.now().toString(36);
  await page.goto(`/mi-olla/${ollaId}/novedades`);
  const picker = page.getByTestId("post-about");
  // The demo's first delegate always has a plan: its modules are offered under "Plan de mejoras".
  const option = picker.locator('optgroup[label="Plan de mejoras"] option').first();
  const value = (await option.getAttribute("value"))!;
  const moduleName = (await option.textContent())!.trim();
  expect(value).toMatch(/^plan:/);
  await page.getByLabel("¿Qué pasó en tu olla?").fill(`Avance del módulo ${stamp}`);
  await picker.selectOption(value);
  await expect(page.getByTestId("publish")).toBeEnabled();
  await page.getByTestId("publish").click();
  await expect(page.getByTestId("composer-status")).toHaveText("Novedad publicada.");
  const post = page.getByTestId("post").filter({ hasText: `Avance del módulo ${stamp}` });
  const about = post.getByTestId("post-about").getByRole("link", { name: `sobre: ${moduleName}` });
  await expect(about).toBeVisible();
  expect((await about.boundingBox())!.height).toBeGreaterThanOrEqual(44);
  await about.click();
  await expect(page).toHaveURL(new RegExp(`/mi-olla/${ollaId}/plan#plan-item-`));
  const itemId = value.slice("plan:".length);
  const posts = page.locator(`#plan-item-${itemId}`).getByTestId("plan-item-posts");
  await expect(posts).toContainText(/novedad(es)? sobre esto/);
  await posts.click();
  await expect(page.getByRole("heading", { name: `Novedades sobre: ${moduleName}` })).toBeVisible();
  await expect(page.getByTestId("post").filter({ hasText: `Avance del módulo ${stamp}` })).toHaveCount(1);
  await ctx.close();
});

// ---- Posts in her outbox (issue 12) ---------------------------------------------------------

interface FeedPost {
  id: string;
  body: string;
  categories: string[];
  photos: { thumb: string; display: string }[];
}

async function postsWith(ctx: BrowserContext, ollaId: string, text: string): Promise<FeedPost[]> {
  const { items } = await trpcQuery<{ items: FeedPost[] }>(ctx.request, "post.ollaFeed", { ollaId });
  return items.filter((p) => p.body.includes(text));
}

/** Her novedades page, online, until the service worker controls it and has kept it for her (it opens offline). */
async function installedNovedades(page: Page, ollaId: string) {
  const url = `/mi-olla/${ollaId}/novedades`;
  await page.goto(url);
  await serviceWorkerControls(page);
  // Once the worker controls the page, a second visit is kept in her cache.
  await page.goto(url);
  await expect.poll(() => page.evaluate(async (u) => Boolean(await caches.match(u)), url), { timeout: 30_000 }).toBe(true);
  await expect(page.getByTestId("publish")).toBeVisible();
}

async function writePost(page: Page, text: string) {
  await page.getByLabel("¿Qué pasó en tu olla?").fill(text);
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByRole("button", { name: "Galería" }).click()]);
  await chooser.setFiles(PHOTO);
  await expect(page.getByTestId("picked-photos").locator("li")).toHaveCount(1);
  await page.getByLabel(/^La red/).check();
  await page.getByTestId("post-tags").getByLabel("Agua").check();
  await page.getByTestId("publish").click();
}

test("a post with a photo published offline is kept on the phone through a reload and a closed page, and is published exactly once by the background sync", async ({ browser }) => {
  test.slow();
  const ctx = await signedIn(browser, DEMO.delegateA);
  const page = await ctx.newPage();
  const ollaId = await myOllaId(ctx.request);
  const net = await networkSwitch(ctx);
  const stamp = `Sin señal en el cerro ${Date.now().toString(36)}`;
  await installedNovedades(page, ollaId);

  await net.set(true);
  await writePost(page, stamp);
  await expect(page.getByTestId("composer-status")).toContainText("quedó guardada en este teléfono");
  await expect(page.getByLabel("¿Qué pasó en tu olla?")).toHaveValue("");
  await expect(page.getByTestId("outbox-count")).toHaveText("1 cambio por enviar");
  await expect(page.getByTestId("outbox-item")).toContainText(`Novedad · ${stamp.slice(0, 21)}`);
  // Reloaded offline: the page from her cache, the post (and its photo) from IndexedDB.
  await page.reload();
  await expect(page.getByTestId("outbox-count")).toHaveText("1 cambio por enviar");
  await expect(page.getByTestId("outbox-item")).toHaveAttribute("data-state", "pending");
  expect(await postsWith(ctx, ollaId, stamp)).toHaveLength(0);

  // Her page is closed; only a blank tab keeps the browser open: from here on only the worker can send.
  const base = new URL(page.url()).origin;
  const blank = await ctx.newPage();
  await page.close();
  await net.set(false);
  // The signal returns: Chromium wakes the worker for the sync the composer registered (here by the
  // DevTools protocol, twice: the second wake-up must find nothing to send).
  const cdp = await ctx.newCDPSession(blank);
  const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
  cdp.on("ServiceWorker.workerRegistrationUpdated", (e: { registrations: typeof registrations }) => registrations.push(...e.registrations));
  await cdp.send("ServiceWorker.enable");
  await expect.poll(() => registrations.find((r) => r.scopeURL === `${base}/` && !r.isDeleted)?.registrationId ?? null).not.toBeNull();
  const registrationId = registrations.find((r) => r.scopeURL === `${base}/` && !r.isDeleted)!.registrationId;
  await cdp.send("ServiceWorker.dispatchSyncEvent", { origin: base, registrationId, tag: "ollas-outbox", lastChance: false });
  await expect.poll(async () => (await postsWith(ctx, ollaId, stamp)).length, { timeout: 30_000 }).toBe(1);
  await cdp.send("ServiceWorker.dispatchSyncEvent", { origin: base, registrationId, tag: "ollas-outbox", lastChance: false });

  // Her feed: exactly one post, with its photo and its tag; her outbox empty.
  const again = await ctx.newPage();
  await again.goto(`/mi-olla/${ollaId}/novedades`);
  const post = again.getByTestId("post").filter({ hasText: stamp });
  await expect(post).toHaveCount(1);
  await expect(post.locator("img").first()).toHaveAttribute("src", /^\/api\/fotos\/[0-9a-f]{64}\.webp$/);
  await expect(post).toContainText("Agua");
  await expect(again.getByTestId("outbox")).toHaveCount(0);
  const [made] = await postsWith(ctx, ollaId, stamp);
  expect(made!.photos).toHaveLength(1);
  expect(made!.categories).toEqual(["water"]);
  expect(await postsWith(ctx, ollaId, stamp)).toHaveLength(1);
  await ctx.close();
});

test("the answer to her post is lost after the server made it: the post waits in her outbox, is re-sent with its key when the page is open, and is still one post", async ({ browser }) => {
  const ctx = await signedIn(browser, DEMO.delegateA);
  const page = await ctx.newPage();
  const ollaId = await myOllaId(ctx.request);
  const stamp = `Respuesta perdida ${Date.now().toString(36)}`;
  let cut = 1;
  // The server receives and commits the post; the phone never hears the answer.
  await ctx.route("**/api/novedades", async (route) => {
    if (cut-- <= 0) return route.fallback();
    await route.fetch();
    await route.abort("connectionreset");
  });
  await page.goto(`/mi-olla/${ollaId}/novedades`);
  await writePost(page, stamp);
  await expect(page.getByTestId("composer-status")).toContainText("quedó guardada en este teléfono");
  await expect.poll(async () => (await postsWith(ctx, ollaId, stamp)).length).toBe(1);
  // The page's own sender re-sends it (same key): the server answers the first post, makes none.
  await expect(page.getByTestId("outbox")).toHaveCount(0, { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId("post").filter({ hasText: stamp })).toHaveCount(1);
  expect(await postsWith(ctx, ollaId, stamp)).toHaveLength(1);
  await ctx.close();
});

test("a queued post the server refuses comes back explained in her outbox; she opens it to fix, with its photo, and publishes it once", async ({ browser }) => {
  const ctx = await signedIn(browser, DEMO.delegateA);
  const page = await ctx.newPage();
  const ollaId = await myOllaId(ctx.request);
  const stamp = `Rechazada ${Date.now().toString(36)}`;
  // No answer on the first try; on the outbox's try the server refuses it (as it refuses a photo it
  // cannot read: the real refusals are proved in tests/integration/posts-*.test.ts).
  let phase: "offline" | "refuse" | "open" = "offline";
  await ctx.route("**/api/novedades", async (route) => {
    if (phase === "offline") return route.abort("internetdisconnected");
    if (phase === "refuse") return route.fulfill({ status: 400, contentType: "application/json", body: JSON.stringify({ error: "No pudimos leer una de las fotos. Vuelve a elegirla.", code: "BAD_REQUEST", fieldErrors: null }) });
    return route.fallback();
  });
  await page.goto(`/mi-olla/${ollaId}/novedades`);
  await writePost(page, stamp);
  await expect(page.getByTestId("composer-status")).toContainText("quedó guardada en este teléfono");
  // The page's sender tries again by itself (backoff of seconds while the page is open).
  phase = "refuse";
  const item = page.getByTestId("outbox-item");
  await expect(item).toHaveAttribute("data-state", "refused", { timeout: 30_000 });
  await expect(item.getByTestId("outbox-reason")).toContainText("No pudimos leer una de las fotos");
  phase = "open";
  await item.getByRole("link", { name: "Corregir" }).click();
  await expect(page.getByLabel("¿Qué pasó en tu olla?")).toHaveValue(stamp);
  await expect(page.getByTestId("picked-photos").locator("li")).toHaveCount(1);
  await expect(page.getByTestId("post-tags").getByLabel("Agua")).toBeChecked();
  await expect(page.getByTestId("composer-status")).toContainText("No pudimos leer una de las fotos");
  await page.getByTestId("publish").click();
  await expect(page.getByTestId("composer-status")).toHaveText("Novedad publicada.");
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  await expect(page.getByTestId("post").filter({ hasText: stamp })).toHaveCount(1);
  expect(await postsWith(ctx, ollaId, stamp)).toHaveLength(1);
  await ctx.close();
});
