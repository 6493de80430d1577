import {
  acceptOffer,
  createOffer,
  declineOffer,
  deliverOffer,
  followUp,
  offerChallenge,
  offersInScope,
  ollaNewOfferCount,
  ollaOffers,
  publicNeed,
  revokeLink,
  withdrawOffer,
} from "~/server/services/offers";
import {
  ZAcceptOfferInput,
  ZChallengeInput,
  ZCreateOfferInput,
  ZDeclineOfferInput,
  ZDeliverOfferInput,
  ZOfferRefInput,
  ZOffersInScopeInput,
  ZOfferTokenInput,
  ZOllaOffersInput,
  ZPublicNeedInput,
} from "~/validation/offers";
import { ZOllaStockInput } from "~/validation/stock";
import { coordinatorProcedure, createTRPCRouter, delegateProcedure, ollaProcedure, publicProcedure } from "../trpc";

export const offerRouter = createTRPCRouter({
  /** A public need's page: public fields, progress (asked, committed, received), thanked donors. */
  publicNeed: publicProcedure.input(ZPublicNeedInput).query(({ ctx, input }) => publicNeed(ctx.db, input.needId)),
  /** A proof-of-work challenge for the offer form. */
  challenge: publicProcedure.input(ZChallengeInput).query(() => offerChallenge()),
  /** Anyone offers toward a public need (proof of work, honeypot, limits); answers the follow-up link's token. */
  create: publicProcedure.input(ZCreateOfferInput).mutation(({ ctx, input }) => createOffer(ctx.db, input, ctx.clientAddress)),
  /** The supporter's follow-up link: that offer only; any wrong or revoked link is NOT_FOUND. */
  followUp: publicProcedure.input(ZOfferTokenInput).query(({ ctx, input }) => followUp(ctx.db, input.token)),
  withdraw: publicProcedure.input(ZOfferTokenInput).mutation(({ ctx, input }) => withdrawOffer(ctx.db, input.token)),

  /** The olla's offers with the supporters' contacts: its delegates and coordinators in scope. */
  list: ollaProcedure.input(ZOllaOffersInput).query(({ ctx, input }) => ollaOffers(ctx.db, ctx.olla.id, input)),
  newCount: ollaProcedure.input(ZOllaStockInput).query(({ ctx }) => ollaNewOfferCount(ctx.db, ctx.olla.id)),
  accept: delegateProcedure.input(ZAcceptOfferInput).mutation(({ ctx, input }) => acceptOffer(ctx.db, ctx.actor, ctx.olla, input)),
  decline: delegateProcedure.input(ZDeclineOfferInput).mutation(({ ctx, input }) => declineOffer(ctx.db, ctx.actor, ctx.olla, input)),
  deliver: delegateProcedure.input(ZDeliverOfferInput).mutation(({ ctx, input }) => deliverOffer(ctx.db, ctx.actor, ctx.olla, input)),
  revokeLink: delegateProcedure.input(ZOfferRefInput).mutation(({ ctx, input }) => revokeLink(ctx.db, ctx.actor, ctx.olla, input)),

  /** Coordinator: offers in her scope and the share of inflow by kind of supporter. */
  inScope: coordinatorProcedure.input(ZOffersInScopeInput).query(({ ctx, input }) => offersInScope(ctx.db, ctx.scope, input)),
});
