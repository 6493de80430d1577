import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "~/server/db/client";
import { auditLog, idempotencyKeys, stockItems, stockMovements, stockSources } from "~/server/db/schema";
import { balanceOf, daysOfStock } from "~/server/domain/stock";
import { addDays, limaToday } from "~/shared/lima-day";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { sessionCookie, trpcHttp, useTestDbInApp } from "../security/http";
import { tableCounts, diffCounts } from "../security/procedures";

let t: TestDb;
let w: World;
const items: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  useTestDbInApp(t);
  for (const r of await t.db.select({ id: stockItems.id, code: stockItems.code }).from(stockItems)) if (r.code) items[r.code] = r.id;
});
afterAll(async () => t?.close());

const today = limaToday();
const key = () => randomUUID();

function entry(over: Record<string, unknown> = {}) {
  return {
    ollaId: w.ollas.a,
    idempotencyKey: key(),
    itemId: items.arroz!,
    unit: "kg" as const,
    quantity: 10,
    occurredOn: today,
    sourceType: "purchase" as const,
    ...over,
  };
}
function exit(over: Record<string, unknown> = {}) {
  return { ollaId: w.ollas.a, idempotencyKey: key(), itemId: items.arroz!, unit: "kg" as const, quantity: 1, occurredOn: today, reason: "cooked" as const, ...over };
}

async function level(ollaId: string, itemId: string) {
  const { items: rows } = await w.caller("delegateA").stock.levels({ ollaId });
  return rows.find((r) => r.itemId === itemId);
}

/** A fresh olla-own item, so each scenario starts from an empty ledger. */
async function freshItem(unit: "kg" | "unit" = "kg") {
  const r = await w.caller("delegateA").stock.addItem({ ollaId: w.ollas.a, idempotencyKey: key(), name: `Prueba ${randomUUID().slice(0, 8)}`, unit, kgPerUnit: 1 });
  return r.id;
}

