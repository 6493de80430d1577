import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stockItems, stockMovements, stockTransfers } from "~/server/db/schema";
import { limaToday } from "~/shared/lima-day";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { diffCounts, tableCounts } from "../security/procedures";

let t: TestDb;
let w: World;
let rice: string;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  rice = (await t.db.select({ id: stockItems.id }).from(stockItems).where(eq(stockItems.code, "arroz")))[0]!.id;
});
afterAll(async () => t?.close());

const key = () => randomUUID();
const A = () => w.caller("delegateA");
const B = () => w.caller("delegateB");

async function stockA(quantity: number) {
  await A().stock.recordEntry({ ollaId: w.ollas.a, idempotencyKey: key(), itemId: rice, unit: "kg", quantity, occurredOn: limaToday(), sourceType: "purchase" });
}
async function balance(who: "delegateA" | "delegateB", ollaId: string) {
  const { items } = await w.caller(who).stock.levels({ ollaId });
  return items.find((i) => i.itemId === rice)?.balance ?? 0;
}
async function offer(quantity: number) {
  return (await A().transfer.offer({ ollaId: w.ollas.a, idempotencyKey: key(), toOllaId: w.ollas.b, itemId: rice, unit: "kg", quantity, note: "Nos sobró de la donación" })).transferId;
}

