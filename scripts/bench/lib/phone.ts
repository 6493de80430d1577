/**
 * Issue #12's phone profile (360 px, 400 ms RTT, 400 kbit/s, CPU 4×), her olla's home, one
 * browser context per run (as one phone: first visit, then with the service worker):
 *
 *   - first visit (cold cache, no worker yet): usable is the first frame where a "Resolver" form
 *     of a need is on screen — a submit made then is a plain POST to its server action, so the
 *     harness submits it at that very frame and checks on the server that the need is resolved
 *     (not the hydration: before it the form already works);
 *   - repeat visit (the worker serves her cached page at once and refreshes it behind): the same,
 *     for another need, checked on the server the same way;
 *   - offline (the network cut for the page and the worker alike): the same moment; a submit then
 *     goes to her outbox in IndexedDB (by the page once interactive, by the service worker before:
 *     the plain POST cannot leave the phone) — the harness checks the change is queued;
 *   - reconnect: the connection comes back (the page's "online" event) and the time until that
 *     queued change is applied on the server is measured.
 * Times are read in the page (performance.now(), i.e. since navigation start).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CPU_SLOWDOWN, NETWORKS } from "./browser";

export interface PhoneServer {
  /** A new open, critical need of her olla (shown first on her home); its id. */
  newNeed(): Promise<string>;
  /** Whether the need is resolved on the server. */
  needMet(id: string): Promise<boolean>;
}

/**
 * Waits, frame by frame, until the need's "Resolver" form is on screen (and hydrated, if asked),
 * submits it in that frame's next task, as a tap would, and returns the frame's time.
 */
async function submitWhenUsable(page: Page, needId: string, hydrated: boolean, timeoutMs: number): Promise<number> {
  return page.evaluate(
    ({ needId, hydrated, timeoutMs }) =>
      new Promise<number>((resolve, reject) => {
        const until = performance.now() + timeoutMs;
        const tick = () => {
          const input = document.querySelector(`form input[name="needId"][value="${needId}"]`);
          const form = input?.closest("form");
          const button = form?.querySelector<HTMLButtonElement>("button[type=submit]");
          const ready = form && button && button.getBoundingClientRect().height > 0 && (!hydrated || Object.keys(form).some((k) => k.startsWith("__reactFiber")));
          if (ready) {
            const t = performance.now();
            setTimeout(() => form.requestSubmit(button), 0);
            resolve(t);
          } else if (performance.now() > until) reject(new Error(`the form of need ${needId} was not usable within ${timeoutMs} ms`));
          else requestAnimationFrame(tick);
        };
        tick();
      }),
    { needId, hydrated, timeoutMs },
  );
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (await check()) return Math.round(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

export interface PhoneVisits {
  firstMs: number | null;
  repeatMs: number | null;
  offlineMs: number | null;
  /** From the connection's return to the queued change applied on the server. */
  reconnectMs: number | null;
  error?: string;
}

export async function phoneVisits(browser: Browser, base: string, path: string, prepare: (ctx: BrowserContext) => Promise<void>, server: PhoneServer): Promise<PhoneVisits> {
  const ctx = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, locale: "es-PE" });
  const out: PhoneVisits = { firstMs: null, repeatMs: null, offlineMs: null, reconnectMs: null };
  try {
    await prepare(ctx);
    // The harness's functions run in the page; tsx names them with a helper the page lacks.
    await ctx.addInitScript("globalThis.__name ??= (f) => f;");
    // Three open needs, one per visit: the newest critical ones are first on her home.
    const needs = [await server.newNeed(), await server.newNeed(), await server.newNeed()];
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...NETWORKS.phone });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN.phone ?? 4 });

    // First visit.
    await page.goto(path, { waitUntil: "commit", timeout: 90_000 });
    const first = await submitWhenUsable(page, needs[2]!, false, 90_000);
    await waitFor(() => server.needMet(needs[2]!), 60_000, "first visit: the submit made when usable was not saved");
    out.firstMs = Math.round(first);

    // Installed: the worker controls the page and has kept it in her cache.
    await page.waitForLoadState("load", { timeout: 90_000 });
    await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, { timeout: 90_000 });
    // (Polled from here: waitForFunction would take the predicate's promise itself as truthy.)
    await waitFor(() => page.evaluate(async (p: string) => Boolean(await caches.match(p)), path), 90_000, "the worker did not keep her page");

    // Repeat visit.
    await page.goto(path, { waitUntil: "commit", timeout: 60_000 });
    const repeat = await submitWhenUsable(page, needs[1]!, false, 60_000);
    await waitFor(() => server.needMet(needs[1]!), 60_000, "repeat visit: the submit made when usable was not saved");
    out.repeatMs = Math.round(repeat);
    await page.waitForLoadState("load", { timeout: 60_000 });

    // Offline: the network cut for the page and the worker alike.
    await ctx.route("**/*", (route) => route.abort("internetdisconnected"));
    await ctx.setOffline(true);
    await page.goto(path, { waitUntil: "commit", timeout: 60_000 });
    const offline = await submitWhenUsable(page, needs[0]!, false, 60_000);
    await page.waitForFunction(
      (id: string) =>
        new Promise<boolean>((resolve) => {
          const req = indexedDB.open("ollas-outbox");
          // Not there yet: do not create it (the app's own upgrade would then not run).
          req.onupgradeneeded = () => req.transaction?.abort();
          req.onerror = () => resolve(false);
          req.onsuccess = () => {
            const db = req.result;
            try {
              const all = db.transaction(db.objectStoreNames[0]!).objectStore(db.objectStoreNames[0]!).getAll();
              all.onsuccess = () => {
                db.close();
                resolve((all.result as { input?: { needId?: string } }[]).some((c) => c.input?.needId === id));
              };
              all.onerror = () => resolve(false);
            } catch {
              resolve(false);
            }
          };
        }),
      needs[0]!,
      { timeout: 30_000, polling: 100 },
    );
    out.offlineMs = Math.round(offline);

    // Reconnect: the line comes back; the page's "online" sends the outbox.
    await ctx.unroute("**/*");
    const t0 = performance.now();
    await ctx.setOffline(false);
    await waitFor(() => server.needMet(needs[0]!), 60_000, "reconnect: the queued change did not reach the server");
    out.reconnectMs = Math.round(performance.now() - t0);
    return out;
  } catch (err) {
    const where = ctx.pages()[0]?.url() ?? "";
    return { ...out, error: `${err instanceof Error ? err.message.split("\n")[0] : String(err)} (at ${where})` };
  } finally {
    await ctx.close();
  }
}
