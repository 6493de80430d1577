/** Authorization policy of the plan and module-catalogue procedures (issue 14). See policy.ts. */
import type { World } from "../helpers/world";
import type { Actor, Outcome, Policy } from "./policy";

const PUBLIC: Record<Actor, Outcome> = { anon: "allow", noRole: "allow", delegateA: "allow", delegateB: "allow", zoneNorth: "allow", zoneSouth: "allow", city: "allow", deactivated: "allow" };
const OLLA_A_MEMBERS: Record<Actor, Outcome> = {
  anon: "UNAUTHORIZED", noRole: "NOT_FOUND", delegateA: "allow", delegateB: "NOT_FOUND", zoneNorth: "allow", zoneSouth: "NOT_FOUND", city: "allow", deactivated: "NOT_FOUND",
};
const OLLA_A_DELEGATE: Record<Actor, Outcome> = { ...OLLA_A_MEMBERS, zoneNorth: "FORBIDDEN", city: "FORBIDDEN" };
const COORDINATORS: Record<Actor, Outcome> = {
  anon: "UNAUTHORIZED", noRole: "FORBIDDEN", delegateA: "FORBIDDEN", delegateB: "FORBIDDEN", zoneNorth: "allow", zoneSouth: "allow", city: "allow", deactivated: "FORBIDDEN",
};
const CITY_ONLY: Record<Actor, Outcome> = { ...COORDINATORS, zoneNorth: "FORBIDDEN", zoneSouth: "FORBIDDEN" };

const rnd = () => Math.random().toString(36).slice(2, 10);

/** A fresh catalogue module (a city coordinator creates it), so that each call has its own. */
export async function freshModule(w: World, over: Record<string, unknown> = {}) {
  return w.caller("city").planModule.create({
    idempotencyKey: crypto.randomUUID(),
    code: `m-${rnd()}`,
    nameEs: "Tanque de prueba",
    nameEn: "Test tank",
    category: "water",
    costMinCents: 45_000,
    costMaxCents: 65_000,
    ...over,
  });
}

/** A fresh module in olla A's plan (added by its delegate): its item id and version. */
async function itemOfA(w: World) {
  const m = await freshModule(w);
  const item = await w.caller("delegateA").plan.addModule({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), moduleId: m.id });
  return { ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), itemId: item.id, version: item.version };
}

export const planPolicies: Record<string, Policy> = {
  "planModule.list": { input: () => ({}), expect: PUBLIC },
  "planModule.create": {
    input: () => ({ idempotencyKey: crypto.randomUUID(), code: `p-${rnd()}`, nameEs: "Estante", nameEn: "Shelf", category: "storage", costMinCents: 100, costMaxCents: 200, active: true }),
    expect: CITY_ONLY,
  },
  "planModule.update": {
    input: async (w) => {
      const m = await freshModule(w);
      return { idempotencyKey: crypto.randomUUID(), moduleId: m.id, version: m.version, code: m.code, nameEs: "Tanque renombrado", nameEn: "Renamed tank", category: "water", costMinCents: 1, costMaxCents: 2, active: true };
    },
    expect: CITY_ONLY,
  },

  "plan.get": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "plan.nearbyBuilders": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "plan.publicView": { input: (w) => ({ ollaId: w.ollas.a }), expect: PUBLIC },
  "plan.publicCounts": { input: () => undefined, expect: PUBLIC },
  "plan.demand": { input: () => ({}), expect: COORDINATORS },
  "plan.demandOllas": { input: async (w) => ({ moduleId: (await freshModule(w)).id }), expect: COORDINATORS },
  "plan.updateSettings": {
    input: async (w) => {
      const p = await w.caller("city").plan.get({ ollaId: w.ollas.a });
      return { ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), version: p.settings.version, monthlyCapacityCents: 10_000, savingsCents: 0, showAmounts: false, hidden: false };
    },
    expect: OLLA_A_DELEGATE,
  },
  "plan.addModule": { input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), moduleId: (await freshModule(w)).id }), expect: OLLA_A_DELEGATE },
  "plan.updateItem": { input: async (w) => ({ ...(await itemOfA(w)), status: "saving", funding: "activity", savedCents: 5_000 }), expect: OLLA_A_DELEGATE },
  "plan.removeItem": { input: itemOfA, expect: OLLA_A_DELEGATE },
  "plan.moveItem": { input: async (w) => ({ ...(await itemOfA(w)), direction: "up" }), expect: OLLA_A_DELEGATE },
  "plan.setExisting": { input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), moduleId: (await freshModule(w)).id, has: true }), expect: OLLA_A_DELEGATE },
};
