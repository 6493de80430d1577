/**
 * Posts in her outbox. A post cannot travel in the outbox's JSON batches (its photos are bytes):
 * it is queued with its photos as Blobs (IndexedDB keeps Blobs) and its idempotency key, and sent
 * alone as multipart to /api/novedades — by the page or by the service worker's background sync,
 * through the same sender (outbox-sender.ts), lock and rules as every other change. Loaded only
 * when a post waits or a send fails: not part of her pages' first-load JavaScript.
 */
import { postFormData, type QueuedPostInput } from "../../shared/posts";
import { nextSeq, type Outcome, type QueuedChange } from "./outbox-core";
import { requestBackgroundSync } from "./outbox-sender";
import { getChange, putChange } from "./outbox-store";

// A fixed post published from the composer leaves her outbox (through this lazily loaded module).
export { deleteChange } from "./outbox-store";

export const NOVEDADES_ENDPOINT = "/api/novedades";

/** The composer's fields as she left them, to open a refused post again. */
export interface PostValues {
  body: string;
  visibility: string;
  about: string;
  categories: string[];
}

/** "Novedad · Llegó el balón de gas…": the kind, then her first words (or the photos when she wrote none). */
export function postLabel(kind: string, body: string, photosLabel: string): string {
  const text = body.replace(/\s+/g, " ").trim();
  if (!text) return `${kind} · ${photosLabel}`;
  if (text.length <= 40) return `${kind} · ${text}`;
  const cut = text.slice(0, 40);
  const space = cut.lastIndexOf(" ");
  return `${kind} · ${(space >= 20 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * What /api/novedades' answer does to a queued post: sent (200), refused with her reason (4xx, the
 * route's translated `error`), waiting for her to sign in (401), or — no answer, the server busy or
 * down (5xx, 429) — null: it stays pending and is tried again (the key makes that safe).
 */
export function postOutcome(key: string, status: number, body: unknown): Outcome | null {
  const b = (body && typeof body === "object" ? body : {}) as { error?: unknown; code?: unknown; fieldErrors?: unknown };
  const message = typeof b.error === "string" ? b.error : "";
  if (status >= 200 && status < 300) return { key, status: "ok" };
  if (status === 401) return { key, status: "unauthorized", message };
  if (status >= 500 || status === 429 || status === 408 || status === 0) return null;
  const fieldErrors = b.fieldErrors && typeof b.fieldErrors === "object" ? (b.fieldErrors as Record<string, string[]>) : null;
  return { key, status: "refused", code: typeof b.code === "string" ? b.code : String(status), message, fieldErrors };
}

/**
 * Sends the posts of a batch one by one, in order. Stops at the first that cannot reach the server
 * (the ones after it get no outcome and wait) and after a signed-out answer. `userId` travels as
 * `queuedBy`: the route refuses to post it under another person's session on a shared phone.
 */
export async function sendPosts(batch: readonly QueuedChange[], userId: string, doFetch: typeof fetch = fetch): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const c of batch) {
    if (c.procedure !== "post.create") continue;
    let o: Outcome | null = null;
    try {
      const form = postFormData(c.input as unknown as QueuedPostInput);
      form.set("queuedBy", userId);
      const res = await doFetch(NOVEDADES_ENDPOINT, { method: "POST", body: form, credentials: "same-origin" });
      o = postOutcome(c.key, res.status, await res.json().catch(() => null));
    } catch {
      /* offline, or the answer was lost */
    }
    if (!o) break;
    out.push(o);
    if (o.status === "unauthorized") break;
  }
  return out;
}

/**
 * The composer could not reach the server: the post goes to her outbox (IndexedDB first, so
 * closing the tab now loses nothing), keeping its key and — when she fixes a refused post — its
 * place in the order. The shell sends it when the signal returns; the service worker too.
 */
export async function queuePost(p: { userId: string; input: QueuedPostInput; values: PostValues; formPath: string; label: string }): Promise<void> {
  const now = Date.now();
  const key = p.input.idempotencyKey;
  const before = await getChange(key);
  await putChange({
    key,
    userId: p.userId,
    ollaId: p.input.ollaId,
    procedure: "post.create",
    lane: `${p.input.ollaId}:post.create`,
    input: p.input as unknown as Record<string, unknown>,
    values: { body: p.values.body, visibility: p.values.visibility, about: p.values.about, categories: p.values.categories },
    formPath: p.formPath,
    label: p.label,
    queuedAt: before?.queuedAt ?? now,
    seq: before?.seq ?? nextSeq(now),
    state: "pending",
    attempts: 0,
    nextAttemptAt: now,
  });
  void requestBackgroundSync();
}

/** A queued post of hers, to fix in the composer ("Corregir" on a refused post). */
export async function queuedPost(key: string, ollaId: string): Promise<{ key: string; values: PostValues; photos: Blob[]; error?: string } | null> {
  const c = await getChange(key);
  if (!c || c.procedure !== "post.create" || c.ollaId !== ollaId) return null;
  const v = c.values;
  const one = (x: string | string[] | undefined) => (Array.isArray(x) ? (x[0] ?? "") : (x ?? ""));
  const input = c.input as unknown as QueuedPostInput;
  return {
    key: c.key,
    values: { body: one(v.body), visibility: one(v.visibility), about: one(v.about), categories: Array.isArray(v.categories) ? v.categories : v.categories ? [v.categories] : [] },
    photos: input.photos ?? [],
    error: c.error,
  };
}
