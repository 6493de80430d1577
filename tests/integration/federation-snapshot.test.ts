/**
 * Federation, snapshots: a subscriber that starts from nothing takes a snapshot (only what is
 * public up to the publisher's head, no removals) and then the changes after it; it must end
 * with exactly what a subscriber holds that followed every change, removals included — however
 * the publisher changes between the snapshot's pages, and when the snapshot is cut halfway.
 * Property-based (fast-check): random changes to instance A (ollas opened, paused, closed,
 * renamed, assessed; needs opened, met, made network-only, re-graded, deleted); subscriber R
 * follows A's changes after each one (no snapshot); subscriber S starts over from nothing each
 * run, with pages of 1–4 items and some of A's changes made between its pages. Both must also
 * equal A's public state read directly.
 */
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import { deletePeer, insertPeer } from "~/server/db/queries/federation";
import { federationPeerNeeds, federationPeerOllas, needs, ollas } from "~/server/db/schema";
import { jwks } from "~/server/services/federation/keys";
import { pullPeer } from "~/server/services/federation/subscribe";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { startPeer, type Peer } from "./federation-peer";
import { addNeed, assess, insertOlla } from "./map-fixtures";

const runs = Math.min(Number(process.env.FC_NUM_RUNS ?? 8), 60);

let a: TestDb;
let r: TestDb;
let s: TestDb;
let wa: World;
let peer: Peer;
let rPeer: string;
const ollaPool: string[] = [];
let day = 0;

const CATEGORIES = ["water", "sanitation", "storage"] as const;

type Op =
  | { op: "olla"; status: "active" | "paused" }
  | { op: "status"; i: number; status: "active" | "paused" | "closed" }
  | { op: "rename"; i: number; name: string }
  | { op: "assess"; i: number; category: (typeof CATEGORIES)[number]; level: number }
  | { op: "need"; i: number; urgency: "low" | "medium" | "high" | "critical"; status: "open" | "met"; visibility: "public" | "network" }
  | { op: "setNeed"; j: number; status?: "open" | "in_progress" | "met" | "cancelled"; visibility?: "public" | "network"; urgency?: "low" | "critical" }
  | { op: "dropNeed"; j: number };

const idx = fc.nat({ max: 1000 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("olla" as const), status: fc.constantFrom("active" as const, "paused" as const) }),
  fc.record({ op: fc.constant("status" as const), i: idx, status: fc.constantFrom("active" as const, "paused" as const, "closed" as const) }),
  fc.record({ op: fc.constant("rename" as const), i: idx, name: fc.stringMatching(/^[A-Za-zñ ]{3,20}$/) }),
  fc.record({ op: fc.constant("assess" as const), i: idx, category: fc.constantFrom(...CATEGORIES), level: fc.integer({ min: 0, max: 3 }) }),
  fc.record({
    op: fc.constant("need" as const),
    i: idx,
    urgency: fc.constantFrom("low" as const, "medium" as const, "high" as const, "critical" as const),
    status: fc.constantFrom("open" as const, "open" as const, "met" as const),
    visibility: fc.constantFrom("public" as const, "public" as const, "network" as const),
  }),
  fc.record(
    {
      op: fc.constant("setNeed" as const),
      j: idx,
      status: fc.constantFrom("open" as const, "in_progress" as const, "met" as const, "cancelled" as const),
      visibility: fc.constantFrom("public" as const, "network" as const),
      urgency: fc.constantFrom("low" as const, "critical" as const),
    },
    { requiredKeys: ["op", "j"] },
  ),
  fc.record({ op: fc.constant("dropNeed" as const), j: idx }),
);

async function apply(o: Op): Promise<void> {
  const db = a.db;
  const olla = (i: number) => ollaPool[i % ollaPool.length]!;
  const needIds = async () => rowsOf<{ id: string }>(await db.execute(sql`select id from needs order by id`)).map((x) => x.id);
  switch (o.op) {
    case "olla":
      ollaPool.push(await insertOlla(db, { zoneId: wa.zones.south, district: "150142", lat: -12.2 - ollaPool.length * 0.001, lng: -76.93, status: o.status }));
      return;
    case "status":
      await db.update(ollas).set({ status: o.status }).where(eq(ollas.id, olla(o.i)));
      return;
    case "rename":
      await db.update(ollas).set({ name: `Olla ${o.name.trim() || "x"}` }).where(eq(ollas.id, olla(o.i)));
      return;
    case "assess":
      day++;
      await assess(db, olla(o.i), { [o.category]: o.level }, new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10));
      return;
    case "need":
      await addNeed(db, olla(o.i), { urgency: o.urgency, status: o.status, visibility: o.visibility, description: `Necesidad ${o.urgency} ${o.i}` });
      return;
    case "setNeed": {
      const ids = await needIds();
      if (!ids.length) return;
      const closed = o.status === "met" || o.status === "cancelled";
      const set = {
        ...(o.status ? { status: o.status, closedAt: closed ? new Date() : null } : {}),
        ...(o.visibility ? { visibility: o.visibility } : {}),
        ...(o.urgency ? { urgency: o.urgency } : {}),
      };
      if (Object.keys(set).length) await db.update(needs).set(set).where(eq(needs.id, ids[o.j % ids.length]!));
      return;
    }
    case "dropNeed": {
      const ids = await needIds();
      if (ids.length) await db.delete(needs).where(eq(needs.id, ids[o.j % ids.length]!));
      return;
    }
  }
}

