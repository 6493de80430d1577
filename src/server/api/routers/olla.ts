import { ZCreateOllaInput, ZListOllasInput, ZOllaIdInput, ZPublicListInput, ZUpdateOllaInput } from "~/validation/olla";
import { findPublicOlla, latestAssessments, listOllasInScope, listPublicOllas } from "~/server/db/queries/ollas";
import { listMyOllas } from "~/server/db/queries/people";
import { topPublicNeeds } from "~/server/db/queries/map";
import { privateProfile } from "~/server/domain/olla";
import { notFound } from "~/server/errors";
import { createOlla, updateOlla } from "~/server/services/ollas";
import { coordinatorProcedure, createTRPCRouter, ollaProcedure, protectedProcedure, publicProcedure } from "../trpc";

export const ollaRouter = createTRPCRouter({
  /** Public facts of an olla, for anyone: no address, contact, people or exact point. */
  publicProfile: publicProcedure.input(ZOllaIdInput).query(async ({ ctx, input }) => {
    const olla = await findPublicOlla(ctx.db, input.ollaId);
    if (!olla || olla.status === "closed") throw notFound();
    const [latest, needs] = await Promise.all([latestAssessments(ctx.db, olla.id), topPublicNeeds(ctx.db, olla.id, 20)]);
    return { ...olla, assessments: latest.map(({ category, level, assessedOn }) => ({ category, level, assessedOn })), needs };
  }),

  publicList: publicProcedure.input(ZPublicListInput).query(({ ctx, input }) => listPublicOllas(ctx.db, input)),

  /** The full profile, for its delegate or a coordinator whose scope has it. */
  get: ollaProcedure.input(ZOllaIdInput).query(async ({ ctx }) => {
    const latest = await latestAssessments(ctx.db, ctx.olla.id);
    return { profile: privateProfile(ctx.olla), assessments: latest, canAssess: ctx.scope.delegateOllaIds.includes(ctx.olla.id) };
  }),

  update: ollaProcedure.input(ZUpdateOllaInput).mutation(async ({ ctx, input }) => {
    const updated = await updateOlla(ctx.db, ctx.actor, ctx.scope, ctx.olla, input);
    return privateProfile(updated);
  }),

  /** The ollas the caller is a delegate of (her home). */
  mine: protectedProcedure.query(({ ctx }) => listMyOllas(ctx.db, ctx.actor.userId)),

  list: coordinatorProcedure.input(ZListOllasInput).query(({ ctx, input }) => listOllasInScope(ctx.db, ctx.scope, input)),

  create: coordinatorProcedure.input(ZCreateOllaInput).mutation(async ({ ctx, input }) => {
    const created = await createOlla(ctx.db, ctx.actor, ctx.scope, input);
    return privateProfile(created);
  }),
});
