/**
 * POST /api/outbox — a phone's queued changes in one batch, each through the tRPC caller:
 * applied once in order, replays applied none twice, refusals explained per item without
 * blocking the rest, another person's changes never applied under this session.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stockItems, stockMovements } from "~/server/db/schema";
import { limaToday } from "~/shared/lima-day";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { BASE, sessionCookie, useTestDbInApp } from "../security/http";

let t: TestDb;
let w: World;
let rice: string;
let route: { POST: (req: Request) => Promise<Response> };
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  useTestDbInApp(t);
  rice = (await t.db.select({ id: stockItems.id }).from(stockItems).where(eq(stockItems.code, "arroz")))[0]!.id;
  route = (await import("~/app/api/outbox/route")) as unknown as typeof route;
});
afterAll(async () => t?.close());

const today = limaToday();

interface Result {
  key: string;
  status: "ok" | "refused" | "unauthorized" | "retry";
  code?: string;
  message?: string;
  fieldErrors?: Record<string, string[]> | null;
}

async function post(body: unknown, opts: { cookie?: string; origin?: string } = {}): Promise<{ status: number; results: Result[] }> {
  const headers = new Headers({ host: new URL(BASE).host, "content-type": "application/json" });
  if (opts.cookie) headers.set("cookie", opts.cookie);
  if (opts.origin) headers.set("origin", opts.origin);
  const res = await route.POST(new Request(`${BASE}/api/outbox`, { method: "POST", headers, body: JSON.stringify(body) }));
  const json = (await res.json()) as { results?: Result[] };
  return { status: res.status, results: json.results ?? [] };
}

function entry(quantity: number, over: Record<string, unknown> = {}) {
  const key = randomUUID();
  return { key, procedure: "stock.recordEntry", input: { ollaId: w.ollas.a, idempotencyKey: key, itemId: rice, unit: "kg", quantity, occurredOn: today, sourceType: "purchase", note: "outbox", ...over } };
}
function exit(quantity: number) {
  const key = randomUUID();
  return { key, procedure: "stock.recordExit", input: { ollaId: w.ollas.a, idempotencyKey: key, itemId: rice, unit: "kg", quantity, occurredOn: today, reason: "cooked" } };
}

async function movementsWithKeys(keys: string[]) {
  const rows = await t.db.select({ id: stockMovements.id, quantity: stockMovements.quantity, direction: stockMovements.direction, note: stockMovements.note }).from(stockMovements).where(and(eq(stockMovements.ollaId, w.ollas.a), eq(stockMovements.itemId, rice)));
  return { rows, keys };
}

async function balance() {
  const { items } = await w.caller("delegateA").stock.levels({ ollaId: w.ollas.a });
  return items.find((i) => i.itemId === rice)?.balance ?? 0;
}

describe("POST /api/outbox", () => {
  it("applies a batch in order through the caller, and a replayed batch (lost answer) applies none twice", async () => {
    const cookie = await sessionCookie(w.sessions.delegateA!.sessionId);
    const before = (await movementsWithKeys([])).rows.length;
    const b0 = await balance();
    const items = [entry(5), entry(3), exit(6), entry(1)];
    const first = await post({ userId: w.userIds.delegateA, items }, { cookie });
    expect(first.status).toBe(200);
    expect(first.results.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(first.results.map((r) => r.key)).toEqual(items.map((i) => i.key));
    const again = await post({ userId: w.userIds.delegateA, items }, { cookie });
    expect(again.results.map((r) => r.status)).toEqual(["ok", "ok", "ok", "ok"]);
    expect((await movementsWithKeys([])).rows.length).toBe(before + 4);
    expect(await balance()).toBeCloseTo(b0 + 3, 3);
  });

  it("an exit that would go below zero is refused with the reason on its field, and does not block the others", async () => {
    const cookie = await sessionCookie(w.sessions.delegateA!.sessionId);
    const b0 = await balance();
    const items = [exit(b0 + 1000), entry(2), { ...entry(1), input: { ...entry(1).input, itemId: "" } }];
    items[2]!.input.idempotencyKey = items[2]!.key;
    const r = await post({ userId: w.userIds.delegateA, items }, { cookie });
    expect(r.results[0]).toMatchObject({ status: "refused", code: "CONFLICT" });
    expect(r.results[0]!.message).toMatch(/^No alcanza/);
    expect(r.results[0]!.fieldErrors?.quantity?.[0]).toMatch(/^No alcanza/);
    expect(r.results[1]!.status).toBe("ok");
    // A missing product is named, not "Identificador no válido".
    expect(r.results[2]).toMatchObject({ status: "refused", code: "BAD_REQUEST" });
    expect(r.results[2]!.fieldErrors?.itemId).toEqual(["Elige un producto."]);
    expect(await balance()).toBeCloseTo(b0 + 2, 3);
  });

  it("answers unauthorized for every item without a session, or under another person's session, and applies nothing", async () => {
    const b0 = await balance();
    const items = [entry(7), entry(8)];
    const anon = await post({ userId: w.userIds.delegateA, items });
    expect(anon.results.map((r) => r.status)).toEqual(["unauthorized", "unauthorized"]);
    // Delegate B signed in on the same phone: A's queued changes are never sent as B's.
    const cookieB = await sessionCookie(w.sessions.delegateB!.sessionId);
    const other = await post({ userId: w.userIds.delegateA, items }, { cookie: cookieB });
    expect(other.results.map((r) => r.status)).toEqual(["unauthorized", "unauthorized"]);
    expect(other.results[0]!.message).toContain("otra persona");
    expect(await balance()).toBeCloseTo(b0, 3);
    // Once she signs in again, the same changes go through, once.
    const cookieA = await sessionCookie(w.sessions.delegateA!.sessionId);
    expect((await post({ userId: w.userIds.delegateA, items }, { cookie: cookieA })).results.map((r) => r.status)).toEqual(["ok", "ok"]);
    expect(await balance()).toBeCloseTo(b0 + 15, 3);
  });

  it("the same authorization as the API: another olla's item answers NOT_FOUND, and only delegate procedures are accepted", async () => {
    const cookieB = await sessionCookie(w.sessions.delegateB!.sessionId);
    const e = entry(1);
    const r = await post({ userId: w.userIds.delegateB, items: [e, { key: randomUUID(), procedure: "settings.update", input: {} }, { ...entry(1), key: randomUUID() }] }, { cookie: cookieB });
    expect(r.results[0]).toMatchObject({ status: "refused", code: "NOT_FOUND" });
    // Unknown procedure, and a key that is not the input's idempotency key: refused, nothing run.
    expect(r.results[1]).toMatchObject({ status: "refused", code: "BAD_REQUEST" });
    expect(r.results[2]).toMatchObject({ status: "refused", code: "BAD_REQUEST" });
  });

  it("refuses cross-site posts and batches that are too large", async () => {
    const cookie = await sessionCookie(w.sessions.delegateA!.sessionId);
    expect((await post({ userId: w.userIds.delegateA, items: [entry(1)] }, { cookie, origin: "https://evil.example" })).status).toBe(403);
    expect((await post({ userId: w.userIds.delegateA, items: Array.from({ length: 51 }, () => entry(1)) }, { cookie })).status).toBe(400);
  });

  it("an assessment and a profile edit queued offline are applied once when replayed (idempotency keys)", async () => {
    const cookie = await sessionCookie(w.sessions.delegateA!.sessionId);
    const me = w.caller("delegateA");
    const hist0 = (await me.assessment.history({ ollaId: w.ollas.a, category: "water" })).length;
    const { profile } = await me.olla.get({ ollaId: w.ollas.a });
    const ak = randomUUID();
    const pk = randomUUID();
    const { id: _id, updatedAt: _u, publicLocation: _p, ...editable } = profile;
    const items = [
      { key: ak, procedure: "assessment.record", input: { ollaId: w.ollas.a, idempotencyKey: ak, category: "water", level: 2, note: null, assessedOn: today } },
      { key: pk, procedure: "olla.update", input: { ...editable, ollaId: w.ollas.a, idempotencyKey: pk, rationsPerDay: profile.rationsPerDay + 1 } },
    ];
    expect((await post({ userId: w.userIds.delegateA, items }, { cookie })).results.map((r) => r.status)).toEqual(["ok", "ok"]);
    // The answer was lost; the phone sends both again: no second assessment, no stale-version refusal.
    expect((await post({ userId: w.userIds.delegateA, items }, { cookie })).results.map((r) => r.status)).toEqual(["ok", "ok"]);
    expect((await me.assessment.history({ ollaId: w.ollas.a, category: "water" })).length).toBe(hist0 + 1);
    expect((await me.olla.get({ ollaId: w.ollas.a })).profile.rationsPerDay).toBe(profile.rationsPerDay + 1);
  });
});
