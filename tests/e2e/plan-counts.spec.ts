import { closeOllas, expect, freshOlla, signedIn, test, trpcMutation, trpcQuery } from "./fixtures";

/**
 * Issue 14 on the public dashboard: city-wide module counts with the usual small-cell suppression
 * (a count of 1 or 2 ollas is shown as "—", so no olla can be picked out), and a delegate's change
 * shown on the next visit although /panel is shared for a minute (PUBLIC_CACHE_SECONDS). In the demo
 * exactly one olla has finished a refrigerator; two fresh ollas finish one each: 1 → 2 stays hidden,
 * 3 is shown. Both are closed at the end (closed ollas do not count), which hides it again.
 */
test("/panel hides module counts under 3 ollas and shows a finished module at once", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const fridgeRow = () => page.getByTestId("plan-counts").locator("tbody tr").filter({ hasText: "Refrigeración" });
  const done = () => fridgeRow().locator("td").nth(1);

  await page.goto("/panel");
  await expect(done()).toHaveText("—");
  await expect(page.getByTestId("plan-counts")).toContainText("1 cifra oculta (menos de 3 ollas).");

  const ollas = [await freshOlla(browser), await freshOlla(browser)];
  try {
    for (const [i, olla] of ollas.entries()) {
      const ctx = await signedIn(browser, olla.delegate!.phone, olla.delegate!.password);
      try {
        const modules = await trpcQuery<{ id: string; code: string }[]>(ctx.request, "planModule.list", {});
        const fridge = modules.find((m) => m.code === "refrigeradora")!;
        const item = await trpcMutation<{ id: string; version: number }>(ctx.request, "plan.addModule", { ollaId: olla.id, idempotencyKey: crypto.randomUUID(), moduleId: fridge.id });
        await trpcMutation(ctx.request, "plan.updateItem", { ollaId: olla.id, idempotencyKey: crypto.randomUUID(), itemId: item.id, version: item.version, status: "done", funding: "donation", savedCents: 0 });
      } finally {
        await ctx.close();
      }
      await page.reload();
      if (i === 0) await expect(done(), "2 ollas: still hidden").toHaveText("—");
      else {
        await expect(done(), "3 ollas: shown, without waiting for the shared minute").toHaveText("3");
        await expect(page.getByTestId("plan-counts")).not.toContainText("cifra oculta");
      }
    }
  } finally {
    await closeOllas(browser, ollas.map((o) => o.id));
  }
  await page.reload();
  await expect(done(), "their ollas closed: back to 1, hidden").toHaveText("—");
});
