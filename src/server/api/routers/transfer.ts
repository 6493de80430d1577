import { ZDecideTransferInput, ZOfferTransferInput, ZOllaStockInput } from "~/validation/stock";
import { transfersOfOlla } from "~/server/db/queries/stock";
import { acceptTransfer, cancelTransfer, declineTransfer, offerTransfer } from "~/server/services/stock";
import { createTRPCRouter, delegateProcedure, ollaProcedure } from "../trpc";

export const transferRouter = createTRPCRouter({
  /** Offers this olla gave or received, with their state. */
  list: ollaProcedure.input(ZOllaStockInput).query(({ ctx }) => transfersOfOlla(ctx.db, ctx.olla.id)),
  offer: delegateProcedure.input(ZOfferTransferInput).mutation(({ ctx, input }) => offerTransfer(ctx.db, ctx.actor, ctx.olla, input)),
  /** ollaId is the receiving olla: only its delegate accepts or declines. */
  accept: delegateProcedure.input(ZDecideTransferInput).mutation(({ ctx, input }) => acceptTransfer(ctx.db, ctx.actor, ctx.olla, input)),
  decline: delegateProcedure.input(ZDecideTransferInput).mutation(({ ctx, input }) => declineTransfer(ctx.db, ctx.actor, ctx.olla, input)),
  /** ollaId is the giving olla: its delegate withdraws an offer not yet decided. */
  cancel: delegateProcedure.input(ZDecideTransferInput).mutation(({ ctx, input }) => cancelTransfer(ctx.db, ctx.actor, ctx.olla, input)),
});
