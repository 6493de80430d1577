/**
 * npm run screenshots                         phone + desktop PNGs of the main pages of the demo
 *                                             running at http://127.0.0.1:3000 → docs/screenshots/
 * npm run screenshots -- --base URL --out DIR  another server / folder
 * npm run screenshots -- --serve --out DIR     start the built app (next build first) on a fresh
 *                                             demo database, shoot, stop it (CI does this)
 *
 * Pages are shot as the person who sees them: a visitor, the demo delegate, the city coordinator.
 * Map tiles are answered blank from here (no internet in CI; the pictures do not depend on a tile
 * server), animations are reduced, and each page waits for what it is about (markers, charts).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";

const { values: args } = parseArgs({
  options: {
    base: { type: "string", default: "http://127.0.0.1:3000" },
    out: { type: "string", default: "docs/screenshots" },
    serve: { type: "boolean", default: false },
    port: { type: "string", default: "3290" },
    only: { type: "string" },
  },
});

const DEMO = { password: "ollas2026", delegate: "987 654 321", city: "ciudad@redollas.pe" };
// A 1×1 transparent PNG for every tile request.
const BLANK_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

type Who = "visitor" | "delegate" | "coordinator";
type Shot = { name: string; who: Who; path: (ids: { olla: string }) => string; ready: (page: Page) => Promise<unknown> };

const visible = (page: Page, selector: string) => page.locator(selector).first().waitFor({ state: "visible", timeout: 30_000 });
const SHOTS: Shot[] = [
  { name: "home", who: "visitor", path: () => "/", ready: (p) => visible(p, "[data-testid=network-stats]") },
  { name: "needs", who: "visitor", path: () => "/necesidades", ready: (p) => visible(p, "[data-testid=public-need]") },
  { name: "map", who: "visitor", path: () => "/mapa", ready: (p) => visible(p, "[data-testid=map-box] [data-kind]") },
  { name: "olla", who: "visitor", path: ({ olla }) => `/ollas/${olla}`, ready: (p) => visible(p, "[data-testid=public-olla]") },
  { name: "dashboard", who: "visitor", path: () => "/panel", ready: (p) => visible(p, "[data-testid=chart]") },
  { name: "delegate-home", who: "delegate", path: ({ olla }) => `/mi-olla/${olla}`, ready: (p) => visible(p, "h1") },
  { name: "delegate-stock", who: "delegate", path: ({ olla }) => `/mi-olla/${olla}/almacen`, ready: (p) => visible(p, "h1") },
  { name: "delegate-plan", who: "delegate", path: ({ olla }) => `/mi-olla/${olla}/plan`, ready: (p) => visible(p, "h1") },
  { name: "delegate-shifts", who: "delegate", path: ({ olla }) => `/mi-olla/${olla}/turnos`, ready: (p) => visible(p, "h1") },
  { name: "posts", who: "visitor", path: () => "/novedades", ready: (p) => visible(p, "h1") },
  { name: "delegate-roles", who: "delegate", path: ({ olla }) => `/mi-olla/${olla}/socias`, ready: (p) => visible(p, "[data-testid=renewal-summary]") },
  { name: "coord-ollas", who: "coordinator", path: () => "/coordinacion", ready: (p) => visible(p, "table, [data-testid=coord-olla]") },
  { name: "coord-map", who: "coordinator", path: () => "/coordinacion/mapa", ready: (p) => visible(p, "[data-testid=map-box] [data-kind]") },
  { name: "coord-dashboard", who: "coordinator", path: () => "/coordinacion/panel", ready: (p) => visible(p, "[data-testid=chart]") },
  { name: "coord-plan", who: "coordinator", path: () => "/coordinacion/plan", ready: (p) => visible(p, "h1") },
  { name: "coord-networks", who: "coordinator", path: () => "/coordinacion/redes", ready: (p) => visible(p, "h1") },
  { name: "coord-workshops", who: "coordinator", path: () => "/coordinacion/talleres", ready: (p) => visible(p, "h1") },
];
const VIEWPORTS = [
  { name: "phone", viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  { name: "desktop", viewport: { width: 1366, height: 850 }, deviceScaleFactor: 1, isMobile: false, hasTouch: false },
] as const;

async function signIn(ctx: BrowserContext, identifier: string) {
  const { csrfToken } = (await (await ctx.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.request.post("/api/auth/callback/credentials", { form: { identifier, password: DEMO.password, csrfToken, callbackUrl: "/", json: "true" } });
  if (!res.ok()) throw new Error(`sign-in as ${identifier} answered ${res.status()}`);
}

async function context(browser: Browser, base: string, vp: (typeof VIEWPORTS)[number], who: Who) {
  const ctx = await browser.newContext({ ...vp, baseURL: base, locale: "es-PE", reducedMotion: "reduce", colorScheme: "light" });
  // Only this server is asked for anything: tiles (any other host) come back blank at once.
  const origin = new URL(base).origin;
  await ctx.route((url) => url.origin !== origin, (route) => route.fulfill({ status: 200, contentType: "image/png", body: BLANK_PNG }));
  if (who === "delegate") await signIn(ctx, DEMO.delegate);
  if (who === "coordinator") await signIn(ctx, DEMO.city);
  return ctx;
}

/**
 * The app's font is `font-display: optional` (src/app/fonts.css): a page whose font is not at hand
 * within ~100 ms keeps the system font for its whole life, and a fresh browser context drew every
 * picture that way. So before each picture the page's own @font-face rules for it are loaded
 * through the FontFace API and added to the document: a loaded face is used at once, whatever its
 * font-display, and the text is redrawn in it before the shot.
 */
