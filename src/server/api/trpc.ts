/**
 * The one tRPC bootstrap: context, error formatting, and the named procedures that
 * carry authorization. Every procedure of the app is built from one of these:
 *
 *   publicProcedure       anyone, signed in or not
 *   protectedProcedure    a signed-in person (roles read from the database this request);
 *                         ctx.actor is who mutations act as, ctx.scope what she reaches
 *   coordinatorProcedure  a zone or city coordinator; ctx.scope says where
 *   cityProcedure         a city coordinator
 *   ollaProcedure         input { ollaId }: its delegate or a coordinator whose scope has it;
 *                         the olla is loaded once per request onto ctx.olla (over /api/trpc, in
 *                         the session's own statement); anything else is NOT_FOUND
 *   delegateProcedure     like ollaProcedure, but only the olla's own delegate
 */
import { initTRPC, TRPCError } from "@trpc/server";
import type { Db } from "~/server/db/client";
import { loadSessionUser, loadSessionUserWithOlla, type SessionUser } from "~/server/db/queries/sessions";
import { findOllaForScope, type OllaRow } from "~/server/db/queries/ollas";
import { peopleInScope } from "~/server/db/queries/personal-data";
import { recordDenial } from "~/server/db/queries/audit";
import type { Actor } from "~/server/domain/actor";
import { canSeeOlla, coordinatesOlla, isCoordinator, isDelegateOf, scopeFrom, type Scope } from "~/server/domain/scope";
import { toTRPCError } from "~/server/errors";
import { clientAddress, UNKNOWN_ADDRESS } from "~/server/http/peer-address";
import { PERSON_KINDS, type PersonKind } from "~/shared/personal-data";
import { defaultLocale, type Locale } from "~/i18n/config";
import { describeError } from "./error-shape";
import { UUID } from "~/shared/uuid";
import { wireTransformer } from "~/shared/wire-transformer";

export interface InnerContext {
  db: Db;
  session: SessionUser | null;
  locale: Locale;
  /** The caller's address (src/server/http/peer-address.ts), or "unknown" outside a request. */
  clientAddress: string;
  /**
   * The olla rows this request has loaded, by id, for its olla-scoped calls to check instead of
   * loading each again (a delegate's home makes about ten such calls): not yet authorized, each
   * call still checks its own scope. Emptied after every mutation. Only request contexts keep it.
   */
  ollaRows?: Map<string, Promise<OllaRow | null>>;
}

/** Pure context: tests build it with a real database and a session of their choosing. */
export function createInnerContext(opts: { db: Db; session: SessionUser | null; locale?: Locale; clientAddress?: string }): InnerContext {
  return { db: opts.db, session: opts.session, locale: opts.locale ?? defaultLocale, clientAddress: opts.clientAddress ?? UNKNOWN_ADDRESS };
}

/** A call of the request as tRPC's HTTP adapter describes it (createContext's `info.calls`). */
type RequestCall = { getRawInput: () => Promise<unknown> };

/**
 * Request context: the session id from the signed cookie, the person and roles from the database.
 * When the request's calls name one olla (`calls`, see ollaIdOfCalls), that olla's row comes back
 * with the session in the same statement: a delegate's every read of her olla saves a round trip.
 */
export async function createTRPCContext(opts: { headers: Headers; db: Db; locale: Locale; sessionId: string | null; calls?: readonly RequestCall[] }) {
  // TRUST_PROXY read per call, not through ~/env (tests set their own environment).
  const base = { db: opts.db, locale: opts.locale, clientAddress: clientAddress(opts.headers, process.env.TRUST_PROXY === "1") };
  const ollaRows = new Map<string, Promise<OllaRow | null>>();
  let session: SessionUser | null = null;
  if (opts.sessionId) {
    const ollaId = opts.calls ? await ollaIdOfCalls(opts.calls) : null;
    if (!ollaId) session = await loadSessionUser(opts.db, opts.sessionId);
    else {
      const loaded = await loadSessionUserWithOlla(opts.db, opts.sessionId, ollaId);
      session = loaded?.session ?? null;
      if (loaded) ollaRows.set(ollaId, Promise.resolve(loaded.olla));
    }
  }
  return { ...createInnerContext({ ...base, session }), ollaRows };
}

/** The one olla a request's calls name in their input ({ ollaId }), or null when they name none or several. */
export async function ollaIdOfCalls(calls: readonly RequestCall[]): Promise<string | null> {
  const ids = new Set<string>();
  for (const call of calls) {
    // tRPC reads the input once and keeps it; input that cannot be read is the procedure's to refuse.
    const raw = await call.getRawInput().catch(() => undefined);
    const id = raw && typeof raw === "object" ? (raw as { ollaId?: unknown }).ollaId : undefined;
    if (typeof id === "string" && UUID.test(id)) ids.add(id.toLowerCase());
  }
  return ids.size === 1 ? [...ids][0]! : null;
}

