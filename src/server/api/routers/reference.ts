import { listDistricts, listZones } from "~/server/db/queries/ollas";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const referenceRouter = createTRPCRouter({
  districts: publicProcedure.query(({ ctx }) => listDistricts(ctx.db)),
  zones: publicProcedure.query(({ ctx }) => listZones(ctx.db)),
});
