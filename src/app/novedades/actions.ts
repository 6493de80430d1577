"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { serverCaller } from "~/trpc/caller";

/** Data saver on or off for a year (photos only when tapped). A plain form post, without JavaScript. */
export async function toggleDataSaver(formData: FormData) {
  const on = formData.get("on") === "1";
  (await cookies()).set("ollas-ahorro", on ? "1" : "0", { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: false });
}

/** A member's comment, through post.comment (same authorization and idempotency key). Works before JavaScript loads. */
export async function commentAction(formData: FormData) {
  const postId = String(formData.get("postId") ?? "");
  const caller = await serverCaller();
  await caller.post.comment({ postId, idempotencyKey: String(formData.get("idempotencyKey") ?? ""), body: String(formData.get("body") ?? "") });
  revalidatePath(`/novedades/${postId}`);
}

export async function deleteCommentAction(formData: FormData) {
  const postId = String(formData.get("postId") ?? "");
  const caller = await serverCaller();
  await caller.post.deleteComment({ postId, commentId: String(formData.get("commentId") ?? "") });
  revalidatePath(`/novedades/${postId}`);
}
