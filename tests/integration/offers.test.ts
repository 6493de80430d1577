import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import { offers, ollas, stockMovements, stockSources } from "~/server/db/schema";
import { viewStatus } from "~/server/domain/offers";
import { OFFER_ADDRESS_LIMIT, OFFER_OPEN_CAP } from "~/server/services/offers";
import { addDays, limaToday } from "~/shared/lima-day";
import { anonFrom, acceptedOffer, makeOffer, offerInput, riceId, riceNeed, solvedPow } from "../helpers/offers";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
let rice: string;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  rice = await riceId(w);
});
afterAll(async () => t?.close());

const A = () => w.caller("delegateA");
const key = () => randomUUID();
const offerCount = async () => Number(rowsOf<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from offers`))[0]!.n);
async function riceBalance() {
  const { items } = await A().stock.levels({ ollaId: w.ollas.a });
  return items.find((i) => i.itemId === rice)?.balance ?? 0;
}
async function parishSource(name = "Parroquia San Martín de Porres") {
  const [s] = await t.db.insert(stockSources).values({ type: "parish", name }).onConflictDoNothing().returning();
  return s ?? (await t.db.select().from(stockSources).where(eq(stockSources.name, name)))[0]!;
}

describe("a signed-out supporter offers toward a public need", () => {
  it("the offer is made, its contact reaches the olla and its coordination only", async () => {
    const needId = await riceNeed(w);
    const phone = "987 111 222";
    const { offerId, token } = await makeOffer(w, needId, { contact: phone, supporterKind: "individual", supporterName: "Rosa Quispe", thankByName: false });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
    const mine = (await A().offer.list({ ollaId: w.ollas.a })).items.find((o) => o.id === offerId)!;
    expect(mine).toMatchObject({ viewStatus: "offered", contactPhone: "+51987111222", quantity: 20, unit: "kg", itemName: expect.any(String) });
    expect((await w.caller("zoneNorth").offer.inScope({})).items.some((o) => o.id === offerId && o.contactPhone === "+51987111222")).toBe(true);
    // Signed out: the follow-up link shows the offer without the contact; the public need shows no donor.
    const f = await w.caller("anon").offer.followUp({ token });
    expect(f.status).toBe("offered");
    const outputs = JSON.stringify([f, await w.caller("anon").offer.publicNeed({ needId }), await w.caller("anon").need.publicList({ limit: 100, offset: 0 })]);
    expect(outputs).not.toContain("987111222");
    expect(outputs).not.toContain("Rosa Quispe");
    // Another olla's delegate and another zone's coordinator do not see it.
    await expect(w.caller("delegateB").offer.list({ ollaId: w.ollas.a })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(JSON.stringify(await w.caller("zoneSouth").offer.inScope({}))).not.toContain("987111222");
    expect(await A().offer.newCount({ ollaId: w.ollas.a })).toBeGreaterThanOrEqual(1);
  });

  it("a phone retrying the same form makes the offer once and gets the same link", async () => {
    const needId = await riceNeed(w);
    const input = await offerInput(w, needId);
    const before = await offerCount();
    const first = await anonFrom(w).offer.create(input as never);
    // The retry carries the same form key (and the same, now spent, proof of work).
    const again = await anonFrom(w).offer.create(input as never);
    expect(again).toEqual(first);
    expect(await offerCount()).toBe(before + 1);
    // The same key with other data is a conflict, not a second offer.
    await expect(anonFrom(w).offer.create({ ...input, quantity: 99 } as never)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await offerCount()).toBe(before + 1);
  });

  it("private needs, closed needs and closed ollas take no offers", async () => {
    const privateNeed = await riceNeed(w, "a", 10, "network");
    await expect(makeOffer(w, privateNeed)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const closedOllaNeed = await riceNeed(w, "b", 10);
    await t.db.update(ollas).set({ status: "closed" }).where(eq(ollas.id, w.ollas.b));
    try {
      await expect(makeOffer(w, closedOllaNeed)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(w.caller("anon").offer.publicNeed({ needId: closedOllaNeed })).rejects.toMatchObject({ code: "NOT_FOUND" });
    } finally {
      await t.db.update(ollas).set({ status: "active" }).where(eq(ollas.id, w.ollas.b));
    }
  });
});

describe("abuse", () => {
  it("proof of work: refused when missing, forged or replayed; the honeypot refuses; nothing is written", async () => {
    const needId = await riceNeed(w);
    const before = await offerCount();
    await expect(anonFrom(w).offer.create({ ...(await offerInput(w, needId)), altcha: undefined } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const forged = Buffer.from(JSON.stringify({ algorithm: "SHA-256", challenge: "00".repeat(32), number: 1, salt: "x&", signature: "00".repeat(32) })).toString("base64");
    await expect(anonFrom(w).offer.create({ ...(await offerInput(w, needId)), altcha: forged } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const pow = await solvedPow(w);
    await anonFrom(w).offer.create((await offerInput(w, needId, { altcha: pow })) as never);
    // The same solution on another form: replayed.
    await expect(anonFrom(w).offer.create((await offerInput(w, needId, { altcha: pow })) as never)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "offers.errors.powReplayed",
    });
    await expect(anonFrom(w).offer.create((await offerInput(w, needId, { website: "http://spam.example" })) as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await offerCount()).toBe(before + 1);
  });

  it("one contact keeps at most OFFER_OPEN_CAP offers open", async () => {
    const needId = await riceNeed(w);
    const contact = "vecina.limite@example.pe";
    for (let i = 0; i < OFFER_OPEN_CAP; i++) await makeOffer(w, needId, { contact });
    await expect(makeOffer(w, needId, { contact: "Vecina.Limite@example.pe" })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("bounded text: a 501-character message is refused with a field error", async () => {
    const needId = await riceNeed(w);
    await expect(makeOffer(w, needId, { message: "a".repeat(501) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it(`100 offers from one address in a minute, sent by two app servers at once: at most ${OFFER_ADDRESS_LIMIT} written`, async () => {
    const needId = await riceNeed(w, "a", 5000);
    const address = "203.0.113.77";
    const inputs = await Promise.all(Array.from({ length: 100 }, () => offerInput(w, needId, { quantity: 1 })));
    const before = await offerCount();
    const results = await runTwoServers(inputs, address);
    expect(results.ok!).toBeLessThanOrEqual(OFFER_ADDRESS_LIMIT);
    expect(results.ok!).toBeGreaterThan(0);
    expect(results.TOO_MANY_REQUESTS).toBe(100 - results.ok!);
    expect(await offerCount()).toBe(before + results.ok!);
  }, 120_000);
});

/**
 * Two "app servers": on PostgreSQL two Node processes with their own pools, each calling the real
 * createOffer; on PGlite (one process only) two concurrent batches over the one database.
 */
async function runTwoServers(inputs: unknown[], address: string): Promise<Record<string, number>> {
  const halves = [inputs.slice(0, 50), inputs.slice(50)];
  let outcomes: Record<string, number>[];
  if (t.kind === "pglite") {
    outcomes = await Promise.all(
      halves.map(async (jobs) => {
        const c: Record<string, number> = {};
        await Promise.all(
          jobs.map((i) =>
            anonFrom(w, address)
              .offer.create(i as never)
              .then(() => (c.ok = (c.ok ?? 0) + 1))
              .catch((e: { code?: string }) => (c[e.code ?? "throw"] = (c[e.code ?? "throw"] ?? 0) + 1)),
          ),
        );
        return c;
      }),
    );
  } else {
    const { spawn } = await import("node:child_process");
    outcomes = await (async () => {
      const procs = halves.map((jobs) => {
        const child = spawn(process.execPath, ["--import", "tsx", "tests/security/offer-throttle-worker.ts", t.url!, address, JSON.stringify(jobs)], {
          stdio: ["pipe", "pipe", "inherit"],
          env: { ...process.env, NODE_ENV: "test" },
        });
        let out = "";
        const ready = new Promise<void>((resolve, reject) => {
          child.stdout.on("data", (d: Buffer) => {
            out += d.toString();
            if (out.includes("ready\n")) resolve();
          });
          child.once("exit", (code) => reject(new Error(`worker exited early (${code})`)));
        });
        const done = new Promise<Record<string, number>>((resolve, reject) => {
          child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!) as Record<string, number>) : reject(new Error(`worker exited with ${code}: ${out}`))));
        });
        return { child, ready, done };
      });
      await Promise.all(procs.map((p) => p.ready));
      for (const p of procs) p.child.stdin.end("go\n");
      return Promise.all(procs.map((p) => p.done));
    })();
  }
  const sum: Record<string, number> = { ok: 0, TOO_MANY_REQUESTS: 0 };
  for (const o of outcomes) for (const [k, v] of Object.entries(o)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

describe("the olla decides and receives", () => {
  it("accept, then 'received' sent three times at once: exactly one inflow, with the source the delegate confirmed", async () => {
    const needId = await riceNeed(w);
    const parish = await parishSource();
    const { offerId, token } = await makeOffer(w, needId, { quantity: 20 });
    const dep0 = await A().dashboard.ollaDependency({ ollaId: w.ollas.a });
    const balance0 = await riceBalance();
    await A().offer.accept({ ollaId: w.ollas.a, idempotencyKey: key(), offerId, message: "Los esperamos el sábado", agreedOn: limaToday() });
    let p = await w.caller("anon").offer.publicNeed({ needId });
    expect(p.progress).toMatchObject({ asked: 50, committed: 20, received: 0 });
    const deliver = () =>
      A().offer.deliver({ ollaId: w.ollas.a, idempotencyKey: key(), offerId, quantity: 15, occurredOn: limaToday(), sourceType: "parish", sourceId: parish.id });
    const settled = await Promise.allSettled([deliver(), deliver(), deliver()]);
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    for (const s of settled) if (s.status === "rejected") expect(s.reason).toMatchObject({ code: "CONFLICT" });
    const [o] = await t.db.select().from(offers).where(eq(offers.id, offerId));
    const moves = await t.db.select().from(stockMovements).where(eq(stockMovements.id, o!.movementId!));
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ direction: "in", quantity: "15.000", sourceType: "parish", sourceId: parish.id, itemId: rice });
    const inflowsFromParish = await t.db.select().from(stockMovements).where(eq(stockMovements.sourceId, parish.id));
    expect(inflowsFromParish).toHaveLength(1);
    expect(await riceBalance()).toBe(balance0 + 15);
    // The dependency indicator sees the parish's 15 kg.
    const dep1 = await A().dashboard.ollaDependency({ ollaId: w.ollas.a });
    expect(dep1.totalKg).toBeCloseTo(dep0.totalKg + 15, 3);
    expect(dep1.byKind.institution).toBeCloseTo(dep0.byKind.institution + 15, 3);
    expect(dep1.sources.find((s) => s.sourceId === parish.id)?.kg).toBeCloseTo(15, 3);
    // Progress and the follow-up link.
    p = await w.caller("anon").offer.publicNeed({ needId });
    expect(p.progress).toMatchObject({ asked: 50, committed: 0, received: 15, reached: false });
    expect(p.thanks).toContain("Parroquia San Martín de Porres");
    const f = await w.caller("anon").offer.followUp({ token });
    expect(f).toMatchObject({ status: "delivered", deliveredQuantity: 15, replyMessage: "Los esperamos el sábado" });
    // The coordinator's share by kind of supporter.
    const scope = await w.caller("zoneNorth").offer.inScope({});
    const parishShare = scope.share.byKind.find((k) => k.kind === "parish");
    expect(parishShare?.kg).toBeGreaterThanOrEqual(15);
    expect(scope.share.totalKg).toBeGreaterThanOrEqual(parishShare!.kg);
  });

  it("the same key sent again replays the first answer; an individual's delivery cannot be an institution's", async () => {
    const needId = await riceNeed(w);
    const { offerId } = await acceptedOffer(w, needId, { supporterKind: "individual", supporterName: "Vecino Juan" });
    await expect(
      A().offer.deliver({ ollaId: w.ollas.a, idempotencyKey: key(), offerId, quantity: 5, occurredOn: limaToday(), sourceType: "ngo", newSourceName: "Juan SAC" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const input = { ollaId: w.ollas.a, idempotencyKey: key(), offerId, quantity: 5, occurredOn: limaToday(), sourceType: "individual_donation" as const };
    const first = await A().offer.deliver(input);
    expect(await A().offer.deliver(input)).toEqual(first);
    const rows = await t.db.select().from(stockMovements).where(eq(stockMovements.id, first.movementId!));
    expect(rows[0]).toMatchObject({ sourceType: "individual_donation", sourceId: null });
  });

  it("declined offers show the reason on the follow-up link; a withdrawn one cannot be accepted", async () => {
    const needId = await riceNeed(w);
    const a = await makeOffer(w, needId);
    await A().offer.decline({ ollaId: w.ollas.a, idempotencyKey: key(), offerId: a.offerId, reason: "cannot_store" });
    expect(await w.caller("anon").offer.followUp({ token: a.token })).toMatchObject({ status: "declined", declineReason: "cannot_store" });
    const b = await makeOffer(w, needId);
    await w.caller("anon").offer.withdraw({ token: b.token });
    await expect(A().offer.accept({ ollaId: w.ollas.a, idempotencyKey: key(), offerId: b.offerId })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("expiry and release follow from the dates when read", async () => {
    const needId = await riceNeed(w);
    const old = await makeOffer(w, needId, { quantity: 10 });
    await t.db.update(offers).set({ createdAt: new Date(Date.now() - 15 * 86_400_000) }).where(eq(offers.id, old.offerId));
    expect((await w.caller("anon").offer.followUp({ token: old.token })).status).toBe("expired");
    expect((await A().offer.list({ ollaId: w.ollas.a, status: "expired" })).items.map((o) => o.id)).toContain(old.offerId);
    const late = await acceptedOffer(w, needId, { quantity: 12 });
    expect((await w.caller("anon").offer.publicNeed({ needId })).progress?.committed).toBe(12);
    // Its date (and the grace days) passed without a delivery: released, no longer committed.
    await t.db.update(offers).set({ availableOn: addDays(limaToday(), -10), agreedOn: null }).where(eq(offers.id, late.offerId));
    expect((await w.caller("anon").offer.followUp({ token: late.token })).status).toBe("released");
    expect((await w.caller("anon").offer.publicNeed({ needId })).progress?.committed).toBe(0);
    // SQL and the domain rule agree on every offer.
    const rows = await t.db.select().from(offers);
    const listed = new Map((await A().offer.list({ ollaId: w.ollas.a, limit: 200 })).items.map((o) => [o.id, o.viewStatus]));
    for (const r of rows.filter((x) => x.ollaId === w.ollas.a)) if (listed.has(r.id)) expect(listed.get(r.id)).toBe(viewStatus(r));
    // A late delivery of a released offer still counts as received.
    await A().offer.deliver({ ollaId: w.ollas.a, idempotencyKey: key(), offerId: late.offerId, quantity: 12, occurredOn: limaToday(), sourceType: "parish", sourceId: (await parishSource()).id });
    expect((await w.caller("anon").offer.publicNeed({ needId })).progress?.received).toBe(12);
  });

  it("the delegate revokes a follow-up link: it answers NOT_FOUND like a wrong one", async () => {
    const needId = await riceNeed(w);
    const o = await makeOffer(w, needId);
    await A().offer.revokeLink({ ollaId: w.ollas.a, idempotencyKey: key(), offerId: o.offerId });
    await expect(w.caller("anon").offer.followUp({ token: o.token })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.caller("anon").offer.followUp({ token: "x".repeat(43) })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.caller("anon").offer.withdraw({ token: o.token })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
