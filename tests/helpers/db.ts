import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { openDatabase, type Db } from "~/server/db/client";

export interface TestDb {
  db: Db;
  kind: "pglite" | "postgres";
  url?: string;
  close: () => Promise<void>;
}

/**
 * A fresh, migrated database for one test file: PGlite in memory by default; with
 * TEST_DATABASE_URL, a new database on that PostgreSQL server, dropped afterwards.
 */
export async function createTestDb(): Promise<TestDb> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const { default: postgres } = await import("postgres");
    const name = `ollas_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ url: url.toString(), max: 20 });
    return {
      db: handle.db,
      kind: "postgres",
      url: url.toString(),
      close: async () => {
        await handle.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const template = inject("pgliteTemplate");
  const blob = new Blob([readFileSync(template)]);
  const handle = await openDatabase({ loadDataDir: blob });
  return { db: handle.db, kind: "pglite", close: handle.close };
}
