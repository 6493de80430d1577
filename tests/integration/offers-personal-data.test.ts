/**
 * Supporters' personal data (issue 17 × Ley 29733): the name, phone or e-mail and message a
 * supporter gave with an offer are found, corrected and erased by a coordinator in scope like
 * every other person's, and erased by the retention purge once the offer is long settled. The
 * offer's facts (what, how much, received, the ledger entry) stay.
 */
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offers } from "~/server/db/schema";
import { purgePersonalData } from "~/server/services/personal-data";
import { limaToday } from "~/shared/lima-day";
import { ERASED_NAME } from "~/shared/personal-data";
import { acceptedOffer, makeOffer, riceNeed } from "../helpers/offers";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

const row = async (id: string) => (await t.db.select().from(offers).where(eq(offers.id, id)))[0]!;

describe("a supporter's data under Ley 29733", () => {
  it("a coordinator in scope finds, corrects and erases it; another zone's does not see it", async () => {
    const needId = await riceNeed(w);
    const { offerId, token } = await acceptedOffer(w, needId, { supporterName: "Julia Mamani Huanca", contact: "951 222 333", supporterKind: "individual" });
    await w.caller("delegateA").offer.deliver({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), offerId, quantity: 10, occurredOn: limaToday(), sourceType: "individual_donation" });

    const found = await w.caller("city").personalData.list({ q: "Julia Mamani" });
    expect(found).toEqual([expect.objectContaining({ kind: "supporter", id: offerId, name: "Julia Mamani Huanca", phone: "+51951222333", ollaId: w.ollas.a })]);
    expect(await w.caller("zoneSouth").personalData.list({ q: "Julia Mamani" })).toEqual([]);
    await expect(w.caller("zoneSouth").personalData.erase({ kind: "supporter", id: offerId })).rejects.toMatchObject({ code: "NOT_FOUND" });

    await w.caller("city").personalData.correct({ kind: "supporter", id: offerId, name: "Julia Mamani", phone: "+51951222444" });
    expect(await row(offerId)).toMatchObject({ supporterName: "Julia Mamani", contactPhone: "+51951222444" });

    await w.caller("city").personalData.erase({ kind: "supporter", id: offerId });
    const erased = await row(offerId);
    expect(erased).toMatchObject({ supporterName: ERASED_NAME, contactPhone: null, contactEmail: null, message: null, status: "delivered", deliveredQuantity: "10.000" });
    expect(erased.movementId).not.toBeNull();
    expect(erased.contactErasedAt).not.toBeNull();
    // Her follow-up link still shows the offer's facts.
    expect(await w.caller("anon").offer.followUp({ token })).toMatchObject({ status: "delivered", deliveredQuantity: 10 });
    const [listed] = await w.caller("city").personalData.list({ q: ERASED_NAME });
    expect(listed?.erasedAt).not.toBeNull();
  });

  it("the purge erases supporters of offers settled before the retention period, and keeps open ones", async () => {
    const needId = await riceNeed(w);
    const settled = await makeOffer(w, needId, { supporterName: "Antigua Donante", contact: "antigua@example.pe" });
    await w.caller("delegateA").offer.decline({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), offerId: settled.offerId, reason: "not_needed" });
    const open = await makeOffer(w, needId, { supporterName: "Reciente Donante" });
    // The declined one happened three years ago; the open one is today's.
    await t.db.execute(sql`update offers set created_at = now() - interval '3 years', decided_at = now() - interval '3 years' where id = ${settled.offerId}::uuid`);
    const r = await purgePersonalData(t.db, { now: new Date(Date.now() + 7 * 86_400_000), minIntervalMs: 0 });
    expect(r.supporters).toBeGreaterThanOrEqual(1);
    expect(await row(settled.offerId)).toMatchObject({ supporterName: ERASED_NAME, contactEmail: null, status: "declined" });
    expect(await row(open.offerId)).toMatchObject({ supporterName: "Reciente Donante", contactErasedAt: null });
  });
});
