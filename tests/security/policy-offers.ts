/**
 * Authorization policy of the offer procedures (spread into tests/security/policy.ts).
 * Shapes are spelled out here (not imported from policy.ts, which imports this file).
 */
import { randomUUID } from "node:crypto";
import { limaToday } from "~/shared/lima-day";
import type { World } from "../helpers/world";
import { acceptedOffer, makeOffer, offerInput, riceNeed } from "../helpers/offers";
import type { Actor, Outcome, Policy } from "./policy";

const all = (o: Outcome): Record<Actor, Outcome> => ({ anon: o, noRole: o, delegateA: o, delegateB: o, zoneNorth: o, zoneSouth: o, city: o, deactivated: o });
const PUBLIC = all("allow");
const OLLA_A_MEMBERS: Record<Actor, Outcome> = {
  anon: "UNAUTHORIZED", noRole: "NOT_FOUND", delegateA: "allow", delegateB: "NOT_FOUND", zoneNorth: "allow", zoneSouth: "NOT_FOUND", city: "allow", deactivated: "NOT_FOUND",
};
const OLLA_A_DELEGATE: Record<Actor, Outcome> = { ...OLLA_A_MEMBERS, zoneNorth: "FORBIDDEN", city: "FORBIDDEN" };
const COORDINATORS: Record<Actor, Outcome> = {
  anon: "UNAUTHORIZED", noRole: "FORBIDDEN", delegateA: "FORBIDDEN", delegateB: "FORBIDDEN", zoneNorth: "allow", zoneSouth: "allow", city: "allow", deactivated: "FORBIDDEN",
};

// One public rice need of olla A per world, made on first use.
const needs = new WeakMap<World, Promise<string>>();
function needOf(w: World): Promise<string> {
  let n = needs.get(w);
  if (!n) needs.set(w, (n = riceNeed(w, "a", 500)));
  return n;
}

export const offerPolicies: Record<string, Policy> = {
  "offer.publicNeed": { input: async (w) => ({ needId: await needOf(w) }), expect: PUBLIC },
  "offer.challenge": { input: () => ({}), expect: PUBLIC },
  "offer.create": { input: async (w) => offerInput(w, await needOf(w), { quantity: 1 }), expect: PUBLIC },
  "offer.followUp": { input: async (w) => ({ token: (await makeOffer(w, await needOf(w), { quantity: 1 })).token }), expect: PUBLIC },
  "offer.withdraw": { input: async (w) => ({ token: (await makeOffer(w, await needOf(w), { quantity: 1 })).token }), expect: PUBLIC },
  "offer.list": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "offer.newCount": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "offer.accept": {
    input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), offerId: (await makeOffer(w, await needOf(w), { quantity: 1 })).offerId, message: "Gracias, los esperamos" }),
    expect: OLLA_A_DELEGATE,
  },
  "offer.decline": {
    input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), offerId: (await makeOffer(w, await needOf(w), { quantity: 1 })).offerId, reason: "cannot_store" }),
    expect: OLLA_A_DELEGATE,
  },
  "offer.deliver": {
    input: async (w) => ({
      ollaId: w.ollas.a,
      idempotencyKey: randomUUID(),
      offerId: (await acceptedOffer(w, await needOf(w), { quantity: 1, supporterKind: "individual", supporterName: "Vecina Rosa" })).offerId,
      quantity: 1,
      occurredOn: limaToday(),
      sourceType: "individual_donation",
    }),
    expect: OLLA_A_DELEGATE,
  },
  "offer.revokeLink": {
    input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), offerId: (await makeOffer(w, await needOf(w), { quantity: 1 })).offerId }),
    expect: OLLA_A_DELEGATE,
  },
  "offer.inScope": { input: () => ({}), expect: COORDINATORS },
};
