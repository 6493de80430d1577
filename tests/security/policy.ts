/**
 * The authorization policy of every tRPC procedure, as the tests expect it.
 * The matrix test (tests/integration/security/authz-matrix.test.ts) enumerates the app
 * router and FAILS when a procedure has no entry here, so a new procedure is born
 * inside the battery.
 *
 * `input(w)` builds a valid input aimed at olla A's objects (olla A is in zone North;
 * delegateA is its delegate, delegateB belongs to olla B in the same zone, zoneSouth
 * coordinates another zone). It may create the objects it needs (and should create
 * fresh ones per call, since mutations consume them).
 *
 * Outcomes: "allow" = the call is authorized and ends well: it resolves, or fails with a
 * domain error (BAD_REQUEST, CONFLICT, a use case's NOT_FOUND of a child object). An
 * INTERNAL_SERVER_ERROR or any other crash never counts as "allow" (tests/security/outcome.ts).
 */
import { passwordResets } from "~/server/db/schema";
import { hashInvitationCode, newInvitationCode } from "~/server/domain/invitation";
import { limaToday } from "~/shared/lima-day";
import type { World } from "../helpers/world";
import { offerPolicies } from "./policy-offers";
import { planPolicies } from "./policy-plans";
import { federationPolicies } from "./policy-federation";
import { postPolicies, workshopPolicies } from "./policy-posts";
import { labourPolicies } from "./policy-labour";

export type Actor = "anon" | "noRole" | "delegateA" | "delegateB" | "zoneNorth" | "zoneSouth" | "city" | "deactivated";
export type Outcome = "allow" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";
export interface Policy {
  input: (w: World) => unknown | Promise<unknown>;
  expect: Record<Actor, Outcome>;
}

export const ACTORS: Actor[] = ["anon", "noRole", "delegateA", "delegateB", "zoneNorth", "zoneSouth", "city", "deactivated"];

/** Common shapes. */
export const PUBLIC: Record<Actor, Outcome> = {
  anon: "allow", noRole: "allow", delegateA: "allow", delegateB: "allow", zoneNorth: "allow", zoneSouth: "allow", city: "allow", deactivated: "allow",
};
export const SIGNED_IN: Record<Actor, Outcome> = { ...PUBLIC, anon: "UNAUTHORIZED" };
/** Olla A's private data: its delegate and the coordinators whose scope has it. */
export const OLLA_A_MEMBERS: Record<Actor, Outcome> = {
  anon: "UNAUTHORIZED", noRole: "NOT_FOUND", delegateA: "allow", delegateB: "NOT_FOUND", zoneNorth: "allow", zoneSouth: "NOT_FOUND", city: "allow", deactivated: "NOT_FOUND",
};
/** Self-reported facts of olla A: only its own delegate writes them. */
export const OLLA_A_DELEGATE: Record<Actor, Outcome> = { ...OLLA_A_MEMBERS, zoneNorth: "FORBIDDEN", city: "FORBIDDEN" };
/** Coordination acts on olla A (invitations, delegates): coordinators in scope. */
export const OLLA_A_COORDINATORS: Record<Actor, Outcome> = { ...OLLA_A_MEMBERS, delegateA: "FORBIDDEN" };
/** Any coordinator (her own scope applies inside the procedure). */
export const COORDINATORS: Record<Actor, Outcome> = {
  anon: "UNAUTHORIZED", noRole: "FORBIDDEN", delegateA: "FORBIDDEN", delegateB: "FORBIDDEN", zoneNorth: "allow", zoneSouth: "allow", city: "allow", deactivated: "FORBIDDEN",
};
export const CITY_ONLY: Record<Actor, Outcome> = { ...COORDINATORS, zoneNorth: "FORBIDDEN", zoneSouth: "FORBIDDEN" };
/** A person of olla A (its delegates, invitees, contact): coordinators in scope; another zone's gets NOT_FOUND. */
export const OLLA_A_PEOPLE: Record<Actor, Outcome> = { ...COORDINATORS, zoneSouth: "NOT_FOUND" };

async function profileOfA(w: World) {
  const { profile } = await w.caller("city").olla.get({ ollaId: w.ollas.a });
  const { id: _id, version, updatedAt: _u, publicLocation: _p, ...rest } = profile;
  return { ...rest, cookingDays: rest.cookingDays as never, ollaId: w.ollas.a, version };
}

