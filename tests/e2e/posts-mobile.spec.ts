import path from "node:path";
import { expect, test } from "@playwright/test";
import { DEMO, myOllaId, signedIn } from "./fixtures";

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
