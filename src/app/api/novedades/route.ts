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
 * POST /api/novedades (multipart/form-data): a delegate's post with its photos, the one write
 * that cannot travel as JSON. Fields: ollaId, idempotencyKey, body, visibility, categories
 * (repeated), needId or planItemId (what it is about), photos (repeated files, already downscaled by the phone). Goes through
 * the post.create procedure (same schema, authorization, idempotency); the bytes are read up
 * to 4 × 8 MB + 64 KB and no further (413). Answers { id } or { error, fieldErrors } with the
 * procedure's status.
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
  const str = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const files = form.getAll("photos").filter((f): f is File => typeof f !== "string" && f.size > 0);
  let ctx;
  try {
    const c = await callerForRequest(req);
    ctx = c.ctx;
    if (files.length > MAX_POST_PHOTOS) throw new TRPCError({ code: "BAD_REQUEST", message: "posts.validation.tooManyPhotos" });
    // The type is decided from the bytes by the pipeline; the file's name and declared type are ignored.
    const photos = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
    const needId = str("needId");
    const planItemId = str("planItemId");
    const result = await c.caller.post.create({
      ollaId: str("ollaId") as string,
      idempotencyKey: str("idempotencyKey") as string,
      body: str("body") ?? "",
      visibility: str("visibility") as never,
      categories: form.getAll("categories").filter((v): v is string => typeof v === "string") as never,
      needId: needId ? needId : null,
      planItemId: planItemId ? planItemId : null,
      photos,
    });
    return json(result);
  } catch (err) {
    const e = err instanceof TRPCError ? err : toTRPCError(err);
    if (!e) throw err;
    const shape = describeError(ctx?.locale ?? "es", e);
    return json({ error: shape.message, code: e.code, fieldErrors: shape.fieldErrors }, getHTTPStatusCodeFromError(e));
  }
}
