import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";
import { callerForRequest } from "~/server/api/request-caller";
import { describeError } from "~/server/api/error-shape";
import { toTRPCError } from "~/server/errors";
import { limitBody } from "~/server/http/body-limit";
import { isCrossSiteRequest } from "~/server/http/origin";
import { MAX_POST_PHOTOS, MAX_POST_REQUEST_BYTES } from "~/shared/posts";

export const dynamic = "force-dynamic";

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/**
 * POST /api/talleres (multipart/form-data): a coordinator records a workshop with its photos.
 * Fields: `workshop` (the workshop.create input as JSON, without photos) and `photos` (repeated
 * files, already downscaled by the browser). Goes through the workshop.create procedure (same
 * schema, authorization, idempotency; the photos through the posts' pipeline: re-encoded,
 * metadata stripped, type by content). Answers { id } or { error, code, fieldErrors }.
 */
export async function POST(incoming: Request) {
  if (isCrossSiteRequest(incoming)) return json({ error: "cross-site request refused" }, 403);
  const req = await limitBody(incoming, MAX_POST_REQUEST_BYTES, (url, init) => new Request(url, init));
  if (req instanceof Response) return req;
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return json({ error: "multipart/form-data expected" }, 400);
  }
  const files = form.getAll("photos").filter((f): f is File => typeof f !== "string" && f.size > 0);
  let ctx;
  try {
    const c = await callerForRequest(req);
    ctx = c.ctx;
    if (files.length > MAX_POST_PHOTOS) throw new TRPCError({ code: "BAD_REQUEST", message: "posts.validation.tooManyPhotos" });
    const raw = form.get("workshop");
    let fields: Record<string, unknown> = {};
    try {
      const parsed: unknown = typeof raw === "string" ? JSON.parse(raw) : null;
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
    } catch {
      // An unreadable payload is validated as an empty one: the schema names what is missing.
    }
    const photos = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
    const result = await c.caller.workshop.create({ ...(fields as never as Record<string, never>), photos } as never);
    return json(result);
  } catch (err) {
    const e = err instanceof TRPCError ? err : toTRPCError(err);
    if (!e) throw err;
    const shape = describeError(ctx?.locale ?? "es", e);
    return json({ error: shape.message, code: e.code, fieldErrors: shape.fieldErrors }, getHTTPStatusCodeFromError(e));
  }
}
