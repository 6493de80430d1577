import { TRPCError } from "@trpc/server";

export type AppErrorCode = "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST" | "FORBIDDEN" | "UNAUTHORIZED" | "TOO_MANY_REQUESTS";

/**
 * An expected failure. `key` is an i18n key under "errors." (translated once, in the
 * tRPC error formatter); `field` names the form field it belongs to, if any.
 */
export class AppError extends Error {
  constructor(
    public readonly code: AppErrorCode,
    public readonly key: string,
    public readonly params: Record<string, string | number> = {},
    public readonly field?: string,
  ) {
    super(key);
    this.name = "AppError";
  }
}

export const notFound = (key = "errors.notFound") => new AppError("NOT_FOUND", key);
export const forbidden = (key = "errors.forbidden") => new AppError("FORBIDDEN", key);
export const conflict = (key: string, params?: Record<string, string | number>) => new AppError("CONFLICT", key, params);
export const badInput = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError("BAD_REQUEST", key, params, field);

/** PostgreSQL error codes we expect from constraints, mapped to user-facing failures. */
function pgCode(err: unknown): { code: string; constraint?: string } | null {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === "string" && /^[0-9A-Z]{5}$/.test(c)) {
      return { code: c, constraint: (e as { constraint_name?: string; constraint?: string }).constraint_name ?? (e as { constraint?: string }).constraint };
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

// The database is unreachable or restarting: PostgreSQL's shutdown/startup and connection
// classes, and the drivers' socket errors. 503: try again later (a write cut off mid-commit
// may have landed, which is what idempotency keys are for).
const UNAVAILABLE = /^(57P0[123]|08\d{3}|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|CONNECTION_(CLOSED|ENDED|DESTROYED)|CONNECT_TIMEOUT)$/;
function databaseUnavailable(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    const c = (e as { code?: unknown }).code;
    if (typeof c === "string" && UNAVAILABLE.test(c)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Maps an AppError, a database constraint violation or an unreachable database to the TRPCError the client sees. */
export function toTRPCError(err: unknown): TRPCError | null {
  if (err instanceof TRPCError && err.cause instanceof AppError) return toTRPCError(err.cause);
  if (err instanceof AppError) return new TRPCError({ code: err.code, message: err.key, cause: err });
  if (databaseUnavailable(err)) return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "errors.code.SERVICE_UNAVAILABLE", cause: err as Error });
  const pg = pgCode(err);
  if (!pg) return null;
  if (pg.code === "23505") return new TRPCError({ code: "CONFLICT", message: "errors.duplicate", cause: err as Error });
  // Check violations and values PostgreSQL cannot take (bad text, number or date; a NUL
  // character; a value too big for an index) are the caller's input, not a server fault.
  if (["23514", "22P02", "22003", "22001", "22007", "22008", "22021", "22P05", "54000"].includes(pg.code))
    return new TRPCError({ code: "BAD_REQUEST", message: "errors.invalidValue", cause: err as Error });
  if (pg.code === "23503") return new TRPCError({ code: "BAD_REQUEST", message: "errors.invalidReference", cause: err as Error });
  if (pg.code === "40001" || pg.code === "40P01") return new TRPCError({ code: "CONFLICT", message: "errors.retry", cause: err as Error });
  return null;
}
