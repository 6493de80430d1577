/**
 * The client's address, for per-address limits (login throttling), decided in one place.
 *
 * Next's route handlers never see the TCP socket, and Next fills `X-Forwarded-For` only when
 * the client did not send one (`??=`), so that header is whatever the client wrote. Instead,
 * a hook installed at server start (src/instrumentation.ts) stamps every incoming request,
 * before Next reads it, with `x-ollas-peer: <nonce> <socket address> <rightmost XFF hop>`.
 * The nonce is random per process: a client that sends its own `x-ollas-peer` (or a request
 * that arrived before the hook was installed) is recognised and counts as "unknown", which
 * fails closed (one shared, small bucket) instead of trusting the client.
 */
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

export const PEER_HEADER = "x-ollas-peer";
export const UNKNOWN_ADDRESS = "unknown";

type PeerGlobals = { __ollasPeerNonce?: string };
const g = globalThis as PeerGlobals;

function processNonce(): string {
  return (g.__ollasPeerNonce ??= randomBytes(16).toString("hex"));
}

/** An address as one token: IPv4-mapped IPv6 reduced to IPv4, anything odd dropped. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const a = raw.trim().toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "").replace(/[^0-9a-z:.%[\]_-]/g, "").slice(0, 100);
  return a || null;
}

/** The last hop of X-Forwarded-For: the one the proxy in front of us appended. */
export function rightmostHop(xff: IncomingHttpHeaders["x-forwarded-for"] | string | null): string | null {
  const joined = Array.isArray(xff) ? xff.join(",") : (xff ?? "");
  const hops = joined.split(",").map((s) => s.trim()).filter(Boolean);
  return normalizeAddress(hops[hops.length - 1]);
}

/** Stamps one incoming request with its socket address (replacing anything the client sent). */
export function recordPeer(req: IncomingMessage): void {
  const socket = normalizeAddress(req.socket?.remoteAddress) ?? UNKNOWN_ADDRESS;
  const hop = rightmostHop(req.headers["x-forwarded-for"]) ?? "-";
  req.headers[PEER_HEADER] = `${processNonce()} ${socket} ${hop}`;
}

/**
 * Wraps every node:http server's request event, so the stamp is there before Next (or
 * anything else) handles the request. Idempotent. Must run in the server's own process.
 */
export function installPeerAddressHook(http: typeof import("node:http")): void {
  const proto = http.Server.prototype as { emit: (event: string | symbol, ...args: unknown[]) => boolean; __ollasPeerHook?: true };
  if (proto.__ollasPeerHook) return;
  processNonce();
  const emit = proto.emit;
  proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
    if (event === "request" && args[0]) recordPeer(args[0] as IncomingMessage);
    return emit.call(this, event, ...args);
  };
  proto.__ollasPeerHook = true;
}

/**
 * The address a request came from: the connection's own peer, or, with `trustProxy` (a load
 * balancer that appends X-Forwarded-For is the only way in), the rightmost hop it appended.
 * Never a value the client chose.
 */
export function clientAddress(headers: Headers, trustProxy: boolean): string {
  const [nonce, socket, hop] = (headers.get(PEER_HEADER) ?? "").split(" ");
  if (!nonce || !g.__ollasPeerNonce || nonce !== g.__ollasPeerNonce || !socket) return UNKNOWN_ADDRESS;
  if (trustProxy && hop && hop !== "-") return hop;
  return socket;
}
