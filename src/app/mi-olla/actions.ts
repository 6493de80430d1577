"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { translate } from "~/i18n/translate";
import { callDelegateProcedure, outcomeOf } from "~/server/api/delegate";
import { rscContext } from "~/server/request-context";
import { serverCaller } from "~/trpc/caller";
import { formToInput, formValues, toFormErrors, type DelegateProcedure } from "~/shared/delegate-forms";
import type { DelegateFormState } from "~/components/delegate/form-state";

/**
 * The delegate's forms as server actions: a form submitted before its page's JavaScript has
 * loaded is a POST that lands here (never a GET with her values in the address), and is applied
 * through the tRPC caller — the same procedure, validation and authorization as every other
 * path — with the idempotency key rendered in the form, so pressing again after a lost answer
 * applies it once. Once the page is interactive the same forms go through the outbox instead.
 */
async function submit(procedure: DelegateProcedure, prev: DelegateFormState, fd: FormData, savedKey: string = procedure.replace(".", "_")): Promise<DelegateFormState> {
  const input = formToInput(procedure, fd);
  const key = typeof input.idempotencyKey === "string" ? input.idempotencyKey : prev.key;
  const ctx = await rscContext();
  try {
    await callDelegateProcedure(await serverCaller(), procedure, input);
  } catch (err) {
    const o = outcomeOf(key, err, ctx.locale);
    // Her values come back with the message, so nothing she typed is lost (not even when the session expired).
    return {
      status: "error",
      key,
      message: o.status === "unauthorized" ? translate(ctx.locale, "delegate.sessionExpired") : o.message,
      fieldErrors: o.status === "refused" ? toFormErrors(o.fieldErrors) : {},
      values: formValues(fd),
      at: Date.now(),
    };
  }
  const ollaId = typeof input.ollaId === "string" ? input.ollaId : "";
  if (ollaId) revalidatePath(`/mi-olla/${ollaId}`, "layout");
  // A dotted key names its own catalogue ("plans.saved.plan_addModule"); a bare one is the delegate's.
  const savedMessage = savedKey.includes(".") ? savedKey : `delegate.saved.${savedKey}`;
  return { status: "ok", key: randomUUID(), message: translate(ctx.locale, savedMessage), at: Date.now() };
}

export async function recordEntryAction(prev: DelegateFormState, fd: FormData) {
  return submit("stock.recordEntry", prev, fd);
}
export async function recordExitAction(prev: DelegateFormState, fd: FormData) {
  return submit("stock.recordExit", prev, fd);
}
export async function reverseMovementAction(prev: DelegateFormState, fd: FormData) {
  return submit("stock.reverse", prev, fd);
}
export async function addItemAction(prev: DelegateFormState, fd: FormData) {
  return submit("stock.addItem", prev, fd);
}
export async function offerTransferAction(prev: DelegateFormState, fd: FormData) {
  return submit("transfer.offer", prev, fd);
}
export async function acceptTransferAction(prev: DelegateFormState, fd: FormData) {
  return submit("transfer.accept", prev, fd);
}
export async function declineTransferAction(prev: DelegateFormState, fd: FormData) {
  return submit("transfer.decline", prev, fd);
}
export async function cancelTransferAction(prev: DelegateFormState, fd: FormData) {
  return submit("transfer.cancel", prev, fd);
}
export async function createNeedAction(prev: DelegateFormState, fd: FormData) {
  return submit("need.create", prev, fd);
}
export async function updateNeedAction(prev: DelegateFormState, fd: FormData) {
  return submit("need.update", prev, fd);
}
/** "Resolver": the same update, with the need's current fields in hidden inputs and status met. */
export async function resolveNeedAction(prev: DelegateFormState, fd: FormData) {
  return submit("need.update", prev, fd, "need_resolve");
}
export async function recordAssessmentAction(prev: DelegateFormState, fd: FormData) {
  return submit("assessment.record", prev, fd);
}
export async function updateProfileAction(prev: DelegateFormState, fd: FormData) {
  return submit("olla.update", prev, fd);
}
export async function acceptOfferAction(prev: DelegateFormState, fd: FormData) {
  return submit("offer.accept", prev, fd);
}
export async function declineOfferAction(prev: DelegateFormState, fd: FormData) {
  return submit("offer.decline", prev, fd);
}
export async function deliverOfferAction(prev: DelegateFormState, fd: FormData) {
  return submit("offer.deliver", prev, fd);
}
export async function revokeOfferLinkAction(prev: DelegateFormState, fd: FormData) {
  return submit("offer.revokeLink", prev, fd);
}

