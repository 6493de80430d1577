import {
  ZAddItemInput,
  ZMovementsInput,
  ZOllaStockInput,
  ZRecordEntryInput,
  ZRecordExitInput,
  ZReverseMovementInput,
  ZSourcesInput,
  ZStockHealthInput,
} from "~/validation/stock";
import { catalogueForOlla, listSources, movementHistory, stockHealthInScope, stockSettings } from "~/server/db/queries/stock";
import { limaToday } from "~/shared/lima-day";
import {
  addOwnItem,
  recordEntry,
  recordExit,
  reverseMovement,
  stockOverview,
} from "~/server/services/stock";
import { coordinatorProcedure, createTRPCRouter, delegateProcedure, ollaProcedure } from "../trpc";

export const stockRouter = createTRPCRouter({
  /** Items this olla may use: the network catalogue and its own. */
  catalogue: ollaProcedure.input(ZOllaStockInput).query(({ ctx }) => catalogueForOlla(ctx.db, ctx.olla.id)),
  /** The network's list of institutional sources (names of institutions are not private). */
  sources: ollaProcedure.input(ZSourcesInput).query(({ ctx, input }) => listSources(ctx.db, input.type)),
  /** Stock on hand per item, days left and warnings, derived from the ledger. */
  levels: ollaProcedure.input(ZOllaStockInput).query(async ({ ctx }) => ({
    ...(await stockOverview(ctx.db, ctx.olla.id)),
    canEdit: ctx.scope.delegateOllaIds.includes(ctx.olla.id) && ctx.olla.status !== "closed",
  })),
  movements: ollaProcedure.input(ZMovementsInput).query(({ ctx, input }) => movementHistory(ctx.db, ctx.olla.id, input)),

  addItem: delegateProcedure.input(ZAddItemInput).mutation(({ ctx, input }) => addOwnItem(ctx.db, ctx.actor, ctx.olla, input)),
  recordEntry: delegateProcedure.input(ZRecordEntryInput).mutation(({ ctx, input }) => recordEntry(ctx.db, ctx.actor, ctx.olla, input)),
  recordExit: delegateProcedure.input(ZRecordExitInput).mutation(({ ctx, input }) => recordExit(ctx.db, ctx.actor, ctx.olla, input)),
  reverse: delegateProcedure.input(ZReverseMovementInput).mutation(({ ctx, input }) => reverseMovement(ctx.db, ctx.actor, ctx.olla, input)),

  /** Coordinator: active ollas of her scope short of a staple, or with critical open needs. */
  health: coordinatorProcedure.input(ZStockHealthInput).query(async ({ ctx, input }) => {
    const settings = await stockSettings(ctx.db);
    const maxDays = input.maxDays ?? settings.lowStockDays;
    const res = await stockHealthInScope(ctx.db, ctx.scope, { zoneId: input.zoneId, maxDays, staples: settings.stapleItems, today: limaToday(), limit: input.limit });
    return { ...res, maxDays, staples: settings.stapleItems };
  }),
});
