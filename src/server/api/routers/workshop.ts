import { findReachableFollowUp } from "~/server/db/queries/workshops";
import { acceptFollowUpAsNeed, acceptFollowUpAsPlanModule, createWorkshop, markOllaFollowUp, ollaWorkshops, publicWorkshopCounts, setFollowUpStatus, workshopDashboard, workshopFor, workshopsInScope } from "~/server/services/workshops";
import {
  ZAcceptFollowUpAsPlanModuleInput,
  ZAcceptFollowUpInput,
  ZCreateWorkshopInput,
  ZFollowUpStatusInput,
  ZMarkFollowUpInput,
  ZOllaWorkshopsInput,
  ZPublicWorkshopCountsInput,
  ZWorkshopDashboardInput,
  ZWorkshopInput,
  ZWorkshopsInScopeInput,
} from "~/validation/workshops";
import { followUpProcedure, workshopProcedure, zoneCoordinatorProcedure } from "../workshop-procedures";
import { coordinatorProcedure, createTRPCRouter, delegateProcedure, ollaProcedure, publicProcedure } from "../trpc";

/** Talleres: participatory workshops, their problems, agreements and follow-ups. */
export const workshopRouter = createTRPCRouter({
  create: zoneCoordinatorProcedure.input(ZCreateWorkshopInput).mutation(({ ctx, input }) => createWorkshop(ctx.db, ctx.actor, input)),
  list: coordinatorProcedure.input(ZWorkshopsInScopeInput).query(({ ctx, input }) => workshopsInScope(ctx.db, ctx.scope, input.zoneId, input.limit)),
  get: workshopProcedure.input(ZWorkshopInput).query(({ ctx }) => workshopFor(ctx.db, ctx.scope, ctx.workshop)),
  /** The workshops her olla joined and its follow-ups (her home). */
  forOlla: ollaProcedure.input(ZOllaWorkshopsInput).query(({ ctx }) => ollaWorkshops(ctx.db, ctx.scope, ctx.olla)),
  setFollowUpStatus: followUpProcedure.input(ZFollowUpStatusInput).mutation(({ ctx, input }) => setFollowUpStatus(ctx.db, ctx.actor, ctx.scope, ctx.found, input.status)),
  /** Her olla's delegate marks her olla's follow-up (her home's delegate form). */
  markFollowUp: delegateProcedure
    .input(ZMarkFollowUpInput)
    .mutation(async ({ ctx, input }) => markOllaFollowUp(ctx.db, ctx.actor, ctx.scope, ctx.olla, await findReachableFollowUp(ctx.db, ctx.scope, input.followUpId), input.status)),
  /** Her olla accepts a follow-up as a need: only its delegate (the workshop proposes, the olla decides). */
  acceptAsNeed: delegateProcedure
    .input(ZAcceptFollowUpInput)
    .mutation(async ({ ctx, input }) => acceptFollowUpAsNeed(ctx.db, ctx.actor, ctx.olla, await findReachableFollowUp(ctx.db, ctx.scope, input.followUpId), input)),
  /** Her olla accepts a follow-up into its infrastructure plan: only its delegate. */
  acceptAsPlanModule: delegateProcedure
    .input(ZAcceptFollowUpAsPlanModuleInput)
    .mutation(async ({ ctx, input }) => acceptFollowUpAsPlanModule(ctx.db, ctx.actor, ctx.olla, await findReachableFollowUp(ctx.db, ctx.scope, input.followUpId), input)),
  dashboard: coordinatorProcedure.input(ZWorkshopDashboardInput).query(({ ctx, input }) => workshopDashboard(ctx.db, ctx.scope, input)),
  /** Anyone (/panel): city-wide counts per category and of open follow-ups, small counts hidden. */
  publicCounts: publicProcedure.input(ZPublicWorkshopCountsInput).query(({ ctx, input }) => publicWorkshopCounts(ctx.db, input)),
});
