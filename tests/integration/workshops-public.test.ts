import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ollas } from "~/server/db/schema";
import { publicPoint } from "~/server/domain/public-point";
import { locationKey } from "~/server/location-key";
import { addDays, limaToday } from "~/shared/lima-day";
import { createTestDb, type TestDb } from "../helpers/db";
import { CANARY, buildWorld, type World } from "../helpers/world";

/**
 * Talleres on the public /panel (workshop.publicCounts): an anonymous caller gets only city-wide
 * aggregates, each hidden (null) while it rests on 1 or 2 ollas and shown from 3; never a name, a
 * place, a note or an olla id. Behind /panel's shared cache, a new workshop shows at once.
 */
let t: TestDb;
let w: World;
const today = limaToday();
const HIDDEN_NOTE = "CANARYNOTE falta agua en la loma";
const HIDDEN_PLACE = "CANARYPLACE Local de la señora Juana";
const HIDDEN_FACILITATOR = "CANARYFACIL Maritza Quispe";
const HIDDEN_FOLLOW_UP = "CANARYFOLLOW cotizar tanque";

let seq = 0;
async function addNorthOlla() {
  seq++;
  const lat = -11.98 - seq * 0.003;
  const pub = publicPoint({ lat, lng: -76.99 }, 2000 + seq, false, locationKey());
  const [o] = await t.db
    .insert(ollas)
    .values({ name: `CANARYOLLA Olla taller ${seq}`, zoneId: w.zones.north, districtUbigeo: "150132", lat, lng: -76.99, locationSeed: 2000 + seq, publicLat: pub.lat, publicLng: pub.lng, rationsPerDay: 40 })
    .returning({ id: ollas.id });
  return o!.id;
}

/** A north-zone workshop of the given ollas that named "storage", with one follow-up per olla (overdue ones due yesterday). */
async function workshop(ollaIds: string[], overdue: boolean) {
  return w.caller("zoneNorth").workshop.create({
    zoneId: w.zones.north,
    idempotencyKey: randomUUID(),
    heldOn: today,
    place: HIDDEN_PLACE,
    facilitators: HIDDEN_FACILITATOR,
    ollaIds,
    problems: [{ category: "storage", note: HIDDEN_NOTE }],
    agreements: "Acuerdo CANARYAGREE",
    followUps: ollaIds.map((ollaId) => ({ what: HIDDEN_FOLLOW_UP, ollaId, dueOn: overdue ? addDays(today, -1) : addDays(today, 30) })),
  });
}

const anon = () => w.caller("anon").workshop.publicCounts({ months: 12 });
const storage = async () => (await anon()).categories.find((c) => c.category === "storage")!.named;

beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

describe("workshop counts on the public /panel", () => {
  it("hides a category named by 1 or 2 ollas and shows it from 3; open and overdue follow-ups likewise", async () => {
    expect(await storage(), "no workshop yet: 0 is shown, it says nothing about any olla").toBe(0);

    await workshop([w.ollas.a], true);
    let c = await anon();
    expect(c.categories.find((x) => x.category === "storage")!.named, "1 olla: hidden").toBeNull();
    expect(c.open, "1 olla's follow-ups: hidden").toBeNull();
    expect(c.overdue).toBeNull();
    expect(c.hiddenCells).toBe(3);

    await workshop([w.ollas.b], false);
    c = await anon();
    expect(c.categories.find((x) => x.category === "storage")!.named, "2 ollas: hidden").toBeNull();
    expect(c.open, "2 ollas' follow-ups: hidden").toBeNull();
    expect(c.overdue, "1 olla's overdue follow-up: hidden").toBeNull();

    const third = await addNorthOlla();
    await workshop([third], false);
    c = await anon();
    expect(c.categories.find((x) => x.category === "storage")!.named, "3 ollas: shown").toBe(3);
    expect(c.open, "3 open follow-ups of 3 ollas: shown").toBe(3);
    expect(c.overdue, "the overdue one still rests on 1 olla: hidden").toBeNull();
    expect(c.hiddenCells).toBe(1);

    // Two more overdue ollas in one workshop: 3 ollas behind the overdue figure, now shown.
    await workshop([await addNorthOlla(), await addNorthOlla()], true);
    c = await anon();
    expect(c.open).toBe(5);
    expect(c.overdue).toBe(3);
    expect(c.categories.find((x) => x.category === "storage")!.named).toBe(5);
    expect(c.categories.find((x) => x.category === "water")!.named, "a category no workshop named").toBe(0);
  });

  it("an olla that takes part in two workshops counts once", async () => {
    const before = await storage();
    await workshop([w.ollas.a], false);
    expect(await storage()).toBe(before);
  });

  it("gives an anonymous caller no name, place, note, follow-up text or olla id", async () => {
    const out = JSON.stringify(await anon());
    for (const canary of ["CANARY", HIDDEN_NOTE, HIDDEN_PLACE, HIDDEN_FACILITATOR, HIDDEN_FOLLOW_UP, CANARY.delegateAName, w.ollas.a, w.ollas.b, w.zones.north]) expect(out).not.toContain(canary);
    expect(Object.keys(await anon()).sort()).toEqual(["categories", "from", "hiddenCells", "open", "overdue", "to"]);
  });

  it("is shared for a minute, yet a new workshop or a follow-up marked done shows at once", async () => {
    const before = process.env.PUBLIC_CACHE_SECONDS;
    process.env.PUBLIC_CACHE_SECONDS = "60"; // as in production (the tests' default is 0)
    try {
      const first = await anon();
      expect(await anon(), "nothing changed: the very same shared answer").toBe(first);
      const water = async () => (await anon()).categories.find((c) => c.category === "water")!.named;
      expect(await water()).toBe(0);
      await w.caller("zoneNorth").workshop.create({
        zoneId: w.zones.north,
        idempotencyKey: randomUUID(),
        heldOn: today,
        place: "Local comunal",
        facilitators: null,
        ollaIds: [w.ollas.a, w.ollas.b, (await addNorthOlla())],
        problems: [{ category: "water", note: "" }],
        agreements: "",
        followUps: [],
      });
      expect(await water(), "a new workshop: recomputed without waiting for the minute").toBe(3);

      const open = (await anon()).open!;
      const followUp = (await w.caller("zoneNorth").workshop.list({})).flatMap((x) => x.followUps).find((f) => f.status === "pending")!;
      await w.caller("zoneNorth").workshop.setFollowUpStatus({ followUpId: followUp.id, status: "done" });
      expect((await anon()).open, "a follow-up marked done: recomputed at once").toBe(open - 1);
    } finally {
      if (before === undefined) delete process.env.PUBLIC_CACHE_SECONDS;
      else process.env.PUBLIC_CACHE_SECONDS = before;
    }
  });

  it("refuses a period other than 6, 12 or 24 months with a translated error", async () => {
    await expect(w.caller("anon").workshop.publicCounts({ months: 7 as 6 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