/** A valid purchase of 1 kg of rice for olla A (the network catalogue's arroz). */
async function stockEntryOfA(w: World, quantity: number) {
  const rice = (await w.caller("delegateA").stock.catalogue({ ollaId: w.ollas.a })).find((i) => i.code === "arroz")!;
  const occurredOn = limaToday();
  return { ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), itemId: rice.id, unit: "kg" as const, quantity, occurredOn, sourceType: "purchase" as const };
}

/** A fresh offer of 1 kg of rice between two of the world's ollas (the giver is stocked first). */
async function transferBetween(w: World, from: "a" | "b", to: "a" | "b") {
  const giver = from === "a" ? "delegateA" : "delegateB";
  const e = { ...(await stockEntryOfA(w, 1)), ollaId: w.ollas[from] };
  await w.caller(giver).stock.recordEntry(e);
  const r = await w.caller(giver).transfer.offer({ ollaId: w.ollas[from], idempotencyKey: crypto.randomUUID(), toOllaId: w.ollas[to], itemId: e.itemId, unit: "kg", quantity: 1 });
  return r.transferId;
}

/** A fresh delegate of olla A (invited and accepted): her account id. */
async function freshDelegateOfA(w: World) {
  const inv = await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "Persona de prueba", inviteeEmail: `p${Math.random().toString(36).slice(2)}@example.pe`, expiresInDays: 7 });
  const r = await w.caller("anon").invitation.accept({ code: inv.code, name: "Persona de prueba", password: "una-clave-larga" });
  return r.userId;
}

function needOfA(w: World) {
  return { ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), category: "water" as const, description: "Un tanque de 1100 litros", quantity: 1, unit: "unidad", urgency: "high" as const, visibility: "public" as const };
}

/** A fresh active delegate of olla A (through a real invitation), for procedures that consume one. */
async function freshDelegateMembershipOfA(w: World, name: string) {
  const inv = await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: name, inviteeEmail: `${name.toLowerCase()}${Math.random().toString(36).slice(2)}@example.pe`, expiresInDays: 7 });
  const { userId } = await w.caller("anon").invitation.accept({ code: inv.code, name, password: "una-clave-larga" });
  const m = (await w.caller("city").delegate.list({ ollaId: w.ollas.a })).find((d) => d.userId === userId)!;
  return { userId, membershipId: m.membershipId };
}

/**
 * An open reset code for a fresh delegate of olla A, stored as passwordReset.issue stores it
 * (hash only). Written directly so that the suites' many calls do not run into the
 * coordinator's hourly issue limit, which has its own test.
 */
async function resetCodeForA(w: World): Promise<string> {
  const { userId } = await freshDelegateMembershipOfA(w, "Restablece");
  const code = newInvitationCode();
  await w.db.insert(passwordResets).values({ codeHash: hashInvitationCode(code), userId, ollaId: w.ollas.a, issuedBy: w.userIds.city, expiresAt: new Date(Date.now() + 3600_000) });
  return code;
}

