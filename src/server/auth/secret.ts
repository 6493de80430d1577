import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "~/env";

let cached: string | undefined;

/**
 * The token-signing secret. Required with a real DATABASE_URL (several app servers must
 * share it); on the embedded demo database one is generated once into the data folder.
 */
export function authSecret(): string {
  if (cached) return cached;
  if (env.NEXTAUTH_SECRET) return (cached = env.NEXTAUTH_SECRET);
  if (env.DATABASE_URL && env.NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET must be set when DATABASE_URL is set in production");
  }
  const dir = path.resolve(path.dirname(env.PGLITE_DIR));
  const file = path.join(dir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return (cached = readFileSync(file, "utf8").trim());
}
