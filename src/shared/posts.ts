/**
 * Novedades (update posts) and talleres (workshops): the tuples the database enums, the
 * validation and the pages share. The three visibility words mean the same everywhere:
 *   olla     her olla: its delegates and the coordinators whose scope has it
 *   network  every signed-in member of the network (a delegate or a coordinator)
 *   public   anyone, signed in or not
 */
export const POST_VISIBILITIES = ["olla", "network", "public"] as const;
export type PostVisibility = (typeof POST_VISIBILITIES)[number];

/** Photos per post, and how long a post's text and a comment may be. */
export const MAX_POST_PHOTOS = 4;
export const MAX_POST_TEXT = 2000;
export const MAX_COMMENT_TEXT = 1000;

/** The phone downscales before upload to about this many pixels on the long side. */
export const CLIENT_PHOTO_EDGE = 1280;
/** One uploaded photo, and a whole post request (text, fields, up to 4 photos). */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_POST_REQUEST_BYTES = MAX_POST_PHOTOS * MAX_PHOTO_BYTES + 64 * 1024;

/**
 * A new post as the phone sends it to POST /api/novedades, and as her outbox keeps it when the
 * signal is gone (photos as Blobs, already downscaled). One shape, one form builder: the composer's
 * first try and every later send from the outbox carry the same fields, so the server's
 * idempotency record (key + input) matches and a re-send never makes a second post.
 */
export interface QueuedPostInput {
  ollaId: string;
  idempotencyKey: string;
  body: string;
  visibility: string;
  categories: string[];
  needId: string | null;
  planItemId: string | null;
  photos: Blob[];
}

export function postFormData(p: QueuedPostInput): FormData {
  const form = new FormData();
  form.set("ollaId", p.ollaId);
  form.set("idempotencyKey", p.idempotencyKey);
  form.set("body", p.body);
  form.set("visibility", p.visibility);
  if (p.needId) form.set("needId", p.needId);
  if (p.planItemId) form.set("planItemId", p.planItemId);
  for (const c of p.categories) form.append("categories", c);
  p.photos.forEach((b, i) => form.append("photos", b, `foto-${i + 1}.jpg`));
  return form;
}

export const FOLLOW_UP_STATUSES = ["pending", "done", "dropped"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** Feed pages: newest first, this many posts a page. */
export const FEED_PAGE = 20;

/** A dashboard's period (the last `months` months, the current one included) as workshop dates. */
export function workshopPeriod(months: number, today: string): { from: string; to: string } {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - (months - 1), 1));
  return { from: start.toISOString().slice(0, 10), to: today };
}
