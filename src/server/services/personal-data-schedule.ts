import "server-only";
import { env } from "~/env";
import { getDbHandle } from "~/server/db";
import { purgePersonalData } from "./personal-data";

const HOUR = 3_600_000;
const g = globalThis as unknown as { __ollasPurgeTimer?: ReturnType<typeof setInterval> };

/**
 * Every app server tries the retention purge hourly, starting at a random minute so that a
 * fleet does not start together; the advisory lock and the last-run time in the database let
 * one purge run per hour across all of them. The timer never keeps the process alive.
 */
export function schedulePersonalDataPurge() {
  if (env.PERSONAL_DATA_PURGE === "0" || g.__ollasPurgeTimer) return;
  const run = async () => {
    try {
      const { db } = await getDbHandle();
      const r = await purgePersonalData(db);
      if (r.ran) console.info(JSON.stringify({ event: "personal-data-purge", via: "app-server", ...r }));
    } catch (err) {
      console.error(JSON.stringify({ event: "personal-data-purge-failed", error: (err as Error).name }));
    }
  };
  const first = setTimeout(() => void run(), 60_000 + Math.floor(Math.random() * 10 * 60_000));
  first.unref();
  g.__ollasPurgeTimer = setInterval(() => void run(), HOUR);
  g.__ollasPurgeTimer.unref();
}
