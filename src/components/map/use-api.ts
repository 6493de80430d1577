"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import type { FormErrorShape } from "~/components/forms/errors";

/**
 * The map's reads, straight from the tRPC HTTP endpoint (GET /api/trpc/<procedure>?input=…: the
 * same procedures, validation and authorization as every other caller) without the client data
 * layer. React Query, the tRPC client and superjson are ~25 KB gz, an eighth of the public map's
 * ≤ 200 KB budget, for what the map needs of them: one request per distinct input at a time,
 * answers kept fresh for 30 s, the previous answer shown while the next loads (clusters while
 * panning), a late answer never replacing a newer one, and a refresh after a write (invalidate).
 * The outputs read this way must be plain JSON (numbers, strings, arrays: the map's are); a
 * superjson-only type (Date, Map, BigInt) would arrive as its JSON form.
 */

const FRESH_MS = 30_000;
const cache = new Map<string, { at: number; data: unknown }>();
const inflight = new Map<string, Promise<unknown>>();

// A version bumped by invalidate(): hooks re-read (and refetch) when it moves.
let version = 0;
const listeners = new Set<() => void>();
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The URL of a query procedure's GET, input in superjson's envelope ({ json: input }). */
export function queryUrl(procedure: string, input: unknown): string {
  return `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
}

async function load(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: "application/json" } });
  } catch {
    throw { message: "network" } satisfies FormErrorShape; // no `data`: FormError says "no connection"
  }
  const body = (await res.json().catch(() => null)) as { result?: { data?: { json?: unknown } }; error?: { json?: FormErrorShape } } | null;
  if (res.ok && body?.result) return body.result.data?.json;
  throw body?.error?.json ?? ({ message: "network" } satisfies FormErrorShape);
}

function fresh(url: string): { data: unknown } | undefined {
  const hit = cache.get(url);
  return hit && Date.now() - hit.at < FRESH_MS ? hit : undefined;
}

/** Drops the kept answers of the procedures whose name starts with `prefix`; shown ones reload. */
export function invalidate(prefix: string): void {
  for (const url of cache.keys()) if (url.startsWith(`/api/trpc/${prefix}`)) cache.delete(url);
  version += 1;
  for (const l of listeners) l();
}

export interface ApiState<T> {
  data: T | undefined;
  error: FormErrorShape | null;
  /** Nothing to show yet (no answer, no error). */
  isPending: boolean;
  /** `data` is the answer to an earlier input (keepPrevious), shown while this one loads; never after it failed. */
  stale: boolean;
}

/**
 * A query procedure's answer for `input`, loaded while `enabled`. With `keepPrevious`, the last
 * answer shown stays while a new input loads (else `data` is only ever this input's answer). A
 * string instead of `true` keeps it only while that string is unchanged: the map keeps its markers
 * while the same filter loads for another viewport, not the answer to another filter.
 */
export function useApi<T>(procedure: string, input: unknown, { enabled = true, keepPrevious = false }: { enabled?: boolean; keepPrevious?: boolean | string } = {}): ApiState<T> {
  const url = enabled ? queryUrl(procedure, input) : null;
  const keep = keepPrevious === false ? null : keepPrevious === true ? "" : keepPrevious;
  const v = useSyncExternalStore(subscribe, () => version, () => 0);
  // `dataUrl` is the input the kept answer belongs to, `dataKeep` the keepPrevious it was read under:
  // an earlier answer stands in while this input loads, flagged `stale`, and is dropped once this
  // input's read has failed (it would stand for an answer that never came).
  const [state, setState] = useState<{ url: string | null; v: number; data?: T; dataUrl: string | null; dataKeep: string | null; error: FormErrorShape | null }>({ url: null, v: 0, dataUrl: null, dataKeep: null, error: null });
  useEffect(() => {
    if (!url || fresh(url)) return;
    let live = true;
    let p = inflight.get(url);
    if (!p) {
      p = load(url)
        .then((data) => {
          cache.set(url, { at: Date.now(), data });
          return data;
        })
        .finally(() => inflight.delete(url));
      inflight.set(url, p);
    }
    p.then(
      (data) => live && setState({ url, v, data: data as T, dataUrl: url, dataKeep: keep, error: null }),
      (error: FormErrorShape) => live && setState((s) => ({ ...s, url, v, error })),
    );
    return () => {
      live = false;
    };
  }, [url, v, keep]);
  const hit = url ? fresh(url) : undefined;
  // An answer from the cache is the one shown now, so it is the one kept while the next input
  // loads (not the last one read over the network: after Chorrillos, then all of Lima from the
  // cache, the next filter must not bring Chorrillos back while it loads).
  if (hit && (state.dataUrl !== url || state.dataKeep !== keep)) setState({ url, v, data: hit.data as T, dataUrl: url, dataKeep: keep, error: null });
  if (hit) return { data: hit.data as T, error: null, isPending: false, stale: false };
  const answered = url !== null && state.dataUrl === url;
  const error = url !== null && state.url === url ? state.error : null;
  const data = answered || (keep !== null && state.dataKeep === keep && !error) ? state.data : undefined;
  return { data, error, isPending: data === undefined && error === null, stale: data !== undefined && !answered };
}
