/**
 * A live peer for the federation tests: instance A's real route handlers (feed, keys) on a
 * loopback HTTP server, with switches that make it misbehave the ways an attacker or a broken
 * peer would (tampered byte, replayed page, unpinned key, oversized page, private field, down).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FlattenedSign, exportJWK, generateKeyPair } from "jose";
import type { Db } from "~/server/db/client";
import { PEER_HEADER, recordPeer } from "~/server/http/peer-address";
import { jwks, rotations, signingKey } from "~/server/services/federation/keys";
import { FEED_TYP, buildFeedPage, feedResponse } from "~/server/services/federation/publish";

export type Mode = "ok" | "tamper" | "replay" | "unpinned" | "huge" | "huge-declared" | "telefono" | "down" | "backwards";

export interface Peer {
  url: string;
  mode: Mode;
  /** The last good body served, for the replay mode. */
  served: string[];
  requests: string[];
  /** The HTTP status of each feed page the real handler answered. */
  statuses: number[];
  /** Run before each feed page the real handler answers (a test changes the publisher between pages). */
  beforePage?: () => Promise<void>;
  close: () => Promise<void>;
}

export async function startPeer(db: Db): Promise<Peer> {
  const peer: Peer = { url: "", mode: "ok", served: [], requests: [], statuses: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const u = new URL(req.url ?? "/", peer.url);
      peer.requests.push(u.pathname + u.search);
      if (peer.mode === "down") return res.writeHead(503).end();
      if (u.pathname === "/api/federation/v1/keys") {
        return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ...(await jwks(db)), rotations: await rotations(db) }));
      }
      if (u.pathname !== "/api/federation/v1/feed") return res.writeHead(404).end();
      if (peer.mode === "huge" || peer.mode === "huge-declared") {
        // 50 MB of a page, streamed (or declared up front).
        res.writeHead(200, { "content-type": "application/jose+json", ...(peer.mode === "huge-declared" ? { "content-length": String(50 * 1024 * 1024) } : {}) });
        const chunk = Buffer.alloc(1024 * 1024, 0x61);
        for (let i = 0; i < 50 && !res.destroyed; i++) {
          if (!res.write(chunk)) await new Promise((r) => res.once("drain", r).once("close", r));
        }
        return res.end();
      }
      if (peer.mode === "replay") return res.writeHead(200, { "content-type": "application/jose+json" }).end(peer.served[0]);
      if (peer.mode === "telefono" || peer.mode === "unpinned" || peer.mode === "backwards") {
        const page = await buildFeedPage(db, { since: Number(u.searchParams.get("since") ?? 0), epoch: u.searchParams.get("epoch") ?? undefined }, { name: "Red A", url: peer.url });
        const body: Record<string, unknown> = { ...page };
        if (peer.mode === "telefono") {
          body.items = page.items.map((it) => (it.op === "upsert" && it.type === "service" ? { ...it, service: { ...it.service, telefono: "+51999888777" } } : it));
          if (page.items.length === 0) body.telefono = "+51999888777";
        }
        if (peer.mode === "backwards") body.since = Math.max(0, page.since - 1);
        const k = peer.mode === "unpinned" ? await stranger() : await signingKey(db);
        const jws = await new FlattenedSign(new TextEncoder().encode(JSON.stringify(body))).setProtectedHeader({ alg: "Ed25519", kid: k.kid, typ: FEED_TYP }).sign(k.key);
        return res.writeHead(200, { "content-type": "application/jose+json" }).end(JSON.stringify(jws));
      }
      // Stamped with the socket's address as `next start` does, so the feed's per-address limit counts it.
      recordPeer(req);
      if (peer.beforePage) await peer.beforePage();
      const answer = await feedResponse(new Request(`${peer.url}${u.pathname}${u.search}`, { headers: { [PEER_HEADER]: String(req.headers[PEER_HEADER]) } }), db);
      peer.statuses.push(answer.status);
      let text = await answer.text();
      if (peer.mode === "tamper") {
        // One byte of the signed payload changed: a digit of a number inside it.
        const env = JSON.parse(text) as { payload: string };
        const json = Buffer.from(env.payload, "base64url").toString("utf8").replace(/"x_rations_per_day":(\d)/, (_, d: string) => `"x_rations_per_day":${(Number(d) + 1) % 10}`);
        env.payload = Buffer.from(json, "utf8").toString("base64url");
        text = JSON.stringify(env);
      } else if (answer.status === 200) peer.served.push(text);
      const retryAfter = answer.headers.get("retry-after");
      res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json", ...(retryAfter ? { "retry-after": retryAfter } : {}) }).end(text);
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  peer.close = () => new Promise((r) => server.close(() => r()));
  return peer;
}

async function stranger() {
  const { privateKey, publicKey } = await generateKeyPair("Ed25519", { extractable: true });
  const { calculateJwkThumbprint } = await import("jose");
  return { kid: await calculateJwkThumbprint(await exportJWK(publicKey)), key: privateKey };
}