describe("stock entries and exits", () => {
  it("an entry and an exit change the balance and the days left, each with an audit row", async () => {
    const me = w.caller("delegateA");
    const item = await freshItem();
    const e = await me.stock.recordEntry(entry({ itemId: item, quantity: 40.5, occurredOn: addDays(today, -3) }));
    expect(e.balance).toBe(40.5);
    expect((await level(w.ollas.a, item))!.daysLeft).toBeNull(); // nothing cooked yet: unknown, not infinite
    const x = await me.stock.recordExit(exit({ itemId: item, quantity: 2.8, occurredOn: addDays(today, -1) }));
    expect(x.balance).toBe(37.7);
    const l = (await level(w.ollas.a, item))!;
    expect(l.balance).toBe(37.7);
    expect(l.consumedInWindow).toBe(2.8);
    // 2.8 kg in 28 days = 0.1 kg a day: 37.7 kg last 377 days.
    expect(l.daysLeft).toBe(daysOfStock(37.7, 2.8));
    expect(l.daysLeft).toBe(377);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, "stock_movement"), eq(auditLog.ollaId, w.ollas.a)));
    expect(audits.map((a) => a.entityId)).toEqual(expect.arrayContaining([String(e.movementId), String(x.movementId)]));
  });

  it("an exit beyond the balance is a CONFLICT that names what is left, and writes nothing", async () => {
    const item = await freshItem();
    await w.caller("delegateA").stock.recordEntry(entry({ itemId: item, quantity: 3 }));
    const before = await tableCounts(t.db);
    await expect(w.caller("delegateA").stock.recordExit(exit({ itemId: item, quantity: 3.001 }))).rejects.toMatchObject({ code: "CONFLICT", message: "stock.errors.insufficient" });
    expect(diffCounts(before, await tableCounts(t.db), ["audit_log(denied)"])).toEqual([]);
    expect((await level(w.ollas.a, item))!.balance).toBe(3);
  });

  it("institutional entries name their source: picked from the list or added once (case-insensitive)", async () => {
    const me = w.caller("delegateA");
    const a = await me.stock.recordEntry(entry({ sourceType: "parish", newSourceName: "Parroquia San Marcos" }));
    const b = await me.stock.recordEntry(entry({ sourceType: "parish", newSourceName: "parroquia san marcos" }));
    const srcs = await t.db.select().from(stockSources).where(sql`lower(${stockSources.name}) = 'parroquia san marcos'`);
    expect(srcs).toHaveLength(1);
    const rows = await t.db.select().from(stockMovements).where(sql`${stockMovements.id} in (${a.movementId}, ${b.movementId})`);
    expect(rows.every((r) => r.sourceId === srcs[0]!.id && r.sourceType === "parish")).toBe(true);
    const listed = await w.caller("delegateB").stock.sources({ ollaId: w.ollas.b, type: "parish" });
    expect(listed.map((s) => s.name)).toContain("Parroquia San Marcos");
    await me.stock.recordEntry(entry({ sourceType: "parish", sourceId: srcs[0]!.id, valueCents: 12_000 }));
    // An institution of another type is not this source.
    await expect(me.stock.recordEntry(entry({ sourceType: "ngo", sourceId: srcs[0]!.id }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // An institutional type without a source, and a purchase with one, are refused.
    await expect(me.stock.recordEntry(entry({ sourceType: "municipal_program" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(me.stock.recordEntry(entry({ sourceType: "purchase", sourceId: srcs[0]!.id }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("warns about low stock of a staple and about lots that expire soon, first in first out", async () => {
    const me = w.caller("delegateA");
    // Menestras: a staple of the network's settings, untouched by the other tests of this file.
    const item = items.menestras!;
    await me.stock.recordEntry(entry({ itemId: item, quantity: 10, occurredOn: addDays(today, -20), expiresOn: addDays(today, 3) }));
    await me.stock.recordEntry(entry({ itemId: item, quantity: 10, occurredOn: addDays(today, -10), expiresOn: addDays(today, 60) }));
    let l = (await level(w.ollas.a, item))!;
    expect(l.staple).toBe(true);
    expect(l.warnings).toEqual([{ kind: "expiring", quantity: 10, expiresOn: addDays(today, 3) }]);
    // Cooking 14 kg uses the older lot first (all 10 kg) and 4 kg of the newer: 6 kg remain, all from the newer lot.
    await me.stock.recordExit(exit({ itemId: item, quantity: 14, occurredOn: addDays(today, -1) }));
    l = (await level(w.ollas.a, item))!;
    // 6 kg at 0.5 kg a day = 12 days: not low (threshold 7), and the expiring lot is used up.
    expect(l.warnings).toEqual([]);
    await me.stock.recordExit(exit({ itemId: item, quantity: 4 }));
    l = (await level(w.ollas.a, item))!;
    // 2 kg at 18/28 kg a day = 3.1 days: low.
    expect(l.warnings).toEqual([{ kind: "low", daysLeft: 3.1 }]);
    await me.stock.recordExit(exit({ itemId: item, quantity: 2 }));
    expect((await level(w.ollas.a, item))!.warnings).toEqual([{ kind: "out" }]);
  });

  it("an item that is not a staple shows its days left but no low-stock warning", async () => {
    const me = w.caller("delegateA");
    const item = await freshItem();
    await me.stock.recordEntry(entry({ itemId: item, quantity: 2, occurredOn: addDays(today, -5) }));
    await me.stock.recordExit(exit({ itemId: item, quantity: 1.5 }));
    const l = (await level(w.ollas.a, item))!;
    expect(l.daysLeft).toBe(9.3);
    expect(l.warnings).toEqual([]);
  });
});

describe("balance = sum of the movements (property)", () => {
  it("for random sequences of entries, exits and reversals, the balance is the sum of what was accepted", async () => {
    const me = w.caller("delegateA");
    const op = fc.oneof(
      fc.record({ kind: fc.constant("in" as const), milli: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({ kind: fc.constant("out" as const), milli: fc.integer({ min: 1, max: 50_000 }) }),
      fc.record({ kind: fc.constant("reverse" as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 8 }), async (ops) => {
        const item = await freshItem();
        const accepted: { id: number; direction: "in" | "out"; quantity: number; reversed: boolean }[] = [];
        for (const o of ops) {
          const model = balanceOf(accepted.flatMap((m) => [m, ...(m.reversed ? [{ direction: m.direction === "in" ? ("out" as const) : ("in" as const), quantity: m.quantity }] : [])]));
          if (o.kind === "in") {
            const r = await me.stock.recordEntry(entry({ itemId: item, quantity: o.milli / 1000 }));
            accepted.push({ id: r.movementId, direction: "in", quantity: o.milli / 1000, reversed: false });
          } else if (o.kind === "out") {
            const q = o.milli / 1000;
            const p = me.stock.recordExit(exit({ itemId: item, quantity: q }));
            if (q > model + 1e-9) await expect(p).rejects.toMatchObject({ code: "CONFLICT" });
            else accepted.push({ id: (await p).movementId, direction: "out", quantity: q, reversed: false });
          } else if (accepted.length > 0) {
            const target = accepted[o.pick % accepted.length]!;
            const p = me.stock.reverse({ ollaId: w.ollas.a, idempotencyKey: key(), movementId: target.id });
            if (target.reversed || (target.direction === "in" && target.quantity > model + 1e-9)) await expect(p).rejects.toMatchObject({ code: "CONFLICT" });
            else {
              await p;
              target.reversed = true;
            }
          }
        }
        const expected = balanceOf(accepted.flatMap((m) => [m, ...(m.reversed ? [{ direction: m.direction === "in" ? ("out" as const) : ("in" as const), quantity: m.quantity }] : [])]));
        const got = (await level(w.ollas.a, item))?.balance ?? 0;
        expect(Math.round(got * 1000)).toBe(Math.round(expected * 1000));
        // And straight from the table, as a cross-check of the query.
        const [raw] = rowsOf<{ b: string }>(
          await t.db.execute(sql`select coalesce(sum(case when direction = 'in' then quantity else -quantity end), 0)::text as b from stock_movements where item_id = ${item}`),
        );
        expect(Number(raw!.b)).toBe(got);
        expect(got).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: Math.max(10, Math.round(Number(process.env.FC_NUM_RUNS ?? 150) / 5)) },
    );
  });
});

describe("idempotency", () => {
  it("the same key replayed returns the first result and writes nothing; another payload with it is a CONFLICT", async () => {
    const me = w.caller("delegateA");
    const item = await freshItem();
    const input = entry({ itemId: item, quantity: 5 });
    const first = await me.stock.recordEntry(input);
    const before = await tableCounts(t.db);
    const again = await me.stock.recordEntry({ ...input });
    expect(again).toEqual(first);
    expect(diffCounts(before, await tableCounts(t.db))).toEqual([]);
    await expect(me.stock.recordEntry({ ...input, quantity: 6 })).rejects.toMatchObject({ code: "CONFLICT", message: "idempotency.mismatch" });
    // The same key on another procedure is refused too.
    await expect(me.stock.recordExit(exit({ itemId: item, idempotencyKey: input.idempotencyKey }))).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await level(w.ollas.a, item))!.balance).toBe(5);
    const keys = await t.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, input.idempotencyKey));
    expect(keys).toHaveLength(1);
  });

  it("a replayed exit returns its first answer even when the stock has since run out", async () => {
    const me = w.caller("delegateA");
    const item = await freshItem();
    await me.stock.recordEntry(entry({ itemId: item, quantity: 2 }));
    const input = exit({ itemId: item, quantity: 2 });
    const first = await me.stock.recordExit(input);
    expect(first.balance).toBe(0);
    expect(await me.stock.recordExit(input)).toEqual(first);
    expect((await level(w.ollas.a, item))!.balance).toBe(0);
  });

  it("a failed mutation stores no key: its retry is evaluated afresh", async () => {
    const me = w.caller("delegateA");
    const item = await freshItem();
    const input = exit({ itemId: item, quantity: 1 });
    await expect(me.stock.recordExit(input)).rejects.toMatchObject({ code: "CONFLICT" });
    await me.stock.recordEntry(entry({ itemId: item, quantity: 1 }));
    expect((await me.stock.recordExit(input)).balance).toBe(0);
  });
});

describe("reversal", () => {
  it("reversing keeps the original, marks it reversed, corrects the balance, and cannot happen twice", async () => {
    const me = w.caller("delegateA");
    const item = await freshItem();
    const e = await me.stock.recordEntry(entry({ itemId: item, quantity: 8 }));
    const x = await me.stock.recordExit(exit({ itemId: item, quantity: 3 }));
    const r = await me.stock.reverse({ ollaId: w.ollas.a, idempotencyKey: key(), movementId: x.movementId });
    expect(r.balance).toBe(8);
    const hist = await me.stock.movements({ ollaId: w.ollas.a, itemId: item });
    expect(hist.map((h) => [h.id, h.direction, h.quantity, h.reversed, h.reversesId])).toEqual([
      [r.movementId, "in", 3, false, x.movementId],
      [x.movementId, "out", 3, true, null],
      [e.movementId, "in", 8, false, null],
    ]);
    await expect(me.stock.reverse({ ollaId: w.ollas.a, idempotencyKey: key(), movementId: x.movementId })).rejects.toMatchObject({ code: "CONFLICT", message: "stock.errors.alreadyReversed" });
    await expect(me.stock.reverse({ ollaId: w.ollas.a, idempotencyKey: key(), movementId: r.movementId })).rejects.toMatchObject({ code: "CONFLICT" });
    // A reversed cooking exit no longer counts as consumption.
    expect((await level(w.ollas.a, item))!.consumedInWindow).toBe(0);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "reverse"), eq(auditLog.entityId, String(x.movementId))));
    expect(audit).toHaveLength(1);
  });

  it("the history pages back by id with a cursor, as the phone's infinite list asks", async () => {
    const me = w.caller("delegateA");
    const item = await freshItem();
    for (let i = 1; i <= 5; i++) await me.stock.recordEntry(entry({ itemId: item, quantity: i }));
    const p1 = await me.stock.movements({ ollaId: w.ollas.a, itemId: item, limit: 2, direction: "forward" });
    const p2 = await me.stock.movements({ ollaId: w.ollas.a, itemId: item, limit: 2, cursor: p1[1]!.id, direction: "forward" });
    const p3 = await me.stock.movements({ ollaId: w.ollas.a, itemId: item, limit: 2, cursor: p2[1]!.id });
    expect([...p1, ...p2, ...p3].map((m) => m.quantity)).toEqual([5, 4, 3, 2, 1]);
  });

  it("an entry already partly used cannot be reversed (stock would go below zero)", async () => {
    const me = w.caller("delegateA");
    const item = await freshItem();
    const e = await me.stock.recordEntry(entry({ itemId: item, quantity: 5 }));
    await me.stock.recordExit(exit({ itemId: item, quantity: 1 }));
    await expect(me.stock.reverse({ ollaId: w.ollas.a, idempotencyKey: key(), movementId: e.movementId })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "stock.errors.reversalWouldGoNegative",
    });
    expect((await level(w.ollas.a, item))!.balance).toBe(4);
  });
});

describe("the database keeps the ledger append-only", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of movements, and a reversal that does not mirror its original", async () => {
    const r = await w.caller("delegateA").stock.recordEntry(entry({ quantity: 1 }));
    await expect(t.db.update(stockMovements).set({ quantity: "999" }).where(eq(stockMovements.id, r.movementId))).rejects.toThrow();
    await expect(t.db.delete(stockMovements).where(eq(stockMovements.id, r.movementId))).rejects.toThrow();
    await expect(t.db.execute(sql`truncate stock_movements cascade`)).rejects.toThrow();
    await expect(
      t.db.insert(stockMovements).values({ ollaId: w.ollas.a, itemId: items.arroz!, unit: "kg", direction: "out", quantity: "5.000", occurredOn: today, reversesId: r.movementId }),
    ).rejects.toThrow(); // quantity differs from the original's
    await expect(
      t.db.insert(stockMovements).values({ ollaId: w.ollas.a, itemId: items.aceite!, unit: "kg", direction: "in", quantity: "1", occurredOn: today, sourceType: "purchase" }),
    ).rejects.toThrow(); // aceite is measured in litres: the (item, unit) foreign key refuses kg
    const [row] = await t.db.select().from(stockMovements).where(eq(stockMovements.id, r.movementId));
    expect(row!.quantity).toBe("1.000");
  });
});

describe("bad input gets a translated field error and writes nothing", () => {
  it("unknown item, wrong unit, zero/negative/absurd quantity, fractions of a counted unit, future date, over-long text", async () => {
    const cookie = await sessionCookie(w.sessions.delegateA!.sessionId);
    const own = await freshItem();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ itemId: randomUUID() }, "itemId", /no está en el catálogo/],
      [{ unit: "l" }, "unit", /se mide en kg/],
      [{ quantity: 0 }, "quantity", /mayor que cero/],
      [{ quantity: -3 }, "quantity", /mayor que cero/],
      [{ quantity: 5_000_000 }, "quantity", /demasiado grande/],
      [{ quantity: 1.23456 }, "quantity", /3 decimales/],
      [{ itemId: items.huevos!, unit: "unit", quantity: 2.5 }, "quantity", /unidades enteras/],
      [{ occurredOn: addDays(today, 2) }, "occurredOn", /después de mañana/],
      [{ occurredOn: "2026-02-30" }, "occurredOn", /fecha/],
      [{ note: "x".repeat(301) }, "note", /Máximo 300/],
      [{ sourceType: "ngo", newSourceName: "y".repeat(121) }, "newSourceName", /Máximo 120/],
    ];
    const before = await tableCounts(t.db);
    for (const [over, field, message] of cases) {
      const res = await trpcHttp("stock.recordEntry", "mutation", entry({ itemId: own, ...over }), { cookie });
      expect(res.status, JSON.stringify(over)).toBe(400);
      const data = (res.json as { error: { json: { data: { fieldErrors: Record<string, string[]> } } } }).error.json.data;
      expect(data.fieldErrors[field]?.[0], `${JSON.stringify(over)} → ${JSON.stringify(data.fieldErrors)}`).toMatch(message);
    }
    // The exit form too, in English.
    const en = await trpcHttp("stock.recordExit", "mutation", exit({ itemId: own, unit: "can" }), { cookie: `${cookie}; NEXT_LOCALE=en` });
    expect(en.status).toBe(400);
    expect(diffCounts(before, await tableCounts(t.db), ["audit_log(denied)"])).toEqual([]);
  });
});

