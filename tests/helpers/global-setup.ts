import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

/**
 * Migrates an in-memory PGlite once and dumps it as a template that every test file
 * loads (≈2 s instead of ≈5 s per file). Keyed by the migrations' content.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) return;
  const dir = path.resolve("drizzle");
  const h = createHash("sha256");
  for (const f of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const p = path.join(dir, f);
    if (f.endsWith(".sql") || f.endsWith(".json")) h.update(f).update(readFileSync(p));
  }
  const file = path.join(tmpdir(), `ollas-pglite-template-${h.digest("hex").slice(0, 16)}.tar.gz`);
  if (!existsSync(file)) {
    const { PGlite } = await import("@electric-sql/pglite");
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    const client = await PGlite.create();
    await migrate(drizzle(client), { migrationsFolder: dir });
    const dump = await client.dumpDataDir("gzip");
    // Written aside and renamed, so a concurrent run never reads half a template.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, file);
    await client.close();
  }
  project.provide("pgliteTemplate", file);
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
