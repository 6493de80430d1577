/**
 * The public feed's rate limit: one address gets at most FEDERATION_FEED_RATE_LIMIT pages a
 * minute (the open-data limiter's fixed window in request_limits), then 429 with Retry-After.
 * A subscriber at its normal cadence — a full pull from scratch, then scheduled and on-demand
 * incremental pulls — is never refused; one that is refused keeps what it applied and goes on
 * from there at its next pull.
 */
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { federationPeerNeeds, federationPeerOllas, federationPeers } from "~/server/db/schema";
import { FEED_RATE_LIMIT_PER_MINUTE, MAX_PAGES_PER_PULL } from "~/server/domain/federation-feed";
import { recordPeer } from "~/server/http/peer-address";
import { feedRateLimit, resetFeedLimits } from "~/server/services/federation/publish";
import { addPeer, previewPeer, pullPeer } from "~/server/services/federation/subscribe";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { BASE, useTestDbInApp } from "../security/http";
import { startPeer, type Peer } from "./federation-peer";
import { addNeed, insertOlla } from "./map-fixtures";

let a: TestDb;
let b: TestDb;
let wa: World;
let wb: World;
let peer: Peer;
type Handler = (req: Request) => Promise<Response>;
let feedRoute: Handler;

beforeAll(async () => {
  [a, b] = await Promise.all([createTestDb(), createTestDb()]);
  [wa, wb] = await Promise.all([buildWorld(a.db), buildWorld(b.db)]);
  // Enough public items that a pull of one item per page takes a few dozen pages.
  for (let i = 0; i < 12; i++) {
    const id = await insertOlla(a.db, { name: `Olla Límite ${i}`, zoneId: wa.zones.north, district: "150132", lat: -11.98 - i * 0.002, lng: -77.0 });
    await addNeed(a.db, id, { urgency: "high", description: `Necesidad ${i}` });
  }
  useTestDbInApp(a);
  feedRoute = ((await import("~/app/api/federation/v1/feed/route")) as { GET: Handler }).GET;
  peer = await startPeer(a.db);
  process.env.FEDERATION_URL = peer.url;
  process.env.FEDERATION_ALLOW_LOOPBACK = "1";
});
afterEach(async () => {
  delete process.env.FEDERATION_FEED_RATE_LIMIT;
  resetFeedLimits();
  await a.db.execute(sql`delete from request_limits`); // the next test starts in a fresh window
  await b.db.delete(federationPeers); // and follows the peer afresh
});
afterAll(async () => {
  await peer?.close();
  await Promise.all([a?.close(), b?.close()]);
});

/** A feed request as it reaches the route handler from `address` (the stamp `next start` puts on it). */
function from(address: string, query = "since=0"): Request {
  const fake = { socket: { remoteAddress: address }, headers: {} as Record<string, string> };
  recordPeer(fake as never);
  return new Request(`${BASE}/api/federation/v1/feed?${query}`, { headers: { "x-ollas-peer": fake.headers["x-ollas-peer"]! } });
}

async function follow(): Promise<string> {
  const preview = await previewPeer({ url: peer.url });
  const { peerId } = await addPeer(b.db, { userId: wb.userIds.city }, { url: peer.url, thumbprint: preview.thumbprint });
  return peerId;
}

describe("feed rate limit", () => {
  it("answers 429 with Retry-After past the limit, to that address only", async () => {
    process.env.FEDERATION_FEED_RATE_LIMIT = "3";
    for (let i = 0; i < 3; i++) expect((await feedRoute(from("198.51.100.7"))).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await feedRoute(from("198.51.100.7"));
      expect(r.status).toBe(429);
      const retry = Number(r.headers.get("retry-after"));
      expect(retry).toBeGreaterThanOrEqual(1);
      expect(retry).toBeLessThanOrEqual(60);
      expect(r.headers.get("cache-control")).toBe("no-store");
      expect(((await r.json()) as { error: string }).error).toBe("TOO_MANY_REQUESTS");
    }
    // Another address has its own count.
    expect((await feedRoute(from("198.51.100.8"))).status).toBe(200);
    // The count lives in PostgreSQL (shared by every app server), not only in this process.
    resetFeedLimits();
    expect((await feedRoute(from("198.51.100.7"))).status).toBe(429);
  });

  it("never refuses a peer at its normal cadence: a full pull from scratch, then scheduled and on-demand pulls", async () => {
    // The default fits the largest pull a subscriber ever makes (twice), so a full resync is never cut.
    expect(feedRateLimit()).toBe(FEED_RATE_LIMIT_PER_MINUTE);
    expect(FEED_RATE_LIMIT_PER_MINUTE).toBeGreaterThanOrEqual(2 * MAX_PAGES_PER_PULL);
    const peerId = await follow();
    peer.statuses.length = 0;
    // From scratch, one item a page: every olla and need is its own page (dozens of pages).
    const first = await pullPeer(b.db, peerId, { pageItems: 1 });
    expect(first.outcome).toBe("ok");
    expect(first.pages).toBeGreaterThan(25);
    // Then, all inside the same minute (harsher than any schedule): a change and a pull, ten times.
    for (let i = 0; i < 10; i++) {
      await addNeed(a.db, wa.ollas.a, { urgency: "medium", description: `Cambio ${i}` });
      const r = await pullPeer(b.db, peerId);
      // The need, and its olla (whose urgent-needs flag the need decides).
      expect(r, `pull ${i}`).toMatchObject({ outcome: "ok", items: 2 });
    }
    expect(peer.statuses.filter((s) => s !== 200)).toEqual([]);
  });

  it("a peer refused by the limit keeps what it applied and continues from there at its next pull", async () => {
    process.env.FEDERATION_FEED_RATE_LIMIT = "5";
    const peerId = await follow();
    const cut = await pullPeer(b.db, peerId, { pageItems: 1 });
    expect(cut.outcome).toBe("unreachable");
    expect(cut.reason).toMatch(/HTTP 429, retry after \d+ s/);
    expect(cut.pages).toBe(5);
    expect(await b.db.$count(federationPeerOllas)).toBeGreaterThan(0);
    // The window ends.
    await a.db.execute(sql`delete from request_limits`);
    resetFeedLimits();
    delete process.env.FEDERATION_FEED_RATE_LIMIT;
    const rest = await pullPeer(b.db, peerId, { pageItems: 1 });
    expect(rest.outcome).toBe("ok");
    const [ollasA, needsA] = await Promise.all([
      a.db.execute(sql`select count(*)::int as n from ollas where status <> 'closed'`),
      a.db.execute(sql`select count(*)::int as n from needs where visibility = 'public' and status in ('open', 'in_progress')`),
    ]);
    const n = (r: unknown) => Number(((r as { rows?: { n: number }[] }).rows ?? (r as { n: number }[]))[0]!.n);
    expect(await b.db.$count(federationPeerOllas)).toBe(n(ollasA));
    expect(await b.db.$count(federationPeerNeeds)).toBe(n(needsA));
  });
});
