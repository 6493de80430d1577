/**
 * Federation, publishing: every page is signed by the key the JWKS lists, validates against the
 * published schema, carries removals when an olla closes or a need stops being public, restarts
 * from 0 for a subscriber on an older epoch, and never carries a private value (canaries).
 */
import { eq } from "drizzle-orm";
import { compactVerify, createLocalJWKSet, flattenedVerify, importJWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needs, ollas } from "~/server/db/schema";
import { startNewEpoch } from "~/server/db/queries/federation";
import { FEED_FORMAT, ZFeedPage, feedJsonSchema, type FeedPage } from "~/server/domain/federation-feed";
import { jwks, rotateKey, rotations, thumbprint } from "~/server/services/federation/keys";
import { buildFeedPage, feedResponse, signFeedPage } from "~/server/services/federation/publish";
import { FeedRefused, verifyPage } from "~/server/services/federation/subscribe";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { canaryHits, plantCanaries, type Planted } from "../security/canaries";
import { addNeed, assess } from "./map-fixtures";

let t: TestDb;
let w: World;
let planted: Planted;

beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  planted = await plantCanaries(w);
  await assess(t.db, w.ollas.a, { water: 0, storage: 1 });
  await addNeed(t.db, w.ollas.a, { urgency: "high", description: "Bidones para agua" });
  await addNeed(t.db, w.ollas.b, { urgency: "critical", visibility: "network", description: "CANARYNET solo red" });
});
afterAll(async () => t?.close());

async function get(query: string): Promise<{ raw: string; page: FeedPage; kid: string }> {
  const res = await feedResponse(new Request(`https://a.example/api/federation/v1/feed?${query}`), t.db);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/jose+json");
  const raw = await res.text();
  const jws = JSON.parse(raw) as { payload: string; protected: string; signature: string };
  const keys = createLocalJWKSet(await jwks(t.db));
  const v = await flattenedVerify(jws, keys, { algorithms: ["Ed25519"] });
  const page = ZFeedPage.parse(JSON.parse(new TextDecoder().decode(v.payload)));
  return { raw: raw + new TextDecoder().decode(v.payload), page, kid: v.protectedHeader!.kid! };
}

async function pullAll(since = 0, limit = 2) {
  const pages: FeedPage[] = [];
  let raw = "";
  for (let cursor = since, i = 0; i < 100; i++) {
    const r = await get(`since=${cursor}&limit=${limit}`);
    pages.push(r.page);
    raw += r.raw;
    cursor = r.page.next;
    if (!r.page.has_more) break;
  }
  return { pages, raw, items: pages.flatMap((p) => p.items) };
}

