/**
 * The procedures of novedades that load what the caller may act on, like ollaProcedure does
 * for an olla (src/server/api/trpc.ts):
 *   memberProcedure      a member of the network (a delegate or a coordinator); others FORBIDDEN
 *   postReaderProcedure  input { postId }: a post the caller may see (public to anyone, network to
 *                        members, olla to its people), loaded onto ctx.post; anything else NOT_FOUND
 *   postMemberProcedure  the same for a signed-in caller (comments)
 */
import { TRPCError } from "@trpc/server";
import { findVisiblePost, imageAccess } from "~/server/db/queries/posts";
import { isMember, viewerOf } from "~/server/domain/posts";
import { scopeFrom } from "~/server/domain/scope";
import type { Db } from "~/server/db/client";
import type { Scope } from "~/server/domain/scope";
import { protectedProcedure, publicProcedure } from "./trpc";
import { UUID } from "~/shared/uuid";

async function loadVisiblePost(db: Db, scope: Scope | null, raw: unknown) {
  const postId = raw && typeof raw === "object" ? (raw as { postId?: unknown }).postId : undefined;
  if (typeof postId !== "string" || !UUID.test(postId)) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  const post = await findVisiblePost(db, viewerOf(scope), postId);
  if (!post) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return post;
}

export const memberProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!isMember(ctx.scope)) throw new TRPCError({ code: "FORBIDDEN", message: "errors.forbidden" });
  return next();
});

export const postReaderProcedure = publicProcedure.use(async ({ ctx, next, getRawInput }) => {
  const scope = ctx.session ? scopeFrom(ctx.session.memberships) : null;
  const post = await loadVisiblePost(ctx.db, scope, await getRawInput());
  return next({ ctx: { post, viewerScope: scope, userId: ctx.session?.id ?? null } });
});

export const postMemberProcedure = protectedProcedure.use(async ({ ctx, next, getRawInput }) => {
  const post = await loadVisiblePost(ctx.db, ctx.scope, await getRawInput());
  return next({ ctx: { post } });
});

/**
 * input { hash }: an image shown by a post or workshop the caller may see (ctx.imageAccess says
 * whether it is public); anything else, an unknown hash too, is NOT_FOUND.
 */
export const photoProcedure = publicProcedure.use(async ({ ctx, next, getRawInput }) => {
  const raw = await getRawInput();
  const hash = raw && typeof raw === "object" ? (raw as { hash?: unknown }).hash : undefined;
  if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  const access = await imageAccess(ctx.db, viewerOf(ctx.session ? scopeFrom(ctx.session.memberships) : null), hash);
  if (!access) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return next({ ctx: { imageAccess: access } });
});
