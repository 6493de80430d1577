import { z } from "zod";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { ZRecordAssessmentInput } from "~/validation/olla";
import { zId } from "~/validation/common";
import { assessmentHistory } from "~/server/db/queries/ollas";
import { recordAssessment } from "~/server/services/ollas";
import { createTRPCRouter, delegateProcedure, ollaProcedure } from "../trpc";

export const assessmentRouter = createTRPCRouter({
  /** A new self-assessment; the history is kept, never overwritten. */
  record: delegateProcedure.input(ZRecordAssessmentInput).mutation(({ ctx, input }) =>
    recordAssessment(ctx.db, ctx.actor, ctx.olla, input),
  ),

  history: ollaProcedure
    .input(z.object({ ollaId: zId, category: z.enum(PROBLEM_CATEGORIES).optional() }).strict())
    .query(({ ctx, input }) => assessmentHistory(ctx.db, ctx.olla.id, input.category)),
});
