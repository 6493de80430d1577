import { createTRPCContext } from "~/server/api/trpc";
import { sessionIdFromHeaders } from "~/server/auth/token";
import { getDb } from "~/server/db";
import { LOCALE_COOKIE } from "~/i18n/config";
import { localeFrom } from "~/server/request-context";
import { isCrossSiteRequest } from "~/server/http/origin";
import { limitBody } from "~/server/http/body-limit";
import { toTRPCError } from "~/server/errors";
import { MAX_OUTBOX_BATCH, runOutboxBatch } from "~/server/api/delegate";

export const dynamic = "force-dynamic";

function cookieValue(h: Headers, name: string): string | undefined {
  return (h.get("cookie") ?? "").split(";").map((s) => s.trim().split("=")).find(([k]) => k === name)?.[1];
}

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/**
 * A phone's queued changes, sent as one batch: `{ userId, items: [{ key, procedure, input }] }`.
 * Answers `{ results: [{ key, status: "ok" | "refused" | "unauthorized" | "retry", … }] }`, one per
 * item in order. Every item goes through the tRPC caller (same schema, authorization and
 * idempotency as the API), so a batch can do nothing the person could not do one call at a time.
 */
// A batch is at most 50 forms of a few hundred bytes each: 256 KB is plenty, and read before parsing.
const OUTBOX_BODY_LIMIT = 256 * 1024;

export async function POST(incoming: Request) {
  if (isCrossSiteRequest(incoming)) return json({ error: "cross-site request refused" }, 403);
  const req = await limitBody(incoming, OUTBOX_BODY_LIMIT, (url, init) => new Request(url, init));
  if (req instanceof Response) return req;
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return json({ error: "invalid JSON" }, 400);
  }
  const batch = (body ?? {}) as { userId?: unknown; items?: unknown };
  if (!Array.isArray(batch.items) || batch.items.length > MAX_OUTBOX_BATCH) return json({ error: `items: an array of at most ${MAX_OUTBOX_BATCH}` }, 400);
  let ctx;
  try {
    ctx = await createTRPCContext({
      headers: req.headers,
      db: await getDb(),
      locale: localeFrom(req.headers, cookieValue(req.headers, LOCALE_COOKIE)),
      sessionId: await sessionIdFromHeaders(req.headers),
    });
  } catch (err) {
    // Database down while reading the session: the phone keeps everything and tries again.
    const e = toTRPCError(err);
    if (e?.code === "SERVICE_UNAVAILABLE") return json({ error: "unavailable" }, 503);
    throw err;
  }
  const results = await runOutboxBatch(ctx, batch, (line) => console.error(line));
  return json({ results });
}
