/**
 * A rule only the lazily loaded form hints (outbox-form-hints.tsx) use: apart from outbox-core, which
 * every delegate page loads first (its first-load budget).
 */
import type { OutboxProcedure, QueuedChange } from "./outbox-core";

/**
 * Her latest change of this kind for this olla that may still happen (pending, or waiting for her
 * to sign in again), queued after `since` (the newest the server has): what "the last one she
 * used" means while changes wait on her phone. A refused change is not one she made.
 */
export function latestQueued(changes: QueuedChange[], procedure: OutboxProcedure, ollaId: string | undefined, since: number): QueuedChange | null {
  let best: QueuedChange | null = null;
  for (const c of changes) {
    if (c.procedure !== procedure || c.ollaId !== ollaId || c.state === "refused" || c.queuedAt <= since) continue;
    if (!best || c.seq > best.seq) best = c;
  }
  return best;
}
