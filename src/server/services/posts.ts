import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Db, Tx } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import { findIdempotencyKey } from "~/server/db/queries/idempotency";
import { findOllaNeed } from "~/server/db/queries/needs";
import type { OllaRow } from "~/server/db/queries/ollas";
import { findPlanItem } from "~/server/db/queries/plans";
import {
  deleteComment,
  deletePost,
  findComment,
  findOllaPost,
  insertComment,
  insertPost,
  insertPostPhotos,
  listComments,
  listFeed,
  postCountsAbout,
  postLinkTargets,
  postPhotosOf,
  updatePostAtVersion,
  type FeedFilter,
  type Viewer,
} from "~/server/db/queries/posts";
import type { Actor } from "~/server/domain/actor";
import { imageFileName, MIME_OF } from "~/server/domain/image-type";
import { canComment, canDeleteComment, viewerOf } from "~/server/domain/posts";
import { canSeeOlla, type Scope } from "~/server/domain/scope";
import { badInput, conflict, forbidden, notFound } from "~/server/errors";
import type { ZCommentInput, ZCreatePostInput, ZDeletePostInput, ZUpdatePostInput } from "~/validation/posts";
import { idempotent } from "./idempotency";
import { processPhotos } from "./images/pipeline";
import { postgresImageStore, type ImageStore } from "./images/store";

/** Where photos are served from: /api/fotos/<sha256>.<ext> (content-addressed, cached for a year). */
export const photoUrl = (hash: string, mime: string) => `/api/fotos/${imageFileName(hash, mime)}`;

type FeedRow = Awaited<ReturnType<typeof listFeed>>["items"][number];

/**
 * What a post is about, as this viewer may read it: a need whose visibility lets her see it, a
 * plan module of an olla that did not hide its plan (its own people see both always). `own`:
 * she can open it in the olla's own pages; otherwise its public page.
 */
function aboutOf(p: FeedRow, v: Viewer) {
  const own = canSeeOlla(v.scope, { id: p.ollaId, zoneId: p.zoneId });
  const n = p.needLink;
  if (n && (own || n.visibility === "public" || (n.visibility === "network" && v.member)))
    return { kind: "need" as const, id: n.id, category: n.category, label: n.description, own, href: own ? `/mi-olla/${p.ollaId}/necesidades#need-${n.id}` : n.visibility === "public" ? `/necesidades/${n.id}` : null };
  const m = p.planItemId ? p.planLink : null;
  if (m && (own || !m.hidden)) return { kind: "plan" as const, id: p.planItemId!, category: null, label: { es: m.nameEs, en: m.nameEn }, own, href: own ? `/mi-olla/${p.ollaId}/plan#plan-item-${p.planItemId}` : `/ollas/${p.ollaId}` };
  return null;
}

/** A post as every feed shows it. People are private: no author name, only whether it is hers. */
function view(p: FeedRow, v: Viewer, userId: string | null) {
  const about = aboutOf(p, v);
  return {
    id: p.id,
    ollaId: p.ollaId,
    ollaName: p.ollaName,
    districtUbigeo: p.districtUbigeo,
    body: p.body,
    visibility: p.visibility,
    categories: p.categories,
    needId: about?.kind === "need" ? about.id : null,
    planItemId: about?.kind === "plan" ? about.id : null,
    about: about && { kind: about.kind, label: about.label, href: about.href },
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    mine: userId !== null && p.authorId === userId,
    commentCount: v.member ? p.commentCount : 0,
    photos: p.photos.map((ph) => ({
      thumb: photoUrl(ph.thumbHash, "image/webp"),
      display: photoUrl(ph.displayHash, MIME_OF[ph.sourceType as keyof typeof MIME_OF] ?? "image/jpeg"),
      width: ph.width,
      height: ph.height,
    })),
  };
}
export type PostView = ReturnType<typeof view>;

export async function feed(db: Db, scope: Scope | null, userId: string | null, f: FeedFilter) {
  const v = viewerOf(scope);
  const page = await listFeed(db, v, f);
  return { items: page.items.map((p) => view(p, v, userId)), next: page.next };
}

/** Her olla's open needs and plan modules, for the composer's "about" picker. */
export async function linkTargets(db: Db, olla: OllaRow) {
  return postLinkTargets(db, olla.id);
}

/** How many of her olla's posts are about each need and plan module. */
export async function countsAbout(db: Db, olla: OllaRow) {
  return postCountsAbout(db, olla.id);
}

/** One post and, for members, its comments (names of members are for members only). */
export async function postWithComments(db: Db, scope: Scope | null, userId: string | null, post: { id: string }) {
  const v = viewerOf(scope);
  const [row] = (await listFeed(db, v, { limit: 1, postId: post.id })).items;
  if (!row) throw notFound();
  const comments = v.member ? await listComments(db, post.id) : [];
  return {
    post: view(row, v, userId),
    canComment: userId !== null && canComment(v.scope, row),
    comments: comments.map((c) => ({
      id: c.id,
      body: c.body,
      authorName: c.authorName,
      createdAt: c.createdAt,
      canDelete: userId !== null && canDeleteComment(v.scope, userId, c, row),
    })),
  };
}

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/**
 * A delegate's new post. Its photos are checked and re-encoded first (one bad file refuses the
 * post and nothing is written); the images go to the store, then the post, its photos and the
 * idempotency key in one transaction. A retry with the same key returns the first post without
 * decoding anything again: a retried upload never makes two posts.
 */