const FONT_FAMILY = "Atkinson Hyperlegible Next Variable";

async function applyAppFont(page: Page): Promise<boolean> {
  return page.evaluate(async (family) => {
    const faces: FontFace[] = [];
    for (const sheet of Array.from(document.styleSheets)) {
      let rules: CSSRuleList;
      try {
        rules = sheet.cssRules;
      } catch {
        continue; // another origin's sheet
      }
      for (const r of Array.from(rules)) {
        if (!(r instanceof CSSFontFaceRule) || !r.style.getPropertyValue("font-family").includes(family)) continue;
        // url()s are relative to the stylesheet; a FontFace resolves them against the page.
        const base = sheet.href ?? location.href;
        const src = r.style.getPropertyValue("src").replace(/url\("?([^")]+)"?\)/g, (_m, u: string) => `url("${new URL(u, base).href}")`);
        const face = new FontFace(family, src, {
          weight: r.style.getPropertyValue("font-weight") || "400",
          style: r.style.getPropertyValue("font-style") || "normal",
          unicodeRange: r.style.getPropertyValue("unicode-range") || "U+0-10FFFF",
        });
        faces.push(face);
      }
    }
    const loaded = await Promise.all(faces.map((f) => f.load().catch(() => null)));
    for (const f of loaded) if (f) document.fonts.add(f);
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return loaded.some((f) => f !== null);
  }, FONT_FAMILY);
}

async function waitHealthy(url: string, child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the server did not become healthy in 120 s");
}

/** The built app on a fresh embedded demo database in a temporary folder. */
async function serve(port: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ollas-shots-"));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NODE_ENV: "production", PGLITE_DIR: path.join(dir, "pglite"), SEED_DEMO: "1", NEXTAUTH_URL: url, NEXTAUTH_SECRET: "screenshots-secret-screenshots-secret-0001", PUBLIC_CACHE_SECONDS: "0", DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitHealthy(url, child);
  return {
    url,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function main() {
  const server = args.serve ? await serve(Number(args.port)) : null;
  const base = server?.url ?? args.base!;
  const out = path.resolve(args.out!);
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"] });
  const t0 = performance.now();
  let failed = 0;
  try {
    // The demo delegate's olla: its id from her own `me.get`.
    const probe = await context(browser, base, VIEWPORTS[1], "delegate");
    const me = (await (await probe.request.get("/api/trpc/me.get")).json()) as { result: { data: { json: { ollas: { id: string }[] } } } };
    const ids = { olla: me.result.data.json.ollas[0]!.id };
    await probe.close();
    const shots = args.only ? SHOTS.filter((s) => args.only!.split(",").includes(s.name)) : SHOTS;
    for (const vp of VIEWPORTS) {
      for (const who of ["visitor", "delegate", "coordinator"] as const) {
        const mine = shots.filter((s) => s.who === who);
        if (mine.length === 0) continue;
        const ctx = await context(browser, base, vp, who);
        const page = await ctx.newPage();
        for (const s of mine) {
          const file = path.join(out, `${s.name}-${vp.name}.png`);
          try {
            await page.goto(s.path(ids), { waitUntil: "load", timeout: 120_000 }); // a loaded machine renders the dashboards slowly
            await s.ready(page);
            if (!(await applyAppFont(page))) console.warn(`${s.name} (${vp.name}): drawn in the system font (the app's font did not load)`);
            await page.screenshot({ path: file, animations: "disabled" });
            console.log(`${path.relative(process.cwd(), file)}`);
          } catch (e) {
            failed++;
            console.error(`${s.name} (${vp.name}): ${(e as Error).message.split("\n")[0]}`);
          }
        }
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
    await server?.stop();
  }
  console.log(`screenshots: ${failed === 0 ? "all taken" : `${failed} failed`} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  if (failed > 0) process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
