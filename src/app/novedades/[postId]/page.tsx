import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { TRPCError } from "@trpc/server";
import { commentAction, deleteCommentAction } from "~/app/novedades/actions";
import { dataSaverOn } from "~/components/posts/data-saver";
import { PostList } from "~/components/posts/post-list";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Textarea } from "~/components/ui/field";
import { MAX_COMMENT_TEXT } from "~/shared/posts";
import { serverCaller } from "~/trpc/caller";

export const dynamic = "force-dynamic";

/** One post and its comments (members only read and write them). Another olla's private post: not found. */
export default async function PostPage({ params }: { params: Promise<{ postId: string }> }) {
  const { postId } = await params;
  const caller = await serverCaller();
  let data;
  try {
    data = await caller.post.get({ postId });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
  const t = await getTranslations("posts.pages");
  const f = await getFormatter();
  const saver = await dataSaverOn();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("postTitle")}</h1>
      <PostList items={[data.post]} dataSaver={saver} />
      {data.canComment && (
        <Card as="section" title={t("commentsTitle")}>
          {data.comments.length === 0 ? (
            <p>{t("noComments")}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-stone-200" data-testid="comments">
              {data.comments.map((c) => (
                <li key={c.id} className="flex flex-col gap-1 py-2">
                  <span className="text-sm">
                    <strong>{c.authorName}</strong> · <time dateTime={c.createdAt.toISOString()}>{f.dateTime(c.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                  </span>
                  <p className="whitespace-pre-wrap break-words">{c.body}</p>
                  {c.canDelete && (
                    <form action={deleteCommentAction}>
                      <input type="hidden" name="postId" value={postId} />
                      <input type="hidden" name="commentId" value={c.id} />
                      <Button type="submit" variant="secondary" size="sm">
                        {t("deleteComment")}
                      </Button>
                    </form>
                  )}
                </li>
              ))}
            </ul>
          )}
          <form action={commentAction} className="mt-3 flex flex-col gap-2">
            <input type="hidden" name="postId" value={postId} />
            <input type="hidden" name="idempotencyKey" value={randomUUID()} />
            <Textarea label={t("commentLabel")} name="body" rows={2} maxLength={MAX_COMMENT_TEXT} required />
            <Button type="submit" className="self-start">
              {t("commentSend")}
            </Button>
          </form>
        </Card>
      )}
    </div>
  );
}
