import "server-only";
import { cache } from "react";
import { appRouter } from "~/server/api/root";
import { rscContext } from "~/server/request-context";

/**
 * The server-side caller, apart from ./server.tsx: that module also holds the client data layer's
 * provider (HydrateClient), and a page or layout that imports it ships React Query and the tRPC
 * client to the browser even when it renders no client component that needs them. Pages that
 * render on the server only (home, public needs, an olla's public page, the header) import this.
 */
export const serverCaller = cache(async () => appRouter.createCaller(await rscContext()));

/** The signed-in person's `me.get`, or null for a visitor (no call is made then). */
export const signedInMe = cache(async () => {
  const ctx = await rscContext();
  return ctx.session ? (await serverCaller()).me.get() : null;
});
