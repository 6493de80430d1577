import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closedAtAfter, neutraliseCsvCell } from "~/server/domain/needs";
import {
  balanceOf,
  daysOfStock,
  hasAtMostThreeDecimals,
  isValidExpiryDate,
  isValidMovementDate,
  isWholeIfCounted,
  remainingLots,
  stockWarnings,
} from "~/server/domain/stock";
import { addDays, limaDay, limaToday } from "~/shared/lima-day";
import { requestHash } from "~/server/services/idempotency";

const runs = Number(process.env.FC_NUM_RUNS ?? 150);

describe("balance", () => {
  it("is entries minus exits, exactly, in thousandths", () => {
    expect(balanceOf([])).toBe(0);
    expect(balanceOf([{ direction: "in", quantity: "0.1" }, { direction: "in", quantity: 0.2 }, { direction: "out", quantity: "0.3" }])).toBe(0);
    fc.assert(
      fc.property(fc.array(fc.record({ direction: fc.constantFrom("in" as const, "out" as const), milli: fc.integer({ min: 1, max: 10_000_000 }) })), (rows) => {
        const expected = rows.reduce((s, r) => s + (r.direction === "in" ? r.milli : -r.milli), 0);
        expect(Math.round(balanceOf(rows.map((r) => ({ direction: r.direction, quantity: (r.milli / 1000).toFixed(3) }))) * 1000)).toBe(expected);
      }),
      { numRuns: runs },
    );
  });
});

describe("days of stock", () => {
  it("is the balance over the window's average daily consumption, rounded down to a tenth", () => {
    expect(daysOfStock(10, 28)).toBe(10);
    expect(daysOfStock(2, 18)).toBe(3.1);
    expect(daysOfStock(5, 0)).toBeNull(); // nothing cooked: unknown, not infinite
    expect(daysOfStock(0, 10)).toBe(0);
  });

  it("grows with the balance and shrinks with consumption", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 1000 }), (b, c, extra) => {
        expect(daysOfStock(b + extra, c)!).toBeGreaterThanOrEqual(daysOfStock(b, c)!);
        expect(daysOfStock(b, c + extra)!).toBeLessThanOrEqual(daysOfStock(b, c)!);
      }),
      { numRuns: runs },
    );
  });
});

describe("warnings", () => {
  const today = "2026-06-10";
  it("out only if the item was used lately; low only for staples", () => {
    expect(stockWarnings({ balance: 0, consumedInWindow: 0, staple: true, lots: [] }, today, 7)).toEqual([]);
    expect(stockWarnings({ balance: 0, consumedInWindow: 3, staple: false, lots: [] }, today, 7)).toEqual([{ kind: "out" }]);
    expect(stockWarnings({ balance: 2, consumedInWindow: 28, staple: true, lots: [] }, today, 7)).toEqual([{ kind: "low", daysLeft: 2 }]);
    expect(stockWarnings({ balance: 2, consumedInWindow: 28, staple: false, lots: [] }, today, 7)).toEqual([]);
    expect(stockWarnings({ balance: 7, consumedInWindow: 28, staple: true, lots: [] }, today, 7)).toEqual([]);
  });

  it("names lots in stock that expired or expire within a week", () => {
    const lots = [
      { remaining: 3, expiresOn: "2026-06-09" },
      { remaining: 4, expiresOn: "2026-06-17" },
      { remaining: 5, expiresOn: "2026-06-18" },
      { remaining: 0, expiresOn: "2026-06-11" },
    ];
    expect(stockWarnings({ balance: 12, consumedInWindow: 0, staple: false, lots }, today, 7)).toEqual([
      { kind: "expired", quantity: 3, expiresOn: "2026-06-09" },
      { kind: "expiring", quantity: 4, expiresOn: "2026-06-17" },
    ]);
  });

  it("first in, first out: what remains of the lots is the newest stock, and never more than the balance", () => {
    expect(remainingLots([{ quantity: 10 }, { quantity: 10 }], 14).map((l) => l.remaining)).toEqual([10, 4]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { maxLength: 20 }), fc.integer({ min: 0, max: 2_000_000 }), (milli, balMilli) => {
        const lots = remainingLots(milli.map((m) => ({ quantity: m / 1000 })), balMilli / 1000);
        const sum = lots.reduce((s, l) => s + Math.round(l.remaining * 1000), 0);
        expect(sum).toBe(Math.min(balMilli, milli.reduce((s, m) => s + m, 0)));
        lots.forEach((l) => expect(l.remaining).toBeLessThanOrEqual(l.quantity));
      }),
      { numRuns: runs },
    );
  });
});

