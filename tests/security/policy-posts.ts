/**
 * Authorization policy of novedades (post.*), spread into `policies` (tests/security/policy.ts).
 * Shapes are spelled out here, not imported: policy.ts imports this file.
 */
import sharp from "sharp";
import type { World } from "../helpers/world";
import type { Actor, Outcome, Policy } from "./policy";
import { freshModule } from "./policy-plans";

const OLLA_A_MEMBERS: Record<Actor, Outcome> = {
  anon: "UNAUTHORIZED", noRole: "NOT_FOUND", delegateA: "allow", delegateB: "NOT_FOUND", zoneNorth: "allow", zoneSouth: "NOT_FOUND", city: "allow", deactivated: "NOT_FOUND",
};
const OLLA_A_DELEGATE: Record<Actor, Outcome> = { ...OLLA_A_MEMBERS, zoneNorth: "FORBIDDEN", city: "FORBIDDEN" };
const PUBLIC: Record<Actor, Outcome> = {
  anon: "allow", noRole: "allow", delegateA: "allow", delegateB: "allow", zoneNorth: "allow", zoneSouth: "allow", city: "allow", deactivated: "allow",
};
/** Members of the network: every delegate and coordinator; a signed-in person with no role is not one. */
const MEMBERS: Record<Actor, Outcome> = { ...PUBLIC, anon: "UNAUTHORIZED", noRole: "FORBIDDEN", deactivated: "FORBIDDEN" };

const key = () => crypto.randomUUID();
const textPostOfA = (w: World, visibility: "olla" | "network" | "public") =>
  w.caller("delegateA").post.create({ ollaId: w.ollas.a, idempotencyKey: key(), body: "Novedad de prueba", visibility, categories: ["water"] });

/** One olla-only post of A with a photo per world (the fuzzers ask for a valid input many times). */
const photoOfA = new WeakMap<World, Promise<string>>();
function privatePhotoHashOfA(w: World): Promise<string> {
  let p = photoOfA.get(w);
  if (!p) {
    p = (async () => {
      const jpg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 20 } } }).jpeg().toBuffer();
      const post = await w.caller("delegateA").post.create({ ollaId: w.ollas.a, idempotencyKey: key(), body: "", visibility: "olla", categories: [], photos: [new Uint8Array(jpg)] });
      const { items } = await w.caller("delegateA").post.ollaFeed({ ollaId: w.ollas.a, limit: 50 });
      return /([0-9a-f]{64})\.\w+$/.exec(items.find((i) => i.id === post.id)!.photos[0]!.thumb)![1]!;
    })();
    photoOfA.set(w, p);
  }
  return p;
}

export const postPolicies: Record<string, Policy> = {
  "post.create": { input: (w) => ({ ollaId: w.ollas.a, idempotencyKey: key(), body: "Hoy llegó el balón de gas", visibility: "network", categories: ["cooking"] }), expect: OLLA_A_DELEGATE },
  "post.update": {
    input: async (w) => {
      const p = await textPostOfA(w, "network");
      return { ollaId: w.ollas.a, idempotencyKey: key(), postId: p.id, version: p.version, body: "Corregido", visibility: "public", categories: [] };
    },
    expect: OLLA_A_DELEGATE,
  },
  "post.delete": {
    input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: key(), postId: (await textPostOfA(w, "network")).id }),
    expect: OLLA_A_DELEGATE,
  },
  "post.ollaFeed": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "post.linkTargets": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "post.countsAbout": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "post.networkFeed": { input: () => ({}), expect: MEMBERS },
  "post.publicFeed": { input: () => ({}), expect: PUBLIC },
  // An olla-only post of A: its people see it; anyone else, a visitor too, gets NOT_FOUND.
  "post.get": { input: async (w) => ({ postId: (await textPostOfA(w, "olla")).id }), expect: { ...OLLA_A_MEMBERS, anon: "NOT_FOUND" } },
  "post.comment": { input: async (w) => ({ postId: (await textPostOfA(w, "olla")).id, idempotencyKey: key(), body: "Buen trabajo" }), expect: OLLA_A_MEMBERS },
  // Under an olla-only post of A, a comment by its zone coordinator: she or A's delegate may delete it.
  "post.deleteComment": {
    input: async (w) => {
      const p = await textPostOfA(w, "olla");
      const c = await w.caller("zoneNorth").post.comment({ postId: p.id, idempotencyKey: key(), body: "Nos vemos el sábado" });
      return { postId: p.id, commentId: c.id };
    },
    expect: { ...OLLA_A_MEMBERS, city: "FORBIDDEN" },
  },
  "post.photo": { input: async (w) => ({ hash: await privatePhotoHashOfA(w) }), expect: { ...OLLA_A_MEMBERS, anon: "NOT_FOUND" } },
};

