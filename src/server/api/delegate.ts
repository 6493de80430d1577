/**
 * The delegate's mutations as the phone sends them (a form's server action, or a batch from its
 * outbox): dispatched to the tRPC caller, so each goes through the same procedure, input schema,
 * authorization and idempotency as the HTTP API; and what a failure means for a queued change.
 */
import { TRPCError } from "@trpc/server";
import type { Locale } from "~/i18n/config";
import { translate } from "~/i18n/translate";
import { describeError } from "./error-shape";
import { appRouter } from "./root";
import type { InnerContext } from "./trpc";
import { toTRPCError } from "~/server/errors";
import { isDelegateProcedure, laneOf, type DelegateProcedure } from "~/shared/delegate-forms";
import { UUID } from "~/shared/uuid";

type Caller = ReturnType<typeof appRouter.createCaller>;

/**
 * Calls one of the delegate's mutations through the tRPC caller: the same procedure, input
 * schema and authorization as the HTTP API. `input` is untrusted (the procedure validates it).
 */
export function callDelegateProcedure(caller: Caller, procedure: DelegateProcedure, input: unknown): Promise<unknown> {
  const i = input as never;
  switch (procedure) {
    case "stock.recordEntry":
      return caller.stock.recordEntry(i);
    case "stock.recordExit":
      return caller.stock.recordExit(i);
    case "stock.reverse":
      return caller.stock.reverse(i);
    case "stock.addItem":
      return caller.stock.addItem(i);
    case "transfer.offer":
      return caller.transfer.offer(i);
    case "transfer.accept":
      return caller.transfer.accept(i);
    case "transfer.decline":
      return caller.transfer.decline(i);
    case "transfer.cancel":
      return caller.transfer.cancel(i);
    case "need.create":
      return caller.need.create(i);
    case "need.update":
      return caller.need.update(i);
    case "post.update":
      return caller.post.update(i);
    case "post.delete":
      return caller.post.delete(i);
    case "assessment.record":
      return caller.assessment.record(i);
    case "olla.update":
      return caller.olla.update(i);
    case "offer.accept":
      return caller.offer.accept(i);
    case "offer.decline":
      return caller.offer.decline(i);
    case "offer.deliver":
      return caller.offer.deliver(i);
    case "offer.revokeLink":
      return caller.offer.revokeLink(i);
    case "plan.updateSettings":
      return caller.plan.updateSettings(i);
    case "plan.addModule":
      return caller.plan.addModule(i);
    case "workshop.markFollowUp":
      return caller.workshop.markFollowUp(i);
    case "workshop.acceptAsNeed":
      return caller.workshop.acceptAsNeed(i);
    case "workshop.acceptAsPlanModule":
      return caller.workshop.acceptAsPlanModule(i);
    case "plan.updateItem":
      return caller.plan.updateItem(i);
    case "plan.removeItem":
      return caller.plan.removeItem(i);
    case "plan.moveItem":
      return caller.plan.moveItem(i);
    case "plan.setExisting":
      return caller.plan.setExisting(i);
    case "labour.logShift":
      return caller.labour.logShift(i);
    case "labour.copyLastWeek":
      return caller.labour.copyLastWeek(i);
    case "labour.removeShift":
      return caller.labour.removeShift(i);
    case "labour.addSocia":
      return caller.labour.addSocia(i);
    case "labour.addCargo":
      return caller.labour.addCargo(i);
    case "labour.assignTerm":
      return caller.labour.assignTerm(i);
    case "labour.markApoyo":
      return caller.labour.markApoyo(i);
    case "labour.updateSocia":
      return caller.labour.updateSocia(i);
    case "labour.endTerm":
      return caller.labour.endTerm(i);
  }
}

export type OutboxOutcome =
  | { key: string; status: "ok" }
  | { key: string; status: "refused"; code: string; message: string; fieldErrors: Record<string, string[]> | null }
  | { key: string; status: "unauthorized"; message: string }
  | { key: string; status: "retry"; message: string };