// The infrastructure plan (its page: /mi-olla/[id]/plan).
export async function updatePlanSettingsAction(prev: DelegateFormState, fd: FormData) {
  return submit("plan.updateSettings", prev, fd, "plans.saved.plan_updateSettings");
}
export async function addPlanModuleAction(prev: DelegateFormState, fd: FormData) {
  return submit("plan.addModule", prev, fd, "plans.saved.plan_addModule");
}
export async function updatePlanItemAction(prev: DelegateFormState, fd: FormData) {
  return submit("plan.updateItem", prev, fd, "plans.saved.plan_updateItem");
}
export async function removePlanItemAction(prev: DelegateFormState, fd: FormData) {
  return submit("plan.removeItem", prev, fd, "plans.saved.plan_removeItem");
}
export async function movePlanItemAction(prev: DelegateFormState, fd: FormData) {
  return submit("plan.moveItem", prev, fd, "plans.saved.plan_moveItem");
}
export async function setExistingModuleAction(prev: DelegateFormState, fd: FormData) {
  return submit("plan.setExisting", prev, fd, "plans.saved.plan_setExisting");
}
export async function logShiftAction(prev: DelegateFormState, fd: FormData) {
  return submit("labour.logShift", prev, fd);
}
export async function copyLastWeekAction(prev: DelegateFormState, fd: FormData) {
  return submit("labour.copyLastWeek", prev, fd);
}
export async function removeShiftAction(prev: DelegateFormState, fd: FormData) {
  return submit("labour.removeShift", prev, fd);
}
export async function addSociaAction(prev: DelegateFormState, fd: FormData) {
  return submit("labour.addSocia", prev, fd);
}
export async function addCargoAction(prev: DelegateFormState, fd: FormData) {
  return submit("labour.addCargo", prev, fd);
}
export async function assignTermAction(prev: DelegateFormState, fd: FormData) {
  return submit("labour.assignTerm", prev, fd);
}
export async function markApoyoAction(prev: DelegateFormState, fd: FormData) {
  return submit("labour.markApoyo", prev, fd);
}

// Talleres: her olla's follow-ups (on her home). The workshop proposes; the olla decides.
export async function markFollowUpAction(prev: DelegateFormState, fd: FormData) {
  return submit("workshop.markFollowUp", prev, fd, "workshops.saved.followUpStatus");
}
export async function acceptFollowUpAsNeedAction(prev: DelegateFormState, fd: FormData) {
  return submit("workshop.acceptAsNeed", prev, fd, "workshops.saved.acceptAsNeed");
}
export async function acceptFollowUpAsPlanModuleAction(prev: DelegateFormState, fd: FormData) {
  return submit("workshop.acceptAsPlanModule", prev, fd, "workshops.saved.acceptAsPlanModule");
}
export async function updateSociaAction(prev: DelegateFormState, fd: FormData) {
  return submit("labour.updateSocia", prev, fd);
}
export async function endTermAction(prev: DelegateFormState, fd: FormData) {
  return submit("labour.endTerm", prev, fd);
}

// Novedades: her own post, edited or deleted (its page: /mi-olla/[id]/novedades/[postId]); then back to her olla's feed.
async function submitPost(procedure: "post.update" | "post.delete", prev: DelegateFormState, fd: FormData, savedKey: string) {
  const state = await submit(procedure, prev, fd, savedKey);
  if (state.status === "ok") redirect(`/mi-olla/${encodeURIComponent(String(fd.get("ollaId") ?? ""))}/novedades`);
  return state;
}
export async function updatePostAction(prev: DelegateFormState, fd: FormData) {
  return submitPost("post.update", prev, fd, "posts.edit.saved");
}
export async function deletePostAction(prev: DelegateFormState, fd: FormData) {
  return submitPost("post.delete", prev, fd, "posts.edit.deleted");
}
