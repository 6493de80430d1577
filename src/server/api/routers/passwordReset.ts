import { ZIssuePasswordResetInput, ZPasswordResetCodeInput, ZRedeemPasswordResetInput } from "~/validation/password-reset";
import { issuePasswordReset, previewPasswordReset, redeemPasswordReset } from "~/server/services/password-reset";
import { coordinatorOllaProcedure, createTRPCRouter, publicProcedure } from "../trpc";

export const passwordResetRouter = createTRPCRouter({
  /** A coordinator in scope issues a one-time code for a delegate of the olla. */
  issue: coordinatorOllaProcedure.input(ZIssuePasswordResetInput).mutation(({ ctx, input }) =>
    issuePasswordReset(ctx.db, ctx.actor, ctx.scope, ctx.olla, input),
  ),
  /** Holding the code is the authorization; an unknown, used or expired code is NOT_FOUND. */
  preview: publicProcedure.input(ZPasswordResetCodeInput).query(({ ctx, input }) => previewPasswordReset(ctx.db, input.code)),
  redeem: publicProcedure.input(ZRedeemPasswordResetInput).mutation(({ ctx, input }) => redeemPasswordReset(ctx.db, input, ctx.clientAddress)),
});