describe("federation feed", () => {
  it("pages every public olla and need in rising order, signed, valid against the schema; aggregates on the last page", async () => {
    const { pages, items } = await pullAll();
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.every((p) => p.format === FEED_FORMAT)).toBe(true);
    const seqs = items.map((i) => i.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    const services = items.filter((i) => i.op === "upsert" && i.type === "service");
    expect(services.map((s) => s.id).sort()).toEqual([w.ollas.a, w.ollas.b, w.ollas.c].sort());
    const a = services.find((s) => s.id === w.ollas.a)!;
    if (a.op !== "upsert" || a.type !== "service") throw new Error("shape");
    expect(a.service.x_worst_level).toBe(0);
    expect(a.service.service_at_locations[0]!.location.x_location_precision).toBe("approximate");
    const needItems = items.filter((i) => i.op === "upsert" && i.type === "need");
    const described = needItems.map((i) => (i.op === "upsert" && i.type === "need" ? i.need.description : ""));
    expect(described).toContain("Bidones para agua");
    expect(described.some((d) => d.includes("CANARYNET"))).toBe(false); // the network-only need is not published
    expect(pages.slice(0, -1).every((p) => p.aggregates === null)).toBe(true);
    expect(pages.at(-1)!.aggregates!.problems.length).toBe(8);
  });

  it("never carries a private value (canaries) and the JWKS never a private key member", async () => {
    const { raw } = await pullAll(0, 500);
    expect(canaryHits(raw, planted)).toEqual([]);
    expect(raw).not.toContain("CANARYNET");
    const set = await jwks(t.db);
    for (const k of set.keys) expect(Object.keys(k).sort()).toEqual(["alg", "crv", "kid", "kty", "use", "x"]);
  });

  it("publishes removals: a closed olla, a need made network-only, and the closed olla's needs", async () => {
    const head = (await pullAll(0, 500)).pages.at(-1)!.next;
    await t.db.update(ollas).set({ status: "closed" }).where(eq(ollas.id, w.ollas.a));
    const { items } = await pullAll(head, 500);
    expect(items.find((i) => i.id === w.ollas.a)).toMatchObject({ op: "remove", type: "service" });
    const [need] = await t.db.select().from(needs).where(eq(needs.description, "Bidones para agua"));
    expect(items.find((i) => i.id === need!.id)).toMatchObject({ op: "remove", type: "need" });
    // Reopened: back on the feed, with its need.
    await t.db.update(ollas).set({ status: "active" }).where(eq(ollas.id, w.ollas.a));
    const after = await pullAll(items.at(-1)!.seq, 500);
    expect(after.items.find((i) => i.id === w.ollas.a)).toMatchObject({ op: "upsert" });
    expect(after.items.find((i) => i.id === need!.id)).toMatchObject({ op: "upsert" });
    expect(after.items.find((i) => i.id === w.ollas.a)).toMatchObject({ service: { x_urgent_public_needs: true } });
    // Made network-only: removed, and its olla sent again (its urgent-needs flag may have changed).
    await t.db.update(needs).set({ visibility: "network" }).where(eq(needs.id, need!.id));
    const last = await pullAll(after.items.at(-1)!.seq, 500);
    expect(last.items).toEqual([
      expect.objectContaining({ id: need!.id, op: "remove" }),
      expect.objectContaining({ id: w.ollas.a, op: "upsert", type: "service" }),
    ]);
    await t.db.update(needs).set({ visibility: "public" }).where(eq(needs.id, need!.id));
  });

  it("a subscriber on an older epoch starts over from 0", async () => {
    const first = await get("since=0");
    const old = first.page.epoch;
    const head = (await pullAll(0, 500)).pages.at(-1)!.next;
    const same = await get(`since=${head}&epoch=${old}`);
    expect(same.page.items).toEqual([]);
    const fresh = await startNewEpoch(t.db);
    const restarted = await get(`since=${head}&epoch=${old}`);
    expect(restarted.page.epoch).toBe(fresh);
    expect(restarted.page.since).toBe(0);
    expect(restarted.page.items.length).toBeGreaterThan(0);
  });

  it("a snapshot carries exactly what the changes leave public, without removals or any private value (canaries)", async () => {
    // Something not public any more, so the changes from 0 carry removals a snapshot skips.
    await t.db.update(ollas).set({ status: "closed" }).where(eq(ollas.id, w.ollas.c));
    try {
      const changes = await pullAll(0, 500);
      const held = new Map<string, string>();
      for (const it of changes.items) {
        if (it.op === "remove") held.delete(it.id);
        else held.set(it.id, JSON.stringify(it));
      }
      expect(changes.items.some((i) => i.op === "remove")).toBe(true);

      const first = await get("since=0&snapshot=1&limit=2");
      const upto = first.page.snapshot!.upto;
      expect(upto).toBe(changes.pages.at(-1)!.next);
      const pages = [first.page];
      let raw = first.raw;
      while (pages.at(-1)!.next < upto) {
        const r = await get(`since=${pages.at(-1)!.next}&upto=${upto}&limit=2&epoch=${first.page.epoch}`);
        expect(r.page.since).toBe(pages.at(-1)!.next);
        pages.push(r.page);
        raw += r.raw;
      }
      expect(pages.length).toBeGreaterThan(1);
      expect(pages.every((p) => p.snapshot?.upto === upto && p.has_more && p.aggregates === null)).toBe(true);
      const items = pages.flatMap((p) => p.items);
      expect(items.every((i) => i.op === "upsert")).toBe(true);
      // The same entities in the same state, and fewer items than the changes.
      expect(new Map(items.map((i) => [i.id, JSON.stringify(i)]))).toEqual(held);
      expect(items.length).toBeLessThan(changes.items.length);
      expect(items.some((i) => i.id === w.ollas.c)).toBe(false);
      expect(canaryHits(raw, planted)).toEqual([]);
      expect(raw).not.toContain("CANARYNET");
      // After the snapshot, the changes go on from its upto (here: nothing, and the aggregates).
      const rest = await get(`since=${upto}&epoch=${first.page.epoch}`);
      expect(rest.page).toMatchObject({ items: [], has_more: false });
      expect(rest.page.snapshot).toBeUndefined();
      expect(rest.page.aggregates).not.toBeNull();
      // Asked for from anywhere but 0 (or another epoch), `snapshot=1` changes nothing.
      expect((await get(`since=${upto}&snapshot=1&epoch=${first.page.epoch}`)).page.snapshot).toBeUndefined();
    } finally {
      await t.db.update(ollas).set({ status: "active" }).where(eq(ollas.id, w.ollas.c));
    }
  });

  it("a subscriber refuses a snapshot page it did not ask for (a replayed one would leave behind what it does not remove)", async () => {
    const head = (await pullAll(0, 500)).pages.at(-1)!.next;
    const { epoch } = (await get("since=0")).page;
    const page = await buildFeedPage(t.db, { since: 1, upto: head, epoch }, { name: "A", url: "https://a.example" });
    expect(page.snapshot).toEqual({ upto: head });
    const raw = Buffer.from(JSON.stringify(await signFeedPage(t.db, page)));
    const k = (await jwks(t.db)).keys.at(-1)!;
    const expected = { baseUrl: "https://a.example", pinnedKid: k.kid!, pinnedJwk: { kty: k.kty!, crv: k.crv!, x: k.x! }, epoch, cursor: 1 };
    const refused = await verifyPage(raw, { ...expected, snapshotUpto: null }, async () => []).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(FeedRefused);
    expect((refused as FeedRefused).reason).toBe("sequence");
    await expect(verifyPage(raw, { ...expected, snapshotUpto: head - 1 }, async () => [])).rejects.toThrow(/sequence/);
    // The pull paging through that very snapshot takes it.
    expect((await verifyPage(raw, { ...expected, snapshotUpto: head }, async () => [])).page.next).toBeLessThanOrEqual(head);
  });

  it("refuses a bad query with 400", async () => {
    const head = (await pullAll(0, 500)).pages.at(-1)!.next;
    for (const q of ["snapshot=2", "snapshot=1&upto=x", `since=0&upto=${head + 1}`, `since=${head}&upto=${head - 1}`]) {
      const res = await feedResponse(new Request(`https://a.example/api/federation/v1/feed?${q}`), t.db);
      expect(res.status, q).toBe(400);
    }
    for (const q of ["since=-1", "since=abc", "limit=99999", "epoch=nope"]) {
      const res = await feedResponse(new Request(`https://a.example/api/federation/v1/feed?${q}`), t.db);
      expect(res.status, q).toBe(400);
    }
  });

  it("publishes a strict JSON Schema", () => {
    const s = feedJsonSchema() as { additionalProperties?: boolean; properties: Record<string, unknown> };
    expect(s.additionalProperties).toBe(false);
    expect(Object.keys(s.properties)).toEqual(expect.arrayContaining(["epoch", "since", "next", "items", "aggregates"]));
    expect(JSON.stringify(s)).toContain('"service_at_locations"');
  });

  it("rotates its key: the new key signs, and the rotation is signed by the old one", async () => {
    const before = await get("since=0");
    const r = await rotateKey(t.db, "https://a.example");
    expect(r.previousKid).toBe(before.kid);
    const after = await get("since=0");
    expect(after.kid).toBe(r.kid);
    const [announcement] = await rotations(t.db);
    const set = await jwks(t.db);
    const old = set.keys.find((k) => k.kid === before.kid)!;
    const v = await compactVerify(announcement!, await importJWK(old, "Ed25519"));
    const body = JSON.parse(new TextDecoder().decode(v.payload)) as { kid: string; jwk: Record<string, string> };
    expect(body.kid).toBe(r.kid);
    expect(await thumbprint(body.jwk)).toBe(r.kid);
  });
});