describe("bounds", () => {
  it("dates: today or earlier (tomorrow tolerated), at most 400 days back, real days only", () => {
    const today = "2026-03-01";
    expect(isValidMovementDate("2026-03-02", today)).toBe(true);
    expect(isValidMovementDate("2026-03-03", today)).toBe(false);
    expect(isValidMovementDate("2025-01-25", today)).toBe(true); // 400 days back
    expect(isValidMovementDate("2025-01-24", today)).toBe(false);
    expect(isValidMovementDate("2026-02-29", today)).toBe(false);
    expect(isValidMovementDate("2026-2-1", today)).toBe(false);
    expect(isValidExpiryDate("2030-01-01", today)).toBe(true);
    expect(isValidExpiryDate("2205-01-01", today)).toBe(false);
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
  });

  it("Lima's day is UTC−5", () => {
    expect(limaToday(new Date("2026-06-10T03:00:00Z"))).toBe("2026-06-09");
    expect(limaToday(new Date("2026-06-10T05:00:00Z"))).toBe("2026-06-10");
    // New Year's Eve at 19:30 in Lima is already 1 January in UTC.
    expect(limaToday(new Date("2027-01-01T00:30:00Z"))).toBe("2026-12-31");
    expect(limaDay(1, new Date("2027-01-01T00:30:00Z"))).toBe("2027-01-01");
    expect(limaDay(-1, new Date("2026-03-01T12:00:00Z"))).toBe("2026-02-28");
  });

  it("quantities: at most 3 decimals; counted units whole", () => {
    expect(hasAtMostThreeDecimals(1.234)).toBe(true);
    expect(hasAtMostThreeDecimals(1.2345)).toBe(false);
    expect(hasAtMostThreeDecimals(0.1 + 0.2)).toBe(true);
    expect(isWholeIfCounted("unit", 2)).toBe(true);
    expect(isWholeIfCounted("can", 2.5)).toBe(false);
    expect(isWholeIfCounted("kg", 2.5)).toBe(true);
  });
});

describe("needs", () => {
  it("closing sets the time once, reopening clears it", () => {
    const now = new Date("2026-06-10T12:00:00Z");
    const earlier = new Date("2026-06-01T12:00:00Z");
    expect(closedAtAfter({ status: "open", closedAt: null }, "met", now)).toBe(now);
    expect(closedAtAfter({ status: "met", closedAt: earlier }, "cancelled", now)).toBe(earlier);
    expect(closedAtAfter({ status: "met", closedAt: earlier }, "open", now)).toBeNull();
    expect(closedAtAfter({ status: "open", closedAt: null }, "in_progress", now)).toBeNull();
  });

  it("CSV cells that a spreadsheet would run get an apostrophe", () => {
    for (const v of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]) expect(neutraliseCsvCell(v)).toBe(`'${v}`);
    for (const v of ["Arroz", "1+1", "", "'=already"]) expect(neutraliseCsvCell(v)).toBe(v);
  });
});

describe("idempotency request hash", () => {
  it("ignores key order and the key itself, and differs by procedure and payload", () => {
    const a = requestHash("stock.recordEntry", { idempotencyKey: "k1", ollaId: "o", quantity: 1, nested: { b: 1, a: 2 } });
    const b = requestHash("stock.recordEntry", { nested: { a: 2, b: 1 }, quantity: 1, ollaId: "o", idempotencyKey: "k2" });
    expect(a).toBe(b);
    expect(requestHash("stock.recordExit", { ollaId: "o", quantity: 1, nested: { a: 2, b: 1 } })).not.toBe(a);
    expect(requestHash("stock.recordEntry", { ollaId: "o", quantity: 2, nested: { a: 2, b: 1 } })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });
});
