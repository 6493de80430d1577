import { closeOllas, expect, freshOlla, login, test, trpcMutation, type FreshOlla } from "./fixtures";
import type { Browser, Locator } from "@playwright/test";

/**
 * Her own post, edited and deleted on a 360 px phone (issue 15): home → "Novedades" (1) →
 * "Editar" on her post (2) → "Guardar cambios" (3); "Borrar esta novedad" asks before it deletes.
 * The public feed follows. A fresh olla each, so nothing here touches the demo's feeds.
 */
const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: "es-PE" } as const;

async function phoneOf(browser: Browser, olla: FreshOlla, javaScriptEnabled = true) {
  const ctx = await browser.newContext({ ...PHONE, javaScriptEnabled });
  await login(ctx.request, `+51${olla.delegate!.phone}`, olla.delegate!.password);
  return ctx;
}
async function tall(l: Locator) {
  const box = (await l.boundingBox())!;
  expect(box.height, "a thumb can hit it").toBeGreaterThanOrEqual(44);
  expect(box.width).toBeGreaterThanOrEqual(44);
}

test("she edits her post in 3 taps from her home, and the public feed shows the new text", async ({ browser }) => {
  const olla = await freshOlla(browser);
  const ctx = await phoneOf(browser, olla);
  const stamp = Date.now().toString(36);
  try {
    await trpcMutation(ctx.request, "post.create", { ollaId: olla.id, idempotencyKey: crypto.randomUUID(), body: `Compramos ollas nuevas ${stamp}`, visibility: "public", categories: [] });
    const page = await ctx.newPage();
    await page.goto(`/mi-olla/${olla.id}`);
    await page.getByTestId("posts-home-link").click(); // 1
    const post = page.getByTestId("post").filter({ hasText: `Compramos ollas nuevas ${stamp}` });
    const edit = post.getByTestId("post-edit-link");
    await tall(edit);
    await edit.click(); // 2
    await expect(page.getByRole("heading", { name: "Editar novedad", level: 1 })).toBeVisible();
    const form = page.getByTestId("post-edit-form");
    await form.getByLabel("¿Qué pasó en tu olla?").fill(`Compramos tres ollas nuevas ${stamp}`);
    await form.getByLabel("Almacenamiento", { exact: true }).check();
    const save = form.getByRole("button", { name: "Guardar cambios" });
    await tall(save);
    await save.click(); // 3
    await expect(page).toHaveURL(new RegExp(`/mi-olla/${olla.id}/novedades$`));
    await expect(page.getByText("Novedad guardada.").first()).toBeVisible();
    const saved = page.getByTestId("post").filter({ hasText: `Compramos tres ollas nuevas ${stamp}` });
    await expect(saved).toHaveCount(1);
    await expect(saved).toContainText("Almacenamiento");

    // A visitor reads the new words, never the old ones.
    const visitor = await browser.newContext(PHONE);
    const pub = await visitor.newPage();
    await pub.goto("/novedades");
    await expect(pub.getByTestId("post-body").filter({ hasText: `Compramos tres ollas nuevas ${stamp}` })).toHaveCount(1);
    await expect(pub.getByText(`Compramos ollas nuevas ${stamp}`)).toHaveCount(0);
    await visitor.close();
  } finally {
    await ctx.close();
    await closeOllas(browser, [olla.id]);
  }
});

