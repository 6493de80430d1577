import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layer rules of eslint.config.js (README, "Folder layout") fire on a forbidden import and
 * stay quiet on the allowed one: each snippet is linted as if it were a file in that folder.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
let eslint: ESLint;

async function rulesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const RESTRICTED = "@typescript-eslint/no-restricted-imports";
const CLIENT = "layers/no-server-in-client";

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

// The first lint loads the type-aware parser and the whole config: seconds on a busy machine.
describe("layer rules", { timeout: 30_000 }, () => {
  it("pages and components never import db/queries or services; route handlers no queries", async () => {
    expect(await rulesFor("src/app/probe/page.tsx", 'import { networkStats } from "~/server/db/queries/stats";\nexport const a = networkStats;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/app/probe/page.tsx", 'import { publicDashboard } from "~/server/services/dashboard/public";\nexport const a = publicDashboard;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/components/probe.tsx", 'import { listZones } from "../../server/db/queries/ollas";\nexport const a = listZones;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/components/map/leaflet/probe.tsx", 'import { listZones } from "~/server/db/queries/ollas";\nexport const a = listZones;\n')).toEqual([RESTRICTED]);
    // A page goes through the server caller; the tRPC route handler may use the router.
    expect(await rulesFor("src/app/probe/page.tsx", 'import { appRouter } from "~/server/api/root";\nexport const a = appRouter;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/app/probe/page.tsx", 'import { serverCaller } from "~/trpc/server";\nexport const a = serverCaller;\n')).toEqual([]);
    expect(await rulesFor("src/app/api/probe/route.ts", 'import { appRouter } from "~/server/api/root";\nexport const a = appRouter;\n')).toEqual([]);
    // Route handlers are HTTP adapters like the routers: a use case yes, a query no.
    expect(await rulesFor("src/app/api/probe/route.ts", 'import { settingsView } from "~/server/services/settings";\nexport const a = settingsView;\n')).toEqual([]);
    expect(await rulesFor("src/app/api/probe/route.ts", 'import { networkStats } from "~/server/db/queries/stats";\nexport const a = networkStats;\n')).toEqual([RESTRICTED]);
  });

  it("Leaflet only inside src/components/map/leaflet", async () => {
    expect(await rulesFor("src/components/probe.tsx", 'import L from "leaflet";\nexport const a = L;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/components/map/leaflet/probe.tsx", 'import L from "leaflet";\nexport const a = L;\n')).toEqual([]);
  });

  it("the domain imports no database", async () => {
    expect(await rulesFor("src/server/domain/probe.ts", 'import { sql } from "drizzle-orm";\nexport const a = sql;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/server/domain/probe.ts", 'import { PGlite } from "@electric-sql/pglite";\nexport const a = PGlite;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/server/domain/probe.ts", 'import postgres from "postgres";\nexport const a = postgres;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/server/domain/probe.ts", 'import { getDb } from "~/server/db";\nexport const a = getDb;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/server/domain/probe.ts", 'import type { Db } from "../db/client";\nexport type A = Db;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/server/domain/probe.ts", 'import { PROBLEM_CATEGORIES } from "~/shared/assessment";\nexport const a = PROBLEM_CATEGORIES;\n')).toEqual([]);
  });

  it("use cases build no SQL: it lives in db/queries", async () => {
    expect(await rulesFor("src/server/services/probe.ts", 'import { sql } from "drizzle-orm";\nexport const a = sql;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/server/services/probe.ts", 'import { needs } from "~/server/db/schema";\nexport const a = needs;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/server/services/probe.ts", 'import { findOllaNeed } from "~/server/db/queries/needs";\nexport const a = findOllaNeed;\n')).toEqual([]);
  });

  it("src/shared imports nothing from src/server", async () => {
    expect(await rulesFor("src/shared/probe.ts", 'import { MIN_OLLAS } from "~/server/domain/suppression";\nexport const a = MIN_OLLAS;\n')).toEqual([RESTRICTED]);
    expect(await rulesFor("src/shared/probe.ts", 'import { MIN_OLLAS } from "../server/domain/suppression";\nexport const a = MIN_OLLAS;\n')).toEqual([RESTRICTED]);
  });

  it("'use client' modules import nothing from src/server but types", async () => {
    expect(await rulesFor("src/components/probe.tsx", '"use client";\nimport { isClosedStatus } from "~/server/domain/needs";\nexport const a = isClosedStatus;\n')).toEqual([CLIENT]);
    expect(await rulesFor("src/trpc/probe.tsx", '"use client";\nexport { appRouter } from "~/server/api/root";\n')).toEqual([CLIENT]);
    expect(await rulesFor("src/components/probe.tsx", '"use client";\nexport const load = () => import("~/server/domain/needs");\n')).toEqual([CLIENT]);
    expect(await rulesFor("src/components/probe.tsx", '"use client";\nimport type { AppRouter } from "~/server/api/root";\nexport type A = AppRouter;\n')).toEqual([]);
    expect(await rulesFor("src/components/probe.tsx", '"use client";\nimport { NEED_URGENCIES } from "~/shared/needs";\nexport const a = NEED_URGENCIES;\n')).toEqual([]);
  });

  it("the code base itself passes them", async () => {
    const results = await eslint.lintFiles(["src/app", "src/components", "src/server/domain", "src/server/services", "src/shared"]);
    const layerErrors = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RESTRICTED || m.ruleId === CLIENT).map((m) => `${path.relative(ROOT, r.filePath)}: ${m.message}`));
    expect(layerErrors).toEqual([]);
  }, 60_000);
});