describe("solidarity transfers", () => {
  it("offered by A, accepted by B: the exit and the entry appear in both ledgers, once", async () => {
    await stockA(30);
    const a0 = await balance("delegateA", w.ollas.a);
    const b0 = await balance("delegateB", w.ollas.b);
    const id = await offer(12.5);
    // Offering moves nothing yet.
    expect(await balance("delegateA", w.ollas.a)).toBe(a0);
    const incoming = await B().transfer.list({ ollaId: w.ollas.b });
    expect(incoming.find((x) => x.id === id)).toMatchObject({ incoming: true, status: "offered", fromOllaName: "Olla A Virgen de Guadalupe", quantity: 12.5 });
    const acceptInput = { ollaId: w.ollas.b, idempotencyKey: key(), transferId: id };
    const res = await B().transfer.accept(acceptInput);
    expect(res.status).toBe("accepted");
    expect(await balance("delegateA", w.ollas.a)).toBe(a0 - 12.5);
    expect(await balance("delegateB", w.ollas.b)).toBe(b0 + 12.5);
    const rows = await t.db.select().from(stockMovements).where(eq(stockMovements.transferId, id));
    expect(rows.map((r) => [r.ollaId, r.direction, r.exitReason, r.quantity]).sort()).toEqual(
      [
        [w.ollas.a, "out", "transferred", "12.500"],
        [w.ollas.b, "in", null, "12.500"],
      ].sort(),
    );
    // Both histories name the other olla.
    const histA = await A().stock.movements({ ollaId: w.ollas.a, itemId: rice });
    expect(histA.find((m) => m.transferId === id)!.counterpartOllaName).toBe("Olla B Manos Unidas");
    const histB = await B().stock.movements({ ollaId: w.ollas.b, itemId: rice });
    expect(histB.find((m) => m.transferId === id)!.counterpartOllaName).toBe("Olla A Virgen de Guadalupe");
    // A replay of the acceptance returns the same answer and moves nothing again.
    expect(await B().transfer.accept(acceptInput)).toEqual(res);
    expect(await t.db.select().from(stockMovements).where(eq(stockMovements.transferId, id))).toHaveLength(2);
    // Deciding twice is refused; transfer halves are not reversible one by one.
    await expect(B().transfer.decline({ ollaId: w.ollas.b, idempotencyKey: key(), transferId: id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(A().stock.reverse({ ollaId: w.ollas.a, idempotencyKey: key(), movementId: res.exitId })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("when A no longer has enough at acceptance, nothing is written and the offer stays open", async () => {
    const start = await balance("delegateA", w.ollas.a);
    await stockA(5);
    const id = await offer(start + 5);
    // A cooks most of it before B answers.
    await A().stock.recordExit({ ollaId: w.ollas.a, idempotencyKey: key(), itemId: rice, unit: "kg", quantity: 3, occurredOn: limaToday(), reason: "cooked" });
    const before = await tableCounts(t.db);
    await expect(B().transfer.accept({ ollaId: w.ollas.b, idempotencyKey: key(), transferId: id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "transfers.errors.insufficientAtSource",
    });
    expect(diffCounts(before, await tableCounts(t.db), ["audit_log(denied)"])).toEqual([]);
    const [tr] = await t.db.select().from(stockTransfers).where(eq(stockTransfers.id, id));
    expect(tr!.status).toBe("offered");
  });

  it("a failure between the two halves (the receiver's entry) rolls back the giver's exit too", async () => {
    await stockA(4);
    const a0 = await balance("delegateA", w.ollas.a);
    const id = await offer(4);
    // Make the database refuse the receiving side only, after the giver's exit was inserted.
    await t.db.execute(sql.raw(`create function test_fail_b() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`));
    await t.db.execute(
      sql.raw(`create trigger test_fail_b before insert on stock_movements for each row when (new.olla_id = '${w.ollas.b}' and new.transfer_id is not null) execute function test_fail_b()`),
    );
    try {
      const before = await tableCounts(t.db);
      await expect(B().transfer.accept({ ollaId: w.ollas.b, idempotencyKey: key(), transferId: id })).rejects.toThrow();
      expect(diffCounts(before, await tableCounts(t.db), ["audit_log(denied)"])).toEqual([]);
      expect(await t.db.select().from(stockMovements).where(eq(stockMovements.transferId, id))).toHaveLength(0);
      expect(await balance("delegateA", w.ollas.a)).toBe(a0);
    } finally {
      await t.db.execute(sql.raw(`drop trigger test_fail_b on stock_movements`));
      await t.db.execute(sql.raw(`drop function test_fail_b()`));
    }
    // Once the fault is gone the same offer goes through.
    await B().transfer.accept({ ollaId: w.ollas.b, idempotencyKey: key(), transferId: id });
    expect(await t.db.select().from(stockMovements).where(eq(stockMovements.transferId, id))).toHaveLength(2);
  });

  it("B declines or A withdraws: nothing moves", async () => {
    await stockA(2);
    const a0 = await balance("delegateA", w.ollas.a);
    const d = await offer(1);
    expect((await B().transfer.decline({ ollaId: w.ollas.b, idempotencyKey: key(), transferId: d })).status).toBe("declined");
    const c = await offer(1);
    expect((await A().transfer.cancel({ ollaId: w.ollas.a, idempotencyKey: key(), transferId: c })).status).toBe("cancelled");
    await expect(B().transfer.accept({ ollaId: w.ollas.b, idempotencyKey: key(), transferId: c })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await balance("delegateA", w.ollas.a)).toBe(a0);
  });

  it("only the receiving olla's delegate decides; other ollas get NOT_FOUND", async () => {
    await stockA(1);
    const id = await offer(1);
    // A cannot accept her own offer (it is not addressed to her olla); B cannot withdraw it.
    await expect(A().transfer.accept({ ollaId: w.ollas.a, idempotencyKey: key(), transferId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(B().transfer.cancel({ ollaId: w.ollas.b, idempotencyKey: key(), transferId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(B().transfer.accept({ ollaId: w.ollas.a, idempotencyKey: key(), transferId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.caller("zoneNorth").transfer.accept({ ollaId: w.ollas.b, idempotencyKey: key(), transferId: id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await w.caller("zoneSouth").transfer.list({ ollaId: w.ollas.c })).some((x) => x.id === id)).toBe(false);
  });

  it("bad offers are field errors: own olla, unknown olla, an olla's own item, more than the balance", async () => {
    const own = await A().stock.addItem({ ollaId: w.ollas.a, idempotencyKey: key(), name: "Mermelada casera", unit: "kg", kgPerUnit: 1 });
    await A().stock.recordEntry({ ollaId: w.ollas.a, idempotencyKey: key(), itemId: own.id, unit: "kg", quantity: 3, occurredOn: limaToday(), sourceType: "member_contribution" });
    const base = { ollaId: w.ollas.a, itemId: rice, unit: "kg" as const, quantity: 1, toOllaId: w.ollas.b };
    const cases: [Record<string, unknown>, string][] = [
      [{ toOllaId: w.ollas.a }, "transfers.validation.sameOlla"],
      [{ toOllaId: randomUUID() }, "transfers.validation.unknownOlla"],
      [{ itemId: own.id }, "transfers.validation.networkItemOnly"],
      [{ quantity: 99_999 }, "stock.errors.insufficient"],
    ];
    const before = await tableCounts(t.db);
    for (const [over, message] of cases) {
      await expect(A().transfer.offer({ ...base, idempotencyKey: key(), ...over } as never)).rejects.toMatchObject({ message });
    }
    expect(diffCounts(before, await tableCounts(t.db), ["audit_log(denied)"])).toEqual([]);
  });
});
