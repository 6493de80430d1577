import { ZCreateModuleInput, ZListModulesInput, ZUpdateModuleInput } from "~/validation/plans";
import { listModules } from "~/server/db/queries/plans";
import { createModule, updateModule } from "~/server/services/plans";
import { cityProcedure, createTRPCRouter, publicProcedure } from "../trpc";

/** The network's catalogue of infrastructure modules: public to read, kept by city coordinators. */
export const planModuleRouter = createTRPCRouter({
  list: publicProcedure.input(ZListModulesInput).query(({ ctx, input }) => listModules(ctx.db, { includeRetired: input?.includeRetired ?? false })),
  create: cityProcedure.input(ZCreateModuleInput).mutation(({ ctx, input }) => createModule(ctx.db, ctx.actor, input)),
  update: cityProcedure.input(ZUpdateModuleInput).mutation(({ ctx, input }) => updateModule(ctx.db, ctx.actor, input)),
});
