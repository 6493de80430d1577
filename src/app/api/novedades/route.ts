import { TRPCError } from "@trpc/server";
import { LOCALE_COOKIE } from "~/i18n/config";
import { translate } from "~/i18n/translate";
import { formText, photoUpload } from "~/server/http/photo-upload";
import { localeFrom } from "~/server/request-context";

export const dynamic = "force-dynamic";

/**
 * POST /api/novedades (multipart/form-data): a delegate's post with its photos, the one write
 * that cannot travel as JSON. Fields: ollaId, idempotencyKey, body, visibility, categories
 * (repeated), needId or planItemId (what it is about), photos (repeated files, already
 * downscaled by the phone), and `queuedBy` when her outbox sends it later. Goes through the
 * post.create procedure (same schema, authorization, idempotency: a re-send with the same key
 * answers the first post's id and makes no second one); the intake (size limit, same-site,
 * errors) is src/server/http/photo-upload.ts.
 * Answers { id } or { error, code, fieldErrors } with the procedure's status.
 */
export async function POST(incoming: Request) {
  const res = await photoUpload(incoming, (caller, form, photos, ctx) => {
    // Queued on a shared phone by another person: never posted under this session (as /api/outbox).
    const queuedBy = formText(form, "queuedBy");
    if (queuedBy && ctx.session && queuedBy !== ctx.session.id) throw new TRPCError({ code: "UNAUTHORIZED", message: "delegate.outbox.otherPerson" });
    return caller.post.create({
      ollaId: formText(form, "ollaId") as string,
      idempotencyKey: formText(form, "idempotencyKey") as string,
      body: formText(form, "body") ?? "",
      visibility: formText(form, "visibility") as never,
      categories: form.getAll("categories").filter((v): v is string => typeof v === "string") as never,
      needId: formText(form, "needId") || null,
      planItemId: formText(form, "planItemId") || null,
      photos,
    });
  });
  if (res.status !== 413) return res;
  // The body limit answers before anything is read, in no language: her outbox shows this reason.
  const cookie = (incoming.headers.get("cookie") ?? "").split(";").map((s) => s.trim().split("=")).find(([k]) => k === LOCALE_COOKIE)?.[1];
  const error = translate(localeFrom(incoming.headers, cookie), "posts.errors.requestTooLarge");
  return Response.json({ error, code: "PAYLOAD_TOO_LARGE", fieldErrors: null }, { status: 413, headers: { "cache-control": "no-store", connection: "close" } });
}
