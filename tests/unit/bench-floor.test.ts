import { describe, expect, it } from "vitest";
import { aboveFloor, pairedAboveFloor, readAboveFloor, stackFloors } from "../../scripts/bench/lib/floor";
import type { ReadResult } from "../../scripts/bench/report";

const read = (key: string, appP50: number, sqlP50: number): ReadResult =>
  ({ key, label: key, status: "ok", path: "/", latency: { p50: appP50 }, sql: { p50: sqlP50 } }) as unknown as ReadResult;

describe("the stack's per-request floor (npm run bench)", () => {
  it("is a floor read's app time less its own SQL, never negative", () => {
    expect(stackFloors([read("floor-public", 3.2, 0.4), read("floor-auth", 4.1, 0.9), read("planner", 7, 1)])).toEqual({ public: 2.8, auth: 3.2 });
    expect(stackFloors([read("floor-public", 0.3, 0.5)])).toEqual({ public: 0, auth: null });
  });

  it("keeps the lower of a floor read's two measurements (before and after the other reads)", () => {
    const warmingUp = { ...read("floor-auth", 4.2, 1), latencyAgain: { p50: 3.3 } } as unknown as ReadResult;
    expect(stackFloors([warmingUp]).auth).toBe(2.3);
    const disturbedLater = { ...read("floor-auth", 3.3, 1), latencyAgain: { p50: 4.2 } } as unknown as ReadResult;
    expect(stackFloors([disturbedLater]).auth).toBe(2.3);
  });

  it("judges a read on the time it adds above the floor", () => {
    // 5.2 ms for 0.5 ms of SQL is 10.4× raw; above a 4.5 ms floor it adds 0.7 ms: 1.4×.
    expect(aboveFloor(5.2, 4.5, 0.5)).toBe(1.4);
    // A read that does work in JavaScript still misses: 12 ms above a 4 ms floor for 1 ms of SQL.
    expect(aboveFloor(16, 4, 1)).toBe(12);
    expect(aboveFloor(3, 4, 1)).toBe(0);
    expect(aboveFloor(5, null, 1)).toBeNull();
  });

  it("judges paired rounds on the median of each round's read less its floor", () => {
    // Floor SQL 1 ms: each round's floor is its p50 less 1; the machine drifts by 2 ms between rounds.
    const rounds = [
      { floor: 3, read: 4 }, // 4 − 2 = 2
      { floor: 5, read: 6.5 }, // 6.5 − 4 = 2.5
      { floor: 4, read: 4.5 }, // 4.5 − 3 = 1.5
    ];
    expect(pairedAboveFloor(rounds, 1, 1.25)).toEqual({ ratio: 1.6, excess: 2, sql: 1.25 });
    expect(pairedAboveFloor(rounds.slice(0, 2), 1, 1)).toEqual({ ratio: 2.25, excess: 2.25, sql: 1 });
    expect(pairedAboveFloor([], 1, 1)).toBeNull();
  });

  it("uses each round's own SQL timings when the round measured them", () => {
    // Round 1: 4 − (3 − 1.5) = 2.5 over 1.25 = 2; round 2: 6 − (5 − 1) = 2 over 2 = 1; round 3: 4.4 − (4 − 1.2) = 1.6 over 1 = 1.6.
    const rounds = [
      { floor: 3, read: 4, floorSql: 1.5, readSql: 1.25 },
      { floor: 5, read: 6, floorSql: 1, readSql: 2 },
      { floor: 4, read: 4.4, floorSql: 1.2, readSql: 1 },
    ];
    expect(pairedAboveFloor(rounds, 9, 9)).toEqual({ ratio: 1.6, excess: 2, sql: 1.25 });
    expect(pairedAboveFloor([{ floor: 3, read: 4, floorSql: 1, readSql: 0 }], 1, 1)).toBeNull();
  });

  it("prefers a read's paired rounds to its single p50 when both were measured", () => {
    const floorRead = { ...read("floor-auth", 4, 1), latencyAgain: { p50: 3.5 } } as unknown as ReadResult;
    const planner = { ...read("planner", 6, 1), auth: true } as unknown as ReadResult;
    expect(readAboveFloor(planner, [floorRead, planner])?.ratio).toBe(3.5); // (6 − 2.5) / 1
    const paired = { ...planner, paired: { seconds: 3, rounds: [{ floor: 4, read: 5.2 }] } } as unknown as ReadResult;
    expect(readAboveFloor(paired, [floorRead, paired])?.ratio).toBe(2.2); // 5.2 − (4 − 1)
    expect(readAboveFloor(planner, [planner])).toBeNull();
  });
});
