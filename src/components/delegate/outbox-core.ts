/**
 * The outbox's rules as plain functions (no IndexedDB, no network), so they are unit-tested
 * directly: which queued changes go in the next batch, and what each answer does to them.
 * Shared by the pages and the service worker.
 */
import type { DelegateProcedure } from "../../shared/delegate-forms";

export type ChangeState = "pending" | "refused" | "unauthorized";

/**
 * What a queued change does: one of her forms' procedures (sent in JSON batches to /api/outbox),
 * or a post with its photos as Blobs (sent alone, as multipart, to /api/novedades: outbox-posts.ts).
 */
export type OutboxProcedure = DelegateProcedure | "post.create";

export interface QueuedChange {
  /** The idempotency key: the server applies a key once, whatever happens to its answer. */
  key: string;
  /** Whose change it is: only ever sent with her session. */
  userId: string;
  ollaId: string;
  procedure: OutboxProcedure;
  input: Record<string, unknown>;
  /** The form as she filled it, to edit a refused change. */
  values: Record<string, string | string[]>;
  /** The page of the form, to open it again for editing. */
  formPath: string;
  /**
   * Its lane (laneOf in shared/delegate-forms, worked out when it is queued): changes of one lane
   * keep their order. Stored, so the sender on every page does not carry the forms' mapping.
   * Changes queued before lanes were stored have none: `<olla>:<procedure>`.
   */
  lane?: string;
  /** What it is, in her words ("Entrada · Arroz · 25 kg"). */
  label: string;
  queuedAt: number;
  /** Order of queuing (ms × 1000 + a counter): ties in one millisecond stay in order. */
  seq: number;
  state: ChangeState;
  attempts: number;
  nextAttemptAt: number;
  /** Why the server refused it, in her language; field messages by input path. */
  error?: string;
  code?: string;
  fieldErrors?: Record<string, string[]> | null;
}

export type Outcome =
  | { key: string; status: "ok" }
  | { key: string; status: "refused"; code: string; message: string; fieldErrors: Record<string, string[]> | null }
  | { key: string; status: "unauthorized"; message: string }
  | { key: string; status: "retry"; message: string };

export const BATCH_SIZE = 25;

/** Wait before the next try: 2 s, 4 s, 8 s… up to 2 min, with ±20% jitter so a district's phones do not return in step. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(120_000, 2_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The next batch for one person: her pending changes that are due, oldest first. A change that
 * is waiting for its next try holds back the later changes of its lane (same olla and item…), so
 * order is kept; refused and signed-out changes hold back nothing.
 */
export function nextBatch(all: readonly QueuedChange[], userId: string, now: number, size = BATCH_SIZE): QueuedChange[] {
  const mine = all.filter((c) => c.userId === userId && c.state === "pending").sort((a, b) => a.seq - b.seq);
  const waiting = new Set<string>();
  const out: QueuedChange[] = [];
  for (const c of mine) {
    const lane = c.lane ?? `${c.ollaId}:${c.procedure}`;
    if (waiting.has(lane)) continue;
    if (c.nextAttemptAt > now) {
      waiting.add(lane);
      continue;
    }
    out.push(c);
    if (out.length >= size) break;
  }
  return out;
}

export type Effect = { key: string; delete: true } | { key: string; delete?: false; change: QueuedChange };

/** What the answers do: ok → gone; refused → parked with the reason; unauthorized → waits for sign-in; retry → later. */
export function applyOutcomes(sent: readonly QueuedChange[], outcomes: readonly Outcome[], now: number, random: () => number = Math.random): Effect[] {
  const byKey = new Map(outcomes.map((o) => [o.key, o]));
  return sent.map((c): Effect => {
    const o = byKey.get(c.key);
    if (!o) return { key: c.key, change: retried(c, now, random) };
    switch (o.status) {
      case "ok":
        return { key: c.key, delete: true };
      case "refused":
        return { key: c.key, change: { ...c, state: "refused", error: o.message, code: o.code, fieldErrors: o.fieldErrors, attempts: c.attempts + 1 } };
      case "unauthorized":
        return { key: c.key, change: { ...c, state: "unauthorized", error: o.message, attempts: c.attempts + 1 } };
      case "retry":
        return { key: c.key, change: { ...retried(c, now, random), error: o.message } };
    }
  });
}

/** No answer at all (offline, cut off, server down): every change sent waits and tries again. */
export function retried(c: QueuedChange, now: number, random: () => number = Math.random): QueuedChange {
  const attempts = c.attempts + 1;
  return { ...c, attempts, nextAttemptAt: now + backoffMs(attempts, random) };
}

/** After she signs in again (the page knows it is her), her waiting changes are due now. */
export function resumeAfterSignIn(all: readonly QueuedChange[], userId: string, now: number): QueuedChange[] {
  return all.filter((c) => c.userId === userId && c.state === "unauthorized").map((c) => ({ ...c, state: "pending", nextAttemptAt: now, error: undefined }));
}

/** The connection came back or the app started: everything pending is due now, backoff forgotten. */
export function dueNow(all: readonly QueuedChange[], userId: string, now: number): QueuedChange[] {
  return all.filter((c) => c.userId === userId && c.state === "pending" && c.nextAttemptAt > now).map((c) => ({ ...c, nextAttemptAt: now }));
}

let counter = 0;
export function nextSeq(now: number): number {
  counter = (counter + 1) % 1000;
  return now * 1000 + counter;
}
