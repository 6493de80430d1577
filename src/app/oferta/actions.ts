"use server";

import { TRPCError } from "@trpc/server";
import { redirect } from "next/navigation";
import { outcomeOf } from "~/server/api/delegate";
import { rscContext } from "~/server/request-context";
import { serverCaller } from "~/trpc/caller";
import { formValues, toFormErrors } from "~/shared/delegate-forms";
import { OFFER_FORM_FIELDS, offerFormToInput } from "~/shared/offer-form";
import type { OfferFormState } from "~/components/offers/offer-form-state";

/**
 * A supporter's offer, signed out or in: the form posts here (a server action, so it is a POST
 * even before the page's JavaScript runs), the offer is made through the tRPC caller (the same
 * procedure, proof of work, honeypot and limits as the HTTP API), and she lands on her private
 * follow-up link. A refusal comes back translated, per field, with her values and a fresh
 * challenge (a solution counts once).
 */
export async function createOfferAction(prev: OfferFormState, fd: FormData): Promise<OfferFormState> {
  const input = offerFormToInput(fd);
  const ctx = await rscContext();
  const caller = await serverCaller();
  let token: string;
  try {
    token = (await caller.offer.create(input as never)).token;
  } catch (err) {
    const o = outcomeOf(prev.formKey, err, ctx.locale);
    const fieldErrors = o.status === "refused" ? toFormErrors(o.fieldErrors) : {};
    // The proof of work and the honeypot are no field she can fix: say it above the form.
    delete fieldErrors.altcha;
    delete fieldErrors.website;
    const challenge = await caller.offer.challenge().catch(() => prev.challenge);
    return {
      status: "error",
      formKey: prev.formKey,
      message: o.message,
      fieldErrors,
      values: formValues(fd, OFFER_FORM_FIELDS),
      challenge,
      limited: err instanceof TRPCError && err.code === "TOO_MANY_REQUESTS",
      at: Date.now(),
    };
  }
  redirect(`/oferta/${encodeURIComponent(token)}?enviado=1`);
}

/** The supporter withdraws her offer from its follow-up link (a plain form post). */
export async function withdrawOfferAction(fd: FormData): Promise<void> {
  const token = String(fd.get("token") ?? "");
  const caller = await serverCaller();
  let failed = false;
  try {
    await caller.offer.withdraw({ token });
  } catch (err) {
    if (err instanceof TRPCError && err.code === "NOT_FOUND") redirect("/oferta/no-encontrada");
    failed = true;
  }
  redirect(`/oferta/${encodeURIComponent(token)}${failed ? "?error=retirar" : "?retirado=1"}`);
}
