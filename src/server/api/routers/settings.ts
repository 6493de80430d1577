import { ZUpdateSettingsInput } from "~/validation/dashboard";
import { settingsView, updateSettings } from "~/server/services/settings";
import { updateRetention } from "~/server/services/personal-data";
import { ZUpdateRetentionInput } from "~/validation/personal-data";
import { cityProcedure, createTRPCRouter, publicProcedure } from "../trpc";

export const settingsRouter = createTRPCRouter({
  /** The network's settings are public facts (threshold, staples, minimum wage). */
  get: publicProcedure.query(({ ctx }) => settingsView(ctx.db)),
  update: cityProcedure.input(ZUpdateSettingsInput).mutation(({ ctx, input }) => updateSettings(ctx.db, ctx.actor, input)),
  /** Ley 29733: months after a person left before her personal data is erased automatically. */
  updateRetention: cityProcedure.input(ZUpdateRetentionInput).mutation(({ ctx, input }) => updateRetention(ctx.db, ctx.actor, input)),
});
