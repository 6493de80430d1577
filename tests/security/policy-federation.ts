/** Federation procedures (README "Federation"): peers' public facts are public; managing peers is the city coordination's. */
import { randomUUID } from "node:crypto";
import { insertPeer, peerMapId, upsertPeerOllas } from "~/server/db/queries/federation";
import type { World } from "../helpers/world";
import type { Actor, Outcome, Policy } from "./policy";

// The shapes of policy.ts, restated here (importing its values would be a cycle: it spreads this file).
const PUBLIC: Record<Actor, Outcome> = { anon: "allow", noRole: "allow", delegateA: "allow", delegateB: "allow", zoneNorth: "allow", zoneSouth: "allow", city: "allow", deactivated: "allow" };
const CITY_ONLY: Record<Actor, Outcome> = {
  anon: "UNAUTHORIZED", noRole: "FORBIDDEN", delegateA: "FORBIDDEN", delegateB: "FORBIDDEN", zoneNorth: "FORBIDDEN", zoneSouth: "FORBIDDEN", city: "allow", deactivated: "FORBIDDEN",
};

/** A fresh peer on a private address: managing it works, pulling it is refused by the address guard (no network). */
async function freshPeer(w: World) {
  const n = Math.floor(Math.random() * 250) + 1;
  const row = await insertPeer(w.db, {
    name: "Red de prueba",
    baseUrl: `http://10.77.${n}.${Math.floor(Math.random() * 250) + 1}:${3000 + Math.floor(Math.random() * 5000)}`,
    pinnedKid: "A".repeat(43),
    pinnedJwk: { kty: "OKP", crv: "Ed25519", x: "A".repeat(43) },
    createdBy: null,
  });
  return row.id;
}

/** A peer with one olla copied from it: its id as the map draws it. */
async function peerOllaOnMap(w: World) {
  const peerId = await freshPeer(w);
  const remoteId = randomUUID();
  await upsertPeerOllas(w.db, [
    {
      peerId,
      remoteId,
      seq: 1,
      name: "Olla de la otra red",
      status: "active",
      districtUbigeo: "150101",
      districtName: "Lima",
      zoneName: null,
      lat: -12.05,
      lng: -77.04,
      exactLocation: false,
      rationsPerDay: 80,
      rationPriceCents: 100,
      cookingDays: ["mon"],
      worstLevel: null,
      worstCategories: [],
      urgentPublicNeeds: false,
    },
  ]);
  return peerMapId(peerId, remoteId);
}

export const federationPolicies: Record<string, Policy> = {
  "federation.ollas": { input: () => ({}), expect: PUBLIC },
  "federation.needs": { input: () => undefined, expect: PUBLIC },
  "federation.summary": { input: () => undefined, expect: PUBLIC },
  "federation.districts": { input: () => undefined, expect: PUBLIC },
  // Public like the map's own panel; an unknown peer olla is "not found" for everyone alike.
  "federation.mapOlla": { input: async (w) => ({ id: await peerOllaOnMap(w) }), expect: PUBLIC },
  "federation.identity": { input: () => undefined, expect: CITY_ONLY },
  "federation.peers": { input: () => undefined, expect: CITY_ONLY },
  // A private address: refused (BAD_REQUEST) for the city coordinator, before any connection.
  "federation.preview": { input: () => ({ url: "http://10.0.0.1" }), expect: CITY_ONLY },
  "federation.add": { input: () => ({ url: "http://10.0.0.1", thumbprint: "A".repeat(43) }), expect: CITY_ONLY },
  "federation.pause": { input: async (w) => ({ peerId: await freshPeer(w), paused: true }), expect: CITY_ONLY },
  "federation.remove": { input: async (w) => ({ peerId: await freshPeer(w) }), expect: CITY_ONLY },
  "federation.pullNow": { input: async (w) => ({ peerId: await freshPeer(w) }), expect: CITY_ONLY },
  "federation.rotateKey": { input: () => undefined, expect: CITY_ONLY },
  "federation.newEpoch": { input: () => undefined, expect: CITY_ONLY },
};
