import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const DESKTOP_BESIDE_PHONE = /\/(map|federation|dashboard|coordination)\.spec\.ts$/;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // Per port, so the shards that scripts/e2e.sh runs at once keep their own traces and reports.
  outputDir: `test-results/${PORT}`,
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: `playwright-report/${PORT}` }]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "es-PE",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: [/mobile\.spec\.ts$/, /a11y\.spec\.ts$/, DESKTOP_BESIDE_PHONE] },
    // Desktop specs that scripts/e2e.sh runs beside the phone specs, so that its two runs end
    // together. Measured 2026-12-04: 1,004 s and 1,217 s of tests before any move; with map and
    // federation moved, CI's runs took 13.6 and 15.2 min, so dashboard and coordination (~60 s) too.
    { name: "desktop-2", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: DESKTOP_BESIDE_PHONE },
    // The page-by-page accessibility sweep (as long as all the other desktop specs together), in
    // two projects so that scripts/e2e.sh runs its 360 px half beside the phone specs and its
    // wide half beside the desktop specs: the two browser runs then take about the same time.
    { name: "a11y", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /a11y\.spec\.ts$/, grepInvert: /, 360 px\)/ },
    { name: "a11y-360", use: { ...devices["Desktop Chrome"], channel: undefined }, testMatch: /a11y\.spec\.ts$/, grep: /, 360 px\)/ },
    { name: "phone-360", use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }, testMatch: /mobile\.spec\.ts$/ },
  ],
  // The production build on a fresh embedded database seeded with the demo data.
  webServer: {
    command: `rm -rf .data/e2e-${PORT} && node node_modules/next/dist/bin/next start -p ${PORT} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    // Two runs seed their demo databases at once on two cores (scripts/e2e.sh).
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PGLITE_DIR: `.data/e2e-${PORT}/pglite`,
      SEED_DEMO: "1",
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
      NEXT_PUBLIC_TILE_URL: "http://127.0.0.1:9/{z}/{x}/{y}.png",
      FEDERATION_ALLOW_LOOPBACK: "1", // federation.spec.ts follows a second instance on loopback
    },
  },
});