describe("scope", () => {
  it("another olla's stock and movements answer NOT_FOUND; coordinators in scope read but do not write", async () => {
    const a = await w.caller("delegateA").stock.recordEntry(entry({ quantity: 2 }));
    const b = w.caller("delegateB");
    await expect(b.stock.levels({ ollaId: w.ollas.a })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.stock.movements({ ollaId: w.ollas.a })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(b.stock.recordExit(exit({ quantity: 1 }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Olla A's movement named through olla B: NOT_FOUND, and nothing is reversed.
    await expect(b.stock.reverse({ ollaId: w.ollas.b, idempotencyKey: key(), movementId: a.movementId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.caller("delegateA").stock.movements({ ollaId: w.ollas.a })).find((m) => m.id === a.movementId)!.reversed).toBe(false);
    await expect(w.caller("zoneSouth").stock.levels({ ollaId: w.ollas.a })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await w.caller("zoneNorth").stock.levels({ ollaId: w.ollas.a })).items.length).toBeGreaterThan(0);
    await expect(w.caller("zoneNorth").stock.recordEntry(entry())).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Olla A's own item is not in olla B's catalogue, and cannot be used there.
    const own = await freshItem();
    expect((await b.stock.catalogue({ ollaId: w.ollas.b })).some((i) => i.id === own)).toBe(false);
    await expect(b.stock.recordEntry(entry({ ollaId: w.ollas.b, itemId: own }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("no exit below zero under concurrency", () => {
  // On PostgreSQL the calls race over a pool of connections (the advisory lock is what holds);
  // PGlite is one connection and runs them one after another: there the invariant is checked,
  // not the contention.
  it("balance 20, 50 concurrent exits of 1: exactly 20 succeed, 30 get CONFLICT, final balance 0", async () => {
    const me = w.caller("delegateA");
    const item = await freshItem("unit");
    await me.stock.recordEntry(entry({ itemId: item, unit: "unit", quantity: 20 }));
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => me.stock.recordExit(exit({ itemId: item, unit: "unit", quantity: 1 }))));
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(20);
    expect(refused).toHaveLength(30);
    expect(refused.every((r) => (r.reason as { code?: string }).code === "CONFLICT")).toBe(true);
    expect((await level(w.ollas.a, item))!.balance).toBe(0);
    const balances = ok.map((r) => (r as PromiseFulfilledResult<{ balance: number }>).value.balance).sort((x, y) => x - y);
    expect(balances).toEqual(Array.from({ length: 20 }, (_, i) => i)); // each success saw a distinct, final balance
  });

  it("the same key sent 10 times at once writes one movement", async () => {
    const me = w.caller("delegateA");
    const item = await freshItem();
    const input = entry({ itemId: item, quantity: 1 });
    const results = await Promise.all(Array.from({ length: 10 }, () => me.stock.recordEntry({ ...input })));
    expect(new Set(results.map((r) => r.movementId)).size).toBe(1);
    expect((await level(w.ollas.a, item))!.balance).toBe(1);
  });
});
