/**
 * Sends a person's queued changes to /api/outbox in batches, oldest first, and records each
 * answer. One sender at a time across tabs and the service worker (Web Locks).
 */
import { applyOutcomes, BATCH_SIZE, dueNow, nextBatch, resumeAfterSignIn, retried, type Outcome } from "./outbox-core";
import { listChanges, putChanges } from "./outbox-store";

const LOCK = "ollas-outbox-sender";
export const OUTBOX_ENDPOINT = "/api/outbox";

async function withLock<T>(fn: () => Promise<T>, wait: boolean): Promise<T | null> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  // Without Web Locks (old browsers) there is only this page to send from.
  if (!locks) return fn();
  return locks.request(LOCK, { ifAvailable: !wait }, async (lock) => (lock ? fn() : null));
}

/** Asks the browser's service worker to wake us for background sync where it can (Chrome); elsewhere the open page retries. */
export async function requestBackgroundSync() {
  try {
    const reg = await navigator.serviceWorker?.getRegistration();
    const sync = (reg as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
    await sync?.register("ollas-outbox");
  } catch {
    /* not supported or not allowed: the page's own retries remain */
  }
}

export interface FlushOptions {
  userId: string;
  /** The caller knows this person is signed in now (a page rendered for her): her signed-out changes are resumed. */
  signedIn?: boolean;
  /** The connection came back, or the app started: forget the backoff. */
  force?: boolean;
  /** Wait for another sender to finish instead of leaving it to them. */
  wait?: boolean;
  fetchImpl?: typeof fetch;
  endpoint?: string;
  now?: () => number;
}

export interface FlushReport {
  sent: number;
  ok: number;
  /** The server could not be reached (or answered 5xx): try later. */
  unreachable: boolean;
}

export async function flushOutbox(o: FlushOptions): Promise<FlushReport | null> {
  const now = o.now ?? Date.now;
  const doFetch = o.fetchImpl ?? fetch;
  return withLock(async () => {
    const report: FlushReport = { sent: 0, ok: 0, unreachable: false };
    const start = await listChanges(o.userId);
    const reset = [...(o.signedIn ? resumeAfterSignIn(start, o.userId, now()) : []), ...(o.force ? dueNow(start, o.userId, now()) : [])];
    if (reset.length) await putChanges(reset);
    for (let round = 0; round < 40; round++) {
      const batch = nextBatch(await listChanges(o.userId), o.userId, now(), BATCH_SIZE);
      if (batch.length === 0) break;
      // A post carries photos: it travels alone, as multipart, to /api/novedades (outbox-posts.ts, loaded
      // only when a post waits), after the batch of the rest (sent even when empty: it says whether the
      // server is there, in fewer bytes on every page). One not reached has no outcome and waits.
      const forms = batch.filter((c) => c.procedure !== "post.create");
      let outcomes: Outcome[] | null = null;
      try {
        const res = await doFetch(o.endpoint ?? OUTBOX_ENDPOINT, {
          method: "POST",
          headers: { "content-type": "application/json" },
          credentials: "same-origin",
          body: JSON.stringify({ userId: o.userId, items: forms.map((c) => ({ key: c.key, procedure: c.procedure, input: c.input })) }),
        });
        if (res.ok) outcomes = ((await res.json()) as { results: Outcome[] }).results;
        if (outcomes && forms.length < batch.length) outcomes.push(...(await (await import("./outbox-posts")).sendPosts(batch, o.userId, doFetch)));
      } catch {
        // Offline, or the answer was lost: the keys make sending again safe.
      }
      if (!outcomes) {
        await putChanges(batch.map((c) => retried(c, now())));
        report.unreachable = true;
        break;
      }
      const effects = applyOutcomes(batch, outcomes, now());
      await putChanges(
        effects.flatMap((e) => (e.delete ? [] : [e.change])),
        effects.flatMap((e) => (e.delete ? [e.key] : [])),
      );
      report.sent += batch.length;
      report.ok += effects.filter((e) => e.delete).length;
      if (outcomes.some((x) => x.status === "unauthorized")) break;
    }
    return report;
  }, o.wait ?? false);
}

/** Every person's pending changes (the service worker's background sync does not know who is signed in; the server checks). */
export async function flushEveryone(opts: Omit<FlushOptions, "userId" | "signedIn"> = {}): Promise<void> {
  const users = new Set((await listChanges()).filter((c) => c.state === "pending").map((c) => c.userId));
  for (const userId of users) await flushOutbox({ ...opts, userId });
}
