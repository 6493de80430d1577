/**
 * The forms behind the offers pages, from the submitted fields to the database: the public
 * offer form (its fields as the page posts them), the delegate's answers (as DelegateForm and
 * its outbox send them) and "Resolver", which used to drop a need's item.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callDelegateProcedure } from "~/server/api/delegate";
import { formToInput, recordSource } from "~/shared/delegate-forms";
import { limaToday } from "~/shared/lima-day";
import { resolveFields } from "~/shared/need-resolve";
import { offerFormToInput } from "~/shared/offer-form";
import { anonFrom, freshContact, riceId, riceNeed, solvedPow } from "../helpers/offers";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

const A = () => w.caller("delegateA");

async function needOf(id: string) {
  const { items } = await A().need.list({ ollaId: w.ollas.a, limit: 200 });
  return items.find((n) => n.id === id)!;
}

describe("Resolver keeps the need's item", () => {
  it("a rice need marked met through the one-tap form still names rice", async () => {
    const needId = await riceNeed(w, "a", 50);
    const n = await needOf(needId);
    expect(n.itemId).toBe(await riceId(w));
    const fields = Object.fromEntries([...resolveFields(n), ["description", n.description], ["ollaId", w.ollas.a], ["idempotencyKey", randomUUID()]]);
    await callDelegateProcedure(A(), "need.update", formToInput("need.update", recordSource(fields)));
    const after = await needOf(needId);
    expect(after.status).toBe("met");
    expect(after.itemId).toBe(n.itemId);
    expect(after.quantity).toBe(50);
  });

  it("a need form that picks an item stores the item's unit, whatever the unit field says", async () => {
    const rice = await riceId(w);
    const input = formToInput(
      "need.create",
      recordSource({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), category: "food", description: "Arroz para la semana", quantity: "12,5", unit: "sacos", itemId: rice, urgency: "medium", visibility: "public" }),
    );
    const created = (await callDelegateProcedure(A(), "need.create", input)) as { id: string };
    const n = await needOf(created.id);
    expect(n).toMatchObject({ itemId: rice, quantity: 12.5, unit: "kg" });
  });
});

describe("the public offer form", () => {
  it("its fields make one offer, and the same form sent again makes no second one", async () => {
    const needId = await riceNeed(w, "a", 50);
    const fields = {
      needId,
      formKey: randomUUID(),
      quantity: "20",
      availableOn: limaToday(),
      deliveryMode: "pickup",
      supporterName: "Comedor parroquial",
      supporterKind: "parish",
      contact: freshContact(),
      message: "",
      thankByName: "on",
      website: "",
      altcha: await solvedPow(w),
    };
    const anon = anonFrom(w);
    const first = await anon.offer.create(offerFormToInput(recordSource(fields)) as never);
    const again = await anon.offer.create(offerFormToInput(recordSource(fields)) as never);
    expect(again).toEqual(first);
    const seen = await anon.offer.followUp({ token: first.token });
    expect(seen).toMatchObject({ status: "offered", quantity: 20, deliveryMode: "pickup", unit: "kg" });
  });

  it("a filled honeypot is refused and writes nothing", async () => {
    const needId = await riceNeed(w, "a", 50);
    const fields = { needId, formKey: randomUUID(), quantity: "5", availableOn: limaToday(), supporterName: "Bot", supporterKind: "company", contact: freshContact(), website: "http://spam", altcha: await solvedPow(w) };
    await expect(anonFrom(w).offer.create(offerFormToInput(recordSource(fields)) as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { items } = await A().offer.list({ ollaId: w.ollas.a, limit: 200 });
    expect(items.filter((o) => o.needId === needId)).toHaveLength(0);
  });

  it("the delegate's accept and delivery forms post the inflow once, from the source she confirmed", async () => {
    const needId = await riceNeed(w, "a", 50);
    const anon = anonFrom(w);
    const fields = { needId, formKey: randomUUID(), quantity: "20", availableOn: limaToday(), deliveryMode: "deliver", supporterName: "Rosa", supporterKind: "individual", contact: freshContact(), altcha: await solvedPow(w) };
    const { offerId, token } = await anon.offer.create(offerFormToInput(recordSource(fields)) as never);
    const base = { ollaId: w.ollas.a, offerId };
    await callDelegateProcedure(A(), "offer.accept", formToInput("offer.accept", recordSource({ ...base, idempotencyKey: randomUUID(), message: "Gracias, la esperamos", agreedOn: "" })));
    const deliver = formToInput("offer.deliver", recordSource({ ...base, idempotencyKey: randomUUID(), quantity: "15", occurredOn: limaToday(), source: "individual_donation" }));
    const r = (await callDelegateProcedure(A(), "offer.deliver", deliver)) as { movementId: number | null };
    expect(r.movementId).not.toBeNull();
    // The same submit again (a retry from the outbox) replays the first answer.
    expect(await callDelegateProcedure(A(), "offer.deliver", deliver)).toEqual(r);
    const seen = await anon.offer.followUp({ token });
    expect(seen).toMatchObject({ status: "delivered", deliveredQuantity: 15, replyMessage: "Gracias, la esperamos" });
    const p = await anon.offer.publicNeed({ needId });
    expect(p.progress).toMatchObject({ asked: 50, received: 15, committed: 0 });
  });
});
