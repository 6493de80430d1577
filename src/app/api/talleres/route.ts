import { formText, photoUpload } from "~/server/http/photo-upload";

export const dynamic = "force-dynamic";

/**
 * POST /api/talleres (multipart/form-data): a coordinator records a workshop with its photos.
 * Fields: `workshop` (the workshop.create input as JSON, without photos) and `photos` (repeated
 * files, already downscaled by the browser). Goes through the workshop.create procedure (same
 * schema, authorization, idempotency; the photos through the posts' pipeline: re-encoded,
 * metadata stripped, type by content); the intake is src/server/http/photo-upload.ts.
 * Answers { id } or { error, code, fieldErrors }.
 */
export function POST(incoming: Request) {
  return photoUpload(incoming, (caller, form, photos) => {
    let fields: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(formText(form, "workshop") ?? "null");
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) fields = parsed as Record<string, unknown>;
    } catch {
      // An unreadable payload is validated as an empty one: the schema names what is missing.
    }
    return caller.workshop.create({ ...(fields as Record<string, never>), photos } as never);
  });
}
