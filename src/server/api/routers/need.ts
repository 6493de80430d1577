import { ZCreateNeedInput, ZNeedsInScopeInput, ZOllaNeedsInput, ZPublicNeedsInput, ZUpdateNeedInput } from "~/validation/needs";
import { listNeedsInScope, listOllaNeeds, openNeedCounts } from "~/server/db/queries/needs";
import { createNeed, publicNeeds, updateNeed } from "~/server/services/needs";
import { ZOllaStockInput } from "~/validation/stock";
import { coordinatorProcedure, createTRPCRouter, delegateProcedure, ollaProcedure, publicProcedure } from "../trpc";

export const needRouter = createTRPCRouter({
  /** Open public needs of ollas that are not closed; public fields only. */
  publicList: publicProcedure.input(ZPublicNeedsInput).query(({ ctx, input }) => publicNeeds(ctx.db, input)),

  /** All of one olla's needs (public and network-only), for its delegate and coordination. */
  list: ollaProcedure.input(ZOllaNeedsInput).query(async ({ ctx, input }) => ({
    items: await listOllaNeeds(ctx.db, ctx.olla.id, input),
    canEdit: ctx.scope.delegateOllaIds.includes(ctx.olla.id),
  })),
  openCounts: ollaProcedure.input(ZOllaStockInput).query(({ ctx }) => openNeedCounts(ctx.db, ctx.olla.id)),

  create: delegateProcedure.input(ZCreateNeedInput).mutation(({ ctx, input }) => createNeed(ctx.db, ctx.actor, ctx.olla, input)),
  update: delegateProcedure.input(ZUpdateNeedInput).mutation(({ ctx, input }) => updateNeed(ctx.db, ctx.actor, ctx.olla, input)),

  /** Coordinator: needs of the ollas in her scope (both visibilities), filtered. */
  inScope: coordinatorProcedure.input(ZNeedsInScopeInput).query(({ ctx, input }) => listNeedsInScope(ctx.db, ctx.scope, input)),
});
