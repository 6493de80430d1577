/**
 * How the authorization battery reads the outcome of one call.
 *
 * "allow" means the procedure layer let the caller through AND the call ended well: it
 * resolved, or it failed with a domain error the caller can act on — BAD_REQUEST (her input),
 * CONFLICT (a stale version, a used key, not enough stock) or NOT_FOUND raised by the use
 * case for a child object (a transfer, an invitation, a membership: an AppError). The
 * procedure layer's own refusals (UNAUTHORIZED, FORBIDDEN, and the scope's NOT_FOUND, a bare
 * TRPCError with no AppError behind it) are denials. Anything else — INTERNAL_SERVER_ERROR,
 * SERVICE_UNAVAILABLE, a TOO_MANY_REQUESTS where none was provoked, a non-tRPC throw — is a
 * crash, never an "allow": it cannot match any policy cell, so the matrix names it.
 */
import { TRPCError } from "@trpc/server";
import { AppError } from "~/server/errors";
import type { Outcome } from "./policy";

export type Observed = Outcome | `crash: ${string}`;

const DOMAIN = new Set(["BAD_REQUEST", "CONFLICT"]);

export function classifyOutcome(settled: { ok: true } | { ok: false; error: unknown }): Observed {
  if (settled.ok) return "allow";
  const e = settled.error;
  if (!(e instanceof TRPCError)) return `crash: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  if (e.code === "UNAUTHORIZED" || e.code === "FORBIDDEN") return e.code;
  if (e.code === "NOT_FOUND") return e.cause instanceof AppError ? "allow" : "NOT_FOUND";
  if (DOMAIN.has(e.code)) return "allow";
  const cause = e.cause instanceof Error && e.cause !== e ? ` (${e.cause.name}: ${e.cause.message.slice(0, 200)})` : "";
  return `crash: ${e.code} ${e.message.slice(0, 200)}${cause}`;
}

/** Runs the call and classifies how it ended; `code` is "ok" or the error's code (for the figures). */
export async function observe(call: () => Promise<unknown>): Promise<{ outcome: Observed; code: string }> {
  try {
    await call();
    return { outcome: classifyOutcome({ ok: true }), code: "ok" };
  } catch (error) {
    return { outcome: classifyOutcome({ ok: false, error }), code: error instanceof TRPCError ? error.code : "throw" };
  }
}
