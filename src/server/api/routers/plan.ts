import {
  ZAddPlanModuleInput,
  ZMovePlanItemInput,
  ZPlanDemandInput,
  ZPlanDemandOllasInput,
  ZPlanOllaInput,
  ZPlanSettingsInput,
  ZRemovePlanItemInput,
  ZSetExistingInput,
  ZUpdatePlanItemInput,
} from "~/validation/plans";
import { findPublicOlla } from "~/server/db/queries/ollas";
import { demandInScope, demandOllas, publicPlan } from "~/server/db/queries/plans";
import { isDelegateOf } from "~/server/domain/scope";
import { notFound } from "~/server/errors";
import {
  addPlanModule,
  getPlan,
  movePlanItem,
  nearbyBuildersFor,
  publicPlanCounts,
  removePlanItem,
  setExistingModule,
  updatePlanItem,
  updatePlanSettings,
} from "~/server/services/plans";
import { coordinatorProcedure, createTRPCRouter, delegateProcedure, ollaProcedure, publicProcedure } from "../trpc";

/** Each olla's modular infrastructure plan: hers to write, her coordination's to read, its list public unless hidden. */
export const planRouter = createTRPCRouter({
  get: ollaProcedure.input(ZPlanOllaInput).query(({ ctx }) => getPlan(ctx.db, ctx.olla, isDelegateOf(ctx.scope, ctx.olla))),

  updateSettings: delegateProcedure.input(ZPlanSettingsInput).mutation(({ ctx, input }) => updatePlanSettings(ctx.db, ctx.actor, ctx.olla, input)),
  addModule: delegateProcedure.input(ZAddPlanModuleInput).mutation(({ ctx, input }) => addPlanModule(ctx.db, ctx.actor, ctx.olla, input)),
  updateItem: delegateProcedure.input(ZUpdatePlanItemInput).mutation(({ ctx, input }) => updatePlanItem(ctx.db, ctx.actor, ctx.olla, input)),
  removeItem: delegateProcedure.input(ZRemovePlanItemInput).mutation(({ ctx, input }) => removePlanItem(ctx.db, ctx.actor, ctx.olla, input)),
  moveItem: delegateProcedure.input(ZMovePlanItemInput).mutation(({ ctx, input }) => movePlanItem(ctx.db, ctx.actor, ctx.olla, input)),
  setExisting: delegateProcedure.input(ZSetExistingInput).mutation(({ ctx, input }) => setExistingModule(ctx.db, ctx.actor, ctx.olla, input)),

  /** An olla's public page: modules and status; amounts only if the olla chose to show them; nothing if it hides its plan. */
  publicView: publicProcedure.input(ZPlanOllaInput).query(async ({ ctx, input }) => {
    const olla = await findPublicOlla(ctx.db, input.ollaId);
    if (!olla || olla.status === "closed") throw notFound();
    return publicPlan(ctx.db, olla.id);
  }),
  /** City-wide modules planned and done per category, small cells hidden. */
  publicCounts: publicProcedure.query(({ ctx }) => publicPlanCounts(ctx.db)),

  /** Coordinators: the combined demand of their scope, per module and zone. */
  demand: coordinatorProcedure.input(ZPlanDemandInput).query(({ ctx, input }) => demandInScope(ctx.db, ctx.scope, input ?? {})),
  /** The ollas of her scope behind one module of the combined demand (in one zone, or all of hers). */
  demandOllas: coordinatorProcedure.input(ZPlanDemandOllasInput).query(({ ctx, input }) => demandOllas(ctx.db, ctx.scope, input)),

  /** Nearby ollas that already built a module of her plan's or her worst categories. */
  nearbyBuilders: ollaProcedure.input(ZPlanOllaInput).query(({ ctx }) => nearbyBuildersFor(ctx.db, ctx.olla)),
});
