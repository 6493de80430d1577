import { ZUpdateSettingsInput } from "~/validation/dashboard";
import { settingsView, updateSettings } from "~/server/services/settings";
import { cityProcedure, createTRPCRouter, publicProcedure } from "../trpc";

export const settingsRouter = createTRPCRouter({
  /** The network's settings are public facts (threshold, staples, minimum wage). */
  get: publicProcedure.query(({ ctx }) => settingsView(ctx.db)),
  update: cityProcedure.input(ZUpdateSettingsInput).mutation(({ ctx, input }) => updateSettings(ctx.db, ctx.actor, input)),
});
