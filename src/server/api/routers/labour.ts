import {
  ZAddCargoInput,
  ZAddSociaInput,
  ZAddWageInput,
  ZAssignTermInput,
  ZCopyWeekInput,
  ZEndTermInput,
  ZLabourNetworkInput,
  ZLogShiftInput,
  ZMarkApoyoInput,
  ZOllaLabourInput,
  ZPublicLabourInput,
  ZRemoveShiftInput,
  ZUpdateSociaInput,
} from "~/validation/labour";
import {
  addCargo,
  addSocia,
  addWage,
  assignTerm,
  closeTerm,
  copyLastWeek,
  editSocia,
  logShift,
  markApoyo,
  networkLabour,
  ollaLabour,
  ollaLeadership,
  publicLabour,
  removeShift,
  wages,
} from "~/server/services/labour";
import { cityProcedure, coordinatorProcedure, createTRPCRouter, delegateProcedure, ollaProcedure, publicProcedure } from "../trpc";

export const labourRouter = createTRPCRouter({
  /** Hours and value per month, recent shifts (with their private names) and the form's defaults. */
  olla: ollaProcedure.input(ZOllaLabourInput).query(({ ctx }) => ollaLabour(ctx.db, ctx.olla)),
  /** Members (names private), roles, terms, learners and renewal indicators. */
  leadership: ollaProcedure.input(ZOllaLabourInput).query(({ ctx }) => ollaLeadership(ctx.db, ctx.olla)),

  logShift: delegateProcedure.input(ZLogShiftInput).mutation(({ ctx, input }) => logShift(ctx.db, ctx.actor, ctx.olla, input)),
  copyLastWeek: delegateProcedure.input(ZCopyWeekInput).mutation(({ ctx, input }) => copyLastWeek(ctx.db, ctx.actor, ctx.olla, input)),
  removeShift: delegateProcedure.input(ZRemoveShiftInput).mutation(({ ctx, input }) => removeShift(ctx.db, ctx.actor, ctx.olla, input)),
  addSocia: delegateProcedure.input(ZAddSociaInput).mutation(({ ctx, input }) => addSocia(ctx.db, ctx.actor, ctx.olla, input)),
  updateSocia: delegateProcedure.input(ZUpdateSociaInput).mutation(({ ctx, input }) => editSocia(ctx.db, ctx.actor, ctx.olla, input)),
  addCargo: delegateProcedure.input(ZAddCargoInput).mutation(({ ctx, input }) => addCargo(ctx.db, ctx.actor, ctx.olla, input)),
  assignTerm: delegateProcedure.input(ZAssignTermInput).mutation(({ ctx, input }) => assignTerm(ctx.db, ctx.actor, ctx.olla, input)),
  endTerm: delegateProcedure.input(ZEndTermInput).mutation(({ ctx, input }) => closeTerm(ctx.db, ctx.actor, ctx.olla, input)),
  markApoyo: delegateProcedure.input(ZMarkApoyoInput).mutation(({ ctx, input }) => markApoyo(ctx.db, ctx.actor, ctx.olla, input)),

  /** Coordinator: hours and value per zone and month in her scope (small cells hidden), renewal per zone. */
  network: coordinatorProcedure.input(ZLabourNetworkInput).query(({ ctx, input }) => networkLabour(ctx.db, ctx.scope, input)),
  /** Anyone: the city's hours and value per month and the share of ollas that renewed a role (anonymous). */
  public: publicProcedure.input(ZPublicLabourInput).query(({ ctx, input }) => publicLabour(ctx.db, input.months)),
  /** The minimum wage history (public facts). */
  wages: publicProcedure.query(({ ctx }) => wages(ctx.db)),
  /** City coordinator: a new minimum wage, valid from this month or later. */
  addWage: cityProcedure.input(ZAddWageInput).mutation(({ ctx, input }) => addWage(ctx.db, ctx.actor, input)),
});
