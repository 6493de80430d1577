import {
  ZAcceptInvitationInput,
  ZCreateInvitationInput,
  ZInvitationCodeInput,
  ZRevokeInvitationInput,
} from "~/validation/people";
import { ZOllaIdInput } from "~/validation/olla";
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from "~/server/services/people";
import { coordinatorOllaProcedure, createTRPCRouter, publicProcedure } from "../trpc";

export const invitationRouter = createTRPCRouter({
  create: coordinatorOllaProcedure.input(ZCreateInvitationInput).mutation(({ ctx, input }) =>
    createInvitation(ctx.db, ctx.actor, ctx.olla, input),
  ),
  list: coordinatorOllaProcedure.input(ZOllaIdInput).query(({ ctx }) => listInvitations(ctx.db, ctx.olla.id)),
  revoke: coordinatorOllaProcedure.input(ZRevokeInvitationInput).mutation(({ ctx, input }) =>
    revokeInvitation(ctx.db, ctx.actor, ctx.olla.id, input.invitationId),
  ),
  /** Anyone holding a code may see which olla invites her; an unknown or spent code is NOT_FOUND. */
  preview: publicProcedure.input(ZInvitationCodeInput).query(({ ctx, input }) => previewInvitation(ctx.db, input.code)),
  accept: publicProcedure.input(ZAcceptInvitationInput).mutation(({ ctx, input }) => acceptInvitation(ctx.db, input)),
});
