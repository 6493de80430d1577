import { ZImportBoundariesInput, ZMapClustersInput, ZMapListInput, ZNearPairsInput, ZOllaSummaryInput, ZZoneLayerInput } from "~/validation/map";
import { categoryStateByDistrict, categoryStateByZone, nearPairs, zonesInScope } from "~/server/db/queries/map";
import { scopeFrom } from "~/server/domain/scope";
import { mapClusters, mapListWithPeers, ollaSummary } from "~/server/services/map";
import { importZoneBoundaries } from "~/server/services/zones";
import { coordinatorProcedure, createTRPCRouter, publicProcedure, type InnerContext } from "../trpc";

/** The caller's reach, if signed in: coordinators get exact points for their own zones. */
const viewer = (ctx: InnerContext) => (ctx.session ? scopeFrom(ctx.session.memberships) : null);

export const mapRouter = createTRPCRouter({
  /** Clusters and single ollas in the viewport at this zoom, and the count of matching ollas. */
  clusters: publicProcedure.input(ZMapClustersInput).query(({ ctx, input }) => mapClusters(ctx.db, viewer(ctx), input.filter, input.bbox, input.zoom)),

  /** The same filtered ollas as an accessible list (public fields only), followed networks' after this one's. */
  list: publicProcedure.input(ZMapListInput).query(({ ctx, input }) => mapListWithPeers(ctx.db, input.filter, input)),

  /** The panel of an opened olla: public facts; private ones only for those who may see them. */
  ollaSummary: publicProcedure.input(ZOllaSummaryInput).query(({ ctx, input }) => ollaSummary(ctx.db, viewer(ctx), input.ollaId)),

  /** Layer: the state of one problem category per zone (or district) of the coordinator's scope. */
  zoneLayer: coordinatorProcedure
    .input(ZZoneLayerInput)
    .query(({ ctx, input }) =>
      input.groupBy === "district" ? categoryStateByDistrict(ctx.db, ctx.scope, input.category) : categoryStateByZone(ctx.db, ctx.scope, input.category),
    ),

  /** Layer: pairs of ollas of her scope closer than 500 m (exact points). */
  nearPairs: coordinatorProcedure.input(ZNearPairsInput).query(({ ctx, input }) => nearPairs(ctx.db, ctx.scope, input)),

  /** The zones of her scope and whether each has a boundary yet. */
  zones: coordinatorProcedure.query(({ ctx }) => zonesInScope(ctx.db, ctx.scope)),

  importBoundaries: coordinatorProcedure
    .input(ZImportBoundariesInput)
    .mutation(({ ctx, input }) => importZoneBoundaries(ctx.db, ctx.actor, ctx.scope, input)),
});
