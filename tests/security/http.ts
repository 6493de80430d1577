/**
 * Calls the app's real HTTP route handlers (tRPC, open-data exports, health) from an
 * integration test, on the test file's database: what goes over the wire (superjson
 * envelope, formatted errors, headers) is what these tests inspect.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import superjson from "superjson";
import type { TestDb } from "../helpers/db";

// Before ~/env is first imported (only the route modules import it, dynamically below).
export const TEST_SECRET = "security-battery-secret-0123456789abcdef";
process.env.NEXTAUTH_SECRET ??= TEST_SECRET;
process.env.NEXTAUTH_URL ??= "http://ollas.test";

export const BASE = "http://ollas.test";

/** Makes the app's process-wide database handle (src/server/db getDbHandle) the test database. */
export function useTestDbInApp(t: TestDb) {
  (globalThis as unknown as { __ollasDb?: Promise<unknown> }).__ollasDb = Promise.resolve({ db: t.db, kind: t.kind, close: async () => {} });
}

type Handler = (req: Request, ctx?: unknown) => Promise<Response>;
let trpcHandlers: { GET: Handler; POST: Handler } | undefined;

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

async function read(res: Response): Promise<HttpResult> {
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** One tRPC call over HTTP: queries as GET, mutations as POST, superjson-encoded like the real client. */
export async function trpcHttp(
  procedurePath: string,
  type: "query" | "mutation" | "subscription",
  input: unknown,
  opts: { cookie?: string; origin?: string; secFetchSite?: string; rawBody?: string; rawQuery?: string } = {},
): Promise<HttpResult> {
  trpcHandlers ??= (await import("~/app/api/trpc/[trpc]/route")) as unknown as { GET: Handler; POST: Handler };
  const headers = new Headers({ host: new URL(BASE).host });
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.origin) headers.set("origin", opts.origin);
  if (opts.secFetchSite) headers.set("sec-fetch-site", opts.secFetchSite);
  const encoded = input === undefined ? undefined : superjson.serialize(input);
  if (type === "query") {
    const qs = opts.rawQuery ?? (encoded === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(encoded))}`);
    return read(await trpcHandlers.GET(new Request(`${BASE}/api/trpc/${procedurePath}${qs}`, { method: "GET", headers })));
  }
  headers.set("content-type", "application/json");
  const body = opts.rawBody ?? (encoded === undefined ? "" : JSON.stringify(encoded));
  return read(await trpcHandlers.POST(new Request(`${BASE}/api/trpc/${procedurePath}`, { method: "POST", headers, body })));
}

/** The tRPC error code in a response body, or null for a success. */
export function trpcErrorCode(r: HttpResult): string | null {
  const j = r.json as { error?: { json?: { data?: { code?: string } } } } | undefined;
  return j?.error?.json?.data?.code ?? (r.status >= 400 ? `HTTP_${r.status}` : null);
}

export interface RouteFile {
  /** URL path, e.g. /api/public/v1/ollas.csv or /api/health */
  urlPath: string;
  file: string;
  dynamic: string[];
}

/**
 * Every route handler under src/app/api except next-auth and tRPC (tested on their own):
 * the open-data exports and the health check. Found on disk, so new exports are covered.
 */
export function apiRouteFiles(): RouteFile[] {
  const root = path.resolve("src/app/api");
  const out: RouteFile[] = [];
  for (const rel of readdirSync(root, { recursive: true }).map(String)) {
    if (!/(^|\/)route\.(ts|tsx|js)$/.test(rel)) continue;
    const dir = path.dirname(rel);
    if (dir.startsWith("auth") || dir.startsWith("trpc")) continue;
    const segments = dir === "." ? [] : dir.split(path.sep);
    out.push({
      urlPath: `/api/${segments.join("/")}`,
      file: path.join(root, rel),
      dynamic: segments.filter((s) => s.startsWith("[")).map((s) => s.replace(/^\[+\.*|\]+$/g, "")),
    });
  }
  return out.sort((a, b) => a.urlPath.localeCompare(b.urlPath));
}

/** Calls a route file's GET for `urlPath` (dynamic segments already filled in). */
export async function getRoute(route: RouteFile, urlPath: string, params: Record<string, string>, headers: Record<string, string> = {}): Promise<HttpResult> {
  const mod = (await import(/* @vite-ignore */ route.file)) as { GET?: Handler };
  if (!mod.GET) return { status: 405, headers: new Headers(), text: "", json: undefined };
  const res = await mod.GET(new Request(`${BASE}${urlPath}`, { headers: { host: new URL(BASE).host, ...headers } }), { params: Promise.resolve(params) });
  return read(res);
}

/** A signed session cookie for a server-side session id, as next-auth would set it after a login. */
export async function sessionCookie(sessionId: string): Promise<string> {
  const { encode } = await import("next-auth/jwt");
  const token = await encode({ token: { sid: sessionId, sub: "test" }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}