export async function createPost(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZCreatePostInput>, store: ImageStore = postgresImageStore(db)) {
  if (olla.status === "closed") throw forbidden("errors.ollaClosed");
  const { photos, ...fields } = input;
  const req = { userId: actor.userId, procedure: "post.create", input: { ...fields, photos: photos.map(sha256) } };
  const run = (write: Parameters<typeof idempotent<{ id: string; version: number }>>[2]) => idempotent(db, req, write);
  if (await db.transaction((tx) => findIdempotencyKey(tx, actor.userId, input.idempotencyKey))) {
    return run(async () => {
      throw conflict("errors.retry");
    });
  }
  const processed = await processPhotos(photos);
  await store.put(processed.flatMap((p) => [p.thumb, p.display]));
  return run(async (tx) => {
    await checkLinks(tx, olla.id, input);
    const row = await insertPost(tx, {
      ollaId: olla.id,
      authorId: actor.userId,
      body: input.body,
      visibility: input.visibility,
      categories: [...new Set(input.categories)],
      needId: input.needId ?? null,
      planItemId: input.planItemId ?? null,
    });
    await insertPostPhotos(
      tx,
      processed.map((p, position) => ({
        postId: row.id,
        position,
        thumbHash: p.thumb.hash,
        displayHash: p.display.hash,
        sourceType: p.sourceType,
        width: p.display.width,
        height: p.display.height,
      })),
    );
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "post", entityId: row.id, ollaId: olla.id, after: { ...row, photos: processed.map((p) => p.display.hash) } });
    return { id: row.id, version: row.version };
  });
}

/** She edits her own post (text, who sees it, tags, linked need), against the version she saw. */
export async function updatePost(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZUpdatePostInput>) {
  return idempotent(db, { userId: actor.userId, procedure: "post.update", input }, async (tx) => {
    const current = await findOllaPost(tx, olla.id, input.postId);
    if (!current || current.authorId !== actor.userId) throw notFound();
    await checkLinks(tx, olla.id, input);
    const row = await updatePostAtVersion(
      tx,
      { id: current.id, ollaId: olla.id, authorId: actor.userId, version: input.version },
      { body: input.body, visibility: input.visibility, categories: [...new Set(input.categories)], needId: input.needId ?? null, planItemId: input.planItemId ?? null },
    );
    if (!row) throw conflict("errors.staleVersion");
    if (row.body.length === 0 && !(await hasPhotos(tx, row.id))) throw badInput("body", "posts.validation.empty");
    await writeAudit(tx, { actorUserId: actor.userId, action: "update", entity: "post", entityId: row.id, ollaId: olla.id, before: current, after: row });
    return { id: row.id, version: row.version };
  });
}

/** A post is only ever about her own olla's need or plan module: another olla's answers NOT_FOUND (its existence is not revealed). */
async function checkLinks(tx: Tx, ollaId: string, input: { needId?: string | null; planItemId?: string | null }) {
  if (input.needId && !(await findOllaNeed(tx, ollaId, input.needId))) throw notFound();
  if (input.planItemId && !(await findPlanItem(tx, ollaId, input.planItemId))) throw notFound();
}

async function hasPhotos(tx: Tx, postId: string) {
  return (await postPhotosOf(tx, postId)).length > 0;
}

/** She deletes her own post (its photos and comments go with it; images no one shows answer 404). */
export async function removePost(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZDeletePostInput>) {
  return idempotent(db, { userId: actor.userId, procedure: "post.delete", input }, async (tx) => {
    const row = await deletePost(tx, { id: input.postId, ollaId: olla.id, authorId: actor.userId });
    if (!row) throw notFound();
    await writeAudit(tx, { actorUserId: actor.userId, action: "delete", entity: "post", entityId: row.id, ollaId: olla.id, before: row });
    return { id: row.id };
  });
}

export async function addComment(db: Db, actor: Actor, scope: Scope, post: { id: string; ollaId: string; zoneId: string; visibility: "olla" | "network" | "public" }, input: z.output<typeof ZCommentInput>) {
  if (!canComment(scope, post)) throw forbidden("posts.errors.cannotComment");
  return idempotent(db, { userId: actor.userId, procedure: "post.comment", input }, async (tx) => {
    const row = await insertComment(tx, { postId: post.id, authorId: actor.userId, body: input.body });
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "post_comment", entityId: row.id, ollaId: post.ollaId, after: row });
    return { id: row.id };
  });
}

export async function removeComment(db: Db, actor: Actor, scope: Scope, post: { id: string; ollaId: string }, commentId: string) {
  return db.transaction(async (tx) => {
    const c = await findComment(tx, post.id, commentId);
    if (!c) throw notFound();
    if (!canDeleteComment(scope, actor.userId, c, post)) throw forbidden("posts.errors.cannotDeleteComment");
    await deleteComment(tx, post.id, commentId);
    await writeAudit(tx, { actorUserId: actor.userId, action: "delete", entity: "post_comment", entityId: c.id, ollaId: post.ollaId, before: c });
    return { id: c.id };
  });
}

/** A photo's bytes, once the procedure has checked that the caller may see a post or workshop showing it. */
export async function photoFor(db: Db, access: { public: boolean }, hash: string, store: ImageStore = postgresImageStore(db)) {
  const img = await store.get(hash);
  if (!img) throw notFound();
  return { ...img, public: access.public };
}
