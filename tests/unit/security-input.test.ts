import { describe, expect, it } from "vitest";
import { zOptionalText, zText } from "~/validation/common";
import { toTRPCError } from "~/server/errors";

describe("text that PostgreSQL cannot store", () => {
  it("a NUL pasted into a free-text field is dropped, not sent to the database (where it failed the whole write as a 500)", () => {
    expect(zText(20).min(2).parse("Olla\u0000 Sol")).toBe("Olla Sol");
    expect(zOptionalText(20).parse("\u0000")).toBeNull();
    expect(zText(5).safeParse("ab\u0000cdef").success).toBe(false); // still too long without it
  });

  it("values the database refuses are the caller's input error, not a server fault", () => {
    for (const code of ["22021", "22P05", "54000", "23514", "22P02"]) {
      const err = Object.assign(new Error("Failed query: …"), { cause: Object.assign(new Error("pg"), { code }) });
      expect(toTRPCError(err)?.code, code).toBe("BAD_REQUEST");
    }
  });

  it("an unreachable or restarting database is SERVICE_UNAVAILABLE (503: retry), not a 500", () => {
    for (const code of ["ECONNREFUSED", "ECONNRESET", "CONNECTION_CLOSED", "CONNECT_TIMEOUT", "57P01", "57P03", "08006"]) {
      const err = Object.assign(new Error("Failed query: insert …"), { cause: Object.assign(new Error("socket"), { code }) });
      expect(toTRPCError(err)?.code, code).toBe("SERVICE_UNAVAILABLE");
    }
    expect(toTRPCError(new Error("a bug"))).toBeNull();
  });
});
