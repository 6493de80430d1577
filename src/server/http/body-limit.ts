/**
 * Request body limits. Route handlers read bodies through here, so a 50 MB anonymous body is
 * refused with 413 after at most `max` bytes: at once when Content-Length says too much, and
 * while reading when a chunked body keeps coming (the rest is never read or parsed).
 * Server actions have Next's own limit (serverActions.bodySizeLimit in next.config.mjs).
 */

/** tRPC: the largest legitimate call (a batch of ten queued stock entries, a profile) is a few KB. */
export const TRPC_BODY_LIMIT = 64 * 1024;
/** next-auth: a login form or a sign-out is well under 1 KB. */
export const AUTH_BODY_LIMIT = 16 * 1024;
/** Routes that take no body (open data, health). */
export const NO_BODY_LIMIT = 1024;

export function payloadTooLarge(max: number): Response {
  return Response.json(
    { error: { code: "PAYLOAD_TOO_LARGE", message: `request body larger than ${max} bytes` } },
    // Close the connection: the client may still be sending the body we will not read.
    { status: 413, headers: { "cache-control": "no-store", connection: "close" } },
  );
}

/** True when the declared length alone is over the limit. */
export function declaredTooLarge(req: Request, max: number): boolean {
  const raw = req.headers.get("content-length");
  if (raw === null) return false;
  const n = Number(raw);
  return !Number.isFinite(n) || n < 0 || n > max;
}

/**
 * Reads the body of `req` up to `max` bytes. Returns the bytes, or null when the body is
 * larger (the stream is cancelled there, nothing more is read).
 */
export async function readBodyLimited(req: Request, max: number): Promise<Uint8Array | null> {
  if (declaredTooLarge(req, max)) {
    await req.body?.cancel().catch(() => {});
    return null;
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * The same request with its body read into memory (at most `max` bytes), or a 413 answer.
 * `make` builds the copy (a plain Request, or a NextRequest for handlers that need one).
 */
export async function limitBody<R extends Request>(
  req: Request,
  max: number,
  make: (url: string, init: RequestInit) => R,
): Promise<R | Response> {
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  // A GET's body is never read; only a declared one is refused.
  if (!hasBody) return declaredTooLarge(req, NO_BODY_LIMIT) ? payloadTooLarge(NO_BODY_LIMIT) : (req as R);
  const body = await readBodyLimited(req, max);
  if (body === null) return payloadTooLarge(max);
  return make(req.url, { method: req.method, headers: req.headers, body: body as BodyInit });
}

/** For routes that take no body: 413 when one is declared, otherwise null (a body is never read). */
export function refuseBody(req: Request): Response | null {
  return declaredTooLarge(req, NO_BODY_LIMIT) ? payloadTooLarge(NO_BODY_LIMIT) : null;
}