// The server could not decide now (busy, restarting, a serialisation conflict): send again later.
const TRANSIENT = new Set(["TOO_MANY_REQUESTS", "SERVICE_UNAVAILABLE", "INTERNAL_SERVER_ERROR", "TIMEOUT", "GATEWAY_TIMEOUT", "BAD_GATEWAY"]);

/** What a failed call means for a queued change: refused on its merits, needs a new sign-in, or try again. */
export function outcomeOf(key: string, err: unknown, locale: Locale): Exclude<OutboxOutcome, { status: "ok" }> {
  const e = err instanceof TRPCError ? err : (toTRPCError(err) ?? new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: err instanceof Error ? err : undefined }));
  const d = describeError(locale, e);
  if (e.code === "UNAUTHORIZED") return { key, status: "unauthorized", message: d.message };
  if (TRANSIENT.has(e.code) || (e.code === "CONFLICT" && d.messageKey === "errors.retry")) return { key, status: "retry", message: d.message };
  return { key, status: "refused", code: e.code, message: d.message, fieldErrors: d.fieldErrors };
}

export interface OutboxItem {
  key: string;
  procedure: string;
  input: unknown;
}

export const MAX_OUTBOX_BATCH = 50;

/**
 * Applies a phone's queued changes in the order she made them, each through the tRPC caller
 * with its own idempotency key (a replay returns the first result and writes nothing). Answers
 * one outcome per item. A change that must wait (retry) holds back the later changes of its lane
 * (same olla and item, same need…); a refused one does not. Items belong to one person: if the
 * session is someone else's, or none, nothing is applied and every item answers "unauthorized".
 */
export async function runOutboxBatch(ctx: InnerContext, batch: { userId?: unknown; items?: unknown }, log: (line: string) => void = () => {}): Promise<OutboxOutcome[]> {
  const items = Array.isArray(batch.items) ? (batch.items as unknown[]).slice(0, MAX_OUTBOX_BATCH) : [];
  const keyOf = (x: unknown) => (x && typeof x === "object" && typeof (x as OutboxItem).key === "string" ? (x as OutboxItem).key : "");
  if (!ctx.session) return items.map((x) => ({ key: keyOf(x), status: "unauthorized", message: translate(ctx.locale, "errors.unauthorized") }));
  if (batch.userId !== ctx.session.id) {
    // Queued by another person on this phone: never sent under this session.
    return items.map((x) => ({ key: keyOf(x), status: "unauthorized", message: translate(ctx.locale, "delegate.outbox.otherPerson") }));
  }
  const caller = appRouter.createCaller(ctx);
  const held = new Set<string>();
  const out: OutboxOutcome[] = [];
  let signedOut = false;
  for (const raw of items) {
    const key = keyOf(raw);
    const { procedure, input } = (raw ?? {}) as OutboxItem;
    if (signedOut) {
      out.push({ key, status: "unauthorized", message: translate(ctx.locale, "errors.unauthorized") });
      continue;
    }
    if (!UUID.test(key) || !isDelegateProcedure(procedure) || !input || typeof input !== "object" || (input as { idempotencyKey?: unknown }).idempotencyKey !== key) {
      out.push({ key, status: "refused", code: "BAD_REQUEST", message: translate(ctx.locale, "errors.invalidInput"), fieldErrors: null });
      continue;
    }
    const lane = laneOf(procedure, input as Record<string, unknown>);
    if (held.has(lane)) {
      out.push({ key, status: "retry", message: translate(ctx.locale, "delegate.outbox.waitingEarlier") });
      continue;
    }
    try {
      await callDelegateProcedure(caller, procedure, input);
      out.push({ key, status: "ok" });
    } catch (err) {
      const o = outcomeOf(key, err, ctx.locale);
      if (o.status === "retry") {
        held.add(lane);
        if (err instanceof TRPCError && err.code === "INTERNAL_SERVER_ERROR") log(`outbox ${procedure}: ${String(err.cause ?? err.message)}`);
      }
      if (o.status === "unauthorized") signedOut = true;
      out.push(o);
    }
  }
  return out;
}
