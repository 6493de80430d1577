/**
 * Issue #12's phone profile with the service worker on: her olla's home opened once (the worker
 * installs and keeps the page for her), then timed on a repeat visit and offline, each until the
 * home is usable (her olla's name on screen and hydrated by React: a submit then goes through the
 * outbox). Cache enabled, as on her phone; the first visit is timed by timePage (cold, no worker).
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { CPU_SLOWDOWN, NETWORKS } from "./browser";

const READY = `[data-testid="olla-name"]`;

async function usableAt(page: Page, timeoutMs: number): Promise<number> {
  const handle = await page.waitForFunction(
    (sel: string) => {
      const el = document.querySelector(sel);
      if (!el || el.getBoundingClientRect().height === 0 || !Object.keys(el).some((k) => k.startsWith("__reactFiber"))) return false;
      return performance.now();
    },
    READY,
    { polling: "raf", timeout: timeoutMs },
  );
  return Math.round((await handle.jsonValue()) as number);
}

export interface PhoneVisits {
  repeatMs: number | null;
  offlineMs: number | null;
  error?: string;
}

export async function phoneVisits(browser: Browser, base: string, path: string, prepare: (ctx: BrowserContext) => Promise<void>): Promise<PhoneVisits> {
  const ctx = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, locale: "es-PE" });
  try {
    await prepare(ctx);
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...NETWORKS.phone });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN.phone ?? 4 });
    await page.goto(path, { waitUntil: "commit", timeout: 90_000 });
    await usableAt(page, 90_000);
    // Installed: the worker controls the page and has kept it in her cache.
    await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, { timeout: 90_000 });
    await page.waitForFunction(async (p: string) => Boolean(await caches.match(p)), path, { timeout: 90_000, polling: 500 });
    await page.goto(path, { waitUntil: "commit", timeout: 60_000 });
    const repeatMs = await usableAt(page, 60_000);
    // Offline: the network cut for the page and the worker alike.
    await ctx.route("**/*", (route) => route.abort("internetdisconnected"));
    await ctx.setOffline(true);
    await page.goto(path, { waitUntil: "commit", timeout: 60_000 });
    const offlineMs = await usableAt(page, 60_000);
    return { repeatMs, offlineMs };
  } catch (err) {
    return { repeatMs: null, offlineMs: null, error: err instanceof Error ? err.message.split("\n")[0] : String(err) };
  } finally {
    await ctx.close();
  }
}
