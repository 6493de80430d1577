import { assessmentRouter } from "./routers/assessment";
import { ollaRouter } from "./routers/olla";
import { delegateRouter, invitationRouter } from "./routers/people";
import { meRouter, referenceRouter } from "./routers/reference";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  me: meRouter,
  reference: referenceRouter,
  olla: ollaRouter,
  assessment: assessmentRouter,
  invitation: invitationRouter,
  delegate: delegateRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
