/**
 * Procedures of talleres that load what the caller may act on (like ollaProcedure):
 *   zoneCoordinatorProcedure  input { zoneId }: a coordinator of that zone (or the city); else NOT_FOUND
 *   workshopProcedure         input { workshopId }: a workshop of her zones or one her olla joined; ctx.workshop
 *   followUpProcedure         input { followUpId }: a follow-up of such a workshop; ctx.found
 */
import { TRPCError } from "@trpc/server";
import { findReachableFollowUp, findReachableWorkshop } from "~/server/db/queries/workshops";
import { coordinatesZone } from "~/server/domain/scope";
import { coordinatorProcedure, protectedProcedure } from "./trpc";
import { UUID } from "~/shared/uuid";

const idOf = (raw: unknown, k: string) => {
  const v = raw && typeof raw === "object" ? (raw as Record<string, unknown>)[k] : undefined;
  if (typeof v !== "string" || !UUID.test(v)) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return v;
};

export const zoneCoordinatorProcedure = coordinatorProcedure.use(async ({ ctx, next, getRawInput }) => {
  const zoneId = idOf(await getRawInput(), "zoneId");
  if (!coordinatesZone(ctx.scope, zoneId)) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return next();
});

export const workshopProcedure = protectedProcedure.use(async ({ ctx, next, getRawInput }) => {
  const workshop = await findReachableWorkshop(ctx.db, ctx.scope, idOf(await getRawInput(), "workshopId"));
  if (!workshop) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return next({ ctx: { workshop } });
});

export const followUpProcedure = protectedProcedure.use(async ({ ctx, next, getRawInput }) => {
  const found = await findReachableFollowUp(ctx.db, ctx.scope, idOf(await getRawInput(), "followUpId"));
  if (!found) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return next({ ctx: { found } });
});
