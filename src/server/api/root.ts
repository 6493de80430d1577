import { assessmentRouter } from "./routers/assessment";
import { dashboardRouter } from "./routers/dashboard";
import { delegateRouter } from "./routers/delegate";
import { federationRouter } from "./routers/federation";
import { invitationRouter } from "./routers/invitation";
import { labourRouter } from "./routers/labour";
import { mapRouter } from "./routers/map";
import { meRouter } from "./routers/me";
import { needRouter } from "./routers/need";
import { offerRouter } from "./routers/offer";
import { ollaRouter } from "./routers/olla";
import { passwordResetRouter } from "./routers/passwordReset";
import { personalDataRouter } from "./routers/personalData";
import { planRouter } from "./routers/plan";
import { planModuleRouter } from "./routers/planModule";
import { postRouter } from "./routers/post";
import { workshopRouter } from "./routers/workshop";
import { referenceRouter } from "./routers/reference";
import { settingsRouter } from "./routers/settings";
import { stockRouter } from "./routers/stock";
import { transferRouter } from "./routers/transfer";
import { createCallerFactory, createTRPCRouter } from "./trpc";

/** One router file per key, named like it (routers/<key>.ts). */
export const appRouter = createTRPCRouter({
  me: meRouter,
  reference: referenceRouter,
  olla: ollaRouter,
  assessment: assessmentRouter,
  invitation: invitationRouter,
  delegate: delegateRouter,
  passwordReset: passwordResetRouter,
  dashboard: dashboardRouter,
  settings: settingsRouter,
  stock: stockRouter,
  transfer: transferRouter,
  need: needRouter,
  map: mapRouter,
  personalData: personalDataRouter,
  offer: offerRouter,
  planModule: planModuleRouter,
  plan: planRouter,
  federation: federationRouter,
  post: postRouter,
  workshop: workshopRouter,
  labour: labourRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
