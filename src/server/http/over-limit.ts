/**
 * The keys (route + client address) this process already saw over their fixed-window limit, and
 * when that window ends: until then they are refused without another write to PostgreSQL, so a
 * flood costs the database one statement per allowed request. One memo per name and process, on
 * globalThis so every route handler's module graph shares it; bounded, because a flood from many
 * addresses only costs the writes back.
 */
const MAX_KEYS = 10_000;
const g = globalThis as unknown as { __ollasOverLimit?: Map<string, Map<string, number>> };

function memo(name: string): Map<string, number> {
  const all = (g.__ollasOverLimit ??= new Map());
  let m = all.get(name);
  if (!m) all.set(name, (m = new Map()));
  return m;
}

/** When the current fixed window of `windowSeconds` ends (ms since the epoch), as request_limits counts it. */
export function windowEndMs(windowSeconds: number, now = Date.now()): number {
  return (Math.floor(now / 1000 / windowSeconds) + 1) * windowSeconds * 1000;
}

/** The end of the window `key` is known to be over its limit in, or null if it is not (any more). */
export function overUntil(name: string, key: string, now = Date.now()): number | null {
  const m = memo(name);
  const until = m.get(key);
  if (until === undefined) return null;
  if (now < until) return until;
  m.delete(key);
  return null;
}

/** Remembers that `key` went over its limit; returns when its window ends. */
export function markOver(name: string, key: string, windowSeconds: number, now = Date.now()): number {
  const m = memo(name);
  if (m.size > MAX_KEYS) m.clear();
  const until = windowEndMs(windowSeconds, now);
  m.set(key, until);
  return until;
}

/** Forgets every key of `name` (tests; a process starts empty anyway). */
export function resetOverLimit(name: string): void {
  g.__ollasOverLimit?.delete(name);
}
