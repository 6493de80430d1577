/**
 * Offers in tests: a public need of an olla that names rice (50 kg), a solved proof of work
 * (the real altcha-lib v1 solver, at a low cost), and an offer made by a signed-out caller from
 * an address of its own (so fixtures never run into the per-address limit their tests measure).
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { solveChallenge } from "altcha-lib/v1";
import { appRouter } from "~/server/api/root";
import { createCallerFactory, createInnerContext } from "~/server/api/trpc";
import { stockItems } from "~/server/db/schema";
import { limaToday } from "~/shared/lima-day";
import type { World } from "./world";

// Cheap challenges in tests (read per call by the server): a few hundred hashes each.
process.env.OFFER_POW_MAX_NUMBER ??= "300";

const createCaller = createCallerFactory(appRouter);
let addressSeq = 0;
/** A signed-out caller from its own loopback address (or the one given). */
export function anonFrom(w: World, clientAddress = `127.1.${Math.floor(++addressSeq / 250) % 250}.${(addressSeq % 250) + 1}`) {
  return createCaller(createInnerContext({ db: w.db, session: null, clientAddress }));
}

export async function riceId(w: World): Promise<string> {
  return (await w.db.select({ id: stockItems.id }).from(stockItems).where(eq(stockItems.code, "arroz")))[0]!.id;
}

/** A public need of olla A (or B) for `quantity` kg of rice, through the delegate's procedure. */
export async function riceNeed(w: World, olla: "a" | "b" = "a", quantity = 50, visibility: "public" | "network" = "public") {
  const who = olla === "a" ? "delegateA" : "delegateB";
  const n = await w.caller(who).need.create({
    ollaId: w.ollas[olla],
    idempotencyKey: randomUUID(),
    category: "food",
    description: `Arroz para el mes (${quantity} kg)`,
    itemId: await riceId(w),
    quantity,
    urgency: "high",
    visibility,
  });
  return n.id;
}

/** A solved challenge as the widget would send it (base64 JSON). */
export async function solvedPow(w: World): Promise<string> {
  const c = await w.caller("anon").offer.challenge();
  const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
  if (!solution) throw new Error("challenge not solved");
  return Buffer.from(JSON.stringify({ algorithm: c.algorithm, challenge: c.challenge, number: solution.number, salt: c.salt, signature: c.signature })).toString("base64");
}

let contactSeq = 0;
/** A fresh Peruvian mobile per offer (per-contact limits are tested on purpose, not by accident). */
export const freshContact = () => `9${String(10_000_000 + ((Date.now() + ++contactSeq * 7919) % 89_999_999)).padStart(8, "0")}`;

export async function offerInput(w: World, needId: string, over: Record<string, unknown> = {}) {
  return {
    needId,
    formKey: randomUUID(),
    quantity: 20,
    availableOn: limaToday(),
    deliveryMode: "deliver" as const,
    supporterName: "Parroquia San Martín de Porres",
    supporterKind: "parish" as const,
    contact: freshContact(),
    message: "Podemos llevarlo el sábado en la mañana.",
    thankByName: true,
    altcha: await solvedPow(w),
    ...over,
  };
}

/** An offer toward `needId` made by a signed-out supporter; its id and follow-up token. */
export async function makeOffer(w: World, needId: string, over: Record<string, unknown> = {}) {
  return anonFrom(w).offer.create((await offerInput(w, needId, over)) as never);
}

/** A fresh offer of olla A, accepted by its delegate. */
export async function acceptedOffer(w: World, needId: string, over: Record<string, unknown> = {}) {
  const o = await makeOffer(w, needId, over);
  await w.caller("delegateA").offer.accept({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), offerId: o.offerId });
  return o;
}
