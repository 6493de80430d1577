import { correctPerson, erasePerson, listPeople } from "~/server/services/personal-data";
import { ZCorrectPersonInput, ZErasePersonInput, ZListPeopleInput } from "~/validation/personal-data";
import { coordinatorProcedure, createTRPCRouter, personProcedure } from "../trpc";

/** Ley 29733: a coordinator finds, corrects and erases people's data within her scope. */
export const personalDataRouter = createTRPCRouter({
  list: coordinatorProcedure.input(ZListPeopleInput).query(({ ctx, input }) => listPeople(ctx.db, ctx.scope, input)),
  correct: personProcedure.input(ZCorrectPersonInput).mutation(({ ctx, input }) => correctPerson(ctx.db, ctx.actor, ctx.person, input)),
  erase: personProcedure.input(ZErasePersonInput).mutation(({ ctx }) => erasePerson(ctx.db, ctx.actor, ctx.person)),
});
