/**
 * Page timings in Debian's Chromium under network throttling (CDP
 * Network.emulateNetworkConditions), each run in a fresh context with the cache disabled.
 * Times are read in the page (performance.now(), i.e. since navigation start) at the first
 * animation frame where the condition holds.
 */
import { chromium, type Browser, type BrowserContext } from "playwright-core";

/**
 * Chrome DevTools' throttling presets (the ones Lighthouse uses for "Slow 4G"), and issue #12's
 * phone: 360 px, 400 ms RTT, 400 kbit/s both ways, CPU slowed 4× (CPU_SLOWDOWN).
 */
export const NETWORKS = {
  "slow-4g": { latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 },
  "slow-3g": { latency: 2000, downloadThroughput: (500 * 1024 * 0.8) / 8, uploadThroughput: (500 * 1024 * 0.8) / 8 },
  phone: { latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 },
} as const;
export type NetworkName = keyof typeof NETWORKS;
/** CPU slowdown per profile (Emulation.setCPUThrottlingRate); the DevTools presets run at the machine's speed. */
export const CPU_SLOWDOWN: Partial<Record<NetworkName, number>> = { phone: 4 };

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

export interface PageTiming {
  page: string;
  network: NetworkName;
  ms: number | null;
  transferredKb: number;
  requests: number;
  /** What was fetched before the page was ready: path, KB on the wire, start and end (ms from the document request). */
  waterfall?: { path: string; kb: number; start: number; end: number }[];
  error?: string;
}

/**
 * Opens `path` under the given network and returns the time until `ready` first holds
 * (checked in the page each frame). `prepare` may sign the context in (unthrottled).
 */
export async function timePage(
  browser: Browser,
  base: string,
  opts: {
    name: string;
    path: string;
    network: NetworkName;
    /** Ready when this selector matches a rendered element (and, with hydrated, React has hydrated it). */
    ready: { selector: string; hydrated?: boolean };
    timeoutMs: number;
    prepare?: (ctx: BrowserContext) => Promise<void>;
  },
): Promise<PageTiming> {
  const ctx = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, locale: "es-PE", serviceWorkers: "block" });
  try {
    if (opts.prepare) await opts.prepare(ctx);
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...NETWORKS[opts.network] });
    const cpu = CPU_SLOWDOWN[opts.network];
    if (cpu) await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
    let bytes = 0;
    let requests = 0;
    const started = new Map<string, { path: string; t: number }>();
    const done: { path: string; kb: number; start: number; end: number }[] = [];
    let t0: number | null = null;
    cdp.on("Network.requestWillBeSent", (e: { requestId: string; timestamp: number; request: { url: string } }) => {
      t0 ??= e.timestamp;
      const u = new URL(e.request.url);
      started.set(e.requestId, { path: u.origin === new URL(base).origin ? `${u.pathname}${u.search ? "?…" : ""}` : u.href.slice(0, 60), t: e.timestamp });
    });
    cdp.on("Network.loadingFinished", (e: { requestId: string; timestamp: number; encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      requests += 1;
      const s0 = started.get(e.requestId);
      if (s0 && t0 !== null) {
        done.push({ path: s0.path, kb: Math.round(e.encodedDataLength / 102.4) / 10, start: Math.round((s0.t - t0) * 1000), end: Math.round((e.timestamp - t0) * 1000) });
      }
    });
    await page.goto(opts.path, { waitUntil: "commit", timeout: opts.timeoutMs });
    // A function, not a string: the app's CSP forbids eval, and Playwright would need it for a string.
    const handle = await page.waitForFunction(
      (o: { selector: string; hydrated?: boolean }) => {
        const el = document.querySelector(o.selector);
        if (!el || el.getBoundingClientRect().height === 0) return false;
        // React puts its fiber on the node when it hydrates it: from then on handlers are attached.
        if (o.hydrated && !Object.keys(el).some((k) => k.startsWith("__reactFiber"))) return false;
        return performance.now();
      },
      opts.ready,
      { polling: "raf", timeout: opts.timeoutMs },
    );
    const ms = (await handle.jsonValue()) as number;
    return {
      page: opts.name,
      network: opts.network,
      ms: Math.round(ms),
      transferredKb: Math.round(bytes / 102.4) / 10,
      requests,
      waterfall: done.filter((d) => d.end <= ms + 50).sort((a, b) => a.start - b.start),
    };
  } catch (err) {
    return { page: opts.name, network: opts.network, ms: null, transferredKb: 0, requests: 0, error: err instanceof Error ? err.message.split("\n")[0] : String(err) };
  } finally {
    await ctx.close();
  }
}