test("she deletes her post after confirming; it leaves her feed and the public one", async ({ browser }) => {
  const olla = await freshOlla(browser);
  const ctx = await phoneOf(browser, olla);
  const text = `Esta novedad se borra ${Date.now().toString(36)}`;
  try {
    const { id } = await trpcMutation<{ id: string }>(ctx.request, "post.create", { ollaId: olla.id, idempotencyKey: crypto.randomUUID(), body: text, visibility: "public", categories: [] });
    const page = await ctx.newPage();
    await page.goto(`/mi-olla/${olla.id}/novedades`);
    await page.getByTestId("post").filter({ hasText: text }).getByTestId("post-edit-link").click();
    const confirm = page.getByTestId("post-delete-form").getByRole("button", { name: "Sí, borrarla" });
    await expect(confirm, "nothing is deleted by one tap").toBeHidden();
    const open = page.getByTestId("post-delete").locator("summary");
    await tall(open);
    await open.click();
    await expect(page.getByTestId("post-delete-form")).toContainText("no se pueden recuperar");
    await tall(confirm);
    await confirm.click();
    await expect(page).toHaveURL(new RegExp(`/mi-olla/${olla.id}/novedades$`));
    await expect(page.getByText("Novedad borrada.").first()).toBeVisible();
    await expect(page.getByTestId("post").filter({ hasText: text })).toHaveCount(0);

    const visitor = await browser.newContext(PHONE);
    const pub = await visitor.newPage();
    await pub.goto("/novedades");
    await expect(pub.getByTestId("feed")).toBeVisible();
    await expect(pub.getByText(text)).toHaveCount(0);
    expect((await visitor.request.get(`/novedades/${id}`)).status()).toBe(404);
    await visitor.close();
    expect((await ctx.request.get(`/mi-olla/${olla.id}/novedades/${id}`)).status(), "its edit page is gone too").toBe(404);
  } finally {
    await ctx.close();
    await closeOllas(browser, [olla.id]);
  }
});

test("the edit form works before the page is interactive (a plain POST), and refuses an empty post in words", async ({ browser }) => {
  const olla = await freshOlla(browser);
  const ctx = await phoneOf(browser, olla, false);
  const stamp = Date.now().toString(36);
  try {
    const { id } = await trpcMutation<{ id: string }>(ctx.request, "post.create", { ollaId: olla.id, idempotencyKey: crypto.randomUUID(), body: `Sin señal ${stamp}`, visibility: "network", categories: [] });
    const page = await ctx.newPage();
    await page.goto(`/mi-olla/${olla.id}/novedades/${id}`);
    const form = page.getByTestId("post-edit-form");
    await form.getByLabel("¿Qué pasó en tu olla?").fill("   ");
    await form.getByRole("button", { name: "Guardar cambios" }).click();
    await expect(page.getByTestId("post-edit-form").locator(".error")).toHaveText("Escribe algo o agrega una foto.");
    await page.getByTestId("post-edit-form").getByLabel("¿Qué pasó en tu olla?").fill(`Con señal otra vez ${stamp}`);
    await page.getByTestId("post-edit-form").getByLabel(/^Público/).check();
    await page.getByTestId("post-edit-form").getByRole("button", { name: "Guardar cambios" }).click();
    await expect(page).toHaveURL(new RegExp(`/mi-olla/${olla.id}/novedades$`));
    await expect(page.getByTestId("post").filter({ hasText: `Con señal otra vez ${stamp}` })).toContainText("Público");
  } finally {
    await ctx.close();
    await closeOllas(browser, [olla.id]);
  }
});

test("another olla's delegate gets 'not found' for a post that is not hers", async ({ browser }) => {
  const [mine, other] = [await freshOlla(browser), await freshOlla(browser)];
  const ctx = await phoneOf(browser, mine);
  const intruder = await phoneOf(browser, other);
  try {
    const { id } = await trpcMutation<{ id: string }>(ctx.request, "post.create", { ollaId: mine.id, idempotencyKey: crypto.randomUUID(), body: "Solo mía", visibility: "public", categories: [] });
    expect((await intruder.request.get(`/mi-olla/${mine.id}/novedades/${id}`)).status()).toBe(404);
    expect((await intruder.request.get(`/mi-olla/${other.id}/novedades/${id}`)).status()).toBe(404);
    const page = await intruder.newPage();
    await page.goto(`/mi-olla/${other.id}/novedades`);
    await expect(page.getByTestId("post-edit-link")).toHaveCount(0);
  } finally {
    await ctx.close();
    await intruder.close();
    await closeOllas(browser, [mine.id, other.id]);
  }
});
