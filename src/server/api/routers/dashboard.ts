import { ZCoordinatorDashboardInput, ZOllaDashboardInput, ZPublicDashboardInput } from "~/validation/dashboard";
import { coordinatorDashboard } from "~/server/services/dashboard/coordinator";
import { ollaDependency } from "~/server/services/dashboard/dependency";
import { publicDashboard } from "~/server/services/dashboard/public";
import { whereYouStand } from "~/server/services/dashboard/standing";
import { coordinatorProcedure, createTRPCRouter, ollaProcedure, publicProcedure } from "../trpc";

export const dashboardRouter = createTRPCRouter({
  /** City-wide (or one district) shared problems for anyone: small cells hidden. */
  public: publicProcedure.input(ZPublicDashboardInput).query(({ ctx, input }) => publicDashboard(ctx.db, input)),

  /** The coordinator's scope only (her zones, or the city), with the dependency warnings. */
  coordinator: coordinatorProcedure.input(ZCoordinatorDashboardInput).query(({ ctx, input }) => coordinatorDashboard(ctx.db, ctx.scope, input)),

  /** An olla against its zone and the city, and the nearby ollas that improved its worst problems. */
  whereYouStand: ollaProcedure.input(ZOllaDashboardInput).query(({ ctx }) => whereYouStand(ctx.db, ctx.olla)),

  /** The olla's last 90 days of entries by source: share of the largest institution and HHI. */
  ollaDependency: ollaProcedure.input(ZOllaDashboardInput).query(({ ctx }) => ollaDependency(ctx.db, ctx.olla)),
});