// ---- talleres (workshop.*) ---------------------------------------------------------
const COORDINATORS: Record<Actor, Outcome> = {
  anon: "UNAUTHORIZED", noRole: "FORBIDDEN", delegateA: "FORBIDDEN", delegateB: "FORBIDDEN", zoneNorth: "allow", zoneSouth: "allow", city: "allow", deactivated: "FORBIDDEN",
};
const today = () => new Date().toISOString().slice(0, 10);
/** A workshop of the north zone with olla A only: a follow-up for A and one for the coordination. */
function workshopOfA(w: World) {
  return {
    zoneId: w.zones.north,
    idempotencyKey: key(),
    heldOn: today(),
    place: "Local comunal",
    facilitators: "Facilitadora",
    ollaIds: [w.ollas.a],
    problems: [{ category: "water" as const, note: "Poca agua" }],
    agreements: "Cotizar tanques",
    followUps: [
      { what: "Cotizar un tanque", ollaId: w.ollas.a, dueOn: today() },
      { what: "Hablar con la municipalidad", ollaId: null, dueOn: today() },
    ],
  };
}
async function followUpOfA(w: World, mine: boolean) {
  const { id } = await w.caller("zoneNorth").workshop.create(workshopOfA(w));
  const got = await w.caller("zoneNorth").workshop.get({ workshopId: id });
  return got.followUps.find((f) => (mine ? f.ollaId === w.ollas.a : f.ollaId === null))!.id;
}

export const workshopPolicies: Record<string, Policy> = {
  // Zone North's workshops: its coordinators; another zone's is NOT_FOUND.
  "workshop.create": { input: (w) => workshopOfA(w), expect: { ...COORDINATORS, zoneSouth: "NOT_FOUND" } },
  "workshop.list": { input: () => ({}), expect: COORDINATORS },
  "workshop.dashboard": { input: () => ({ from: "2026-01-01", to: today() }), expect: COORDINATORS },
  "workshop.publicCounts": { input: () => ({ months: 12 }), expect: PUBLIC },
  // A workshop olla A joined: its delegate and north's coordination.
  "workshop.get": { input: async (w) => ({ workshopId: (await w.caller("zoneNorth").workshop.create(workshopOfA(w))).id }), expect: OLLA_A_MEMBERS },
  "workshop.forOlla": { input: (w) => ({ ollaId: w.ollas.a }), expect: OLLA_A_MEMBERS },
  "workshop.setFollowUpStatus": { input: async (w) => ({ followUpId: await followUpOfA(w, true), status: "done" }), expect: OLLA_A_MEMBERS },
  "workshop.acceptAsNeed": {
    input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: key(), followUpId: await followUpOfA(w, true), category: "water", urgency: "high", visibility: "network" }),
    expect: OLLA_A_DELEGATE,
  },
  "workshop.markFollowUp": { input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: key(), followUpId: await followUpOfA(w, true), status: "done" }), expect: OLLA_A_DELEGATE },
  "workshop.acceptAsPlanModule": {
    input: async (w) => ({ ollaId: w.ollas.a, idempotencyKey: key(), followUpId: await followUpOfA(w, true), moduleId: (await freshModule(w)).id }),
    expect: OLLA_A_DELEGATE,
  },
};
