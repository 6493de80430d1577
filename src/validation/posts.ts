import { z } from "zod";
import { NEED_CATEGORIES } from "~/shared/needs";
import { FEED_PAGE, MAX_COMMENT_TEXT, MAX_POST_PHOTOS, MAX_POST_TEXT, POST_VISIBILITIES } from "~/shared/posts";
import { zId, zText, zUbigeo } from "./common";
import { zIdempotencyKey } from "./stock";

// A post's problem categories (its tags): from the list, at most all ten (a repeat is kept once).
const zCategories = z
  .array(z.enum(NEED_CATEGORIES, { error: "posts.validation.category" }))
  .max(NEED_CATEGORIES.length, { error: "posts.validation.category" })
  .default([]);
/**
 * The photos of a post as they arrived (bytes). Only the upload route (src/app/api/novedades)
 * passes them, in process: JSON over the tRPC endpoint cannot carry bytes, so posts made there
 * are text only.
 */
const zPhoto = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { error: "posts.errors.notAPhoto" });
const zCursor = z.object({ at: z.date(), id: zId }).strict();
const zLimit = z.number().int().min(1).max(50).default(FEED_PAGE);

const postFields = {
  body: zText(MAX_POST_TEXT),
  visibility: z.enum(POST_VISIBILITIES, { error: "posts.validation.visibility" }),
  categories: zCategories,
  needId: zId.nullable().optional(),
  /** A module of her olla's plan the post is about (at most one of needId and planItemId). */
  planItemId: zId.nullable().optional(),
};
const oneLink = { error: "posts.validation.oneLink", path: ["planItemId"] };
const atMostOneLink = (v: { needId?: string | null; planItemId?: string | null }) => !(v.needId && v.planItemId);

export const ZCreatePostInput = z
  .object({ ollaId: zId, idempotencyKey: zIdempotencyKey, ...postFields, photos: z.array(zPhoto).max(MAX_POST_PHOTOS, { error: "posts.validation.tooManyPhotos" }).default([]) })
  .strict()
  .refine((v) => v.body.length > 0 || v.photos.length > 0, { error: "posts.validation.empty", path: ["body"] })
  .refine(atMostOneLink, oneLink);

export const ZUpdatePostInput = z
  .object({ ollaId: zId, idempotencyKey: zIdempotencyKey, postId: zId, version: z.number().int().min(1), ...postFields })
  .strict()
  .refine(atMostOneLink, oneLink);

export const ZDeletePostInput = z.object({ ollaId: zId, idempotencyKey: zIdempotencyKey, postId: zId }).strict();

export const ZOllaFeedInput = z
  .object({ ollaId: zId, category: z.enum(NEED_CATEGORIES).optional(), needId: zId.optional(), planItemId: zId.optional(), before: zCursor.optional(), limit: zLimit })
  .strict();
/** Her olla's link targets and per-target post counts. */
export const ZOllaPostLinksInput = z.object({ ollaId: zId }).strict();
export const ZNetworkFeedInput = z.object({ zoneId: zId.optional(), category: z.enum(NEED_CATEGORIES).optional(), before: zCursor.optional(), limit: zLimit }).strict();
export const ZPublicFeedInput = z
  .object({ ollaId: zId.optional(), districtUbigeo: zUbigeo.optional(), category: z.enum(NEED_CATEGORIES).optional(), before: zCursor.optional(), limit: zLimit })
  .strict();

export const ZPostInput = z.object({ postId: zId }).strict();
export const ZCommentInput = z
  .object({ postId: zId, idempotencyKey: zIdempotencyKey, body: zText(MAX_COMMENT_TEXT).min(1, { error: "posts.validation.commentEmpty" }) })
  .strict();
export const ZDeleteCommentInput = z.object({ postId: zId, commentId: zId }).strict();
export const ZPhotoInput = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, { error: "validation.invalidId" }) }).strict();