const t = initTRPC.context<InnerContext>().create({
  transformer: wireTransformer,
  errorFormatter({ shape, error, ctx }) {
    const { message, messageKey, fieldErrors } = describeError(ctx?.locale ?? defaultLocale, error);
    return {
      ...shape,
      message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, messageKey, fieldErrors },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const DENIALS = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "TOO_MANY_REQUESTS"]);

/** Maps expected failures once, and records refusals (who, which olla, which procedure, when). */
const errorsAndDenials = t.middleware(async ({ ctx, next, path, getRawInput }) => {
  const result = await next();
  if (result.ok) return result;
  const mapped = toTRPCError(result.error.cause ?? result.error) ?? result.error;
  if (DENIALS.has(mapped.code)) {
    let ollaId: string | null = null;
    try {
      const raw = (await getRawInput()) as { ollaId?: unknown } | undefined;
      if (raw && typeof raw === "object" && typeof raw.ollaId === "string" && /^[0-9a-f-]{36}$/i.test(raw.ollaId)) ollaId = raw.ollaId;
    } catch {
      /* unparseable input: no olla to name */
    }
    await recordDenial(ctx.db, { userId: ctx.session?.id ?? null, ollaId, procedure: path, code: mapped.code });
  }
  if (mapped !== result.error) throw mapped;
  return result;
});

/** The olla rows a request loaded before a mutation may not show what it changed: forget them. */
const ollaRowsAfterMutation = t.middleware(async ({ ctx, next, type }) => {
  const result = await next();
  if (type === "mutation") ctx.ollaRows?.clear();
  return result;
});

export const publicProcedure = t.procedure.use(errorsAndDenials).use(ollaRowsAfterMutation);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.unauthorized" });
  const actor: Actor = { userId: ctx.session.id };
  return next({ ctx: { session: ctx.session, actor, scope: scopeFrom(ctx.session.memberships) } });
});

export const coordinatorProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!isCoordinator(ctx.scope)) throw new TRPCError({ code: "FORBIDDEN", message: "errors.forbidden" });
  return next();
});

export const cityProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (!ctx.scope.city) throw new TRPCError({ code: "FORBIDDEN", message: "errors.forbidden" });
  return next();
});

async function loadScopedOlla(ctx: InnerContext, scope: Scope, raw: unknown): Promise<OllaRow> {
  const ollaId = raw && typeof raw === "object" ? (raw as { ollaId?: unknown }).ollaId : undefined;
  if (typeof ollaId !== "string" || !UUID.test(ollaId)) {
    throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  }
  // Loaded earlier in this request (with the session, or by an earlier call); else now.
  const id = ollaId.toLowerCase();
  let row = ctx.ollaRows?.get(id);
  if (!row) {
    row = findOllaForScope(ctx.db, id);
    ctx.ollaRows?.set(id, row);
    row.catch(() => ctx.ollaRows?.delete(id));
  }
  const olla = await row;
  // Another olla's data answers NOT_FOUND: do not reveal that it exists.
  if (!olla || !canSeeOlla(scope, olla)) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return olla;
}

export const ollaProcedure = protectedProcedure.use(async ({ ctx, next, getRawInput }) => {
  const olla = await loadScopedOlla(ctx, ctx.scope, await getRawInput());
  return next({ ctx: { olla } });
});

/** Self-reported facts (assessments, stock) come from the olla's own delegate: co-production. */
export const delegateProcedure = ollaProcedure.use(({ ctx, next }) => {
  if (!isDelegateOf(ctx.scope, ctx.olla)) throw new TRPCError({ code: "FORBIDDEN", message: "errors.delegateOnly" });
  return next();
});

/** Coordinator acts on an olla of her scope (invitations, delegates). Its delegate alone is refused. */
export const coordinatorOllaProcedure = ollaProcedure.use(({ ctx, next }) => {
  if (!coordinatesOlla(ctx.scope, ctx.olla)) throw new TRPCError({ code: "FORBIDDEN", message: "errors.coordinatorOnly" });
  return next();
});

/**
 * A coordinator acts on one person's data (Ley 29733): the person ({ kind, id }) must be in
 * her scope (a delegate, invitee or contact of an olla of her zone; anyone for the city), or
 * the answer is NOT_FOUND, as for another olla. Puts the person on ctx.
 */

export const personProcedure = coordinatorProcedure.use(async ({ ctx, next, getRawInput }) => {
  const raw = (await getRawInput()) as { kind?: unknown; id?: unknown } | undefined;
  const kind = raw && typeof raw === "object" ? raw.kind : undefined;
  const id = raw && typeof raw === "object" ? raw.id : undefined;
  if (!PERSON_KINDS.includes(kind as PersonKind) || typeof id !== "string" || !UUID.test(id)) {
    throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  }
  const [person] = await peopleInScope(ctx.db, ctx.scope, { limit: 1, ref: { kind: kind as PersonKind, id } });
  if (!person) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return next({ ctx: { person } });
});
