import { addComment, countsAbout, createPost, feed, linkTargets, photoFor, postWithComments, removeComment, removePost, updatePost } from "~/server/services/posts";
import {
  ZCommentInput,
  ZCreatePostInput,
  ZDeleteCommentInput,
  ZDeletePostInput,
  ZNetworkFeedInput,
  ZOllaFeedInput,
  ZOllaPostLinksInput,
  ZPhotoInput,
  ZPostInput,
  ZPublicFeedInput,
  ZUpdatePostInput,
} from "~/validation/posts";
import { memberProcedure, photoProcedure, postMemberProcedure, postReaderProcedure } from "../post-procedures";
import { createTRPCRouter, delegateProcedure, ollaProcedure, publicProcedure } from "../trpc";

/** Novedades: a delegate's posts with photos, their feeds, comments, and the photos themselves. */
export const postRouter = createTRPCRouter({
  create: delegateProcedure.input(ZCreatePostInput).mutation(({ ctx, input }) => createPost(ctx.db, ctx.actor, ctx.olla, input)),
  update: delegateProcedure.input(ZUpdatePostInput).mutation(({ ctx, input }) => updatePost(ctx.db, ctx.actor, ctx.olla, input)),
  delete: delegateProcedure.input(ZDeletePostInput).mutation(({ ctx, input }) => removePost(ctx.db, ctx.actor, ctx.olla, input)),

  /** Her olla's feed (all three visibilities), for its delegates and its coordination. */
  ollaFeed: ollaProcedure.input(ZOllaFeedInput).query(({ ctx, input }) => feed(ctx.db, ctx.scope, ctx.actor.userId, input)),
  /** What her composer may link a post to: her olla's open needs and plan modules (another olla's: NOT_FOUND). */
  linkTargets: ollaProcedure.input(ZOllaPostLinksInput).query(({ ctx }) => linkTargets(ctx.db, ctx.olla)),
  /** How many of her olla's posts are about each need and plan module (shown on them, linking to the posts). */
  countsAbout: ollaProcedure.input(ZOllaPostLinksInput).query(({ ctx }) => countsAbout(ctx.db, ctx.olla)),
  /** The network's feed (a zone's, or the city's) for members: network and public posts, and olla posts in her scope. */
  networkFeed: memberProcedure.input(ZNetworkFeedInput).query(({ ctx, input }) => feed(ctx.db, ctx.scope, ctx.actor.userId, input)),
  /** Public posts for supporters: the city, a district, or one olla's public page. */
  publicFeed: publicProcedure.input(ZPublicFeedInput).query(({ ctx, input }) => feed(ctx.db, null, null, { ...input, publicOnly: true })),

  get: postReaderProcedure.input(ZPostInput).query(({ ctx }) => postWithComments(ctx.db, ctx.viewerScope, ctx.userId, ctx.post)),
  comment: postMemberProcedure.input(ZCommentInput).mutation(({ ctx, input }) => addComment(ctx.db, ctx.actor, ctx.scope, ctx.post, input)),
  deleteComment: postMemberProcedure.input(ZDeleteCommentInput).mutation(({ ctx, input }) => removeComment(ctx.db, ctx.actor, ctx.scope, ctx.post, input.commentId)),

  /** A photo's bytes (the /api/fotos route serves them): only to those who may see a post or workshop showing it. */
  photo: photoProcedure.input(ZPhotoInput).query(({ ctx, input }) => photoFor(ctx.db, ctx.imageAccess, input.hash)),
});
