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
    if (!f) return null;
    // Measured first, a floor read can carry the new server's warm-up (JIT, connections) and
    // flatter every ratio judged on it; measured again last, the lower of the two is kept.
    const p50 = Math.min(f.latency!.p50, f.latencyAgain?.p50 ?? Infinity);
    return Math.max(0, Math.round((p50 - f.sql!.p50) * 100) / 100);
  };
  return { public: of("floor-public"), auth: of("floor-auth") };
}

/** The ratio of the time a read adds above the stack's floor to its bare SQL (null without a floor). */
export function aboveFloor(appP50: number, floor: number | null, sqlP50: number): number | null {
  if (floor === null || sqlP50 <= 0) return null;
  return Math.round((Math.max(0, appP50 - floor) / sqlP50) * 100) / 100;
}

/** Whether a read's raw app/SQL ratio misses its target: only such a read is judged above the floor. */
export const rawRatioMisses = (x: ReadResult): boolean => !!x.ratioTarget && x.ratio !== null && x.ratio !== undefined && x.ratio > x.ratioTarget;

/** One round of a paired measurement: the floor read and the read back to back, app and bare SQL p50s. */
export interface PairedRound {
  floor: number;
  read: number;
  /** The two bare SQLs timed in the same round (absent: the read's whole-run figures are used). */
  floorSql?: number;
  readSql?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length / 2;
  return s.length % 2 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2;
};
const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The ratio above the floor from paired rounds: in each round the read's p50 less the floor
 * read's own time (its p50 less its SQL), over the read's bare SQL; the median over rounds.
 * On a shared 2-core machine a 15 s p50 drifts by a millisecond between phases a minute apart;
 * rounds of a few seconds each, floor and read (and their SQL) back to back, cancel that drift.
 */
export function pairedAboveFloor(rounds: PairedRound[], floorSqlP50: number, sqlP50: number): { ratio: number; excess: number; sql: number } | null {
  if (rounds.length === 0) return null;
  const each = rounds.map((r) => {
    const readSql = r.readSql ?? sqlP50;
    const excess = r.read - (r.floor - (r.floorSql ?? floorSqlP50));
    return { excess, readSql, ratio: readSql > 0 ? Math.max(0, excess) / readSql : Infinity };
  });
  if (each.some((e) => !Number.isFinite(e.ratio))) return null;
  return { ratio: r2(median(each.map((e) => e.ratio))), excess: r2(median(each.map((e) => e.excess))), sql: r2(median(each.map((e) => e.readSql))) };
}

/**
 * How a read whose raw ratio misses is judged above the floor: from its paired rounds when they
 * were measured, else from its one p50 and the floor. Null when no floor was measured.
 */
export function readAboveFloor(read: ReadResult, reads: ReadResult[]): { ratio: number; how: string } | null {
  const floorKey = read.auth ? "floor-auth" : "floor-public";
  const floorRead = reads.find((x) => x.key === floorKey && x.status === "ok" && x.sql);
  if (read.paired && floorRead) {
    const p = pairedAboveFloor(read.paired.rounds, floorRead.sql!.p50, read.sql!.p50);
    if (p) return { ratio: p.ratio, how: `median over ${read.paired.rounds.length} rounds of ${read.paired.seconds} s, floor and read and their SQL back to back: ${p.excess} ms above the floor, ${p.sql} ms of SQL` };
  }
  const floors = stackFloors(reads);
  const floor = read.auth ? floors.auth : floors.public;
  const a = aboveFloor(read.latency!.p50, floor, read.sql!.p50);
  return a === null ? null : { ratio: a, how: `(${read.latency!.p50} − ${floor}) / ${read.sql!.p50} ms` };
}
