import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { callDelegateProcedure } from "~/server/api/delegate";
import { images, needs, ollaPlanItems, workshopFollowUps, workshopPhotos, workshops } from "~/server/db/schema";
import { formToInput, recordSource } from "~/shared/delegate-forms";
import { freshModule } from "../security/policy-plans";
import { cameraJpeg, hasGpsTag } from "../helpers/photos";
import { addDays, limaToday } from "~/shared/lima-day";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}

const workshop = () => ({
  zoneId: w.zones.north,
  idempotencyKey: randomUUID(),
  heldOn: addDays(limaToday(), -10),
  place: "Local comunal de Huáscar",
  facilitators: "CANARYFACILITATOR Rosa y Juana",
  ollaIds: [w.ollas.a, w.ollas.b],
  problems: [
    { category: "water" as const, note: "Cisterna llega una vez por semana" },
    { category: "storage" as const, note: "Ratas en el almacén" },
  ],
  agreements: "Comprar juntas tanques de 1100 L.",
  followUps: [
    { what: "Cotizar un tanque de 1100 litros", ollaId: w.ollas.a, dueOn: addDays(limaToday(), -1) },
    { what: "Pedir a la municipalidad el horario de la cisterna", ollaId: null, dueOn: addDays(limaToday(), 20) },
    { what: "Poner tarimas en el almacén", ollaId: w.ollas.b, dueOn: addDays(limaToday(), 5) },
  ],
});

