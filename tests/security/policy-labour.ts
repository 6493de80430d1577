/**
 * Authorization policy of the labour procedures (issue 16): turnos, socias, cargos and their
 * aggregates. Spread into `policies` in ./policy.ts. Shapes are written out here (not imported
 * from ./policy.ts, which imports this file) to keep the module graph acyclic.
 */
import { limaToday } from "~/shared/lima-day";
import type { World } from "../helpers/world";
import type { Actor, Outcome, Policy } from "./policy";

const PUBLIC: Record<Actor, Outcome> = {
  anon: "allow", noRole: "allow", delegateA: "allow", delegateB: "allow", zoneNorth: "allow", zoneSouth: "allow", city: "allow", deactivated: "allow",
};
const OLLA_A_MEMBERS: Record<Actor, Outcome> = {
  anon: "UNAUTHORIZED", noRole: "NOT_FOUND", delegateA: "allow", delegateB: "NOT_FOUND", zoneNorth: "allow", zoneSouth: "NOT_FOUND", city: "allow", deactivated: "NOT_FOUND",
};
const OLLA_A_DELEGATE: Record<Actor, Outcome> = { ...OLLA_A_MEMBERS, zoneNorth: "FORBIDDEN", city: "FORBIDDEN" };
const COORDINATORS: Record<Actor, Outcome> = {
  anon: "UNAUTHORIZED", noRole: "FORBIDDEN", delegateA: "FORBIDDEN", delegateB: "FORBIDDEN", zoneNorth: "allow", zoneSouth: "allow", city: "allow", deactivated: "FORBIDDEN",
};
const CITY_ONLY: Record<Actor, Outcome> = { ...COORDINATORS, zoneNorth: "FORBIDDEN", zoneSouth: "FORBIDDEN" };

const key = () => crypto.randomUUID();
const rnd = () => Math.random().toString(36).slice(2, 8);

/** A fresh socia of olla A (added by its delegate). */
async function sociaOfA(w: World) {
  return w.caller("delegateA").labour.addSocia({ ollaId: w.ollas.a, idempotencyKey: key(), name: `Socia ${rnd()}`, joinedOn: "2024-03-01" });
}
/** A fresh "other" role of olla A. */
async function cargoOfA(w: World) {
  return w.caller("delegateA").labour.addCargo({ ollaId: w.ollas.a, idempotencyKey: key(), kind: "other", label: `Vocal ${rnd()}`, seats: 1 });
}

export const labourPolicies: Record<string, Policy> = {
  "labour.olla": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "labour.leadership": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "labour.logShift": {
    input: (w) => ({ ollaId: w.ollas.a, idempotencyKey: key(), workedOn: limaToday(), task: "cooking", people: 3, hours: 4, hoursMode: "each" }),
    expect: OLLA_A_DELEGATE,
  },
  "labour.copyLastWeek": { input: (w) => ({ ollaId: w.ollas.a, idempotencyKey: key() }), expect: OLLA_A_DELEGATE },
  "labour.removeShift": {
    input: async (w) => {
      const s = await w.caller("delegateA").labour.logShift({ ollaId: w.ollas.a, idempotencyKey: key(), workedOn: limaToday(), task: "cleaning", people: 1, hours: 2, hoursMode: "each" });
      return { ollaId: w.ollas.a, idempotencyKey: key(), shiftId: s.id };
    },
    expect: OLLA_A_DELEGATE,
  },
  "labour.addSocia": { input: (w) => ({ ollaId: w.ollas.a, idempotencyKey: key(), name: `Socia ${rnd()}`, joinedOn: "2024-01-10" }), expect: OLLA_A_DELEGATE },
  "labour.updateSocia": {
    input: async (w) => {
      const s = await sociaOfA(w);
      return { ollaId: w.ollas.a, idempotencyKey: key(), sociaId: s.id, version: s.version, name: `Socia ${rnd()}`, joinedOn: "2024-01-10", active: true };
    },
    expect: OLLA_A_DELEGATE,
  },
  "labour.addCargo": { input: (w) => ({ ollaId: w.ollas.a, idempotencyKey: key(), kind: "other", label: `Vocal ${rnd()}`, seats: 2 }), expect: OLLA_A_DELEGATE },
  "labour.assignTerm": {
    input: async (w) => {
      const [s, c] = [await sociaOfA(w), await cargoOfA(w)];
      return { ollaId: w.ollas.a, idempotencyKey: key(), cargoId: c.id, seat: 1, sociaId: s.id, startsOn: "2025-02-01" };
    },
    expect: OLLA_A_DELEGATE,
  },
  "labour.endTerm": {
    input: async (w) => {
      const [s, c] = [await sociaOfA(w), await cargoOfA(w)];
      const { term } = await w.caller("delegateA").labour.assignTerm({ ollaId: w.ollas.a, idempotencyKey: key(), cargoId: c.id, seat: 1, sociaId: s.id, startsOn: "2025-02-01" });
      return { ollaId: w.ollas.a, idempotencyKey: key(), termId: term.id, version: term.version, endsOn: "2025-08-01" };
    },
    expect: OLLA_A_DELEGATE,
  },
  "labour.markApoyo": {
    input: async (w) => {
      const [s, c] = [await sociaOfA(w), await cargoOfA(w)];
      return { ollaId: w.ollas.a, idempotencyKey: key(), cargoId: c.id, sociaId: s.id, learning: true };
    },
    expect: OLLA_A_DELEGATE,
  },
  "labour.network": { input: () => ({}), expect: COORDINATORS },
  "labour.public": { input: () => ({}), expect: PUBLIC },
  "labour.wages": { input: () => undefined, expect: PUBLIC },
  // A date far ahead (fresh per call): allowed for the city, refused to anyone else before the input matters.
  "labour.addWage": {
    input: () => ({ idempotencyKey: key(), validFrom: `2${String(100 + Math.floor(Math.random() * 899))}-0${1 + Math.floor(Math.random() * 9)}-01`, monthlyCents: 120000 }),
    expect: CITY_ONLY,
  },
};
