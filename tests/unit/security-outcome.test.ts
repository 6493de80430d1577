/**
 * The authorization matrix's classifier: "allow" only for a resolved call or a domain error
 * (BAD_REQUEST, CONFLICT, a use case's NOT_FOUND of a child object); the procedure layer's
 * refusals as themselves; every other failure as a crash that no policy cell can expect.
 * The errors are built the way the app builds them (AppError mapped by toTRPCError, the
 * scope's bare TRPCError, a zod refusal).
 */
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, badInput, conflict, forbidden, notFound, toTRPCError } from "~/server/errors";
import { classifyOutcome, observe } from "../security/outcome";

const failed = (error: unknown) => classifyOutcome({ ok: false, error });

describe("classifyOutcome", () => {
  it("a resolved call is allowed", () => {
    expect(classifyOutcome({ ok: true })).toBe("allow");
  });

  it("domain errors are allowed: bad input, conflicts, a child object that is not there", () => {
    expect(failed(toTRPCError(badInput("quantity", "errors.invalidValue")))).toBe("allow");
    expect(failed(toTRPCError(conflict("errors.staleVersion")))).toBe("allow");
    expect(failed(toTRPCError(notFound("errors.invitationInvalid")))).toBe("allow");
    const zod = z.object({ a: z.string() }).strict().safeParse({ a: 1 });
    expect(failed(new TRPCError({ code: "BAD_REQUEST", cause: zod.error }))).toBe("allow");
    // A unique violation mapped by toTRPCError.
    expect(failed(toTRPCError(Object.assign(new Error("duplicate key"), { code: "23505" })))).toBe("allow");
  });

  it("the procedure layer's refusals are denials, whoever raised FORBIDDEN", () => {
    expect(failed(new TRPCError({ code: "UNAUTHORIZED", message: "errors.unauthorized" }))).toBe("UNAUTHORIZED");
    expect(failed(new TRPCError({ code: "FORBIDDEN", message: "errors.forbidden" }))).toBe("FORBIDDEN");
    expect(failed(toTRPCError(forbidden()))).toBe("FORBIDDEN");
    // The scope's "not found": a bare TRPCError, no AppError behind it.
    expect(failed(new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" }))).toBe("NOT_FOUND");
  });

  it("crashes are never allowed", () => {
    expect(failed(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new TypeError("x is undefined") }))).toMatch(/^crash: INTERNAL_SERVER_ERROR .*TypeError: x is undefined/);
    expect(failed(toTRPCError(Object.assign(new Error("gone"), { code: "ECONNREFUSED" })))).toMatch(/^crash: SERVICE_UNAVAILABLE/);
    expect(failed(new TRPCError({ code: "TOO_MANY_REQUESTS" }))).toMatch(/^crash: TOO_MANY_REQUESTS/);
    expect(failed(new TypeError("Cannot read properties of undefined"))).toBe("crash: TypeError: Cannot read properties of undefined");
    expect(failed("a string")).toBe("crash: a string");
    // An AppError that escaped unmapped is not a tRPC answer either.
    expect(failed(new AppError("CONFLICT", "errors.x"))).toMatch(/^crash: AppError/);
  });

  it("observe runs the call and classifies it", async () => {
    expect(await observe(async () => 1)).toEqual({ outcome: "allow", code: "ok" });
    const crash = await observe(async () => Promise.reject(new TRPCError({ code: "INTERNAL_SERVER_ERROR" })));
    expect(crash.outcome).toMatch(/^crash/);
    expect(crash.code).toBe("INTERNAL_SERVER_ERROR");
  });
});
