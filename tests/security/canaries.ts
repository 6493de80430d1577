/**
 * Private-data canaries: unique values planted in every private field, which must never
 * reach a signed-out caller (procedures, page HTML, open-data exports).
 *
 * buildWorld() already plants olla A's address, contact and exact point and delegate A's
 * name, phone and email (CANARY in tests/helpers/world.ts). The planters below add the
 * private fields of the other tables. WHEN YOU ADD A TABLE WITH PRIVATE FIELDS (supporter
 * contacts, network-only needs, stock counterparties…), add a planter here that writes a
 * canary into each of them through the real procedures and returns the values.
 */
import { attemptLogin } from "~/server/auth/login";
import { limaToday } from "~/shared/lima-day";
import type { World } from "../helpers/world";
import { makeOffer, riceNeed } from "../helpers/offers";
import { CANARY, PASSWORD } from "../helpers/world";

export interface Planted {
  /** Values that must not appear anywhere a signed-out caller can read. */
  values: string[];
  /** What each value is, for the failure message. */
  labels: Record<string, string>;
}

type Planter = (w: World) => Promise<Record<string, string>>;

/** Digits of the exact point: the public point is rounded to 4 decimals and placed by its 500 m cell. */
function exactDigits(lat: number, lng: number): Record<string, string> {
  return { [`exact lat ${lat}`]: String(Math.abs(lat)), [`exact lng ${lng}`]: String(Math.abs(lng)) };
}

