import { ZDeactivateMembershipInput } from "~/validation/people";
import { ZOllaIdInput } from "~/validation/olla";
import { deactivateDelegate, listDelegates } from "~/server/services/people";
import { coordinatorOllaProcedure, createTRPCRouter } from "../trpc";

export const delegateRouter = createTRPCRouter({
  list: coordinatorOllaProcedure.input(ZOllaIdInput).query(({ ctx }) => listDelegates(ctx.db, ctx.olla.id)),
  deactivate: coordinatorOllaProcedure.input(ZDeactivateMembershipInput).mutation(({ ctx, input }) =>
    deactivateDelegate(ctx.db, ctx.actor, ctx.olla.id, input.membershipId),
  ),
});
