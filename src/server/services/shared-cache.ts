/**
 * Answers that are the same for every anonymous visitor (the public dashboard), kept for a
 * short time so that a crowd of readers (a news article, a campaign) costs the database one
 * computation a minute instead of one per visit. Per database and per key; while an answer is
 * being computed, every request for it waits on that one computation; a failed one is
 * forgotten at once. Signed-in people's scoped views never go through here.
 */
export interface SharedCache {
  /**
   * `version`, when given, is a cheap fingerprint of the data the answer rests on (an audit
   * probe): an entry computed under another version is not used, so a write shows at once.
   */
  get<T>(db: object, key: string, compute: () => Promise<T>, version?: string): Promise<T>;
}

export function sharedCache(ttlMs: () => number, now: () => number = Date.now): SharedCache {
  const byDb = new WeakMap<object, Map<string, { at: number; version?: string; value: Promise<unknown> }>>();
  return {
    get<T>(db: object, key: string, compute: () => Promise<T>, version?: string): Promise<T> {
      const ttl = ttlMs();
      if (ttl <= 0) return compute();
      let entries = byDb.get(db);
      if (!entries) byDb.set(db, (entries = new Map()));
      const hit = entries.get(key);
      if (hit && hit.version === version && now() - hit.at < ttl) return hit.value as Promise<T>;
      const value = compute();
      const entry = { at: now(), version, value };
      entries.set(key, entry);
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      // Old keys of other filters are dropped as they expire, so the map stays small.
      for (const [k, e] of entries) if (now() - e.at >= ttl && k !== key) entries.delete(k);
      return value;
    },
  };
}

/**
 * Seconds the public answers are shared: PUBLIC_CACHE_SECONDS (validated at start by src/env.js),
 * 60 by default; the tests use 0. Read from process.env when used, not when this module loads.
 */
export const publicCacheSeconds = () => Number(process.env.PUBLIC_CACHE_SECONDS ?? 60);

/** The one cache of the public aggregates (/panel's dashboard, its plan counts), keyed per answer. */
export const publicCache = sharedCache(() => publicCacheSeconds() * 1000);
