import { describe, expect, it } from "vitest";
import { aboveFloor, stackFloors } from "../../scripts/bench/lib/floor";
import type { ReadResult } from "../../scripts/bench/report";

const read = (key: string, appP50: number, sqlP50: number): ReadResult =>
  ({ key, label: key, status: "ok", path: "/", latency: { p50: appP50 }, sql: { p50: sqlP50 } }) as unknown as ReadResult;

describe("the stack's per-request floor (npm run bench)", () => {
  it("is a floor read's app time less its own SQL, never negative", () => {
    expect(stackFloors([read("floor-public", 3.2, 0.4), read("floor-auth", 4.1, 0.9), read("planner", 7, 1)])).toEqual({ public: 2.8, auth: 3.2 });
    expect(stackFloors([read("floor-public", 0.3, 0.5)])).toEqual({ public: 0, auth: null });
  });

  it("judges a read on the time it adds above the floor", () => {
    // 5.2 ms for 0.5 ms of SQL is 10.4× raw; above a 4.5 ms floor it adds 0.7 ms: 1.4×.
    expect(aboveFloor(5.2, 4.5, 0.5)).toBe(1.4);
    // A read that does work in JavaScript still misses: 12 ms above a 4 ms floor for 1 ms of SQL.
    expect(aboveFloor(16, 4, 1)).toBe(12);
    expect(aboveFloor(3, 4, 1)).toBe(0);
    expect(aboveFloor(5, null, 1)).toBeNull();
  });
});
