import { describe, expect, it } from "vitest";
import { canDo, needProgress, releaseDay, sourceAllowed, viewStatus } from "~/server/domain/offers";
import { OFFER_EXPIRY_DAYS } from "~/shared/offers";

const now = new Date("2026-06-15T15:00:00Z"); // 10:00 in Lima
const day = 86_400_000;
const base = { status: "offered" as const, createdAt: new Date(now.getTime() - day), availableOn: "2026-06-16", agreedOn: null };

describe("an offer's state when read", () => {
  it("an unanswered offer expires after OFFER_EXPIRY_DAYS", () => {
    expect(viewStatus(base, now)).toBe("offered");
    expect(viewStatus({ ...base, createdAt: new Date(now.getTime() - OFFER_EXPIRY_DAYS * day + 60_000) }, now)).toBe("offered");
    expect(viewStatus({ ...base, createdAt: new Date(now.getTime() - OFFER_EXPIRY_DAYS * day - 60_000) }, now)).toBe("expired");
  });
  it("an accepted offer is released the day after its date plus the grace days; the agreed date wins", () => {
    const acc = { ...base, status: "accepted" as const, availableOn: "2026-06-10" };
    expect(releaseDay(acc)).toBe("2026-06-13");
    expect(viewStatus(acc, now)).toBe("released");
    expect(viewStatus({ ...acc, agreedOn: "2026-06-14" }, now)).toBe("accepted");
    expect(viewStatus({ ...acc, availableOn: "2026-06-12" }, now)).toBe("accepted");
  });
  it("settled states never change with time", () => {
    for (const status of ["declined", "delivered", "withdrawn"] as const) expect(viewStatus({ ...base, status, createdAt: new Date(0), availableOn: "2000-01-01" }, now)).toBe(status);
  });
});

describe("what the olla and the supporter may do", () => {
  it("the olla receives only what it accepted (also late), never twice", () => {
    expect(canDo("deliver", "accepted")).toBe(true);
    expect(canDo("deliver", "released")).toBe(true);
    expect(canDo("deliver", "offered")).toBe(false);
    expect(canDo("deliver", "delivered")).toBe(false);
    expect(canDo("accept", "expired")).toBe(true);
    expect(canDo("accept", "withdrawn")).toBe(false);
    expect(canDo("withdraw", "delivered")).toBe(false);
  });
  it("an individual is never recorded as an institution; a public institution is a programme", () => {
    expect(sourceAllowed("individual", "individual_donation")).toBe(true);
    expect(sourceAllowed("individual", "ngo")).toBe(false);
    expect(sourceAllowed("public_institution", "state_program")).toBe(true);
    expect(sourceAllowed("public_institution", "individual_donation")).toBe(false);
  });
});

describe("a need's progress", () => {
  it("counts accepted offers as committed and deliveries as received; released ones no longer count", () => {
    const o = (status: "accepted" | "delivered" | "declined", quantity: number, deliveredQuantity: number | null = null, availableOn = "2026-06-20") => ({
      ...base,
      status,
      availableOn,
      quantity,
      deliveredQuantity,
    });
    const p = needProgress(50, [o("accepted", 10), o("delivered", 20, 15), o("declined", 30), o("accepted", 7, null, "2026-06-01"), o("delivered", 20, 15.5)], now);
    expect(p).toEqual({ asked: 50, committed: 10, received: 30.5, reached: false });
    expect(needProgress(30, [o("delivered", 30, 30)], now).reached).toBe(true);
  });
});
