/**
 * The client address for per-address limits, over real sockets: a node:http server with the
 * hook that src/instrumentation.ts installs in the app server, and clients bound to distinct
 * loopback addresses. The full stack (production build, next-auth) is in
 * tests/e2e/auth-hardening.spec.ts.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, installPeerAddressHook, UNKNOWN_ADDRESS } from "~/server/http/peer-address";

let server: http.Server;
let port = 0;

/** The server answers what clientAddress decides, with and without a trusted proxy. */
function answer(req: http.IncomingMessage, res: http.ServerResponse) {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ direct: clientAddress(headers, false), proxied: clientAddress(headers, true) }));
}

function ask(from: string, headers: Record<string, string> = {}): Promise<{ direct: string; proxied: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: "/", localAddress: from, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c.toString()));
      res.on("end", () => resolve(JSON.parse(body) as { direct: string; proxied: string }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  server = http.createServer(answer);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("client address", () => {
  it("without the hook, nothing a client writes is believed: every request is 'unknown'", async () => {
    const r = await ask("127.0.0.51", { "x-forwarded-for": "198.51.100.7", "x-ollas-peer": "00 198.51.100.8 198.51.100.9", "x-real-ip": "198.51.100.10" });
    expect(r).toEqual({ direct: UNKNOWN_ADDRESS, proxied: UNKNOWN_ADDRESS });
  });

  it("with the hook: the connection's own address, whatever X-Forwarded-For or x-ollas-peer say", async () => {
    installPeerAddressHook(http);
    installPeerAddressHook(http); // idempotent: one wrapper
    for (const i of [1, 2, 3]) {
      const r = await ask("127.0.0.52", { "x-forwarded-for": `198.51.100.${i}`, "x-ollas-peer": `forged 198.51.100.${i} -` });
      expect(r.direct).toBe("127.0.0.52");
    }
    expect((await ask("127.0.0.53")).direct).toBe("127.0.0.53");
  });

  it("with TRUST_PROXY: only the rightmost hop, the one the proxy appended", async () => {
    expect((await ask("127.0.0.54", { "x-forwarded-for": "6.6.6.6, 10.0.0.5, 203.0.113.9" })).proxied).toBe("203.0.113.9");
    expect((await ask("127.0.0.54", { "x-forwarded-for": "203.0.113.10" })).proxied).toBe("203.0.113.10");
    // No header at all (a health check straight to the app): the connection's address.
    expect((await ask("127.0.0.54")).proxied).toBe("127.0.0.54");
  });
});
