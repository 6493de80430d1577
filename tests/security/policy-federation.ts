/** Federation procedures (README "Federation"): peers' public facts are public; managing peers is the city coordination's. */
import { insertPeer } from "~/server/db/queries/federation";
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

export const federationPolicies: Record<string, Policy> = {
  "federation.ollas": { input: () => ({}), expect: PUBLIC },
  "federation.needs": { input: () => undefined, expect: PUBLIC },
  "federation.summary": { input: () => undefined, expect: PUBLIC },
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
