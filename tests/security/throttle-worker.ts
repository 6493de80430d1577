/**
 * One "app server" for the cross-process throttling test: its own process, its own
 * PostgreSQL pool, calling the real attemptLogin. Waits for "go" on stdin so that the
 * processes start together, then prints one JSON line of outcomes.
 *
 *   node --import tsx tests/security/throttle-worker.ts <databaseUrl> <jobsJson>
 *   jobs: [{ identifier, password, clientAddress }]
 */
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "~/server/db/schema";
import type { Db } from "~/server/db/client";
import { attemptLogin } from "~/server/auth/login";

const [url, jobsJson] = process.argv.slice(2);
const jobs = JSON.parse(jobsJson!) as { identifier: string; password: string; clientAddress: string }[];
const client = postgres(url!, { max: 10, onnotice: () => {} });
const db = drizzle(client, { schema }) as unknown as Db;
await db.execute("select 1"); // connected before the start signal

process.stdout.write("ready\n");
await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
const results = await Promise.all(jobs.map((j) => attemptLogin(db, j).then((r) => r.status)));
const counts: Record<string, number> = {};
for (const r of results) counts[r] = (counts[r] ?? 0) + 1;
process.stdout.write(`${JSON.stringify(counts)}\n`);
await client.end({ timeout: 5 });
