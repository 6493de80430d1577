import { listMyOllas, zoneNames } from "~/server/db/queries/people";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const meRouter = createTRPCRouter({
  /** Who I am and what I can reach: drives the navigation (the server still checks every call). */
  get: protectedProcedure.query(async ({ ctx }) => ({
    name: ctx.session.name,
    city: ctx.scope.city,
    zones: await zoneNames(ctx.db, ctx.scope.zoneIds),
    ollas: await listMyOllas(ctx.db, ctx.actor.userId),
  })),
});
