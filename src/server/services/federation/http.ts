/**
 * GET from a peer, guarded: the address is checked where the connection is made (a custom DNS
 * lookup, so a name that resolves to a private address — or re-resolves to one later — is
 * refused), IP literals are checked before connecting, redirects are not followed, the body is
 * read as a stream and cut at a byte limit (a declared Content-Length above it is refused before
 * reading), and the whole request has a deadline.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { classifyAddress } from "~/server/domain/federation-net";

export type FetchFailure = "address" | "too-large" | "status" | "timeout" | "network";

export class PeerFetchError extends Error {
  constructor(
    public readonly reason: FetchFailure,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = "PeerFetchError";
  }
}

export const allowLoopback = () => process.env.FEDERATION_ALLOW_LOOPBACK === "1";

const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, "", 4);
    const bad = addresses.find((a) => classifyAddress(a.address, allowLoopback()) !== "ok");
    if (bad || addresses.length === 0) {
      return callback(Object.assign(new Error(`refused address ${bad?.address ?? "(none)"} for ${hostname}`), { code: "EFEDADDR" }), "", 4);
    }
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
};

export async function guardedGet(url: string, opts: { maxBytes: number; timeoutMs?: number; accept?: string }): Promise<Buffer> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) && classifyAddress(host, allowLoopback()) !== "ok") throw new PeerFetchError("address", `refused address ${host}`);
  const mod = u.protocol === "https:" ? https : u.protocol === "http:" ? http : null;
  if (!mod) throw new PeerFetchError("address", `scheme ${u.protocol}`);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  return new Promise<Buffer>((resolve, reject) => {
    const req = mod.get(u, { lookup: guardedLookup, headers: { accept: opts.accept ?? "application/json", "user-agent": "red-de-ollas-federation/1" }, timeout: timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        res.resume();
        // A peer's rate limit says when to come back: kept in the reason the coordinator reads.
        const retry = status === 429 ? Number(res.headers["retry-after"]) : NaN;
        return reject(new PeerFetchError("status", Number.isFinite(retry) ? `HTTP ${status}, retry after ${retry} s` : `HTTP ${status}`));
      }
      const declared = Number(res.headers["content-length"] ?? NaN);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        res.destroy();
        return reject(new PeerFetchError("too-large", `declared ${declared} bytes, limit ${opts.maxBytes}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBytes) {
          res.destroy();
          reject(new PeerFetchError("too-large", `more than ${opts.maxBytes} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on("end", () => resolve(Buffer.concat(chunks)));
      res.on("error", (e) => reject(new PeerFetchError("network", e.message)));
    });
    const deadline = setTimeout(() => req.destroy(new PeerFetchError("timeout", `no answer in ${timeoutMs} ms`)), timeoutMs);
    req.on("close", () => clearTimeout(deadline));
    req.on("timeout", () => req.destroy(new PeerFetchError("timeout", `idle ${timeoutMs} ms`)));
    req.on("error", (e: Error & { code?: string }) => {
      if (e instanceof PeerFetchError) return reject(e);
      reject(new PeerFetchError(e.code === "EFEDADDR" || /refused address/.test(e.message) ? "address" : "network", e.message));
    });
  });
}