export const PLANTERS: Planter[] = [
  // From buildWorld (olla A, delegate A).
  async () => ({
    "olla A address": CANARY.addressA,
    "olla A contact name": CANARY.contactNameA,
    "olla A contact phone": CANARY.contactPhoneA,
    "olla A contact phone (national digits)": CANARY.contactPhoneA.slice(3),
    "delegate A name": CANARY.delegateAName,
    "delegate A phone": CANARY.delegateAPhone,
    "delegate A email": CANARY.delegateAEmail,
    ...exactDigits(CANARY.latA, CANARY.lngA),
    "test password": PASSWORD,
  }),

  // Olla B's and C's private profile fields, through the real update procedure.
  async (w) => {
    const out: Record<string, string> = {};
    for (const [key, id, who, lat, lng, phone] of [
      ["b", w.ollas.b, "delegateB", -12.003317, -76.986529, "+51955501002"],
      ["c", w.ollas.c, "city", -12.209243, -76.938811, "+51955501003"],
    ] as const) {
      const { profile } = await w.caller(who).olla.get({ ollaId: id });
      const { id: _i, updatedAt: _u, publicLocation: _p, ...rest } = profile;
      const address = `Jr. CANARYADDR-${key.toUpperCase()}9Q Mz. K Lt. 3`;
      const contact = `CANARYNAME-${key.toUpperCase()} Eulalia Huamán`;
      await w.caller(who).olla.update({
        ...rest,
        cookingDays: rest.cookingDays as never,
        ollaId: id,
        addressReference: address,
        contactName: contact,
        contactPhone: phone,
        location: { lat, lng },
      });
      Object.assign(out, {
        [`olla ${key} address`]: address,
        [`olla ${key} contact name`]: contact,
        [`olla ${key} contact phone`]: phone,
        [`olla ${key} contact phone (national digits)`]: phone.slice(3),
        ...exactDigits(lat, lng),
      });
    }
    return out;
  },

  // Assessment notes are for the network, not the public page.
  async (w) => {
    const note = "CANARYNOTE el caño gotea detrás de la cocina";
    await w.caller("delegateA").assessment.record({ ollaId: w.ollas.a, category: "sanitation", level: 1, note, assessedOn: "2026-01-10" });
    return { "assessment note": note };
  },

  // Invitations: the invitee's name, phone and email, and the one-time code itself.
  async (w) => {
    const inv = await w.caller("zoneNorth").invitation.create({
      ollaId: w.ollas.a,
      inviteeName: "CANARYINVITEE Marleni Choque",
      inviteePhone: "+51966600042",
      inviteeEmail: "canary.invitee@example.pe",
      expiresInDays: 7,
    });
    return {
      "invitee name": "CANARYINVITEE Marleni Choque",
      "invitee phone": "+51966600042",
      "invitee phone (national digits)": "966600042",
      "invitee email": "canary.invitee@example.pe",
      "invitation code": inv.code,
    };
  },

  // Needs kept inside the network, and a public need's free text is public but its
  // olla's other needs are not.
  async (w) => {
    const description = "CANARYNEED la tesorera debe S/ 300 al proveedor";
    await w.caller("delegateA").need.create({
      ollaId: w.ollas.a,
      idempotencyKey: crypto.randomUUID(),
      category: "other",
      description,
      quantity: null,
      unit: null,
      urgency: "critical",
      visibility: "network",
    });
    return { "network-only need": description };
  },

  // The almacén: notes on movements and transfers are the olla's own business.
  async (w) => {
    const rice = (await w.caller("delegateA").stock.catalogue({ ollaId: w.ollas.a })).find((i) => i.code === "arroz")!;
    const occurredOn = limaToday();
    const entryNote = "CANARYSTOCK guardado donde la vecina Eusebia";
    await w.caller("delegateA").stock.recordEntry({
      ollaId: w.ollas.a,
      idempotencyKey: crypto.randomUUID(),
      itemId: rice.id,
      unit: "kg",
      quantity: 12,
      occurredOn,
      sourceType: "purchase",
      note: entryNote,
    });
    const transferNote = "CANARYTRANSFER recoger de noche por la puerta de atrás";
    await w.caller("delegateA").transfer.offer({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), toOllaId: w.ollas.b, itemId: rice.id, unit: "kg", quantity: 2, note: transferNote });
    return { "stock movement note": entryNote, "transfer note": transferNote };
  },

  // An olla's plan amounts (capacity, savings, saved toward a module) are private unless it chooses to show them.
  async (w) => {
    const m = await w.caller("city").planModule.create({ idempotencyKey: crypto.randomUUID(), code: `canary-${Math.random().toString(36).slice(2, 8)}`, nameEs: "Tanque canario", nameEn: "Canary tank", category: "water", costMinCents: 100, costMaxCents: 200 });
    const item = await w.caller("delegateA").plan.addModule({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), moduleId: m.id });
    await w.caller("delegateA").plan.updateItem({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), itemId: item.id, version: item.version, status: "saving", funding: "own_savings", savedCents: 7_654_319 });
    const p = await w.caller("delegateA").plan.get({ ollaId: w.ollas.a });
    await w.caller("delegateA").plan.updateSettings({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), version: p.settings.version, monthlyCapacityCents: 9_876_137, savingsCents: 8_765_413, showAmounts: false, hidden: false });
    return {
      "plan monthly capacity (céntimos)": "9876137",
      "plan savings (céntimos)": "8765413",
      "plan saved toward a module (céntimos)": "7654319",
    };
  },

  // Labour (issue 16): socias' names, the names on a turno, a role holder and a learner.
  async (w) => {
    const a = w.caller("delegateA").labour;
    const holder = "CANARYSOCIA Teodora Quispe";
    const learner = "CANARYAPOYO Yesenia Mamani";
    const shiftNames = "CANARYTURNO Nélida, Hermelinda";
    const s1 = await a.addSocia({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), name: holder, joinedOn: "2023-02-01" });
    const s2 = await a.addSocia({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), name: learner, joinedOn: "2024-02-01" });
    const c = await a.addCargo({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), kind: "tesorera", seats: 1 });
    await a.assignTerm({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), cargoId: c.id, seat: 1, sociaId: s1.id, startsOn: "2023-03-01" });
    await a.markApoyo({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), cargoId: c.id, sociaId: s2.id, learning: true });
    await a.logShift({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), workedOn: limaToday(), task: "cooking", people: 2, hours: 5, hoursMode: "each", rations: 90, names: shiftNames });
    return { "socia name (role holder)": holder, "socia name (learner)": learner, "names on a turno": shiftNames };
  },

  // Coordinators' own contacts and every user's session ids are private too.
  async (w) => {
    const out: Record<string, string> = {
      "coordinator email (north)": "norte@example.pe",
      "coordinator email (city)": "ciudad@example.pe",
      "delegate B phone": "+51987650002",
    };
    for (const [who, s] of Object.entries(w.sessions)) if (s) out[`session id of ${who}`] = s.sessionId;
    return out;
  },

  // The address a delegate signs in from (login_known_addresses), through a real login.
  async (w) => {
    const address = "2001:db8:ca9a:7::1";
    const r = await attemptLogin(w.db, { identifier: "+51987650002", password: PASSWORD, clientAddress: address });
    if (r.status !== "ok") throw new Error(`canary login: ${r.status}`);
    return { "delegate B sign-in address": address };
  },
  // Talleres: facilitators are people (private); a member's comment under a public post carries her name.
  async (w) => {
    const facilitators = "CANARYFACILITATOR Hermelinda Quispe";
    const comment = "CANARYCOMMENT solo para la red";
    await w.caller("zoneNorth").workshop.create({
      zoneId: w.zones.north,
      idempotencyKey: crypto.randomUUID(),
      heldOn: limaToday(),
      place: "Local comunal",
      facilitators,
      ollaIds: [w.ollas.a],
      problems: [],
      agreements: "",
      followUps: [],
    });
    const p = await w.caller("delegateA").post.create({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), body: "Novedad pública", visibility: "public", categories: [] });
    await w.caller("delegateB").post.comment({ postId: p.id, idempotencyKey: crypto.randomUUID(), body: comment });
    return { "workshop facilitators": facilitators, "comment under a public post": comment };
  },

  // A supporter's offer toward a public need of olla A: contact, name (no thanks asked) and message are private.
  async (w) => {
    const needId = await riceNeed(w, "a", 40);
    await makeOffer(w, needId, { contact: "955 507 771", supporterName: "CANARYDONOR Zoila Ccori", supporterKind: "individual", thankByName: false, message: "CANARYOFFERMSG llamar de noche" });
    await makeOffer(w, needId, { contact: "canary.donante@example.pe", supporterName: "CANARYDONOR-B Asociación", supporterKind: "ngo", thankByName: false });
    return {
      "supporter phone": "+51955507771",
      "supporter phone (national digits)": "955507771",
      "supporter email": "canary.donante@example.pe",
      "supporter name (no thanks asked)": "CANARYDONOR",
      "supporter message": "CANARYOFFERMSG",
    };
  },
];

export async function plantCanaries(w: World): Promise<Planted> {
  const labels: Record<string, string> = {};
  for (const plant of PLANTERS) {
    for (const [label, value] of Object.entries(await plant(w))) labels[value] = label;
  }
  return { values: Object.keys(labels), labels };
}

/** The canaries found in `text`, with their labels. */
export function canaryHits(text: string, planted: Planted): string[] {
  return planted.values.filter((v) => text.includes(v)).map((v) => `${planted.labels[v]} (${v})`);
}
