/**
 * One "app server" for the cross-process offer throttling test: its own process and PostgreSQL
 * pool, calling the real createOffer. Waits for "go" on stdin, then prints one JSON line of
 * outcome counts.
 *
 *   node --import tsx tests/security/offer-throttle-worker.ts <databaseUrl> <clientAddress> <inputsJson>
 */
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "~/server/db/schema";
import type { Db } from "~/server/db/client";
import { AppError } from "~/server/errors";
import { createOffer } from "~/server/services/offers";
import { ZCreateOfferInput } from "~/validation/offers";

const [url, address, inputsJson] = process.argv.slice(2);
const inputs = (JSON.parse(inputsJson!) as unknown[]).map((i) => ZCreateOfferInput.parse(i));
const client = postgres(url!, { max: 10, onnotice: () => {} });
const db = drizzle(client, { schema }) as unknown as Db;
await db.execute("select 1");

process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const counts: Record<string, number> = {};
await Promise.all(
  inputs.map((i) =>
    createOffer(db, i, address!)
      .then(() => (counts.ok = (counts.ok ?? 0) + 1))
      .catch((e: unknown) => {
        const k = e instanceof AppError ? e.code : `throw ${(e as Error).message}`;
        counts[k] = (counts[k] ?? 0) + 1;
      }),
  ),
);
process.stdout.write(`${JSON.stringify(counts)}\n`);
await client.end({ timeout: 5 });
