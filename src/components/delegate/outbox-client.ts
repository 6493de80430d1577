/** The page's side of the outbox: queue a change, send it now if possible, and say what became of it. */
import { laneOf, type DelegateProcedure } from "../../shared/delegate-forms";
import { nextSeq, type QueuedChange } from "./outbox-core";
import { flushOutbox, requestBackgroundSync } from "./outbox-sender";
import { getChange, putChange } from "./outbox-store";

// Relative imports: the service worker bundles this module (through outbox-posts.ts) with esbuild.
export { newSubmissionKey as newKey } from "../../shared/submission-key";

export type SubmitResult =
  | { status: "ok" }
  | { status: "queued" }
  | { status: "refused"; message: string; fieldErrors: Record<string, string[]> | null }
  | { status: "unauthorized"; message: string };

type NewChange = Pick<QueuedChange, "key" | "userId" | "ollaId" | "input" | "values" | "formPath" | "label"> & { procedure: DelegateProcedure };

/**
 * Writes the change to IndexedDB first (so closing the tab now loses nothing), then sends what
 * is due and waits up to `waitMs` for this change's answer. A fixed change keeps its key and its
 * place in the order (it was never applied).
 */
export async function submitThroughOutbox(c: NewChange, waitMs = 5000): Promise<SubmitResult> {
  const now = Date.now();
  const before = await getChange(c.key);
  await putChange({ ...c, lane: laneOf(c.procedure, c.input), queuedAt: before?.queuedAt ?? now, seq: before?.seq ?? nextSeq(now), state: "pending", attempts: 0, nextAttemptAt: now });
  void requestBackgroundSync();
  if (typeof navigator !== "undefined" && navigator.onLine === false) return { status: "queued" };
  const sending = flushOutbox({ userId: c.userId, signedIn: true, wait: true }).catch(() => null);
  await Promise.race([sending, new Promise((r) => setTimeout(r, waitMs))]);
  const after = await getChange(c.key);
  if (!after) return { status: "ok" };
  if (after.state === "refused") return { status: "refused", message: after.error ?? "", fieldErrors: after.fieldErrors ?? null };
  if (after.state === "unauthorized") return { status: "unauthorized", message: after.error ?? "" };
  return { status: "queued" };
}