/** What a subscriber holds of A, without its own peer id. */
async function held(db: TestDb["db"]) {
  const [o, n] = await Promise.all([
    db.select().from(federationPeerOllas).orderBy(federationPeerOllas.remoteId),
    db.select().from(federationPeerNeeds).orderBy(federationPeerNeeds.remoteId),
  ]);
  return { ollas: o.map(({ peerId: _, ...rest }) => rest), needs: n.map(({ peerId: _, ...rest }) => rest) };
}

/** A's public ollas and needs, read from A's own tables (ids only, and each olla's urgent flag). */
async function truth() {
  const o = rowsOf<{ id: string; urgent: boolean }>(
    await a.db.execute(sql`
      select o.id, exists (select 1 from needs n where n.olla_id = o.id and n.status = 'open' and n.visibility = 'public' and n.urgency in ('high', 'critical')) as urgent
      from ollas o where o.status <> 'closed' order by o.id`),
  );
  const n = rowsOf<{ id: string }>(
    await a.db.execute(sql`select n.id from needs n join ollas o on o.id = n.olla_id where n.status = 'open' and n.visibility = 'public' and o.status <> 'closed' order by n.id`),
  );
  return { ollas: o.map((x) => [x.id, x.urgent]), needs: n.map((x) => x.id) };
}

async function subscribe(db: TestDb["db"]) {
  const k = (await jwks(a.db)).keys.at(-1)!;
  return (await insertPeer(db, { name: "A", baseUrl: peer.url, pinnedKid: k.kid, pinnedJwk: { kty: k.kty, crv: k.crv, x: k.x }, createdBy: null })).id;
}

beforeAll(async () => {
  [a, r, s] = await Promise.all([createTestDb(), createTestDb(), createTestDb()]);
  wa = await buildWorld(a.db);
  ollaPool.push(wa.ollas.a, wa.ollas.b, wa.ollas.c);
  peer = await startPeer(a.db);
  process.env.FEDERATION_URL = peer.url;
  process.env.FEDERATION_NAME = "Red A";
  process.env.FEDERATION_ALLOW_LOOPBACK = "1";
  // Hundreds of one-item pages a minute from one address: the rate limit has its own test.
  process.env.FEDERATION_FEED_RATE_LIMIT = "0";
  rPeer = await subscribe(r.db);
});
afterAll(async () => {
  delete process.env.FEDERATION_FEED_RATE_LIMIT;
  await peer?.close();
  await Promise.all([a?.close(), r?.close(), s?.close()]);
});

describe("federation snapshot", () => {
  it("a snapshot and then the changes end exactly where following every change ends, whatever happens between its pages", async () => {
    let snapshotPages = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 10 }),
        fc.array(opArb, { maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
        async (before, during, pageItems, cutAt) => {
          // R follows every change as it happens, from its own cursor (no snapshot after its first pull).
          for (const o of before) {
            await apply(o);
            expect((await pullPeer(r.db, rPeer, { pageItems: 3, snapshot: false })).outcome).toBe("ok");
          }
          // S starts from nothing; A changes between its pages (and the peer may go down halfway).
          await s.db.execute(sql`delete from federation_peers`);
          const sPeer = await subscribe(s.db);
          const queue = [...during];
          let served = 0;
          peer.beforePage = async () => {
            served++;
            if (cutAt !== null && served === cutAt) peer.mode = "down";
            const next = queue.shift();
            if (next) await apply(next);
          };
          const from = peer.requests.length;
          try {
            await pullPeer(s.db, sPeer, { pageItems });
          } finally {
            peer.beforePage = undefined;
            peer.mode = "ok";
          }
          snapshotPages += peer.requests.slice(from).filter((q) => q.includes("upto=")).length;
          for (const o of queue) await apply(o);
          expect((await pullPeer(s.db, sPeer, { pageItems })).outcome).toBe("ok");
          expect((await pullPeer(r.db, rPeer, { pageItems: 3, snapshot: false })).outcome).toBe("ok");

          const [heldR, heldS, t] = await Promise.all([held(r.db), held(s.db), truth()]);
          expect(heldS).toEqual(heldR);
          expect(heldR.ollas.map((o) => [o.remoteId, o.urgentPublicNeeds])).toEqual(t.ollas);
          expect(heldR.needs.map((n) => n.remoteId)).toEqual(t.needs);
          await deletePeer(s.db, sPeer);
        },
      ),
      { numRuns: runs },
    );
    // The runs did page through snapshots (pages of 1–4 items over a growing network).
    expect(snapshotPages).toBeGreaterThan(0);
  }, 600_000);
});
