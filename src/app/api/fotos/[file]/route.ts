import { TRPCError } from "@trpc/server";
import { callerForRequest } from "~/server/api/request-caller";
import { parseImageFileName } from "~/server/domain/image-type";
import { toTRPCError } from "~/server/errors";
import { refuseBody } from "~/server/http/body-limit";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "cache-control": "no-store", "content-type": "text/plain; charset=utf-8" } });

/**
 * GET /api/fotos/<sha256>.<ext>: a re-encoded photo. The name is the hash of the bytes, so
 * the answer never changes: cached for a year, immutable. Only for those who may see a post or
 * workshop showing it (post.photo decides); anyone else gets the same 404 as a hash that does
 * not exist. Private photos are cached by the browser only (`private`), never by shared caches.
 */
export async function GET(req: Request, { params }: { params: Promise<{ file: string }> }) {
  const tooBig = refuseBody(req);
  if (tooBig) return tooBig;
  const parsed = parseImageFileName((await params).file);
  if (!parsed) return notFound();
  try {
    const { caller } = await callerForRequest(req);
    const photo = await caller.post.photo({ hash: parsed.hash });
    const etag = `"${parsed.hash}"`;
    const headers = {
      "content-type": photo.mime,
      "cache-control": `${photo.public ? "public" : "private"}, max-age=31536000, immutable`,
      etag,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    };
    if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
    return new Response(photo.bytes as BodyInit, { status: 200, headers: { ...headers, "content-length": String(photo.bytes.byteLength) } });
  } catch (err) {
    const e = err instanceof TRPCError ? err : toTRPCError(err);
    if (e?.code === "NOT_FOUND") return notFound();
    if (e?.code === "SERVICE_UNAVAILABLE") return new Response("Unavailable", { status: 503, headers: { "retry-after": "5", "cache-control": "no-store" } });
    throw err;
  }
}