describe("talleres", () => {
  it("a zone coordinator records a workshop of her zone; another zone's coordinator cannot", async () => {
    expect(await codeOf(w.caller("zoneSouth").workshop.create(workshop()))).toBe("NOT_FOUND");
    expect(await codeOf(w.caller("delegateA").workshop.create(workshop()))).toBe("FORBIDDEN");
    expect(await codeOf(w.caller("zoneNorth").workshop.create({ ...workshop(), ollaIds: [w.ollas.a, w.ollas.c] }))).toBe("BAD_REQUEST");
    const { id } = await w.caller("zoneNorth").workshop.create(workshop());
    const got = await w.caller("city").workshop.get({ workshopId: id });
    expect(got.problems.map((p) => p.category).sort()).toEqual(["storage", "water"]);
    expect(got.facilitators).toContain("CANARYFACILITATOR");
    expect(await codeOf(w.caller("zoneSouth").workshop.get({ workshopId: id }))).toBe("NOT_FOUND");
    expect(await codeOf(w.caller("anon").workshop.get({ workshopId: id }))).toBe("UNAUTHORIZED");
  });

  it("each participating olla's delegate sees the workshop and her follow-ups (not facilitators), and marks hers done", async () => {
    const { id } = await w.caller("zoneNorth").workshop.create(workshop());
    const mine = (await w.caller("delegateA").workshop.forOlla({ ollaId: w.ollas.a })).find((x) => x.id === id)!;
    expect(mine.facilitators).toBeNull();
    expect(mine.followUps.map((f) => f.what).sort()).toEqual(["Cotizar un tanque de 1100 litros", "Pedir a la municipalidad el horario de la cisterna"]);
    const hers = mine.followUps.find((f) => f.ollaId === w.ollas.a)!;
    await w.caller("delegateA").workshop.setFollowUpStatus({ followUpId: hers.id, status: "done" });
    const bs = (await w.caller("delegateB").workshop.forOlla({ ollaId: w.ollas.b })).find((x) => x.id === id)!;
    const ofB = bs.followUps.find((f) => f.ollaId === w.ollas.b)!;
    // Olla B's follow-up is not hers, and the coordination's is the coordination's.
    expect(await codeOf(w.caller("delegateA").workshop.setFollowUpStatus({ followUpId: ofB.id, status: "done" }))).toBe("FORBIDDEN");
    const coordination = mine.followUps.find((f) => f.ollaId === null)!;
    expect(await codeOf(w.caller("delegateA").workshop.setFollowUpStatus({ followUpId: coordination.id, status: "done" }))).toBe("FORBIDDEN");
    expect(await codeOf(w.caller("zoneNorth").workshop.setFollowUpStatus({ followUpId: coordination.id, status: "dropped" }))).toBe("OK");
    expect((await w.caller("delegateA").workshop.forOlla({ ollaId: w.ollas.a })).find((x) => x.id === id)!.followUps.find((f) => f.id === hers.id)!.status).toBe("done");
  });

  it("a follow-up becomes a need only when the olla's delegate accepts it", async () => {
    const { id } = await w.caller("zoneNorth").workshop.create(workshop());
    const fu = (await w.caller("zoneNorth").workshop.get({ workshopId: id })).followUps.find((f) => f.ollaId === w.ollas.a)!;
    const before = (await t.db.select().from(needs).where(eq(needs.ollaId, w.ollas.a))).length;
    // The workshop proposes: recording it made no need, and coordination cannot make one.
    const accept = (who: "city" | "zoneNorth" | "delegateA" | "delegateB", ollaId: string) =>
      w.caller(who).workshop.acceptAsNeed({ ollaId, idempotencyKey: randomUUID(), followUpId: fu.id, category: "water", urgency: "high", visibility: "network" });
    expect(await codeOf(accept("zoneNorth", w.ollas.a))).toBe("FORBIDDEN");
    expect(await codeOf(accept("city", w.ollas.a))).toBe("FORBIDDEN");
    expect(await codeOf(accept("delegateB", w.ollas.b))).toBe("BAD_REQUEST");
    expect((await t.db.select().from(needs).where(eq(needs.ollaId, w.ollas.a))).length).toBe(before);
    const r = await accept("delegateA", w.ollas.a);
    const [need] = await t.db.select().from(needs).where(eq(needs.id, r.needId));
    expect(need!.description).toBe("Cotizar un tanque de 1100 litros");
    expect(await codeOf(accept("delegateA", w.ollas.a))).toBe("CONFLICT");
    const again = (await w.caller("delegateA").workshop.forOlla({ ollaId: w.ollas.a })).find((x) => x.id === id)!;
    expect(again.followUps.find((f) => f.id === fu.id)!.needId).toBe(r.needId);
  });

  it("dashboard: ollas that named each category in the period; open and overdue follow-ups per zone", async () => {
    const d = await w.caller("zoneNorth").workshop.dashboard({ from: addDays(limaToday(), -30), to: limaToday() });
    expect(d.named.find((n) => n.category === "water")?.ollas).toBe(2);
    const north = d.followUps.find((z) => z.zoneId === w.zones.north)!;
    expect(north.open).toBeGreaterThan(0);
    expect(north.overdue).toBeGreaterThan(0);
    expect(north.overdue).toBeLessThanOrEqual(north.open);
    const south = await w.caller("zoneSouth").workshop.dashboard({ from: addDays(limaToday(), -30), to: limaToday() });
    expect(south).toEqual({ named: [], followUps: [] });
    const old = await w.caller("city").workshop.dashboard({ from: addDays(limaToday(), -400), to: addDays(limaToday(), -300) });
    expect(old.named).toEqual([]);
    // The panel's zone filter never widens her scope: another zone asked by name gives nothing.
    expect(await w.caller("zoneNorth").workshop.dashboard({ from: addDays(limaToday(), -30), to: limaToday(), zoneId: w.zones.south })).toEqual({ named: [], followUps: [] });
  });

  it("records a workshop's photos re-encoded with no metadata, served only to those who reach the workshop; a bad file writes nothing", async () => {
    const input = await cameraJpeg({ width: 1400, height: 1000, seed: 7 });
    expect(hasGpsTag((await sharp(input).metadata()).exif)).toBe(true);
    const req = { ...workshop(), followUps: [{ what: "Traer las fotos al local", ollaId: w.ollas.a, dueOn: limaToday(), status: "done" as const }], photos: [new Uint8Array(input)] };
    const { id } = await w.caller("zoneNorth").workshop.create(req);
    // A retried upload (same key) records one workshop.
    expect((await w.caller("zoneNorth").workshop.create(req)).id).toBe(id);
    expect(await t.db.select().from(workshopPhotos).where(eq(workshopPhotos.workshopId, id))).toHaveLength(1);
    const got = await w.caller("delegateA").workshop.get({ workshopId: id });
    expect(got.followUps[0]!.status).toBe("done");
    const ph = got.photos[0]!;
    const hash = (url: string) => /([0-9a-f]{64})/.exec(url)![1]!;
    for (const url of [ph.thumb, ph.display]) {
      const served = await w.caller("delegateA").post.photo({ hash: hash(url) });
      const m = await sharp(Buffer.from(served.bytes)).metadata();
      expect(m.exif).toBeUndefined();
      expect(Buffer.from(served.bytes).includes("CANARYCAM")).toBe(false);
      expect(await codeOf(w.caller("anon").post.photo({ hash: hash(url) }))).toBe("NOT_FOUND");
      expect(await codeOf(w.caller("zoneSouth").post.photo({ hash: hash(url) }))).toBe("NOT_FOUND");
    }
    const count = async () => [(await t.db.select().from(workshops)).length, (await t.db.select().from(images)).length];
    const before = await count();
    const bad = { ...workshop(), photos: [new TextEncoder().encode("not a photo at all, just text")] };
    expect(await codeOf(w.caller("zoneNorth").workshop.create(bad))).toBe("BAD_REQUEST");
    expect(await count()).toEqual(before);
  });

  it("a follow-up joins her olla's plan only when her delegate accepts it, through her home's delegate form", async () => {
    const { id } = await w.caller("zoneNorth").workshop.create(workshop());
    const fu = (await w.caller("zoneNorth").workshop.get({ workshopId: id })).followUps.find((f) => f.ollaId === w.ollas.a)!;
    const mod = await freshModule(w);
    const planBefore = (await t.db.select().from(ollaPlanItems).where(eq(ollaPlanItems.ollaId, w.ollas.a))).length;
    const form = (who: "zoneNorth" | "delegateA" | "delegateB", ollaId: string, key = randomUUID()) =>
      callDelegateProcedure(
        w.caller(who),
        "workshop.acceptAsPlanModule",
        formToInput("workshop.acceptAsPlanModule", recordSource({ ollaId, idempotencyKey: key, followUpId: fu.id, moduleId: mod.id, funding: "" })),
      );
    expect(await codeOf(form("zoneNorth", w.ollas.a))).toBe("FORBIDDEN");
    expect(await codeOf(form("delegateB", w.ollas.b))).toBe("BAD_REQUEST");
    expect((await t.db.select().from(ollaPlanItems).where(eq(ollaPlanItems.ollaId, w.ollas.a))).length).toBe(planBefore);
    const key = randomUUID();
    const r = (await form("delegateA", w.ollas.a, key)) as { planItemId: string };
    // Her retry (same key, a lost answer) makes one plan item and the same link.
    expect(((await form("delegateA", w.ollas.a, key)) as { planItemId: string }).planItemId).toBe(r.planItemId);
    expect((await t.db.select().from(ollaPlanItems).where(eq(ollaPlanItems.ollaId, w.ollas.a))).length).toBe(planBefore + 1);
    const [row] = await t.db.select().from(workshopFollowUps).where(eq(workshopFollowUps.id, fu.id));
    expect(row!.planItemId).toBe(r.planItemId);
    // She marks it done from her home (the same delegate form path).
    await callDelegateProcedure(w.caller("delegateA"), "workshop.markFollowUp", formToInput("workshop.markFollowUp", recordSource({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), followUpId: fu.id, status: "done" })));
    // Not another olla's follow-up, even through her own olla's form.
    const ofCoordination = (await w.caller("zoneNorth").workshop.get({ workshopId: id })).followUps.find((f) => f.ollaId === null)!;
    expect(await codeOf(w.caller("delegateA").workshop.markFollowUp({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), followUpId: ofCoordination.id, status: "done" }))).toBe("BAD_REQUEST");
    const home = (await w.caller("delegateA").workshop.forOlla({ ollaId: w.ollas.a })).find((x) => x.id === id)!;
    expect(home.followUps.find((f) => f.id === fu.id)).toMatchObject({ status: "done", planItemId: r.planItemId });
  });
});
