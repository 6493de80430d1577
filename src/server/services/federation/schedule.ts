import "server-only";
import { env } from "~/env";
import { getDbHandle } from "~/server/db";
import { pullDuePeers } from "./subscribe";

const g = globalThis as unknown as { __ollasFederationTimer?: ReturnType<typeof setInterval>; __ollasFederationBusy?: boolean };

/**
 * Every app server looks once a minute for peers due a pull (FEDERATION_PULL_MINUTES, 0: only on
 * demand); a transaction-scoped advisory lock per peer and the last attempt's time in the
 * database let one server pull each peer per interval. The timer never keeps the process alive.
 */
export function scheduleFederationPulls() {
  const minutes = env.FEDERATION_PULL_MINUTES;
  if (minutes === 0 || g.__ollasFederationTimer) return;
  const run = async () => {
    if (g.__ollasFederationBusy) return;
    g.__ollasFederationBusy = true;
    try {
      const { db } = await getDbHandle();
      await pullDuePeers(db, minutes);
    } catch (err) {
      console.error(JSON.stringify({ event: "federation-schedule-failed", error: (err as Error).message?.slice(0, 200) }));
    } finally {
      g.__ollasFederationBusy = false;
    }
  };
  g.__ollasFederationTimer = setInterval(() => void run(), 60_000);
  g.__ollasFederationTimer.unref();
  const first = setTimeout(() => void run(), 5_000 + Math.floor(Math.random() * 10_000));
  first.unref();
}