export const policies: Record<string, Policy> = {
  ...offerPolicies,
  ...planPolicies,
  ...federationPolicies,
  ...postPolicies,
  ...workshopPolicies,
  ...labourPolicies,
  "me.get": { input: () => undefined, expect: SIGNED_IN },
  "reference.districts": { input: () => undefined, expect: PUBLIC },
  "reference.zones": { input: () => undefined, expect: PUBLIC },
  "reference.stats": { input: () => undefined, expect: PUBLIC },

  // Solidarity dashboard: public aggregates (suppressed), a coordinator's scope, an olla's standing.
  "dashboard.public": { input: () => ({}), expect: PUBLIC },
  "dashboard.coordinator": { input: () => ({}), expect: COORDINATORS },
  "dashboard.whereYouStand": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "dashboard.ollaDependency": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "settings.get": { input: () => undefined, expect: PUBLIC },
  "settings.update": {
    // The current values, re-submitted with the current version: only a city coordinator may.
    input: async (w) => {
      const s = await w.caller("anon").settings.get();
      return {
        version: s.version,
        dependencyThresholdPercent: Math.round(s.dependencyThreshold * 100),
        stapleItems: s.stapleItems,
        lowStockDays: s.lowStockDays,
        monthlyMinimumWage: s.monthlyMinimumWageCents / 100,
        maxLeadershipTermMonths: s.maxLeadershipTermMonths,
      };
    },
    expect: CITY_ONLY,
  },
  "settings.updateRetention": {
    input: async (w) => {
      const s = await w.caller("anon").settings.get();
      return { version: s.version, personalDataRetentionMonths: s.personalDataRetentionMonths };
    },
    expect: CITY_ONLY,
  },

  // Ley 29733: people's data, corrected and erased on request by coordinators in scope.
  "personalData.list": { input: () => ({ limit: 5 }), expect: COORDINATORS },
  "personalData.correct": {
    input: async (w) => {
      const inv = await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "Nombre con error", inviteePhone: "+51900000001", expiresInDays: 7 });
      return { kind: "invitee", id: inv.id, name: "Nombre corregido" };
    },
    expect: OLLA_A_PEOPLE,
  },
  "personalData.erase": { input: async (w) => ({ kind: "user", id: await freshDelegateOfA(w) }), expect: OLLA_A_PEOPLE },

  "olla.publicProfile": { input: (w) => ({ ollaId: w.ollas.a }), expect: PUBLIC },
  "olla.publicList": { input: () => ({ limit: 5, offset: 0 }), expect: PUBLIC },
  "olla.get": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "olla.update": { input: profileOfA, expect: OLLA_A_MEMBERS },
  "olla.mine": { input: () => undefined, expect: SIGNED_IN },
  "olla.list": { input: () => ({ limit: 5, offset: 0 }), expect: COORDINATORS },
  "olla.create": {
    input: async (w) => {
      const p = await profileOfA(w);
      const { ollaId: _o, version: _v, ...rest } = p;
      return { ...rest, name: `Nueva ${Math.random().toString(36).slice(2, 8)}` };
    },
    // zoneSouth is a coordinator but olla A's zone is not hers: refused as a field error (BAD_REQUEST), which counts as authorized-to-try.
    expect: COORDINATORS,
  },

  "assessment.record": {
    input: (w) => ({ ollaId: w.ollas.a, category: "water", level: 2, note: null, assessedOn: "2026-01-15" }),
    expect: OLLA_A_DELEGATE,
  },
  "assessment.history": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },

  // Almacén, transfers and needs (issue 3). Every mutation carries a fresh idempotency key.
  "stock.catalogue": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "stock.sources": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "stock.levels": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "stock.movements": { input: (w) => ({ ollaId: w.ollas.a, limit: 5 }), expect: OLLA_A_MEMBERS },
  "stock.addItem": {
    input: (w) => ({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), name: `Producto ${Math.random().toString(36).slice(2, 8)}`, unit: "kg", kgPerUnit: 1 }),
    expect: OLLA_A_DELEGATE,
  },
  "stock.recordEntry": { input: async (w) => stockEntryOfA(w, 1), expect: OLLA_A_DELEGATE },
  "stock.recordExit": {
    input: async (w) => {
      const e = await stockEntryOfA(w, 1);
      await w.caller("delegateA").stock.recordEntry(e);
      return { ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), itemId: e.itemId, unit: "kg", quantity: 1, occurredOn: e.occurredOn, reason: "cooked" };
    },
    expect: OLLA_A_DELEGATE,
  },
  "stock.reverse": {
    input: async (w) => {
      const { movementId } = await w.caller("delegateA").stock.recordEntry(await stockEntryOfA(w, 1));
      return { ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), movementId };
    },
    expect: OLLA_A_DELEGATE,
  },
  "stock.health": { input: () => ({}), expect: COORDINATORS },
  "transfer.list": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "transfer.offer": {
    input: async (w) => {
      const e = await stockEntryOfA(w, 1);
      await w.caller("delegateA").stock.recordEntry(e);
      return { ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), toOllaId: w.ollas.b, itemId: e.itemId, unit: "kg", quantity: 1 };
    },
    expect: OLLA_A_DELEGATE,
  },
  // Olla A receives an offer from olla B: only A's delegate decides.
  "transfer.accept": { input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), transferId: await transferBetween(w, "b", "a") }), expect: OLLA_A_DELEGATE },
  "transfer.decline": { input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), transferId: await transferBetween(w, "b", "a") }), expect: OLLA_A_DELEGATE },
  // Olla A withdraws its own offer to olla B.
  "transfer.cancel": { input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), transferId: await transferBetween(w, "a", "b") }), expect: OLLA_A_DELEGATE },
  "need.publicList": { input: () => ({ limit: 5, offset: 0 }), expect: PUBLIC },
  "need.list": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "need.openCounts": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "need.create": { input: (w) => needOfA(w), expect: OLLA_A_DELEGATE },
  "need.update": {
    input: async (w) => {
      const n = await w.caller("delegateA").need.create(needOfA(w));
      return { ...needOfA(w), needId: n.id, version: n.version, status: "in_progress" };
    },
    expect: OLLA_A_DELEGATE,
  },
  "need.inScope": { input: () => ({}), expect: COORDINATORS },

  "invitation.create": {
    input: (w) => ({ ollaId: w.ollas.a, inviteeName: "Nueva Delegada", inviteePhone: `+5199${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`, expiresInDays: 7 }),
    expect: OLLA_A_COORDINATORS,
  },
  "invitation.list": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_COORDINATORS },
  "invitation.revoke": {
    input: async (w) => {
      const inv = await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "Para anular", inviteeEmail: `x${Math.random().toString(36).slice(2)}@example.pe`, expiresInDays: 7 });
      return { ollaId: w.ollas.a, invitationId: inv.id };
    },
    expect: OLLA_A_COORDINATORS,
  },
  // Holding the code is the authorization: anyone may preview or accept a valid one.
  "invitation.preview": {
    input: async (w) => ({ code: (await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "Vista", inviteeEmail: `v${Math.random().toString(36).slice(2)}@example.pe`, expiresInDays: 7 })).code }),
    expect: PUBLIC,
  },
  "invitation.accept": {
    input: async (w) => ({
      code: (await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "Acepta", inviteeEmail: `a${Math.random().toString(36).slice(2)}@example.pe`, expiresInDays: 7 })).code,
      name: "Acepta",
      password: "una-clave-larga",
    }),
    expect: PUBLIC,
  },

  "delegate.list": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_COORDINATORS },
  "delegate.deactivate": {
    input: async (w) => {
      // A fresh delegate of olla A to deactivate each time.
      const inv = await w.caller("city").invitation.create({ ollaId: w.ollas.a, inviteeName: "Temporal", inviteeEmail: `t${Math.random().toString(36).slice(2)}@example.pe`, expiresInDays: 7 });
      await w.caller("anon").invitation.accept({ code: inv.code, name: "Temporal", password: "una-clave-larga" });
      const list = await w.caller("city").delegate.list({ ollaId: w.ollas.a });
      const m = list.find((d) => d.active && d.name === "Temporal")!;
      return { ollaId: w.ollas.a, membershipId: m.membershipId };
    },
    expect: OLLA_A_COORDINATORS,
  },

  // A coordinator in scope issues a one-time reset code for a delegate of olla A.
  "passwordReset.issue": { input: async (w) => ({ ollaId: w.ollas.a, membershipId: (await freshDelegateMembershipOfA(w, "Olvidadiza")).membershipId }), expect: OLLA_A_COORDINATORS },
  // Holding the code is the authorization, as with invitations.
  "passwordReset.preview": { input: async (w) => ({ code: await resetCodeForA(w) }), expect: PUBLIC },
  "passwordReset.redeem": { input: async (w) => ({ code: await resetCodeForA(w), password: "otra-clave-larga" }), expect: PUBLIC },

  "map.clusters": { input: () => ({ bbox: { west: -77.4, south: -12.7, east: -76.4, north: -11.4 }, zoom: 10 }), expect: PUBLIC },
  "map.list": { input: () => ({ limit: 5, offset: 0 }), expect: PUBLIC },
  "map.ollaSummary": { input: (w) => ({ ollaId: w.ollas.a }), expect: PUBLIC },
  "map.zoneLayer": { input: () => ({ category: "water" }), expect: COORDINATORS },
  "map.nearPairs": { input: () => ({}), expect: COORDINATORS },
  "map.zones": { input: () => undefined, expect: COORDINATORS },
  // A boundary for olla A's zone (SJL): zoneSouth may try, and gets a field error (no zone of hers matches).
  "map.importBoundaries": {
    input: () => ({
      geojson: JSON.stringify({
        type: "FeatureCollection",
        features: [{ type: "Feature", properties: { ubigeo: "150132" }, geometry: { type: "Polygon", coordinates: [[[-77.0, -12.0], [-76.99, -12.0], [-76.99, -11.99], [-77.0, -12.0]]] } }],
      }),
      matchBy: "ubigeo",
    }),
    expect: COORDINATORS,
  },
};
