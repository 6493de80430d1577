import { formText, photoUpload } from "~/server/http/photo-upload";

export const dynamic = "force-dynamic";

/**
 * POST /api/novedades (multipart/form-data): a delegate's post with its photos, the one write
 * that cannot travel as JSON. Fields: ollaId, idempotencyKey, body, visibility, categories
 * (repeated), needId or planItemId (what it is about), photos (repeated files, already
 * downscaled by the phone). Goes through the post.create procedure (same schema, authorization,
 * idempotency); the intake (size limit, same-site, errors) is src/server/http/photo-upload.ts.
 * Answers { id } or { error, code, fieldErrors } with the procedure's status.
 */
export function POST(incoming: Request) {
  return photoUpload(incoming, (caller, form, photos) =>
    caller.post.create({
      ollaId: formText(form, "ollaId") as string,
      idempotencyKey: formText(form, "idempotencyKey") as string,
      body: formText(form, "body") ?? "",
      visibility: formText(form, "visibility") as never,
      categories: form.getAll("categories").filter((v): v is string => typeof v === "string") as never,
      needId: formText(form, "needId") || null,
      planItemId: formText(form, "planItemId") || null,
      photos,
    }),
  );
}
