/**
 * The stack's per-request floor (issue 14/16's ratio targets): the cheapest reads through the same
 * path as every other (Next's route handling, the tRPC adapter, superjson, the session cookie when
 * signed in). A read whose SQL takes about a millisecond has an app/SQL ratio of several times
 * whatever it does; the time it adds above the floor is what its own code and SQL cost.
 */
import type { ReadResult } from "../report";

/**
 * What every request pays before its own work, in ms: a floor read's app p50 minus its own bare
 * SQL p50 (null when not measured). `auth` is a signed-in request's (the session cookie decoded).
 */
export function stackFloors(reads: ReadResult[]): { public: number | null; auth: number | null } {
  const of = (key: string) => {
    const f = reads.find((x) => x.key === key && x.status === "ok" && x.latency && x.sql);
    return f ? Math.max(0, Math.round((f.latency!.p50 - f.sql!.p50) * 100) / 100) : null;
  };
  return { public: of("floor-public"), auth: of("floor-auth") };
}

/** The ratio of the time a read adds above the stack's floor to its bare SQL (null without a floor). */
export function aboveFloor(appP50: number, floor: number | null, sqlP50: number): number | null {
  if (floor === null || sqlP50 <= 0) return null;
  return Math.round((Math.max(0, appP50 - floor) / sqlP50) * 100) / 100;
}

