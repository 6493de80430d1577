import { listDistricts, listZones } from "~/server/db/queries/ollas";
import { networkStats } from "~/server/db/queries/stats";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const referenceRouter = createTRPCRouter({
  districts: publicProcedure.query(({ ctx }) => listDistricts(ctx.db)),
  zones: publicProcedure.query(({ ctx }) => listZones(ctx.db)),
  /** The home page's headline numbers: active ollas, rations a day, districts (counts only). */
  stats: publicProcedure.query(({ ctx }) => networkStats(ctx.db)),
});
