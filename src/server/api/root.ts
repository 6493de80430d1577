import { assessmentRouter } from "./routers/assessment";
import { dashboardRouter, settingsRouter } from "./routers/dashboard";
import { mapRouter } from "./routers/map";
import { ollaRouter } from "./routers/olla";
import { delegateRouter, invitationRouter } from "./routers/people";
import { meRouter, referenceRouter } from "./routers/reference";
import { stockRouter, transferRouter } from "./routers/stock";
import { needRouter } from "./routers/needs";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  me: meRouter,
  reference: referenceRouter,
  olla: ollaRouter,
  assessment: assessmentRouter,
  invitation: invitationRouter,
  delegate: delegateRouter,
  dashboard: dashboardRouter,
  settings: settingsRouter,
  stock: stockRouter,
  transfer: transferRouter,
  need: needRouter,
  map: mapRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
