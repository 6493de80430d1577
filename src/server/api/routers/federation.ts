import { ZAddPeerInput, ZPausePeerInput, ZPeerInput, ZPeerMapOllaInput, ZPeerOllasInput, ZPreviewPeerInput } from "~/validation/federation";
import { addPeerAudited, newEpochAudited, pausePeerAudited, removePeerAudited, rotateKeyAudited } from "~/server/services/federation/admin";
import { peersView, previewPeer, pullNow } from "~/server/services/federation/subscribe";
import { ownIdentity, peerOllaForMap, publicPeerDistricts, publicPeerNeeds, publicPeerOllas, publicPeerSummary } from "~/server/services/federation/view";
import { cityProcedure, createTRPCRouter, publicProcedure } from "../trpc";

/** Federation between instances (README "Federation"): peers are managed by the city coordination. */
export const federationRouter = createTRPCRouter({
  // Public: peers' public facts with provenance and age.
  ollas: publicProcedure.input(ZPeerOllasInput).query(({ ctx, input }) => publicPeerOllas(ctx.db, input)),
  needs: publicProcedure.query(({ ctx }) => publicPeerNeeds(ctx.db)),
  summary: publicProcedure.query(({ ctx }) => publicPeerSummary(ctx.db)),
  districts: publicProcedure.query(({ ctx }) => publicPeerDistricts(ctx.db)),
  /** The map's panel for a peer's olla (its marker's id, "peer:<peer>:<its id>"), read without superjson. */
  mapOlla: publicProcedure.input(ZPeerMapOllaInput).query(({ ctx, input }) => peerOllaForMap(ctx.db, input)),
  // The city coordination: this instance's identity, its peers, and what it does with them.
  identity: cityProcedure.query(({ ctx }) => ownIdentity(ctx.db)),
  peers: cityProcedure.query(({ ctx }) => peersView(ctx.db)),
  preview: cityProcedure.input(ZPreviewPeerInput).mutation(({ input }) => previewPeer(input)),
  add: cityProcedure.input(ZAddPeerInput).mutation(({ ctx, input }) => addPeerAudited(ctx.db, ctx.actor, input)),
  pause: cityProcedure.input(ZPausePeerInput).mutation(({ ctx, input }) => pausePeerAudited(ctx.db, ctx.actor, input)),
  remove: cityProcedure.input(ZPeerInput).mutation(({ ctx, input }) => removePeerAudited(ctx.db, ctx.actor, input)),
  pullNow: cityProcedure.input(ZPeerInput).mutation(({ ctx, input }) => pullNow(ctx.db, input)),
  rotateKey: cityProcedure.mutation(({ ctx }) => rotateKeyAudited(ctx.db, ctx.actor)),
  newEpoch: cityProcedure.mutation(({ ctx }) => newEpochAudited(ctx.db, ctx.actor)),
});
