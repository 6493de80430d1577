import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";
import { callerForRequest } from "~/server/api/request-caller";
import { describeError } from "~/server/api/error-shape";
import { toTRPCError } from "~/server/errors";
import { limitBody } from "~/server/http/body-limit";
import { isCrossSiteRequest } from "~/server/http/origin";
import { MAX_POST_PHOTOS, MAX_POST_REQUEST_BYTES } from "~/shared/posts";

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

type Caller = Awaited<ReturnType<typeof callerForRequest>>["caller"];

/**
 * The multipart intake shared by the two writes that carry photos (POST /api/novedades and
 * POST /api/talleres): same-site only; the body read up to 4 × 8 MB + 64 KB and no further
 * (413); at most 4 files under `photos`, passed as bytes (the pipeline decides their type from
 * the content, never from the name or declared type). `write` calls the procedure with the
 * request's own caller (same schema, authorization, idempotency); a refusal answers
 * { error, code, fieldErrors } in her language with the procedure's status.
 */
export async function photoUpload(incoming: Request, write: (caller: Caller, form: FormData, photos: Uint8Array[], ctx: Awaited<ReturnType<typeof callerForRequest>>["ctx"]) => Promise<unknown>): Promise<Response> {
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
    const photos = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
    return json(await write(c.caller, form, photos, c.ctx));
  } catch (err) {
    const e = err instanceof TRPCError ? err : toTRPCError(err);
    if (!e) throw err;
    const shape = describeError(ctx?.locale ?? "es", e);
    return json({ error: shape.message, code: e.code, fieldErrors: shape.fieldErrors }, getHTTPStatusCodeFromError(e));
  }
}

/** A text field of the form, if it is one. */
export function formText(form: FormData, key: string): string | undefined {
  const v = form.get(key);
  return typeof v === "string" ? v : undefined;
}
