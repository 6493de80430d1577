/**
 * Novedades in `npm run bench` (issue 15), against the budgets:
 *  - reads: the public city feed's first page (p95 ≤ 150 ms at 200,000 posts, the scale data's
 *    generate-posts.ts), the network feed a member reads, and her olla's feed;
 *  - a 3 MB camera JPEG re-encoded on the server (the upload pipeline, in process: decode,
 *    upright, display size and WebP thumbnail) in ≤ 1.5 s p95; and a burst of uploads at once
 *    stays bounded (the pipeline's limiter refuses what would queue past it, nothing crashes);
 *  - the public feed page at 360 px on Slow 3G: its text shows before its thumbnails, and the
 *    whole page with one thumbnail per post (scrolled to the end, lazy images loaded) weighs
 *    ≤ 400 KB.
 * Figures go to bench-results/posts-<mode>.json and the log (the lead folds them into
 * BENCHMARKS.md).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import type { Reencode } from "./photo-reencode";
import { NETWORKS } from "./lib/browser";
import { trpcGet } from "./lib/trpc-path";


export const POSTS_READS = [
  { key: "posts-public-feed", label: "Public city feed, first page (20 posts)", paths: () => [trpcGet("post.publicFeed", {})], auth: false, ratioTarget: 1.5, p95Target: 150 },
  { key: "posts-network-feed", label: "Network feed a member reads, first page", paths: () => [trpcGet("post.networkFeed", {})], auth: true, ratioTarget: 1.5, p95Target: 150 },
  { key: "posts-olla-feed", label: "Delegate's olla feed, first page", paths: ({ ollaId }: { ollaId: string }) => [trpcGet("post.ollaFeed", { ollaId })], auth: true, ratioTarget: 1.5, p95Target: 150 },
];

/**
 * The re-encode runs in a child process: the pipeline is server-only code (the react-server
 * condition lets it load outside Next), and its limiter and libvips threads are then those of
 * one app server, as in production.
 */
export async function photoReencode(quick: boolean): Promise<Reencode> {
  const out = execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "photo-reencode.ts"), quick ? "--quick" : ""], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as Reencode;
}

/**
 * The public feed at 360 px on Slow 3G, cold cache: when the first post's text shows, when the
 * first thumbnail does, and everything the page transferred once scrolled to its end (each post's
 * lazy thumbnail loaded).
 */
export async function feedPageWeight(browser: Browser, base: string) {
  const ctx = await browser.newContext({ baseURL: base, viewport: { width: 360, height: 740 }, locale: "es-PE", serviceWorkers: "block" });
  try {
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", { offline: false, ...NETWORKS["slow-3g"] });
    let bytes = 0;
    let imageBytes = 0;
    let images = 0;
    const kinds = new Map<string, string>();
    cdp.on("Network.responseReceived", (e: { requestId: string; type: string }) => kinds.set(e.requestId, e.type));
    cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => {
      bytes += e.encodedDataLength;
      if (kinds.get(e.requestId) === "Image") {
        imageBytes += e.encodedDataLength;
        images++;
      }
    });
    const t0 = Date.now();
    await page.goto("/novedades", { waitUntil: "commit", timeout: 120_000 });
    await page.locator('[data-testid="post-body"]').first().waitFor({ timeout: 120_000 });
    const textMs = Date.now() - t0;
    const firstThumb = page.locator('[data-testid="post"] img').first();
    let thumbMs: number | null = null;
    if (await firstThumb.count()) {
      await page.waitForFunction(() => {
        const img = document.querySelector<HTMLImageElement>('[data-testid="post"] img');
        return !!img && img.complete && img.naturalWidth > 0;
      }, undefined, { timeout: 120_000 });
      thumbMs = Date.now() - t0;
    }
    const posts = await page.getByTestId("post").count();
    // Scroll to the end, post by post, so every lazy thumbnail is fetched; then wait for the network to settle.
    for (let i = 0; i < posts; i++) await page.getByTestId("post").nth(i).scrollIntoViewIfNeeded();
    await page.waitForLoadState("networkidle", { timeout: 120_000 });
    return { posts, textMs, firstThumbMs: thumbMs, textBeforeThumbs: thumbMs === null || textMs <= thumbMs, totalKb: Math.round(bytes / 102.4) / 10, images, imageKb: Math.round(imageBytes / 102.4) / 10, target: "≤ 400 KB" };
  } finally {
    await ctx.close();
  }
}

/** Runs the non-HTTP parts (re-encode, page weight) and writes bench-results/posts-<mode>.json. */
export async function benchPosts(opts: { quick: boolean; base: string; browser: Browser; outDir: string; log: (m: string) => void }) {
  // Neither part may stop the rest of the bench: a failure is recorded as such.
  let reencode: Reencode | { error: string };
  try {
    const r = await photoReencode(opts.quick);
    reencode = r;
    opts.log(`posts: 3 MB JPEG re-encode p50 ${Math.round(r.p50)} p95 ${Math.round(r.p95)} ms (${r.n} runs); burst of 24: ${r.burst.done} done, ${r.burst.refusedBusy} refused busy, ${r.burst.failed} failed, ${r.burst.seconds} s`);
  } catch (err) {
    reencode = { error: err instanceof Error ? err.message.split("\n")[0]! : String(err) };
    opts.log(`posts: re-encode failed: ${reencode.error}`);
  }
  let feed: Awaited<ReturnType<typeof feedPageWeight>> | { error: string };
  try {
    feed = await feedPageWeight(opts.browser, opts.base);
    opts.log(`posts: public feed on Slow 3G: text ${feed.textMs} ms, first thumbnail ${feed.firstThumbMs} ms; ${feed.posts} posts weigh ${feed.totalKb} KB (${feed.images} images, ${feed.imageKb} KB)`);
  } catch (err) {
    feed = { error: err instanceof Error ? err.message.split("\n")[0]! : String(err) };
    opts.log(`posts: public feed page weight failed: ${feed.error}`);
  }
  mkdirSync(opts.outDir, { recursive: true });
  writeFileSync(path.join(opts.outDir, `posts-${opts.quick ? "quick" : "full"}.json`), JSON.stringify({ date: new Date().toISOString(), reencode, feed }, null, 2) + "\n");
}
