import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Used only in development and tests, so their public points are reproducible. Never in production. */
export const DEV_LOCATION_KEY = "dev-only-location-key-not-for-production-use";

let cached: string | undefined;

/**
 * The key that places public points (src/server/domain/public-point.ts). Its own secret, not
 * NEXTAUTH_SECRET: rotating one must not touch the other. Required with DATABASE_URL in
 * production (every app server must place points alike); the embedded demo database in
 * production gets one generated into its data folder, beside the auth secret.
 */
export function locationKey(): string {
  if (cached) return cached;
  // process.env, read when first needed (src/env.js validated it at start): importing ~/env here
  // would freeze the environment for modules that tests import before setting theirs.
  const e = process.env;
  if (e.LOCATION_KEY) return (cached = e.LOCATION_KEY);
  if (e.NODE_ENV !== "production") return (cached = DEV_LOCATION_KEY);
  if (e.DATABASE_URL) throw new Error("LOCATION_KEY must be set when DATABASE_URL is set in production");
  const dir = path.resolve(path.dirname(e.PGLITE_DIR || ".data/pglite"));
  const file = path.join(dir, "location-key");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return (cached = readFileSync(file, "utf8").trim());
}
