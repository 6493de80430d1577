import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "~": fileURLToPath(new URL("./src", import.meta.url)), "server-only": fileURLToPath(new URL("./tests/helpers/server-only.ts", import.meta.url)) };
const fullRun = process.env.CI === "true" || process.env.FULL_RUN === "1";

const integration = {
  include: ["tests/integration/**/*.test.ts"],
  environment: "node",
  globalSetup: ["tests/helpers/global-setup.ts"],
  testTimeout: 120_000,
  hookTimeout: 120_000,
  pool: "forks" as const,
  maxWorkers: 2,
  sequence: { groupOrder: 1 },
};
/**
 * Integration files that vi.mock a module or set process.env (for code that may read it once):
 * found by reading the files, so a new one is isolated without anyone keeping a list.
 */
const ISOLATED = readdirSync(fileURLToPath(new URL("./tests/integration", import.meta.url)), { recursive: true })
  .map((f) => `tests/integration/${String(f)}`)
  .filter((f) => f.endsWith(".test.ts") && /vi\.(mock|doMock|stubEnv)\(|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]/.test(readFileSync(new URL(`./${f}`, import.meta.url), "utf8")));

export default defineConfig({
  resolve: { alias },
  test: {
    // Denials are logged by design (one JSON line each); keep test output readable.
    onConsoleLog: (log) => !log.includes('"event":"denied"'),
    // PUBLIC_CACHE_SECONDS 0: every test reads fresh figures (the cache has its own unit test).
    env: { SKIP_ENV_VALIDATION: "1", NODE_ENV: "test", PUBLIC_CACHE_SECONDS: "0", FC_NUM_RUNS: process.env.FC_NUM_RUNS ?? (fullRun ? "1000" : "150") },
    projects: [
      {
        extends: true,
        // Distinct groupOrder: projects with different maxWorkers cannot share a group
        // (vitest refuses `--project unit --project integration` otherwise, as CI runs it).
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", sequence: { groupOrder: 0 } },
      },
      // Integration files share their worker's loaded modules (isolate: false): importing the
      // app's router, auth and database layers again for each of ~60 files was a quarter of this
      // project's time. Files that mock a module or set the environment at import time need
      // modules of their own, and run isolated beside them (the same workers, one group).
      {
        extends: true,
        test: { ...integration, name: "integration", exclude: ISOLATED, isolate: false },
      },
      {
        extends: true,
        test: { ...integration, name: "integration-isolated", include: ISOLATED },
      },
      {
        extends: true,
        test: {
          name: "faults",
          include: ["tests/faults/**/*.test.ts"],
          environment: "node",
          testTimeout: 300_000,
          hookTimeout: 120_000,
          pool: "forks",
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
