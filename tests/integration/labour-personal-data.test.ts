/**
 * Socias' names are personal data (Ley 29733, issue 16: "names of the people are optional and
 * private"): a coordinator whose scope holds the olla finds, corrects and erases a socia's name
 * like any other person's; the purge erases the names of socias who left longer ago than the
 * retention period and clears the names typed into old shifts; her roles and the olla's hours
 * stay. Names never reach an anonymous caller, another olla or another zone.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, cargoTerms, shifts, socias } from "~/server/db/schema";
import { purgePersonalData } from "~/server/services/personal-data";
import { ERASED_NAME } from "~/shared/personal-data";
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

const key = () => crypto.randomUUID();
const today = limaToday();
const nameOf = async (id: string) => (await t.db.select({ name: socias.name }).from(socias).where(eq(socias.id, id)))[0]!.name;

describe("a socia's name under the personal-data procedures", () => {
  it("found, corrected and erased by a coordinator in scope; her shifts lose the name, her roles and hours stay", async () => {
    const d = w.caller("delegateA").labour;
    const ollaId = w.ollas.a;
    const s = await d.addSocia({ ollaId, idempotencyKey: key(), name: "Zenaida Apaza", joinedOn: "2022-01-01" });
    const cargo = await d.addCargo({ ollaId, idempotencyKey: key(), kind: "other", label: "Vocal de salud", seats: 1 });
    await d.assignTerm({ ollaId, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: s.id, startsOn: "2023-01-01" });
    const shift = await d.logShift({ ollaId, idempotencyKey: key(), workedOn: today, task: "cooking", people: 2, hours: 4, hoursMode: "each", names: "Zenaida Apaza, Rosa" });

    // Olla A is in the north: its coordinator and the city find her; the south's coordinator does not.
    const found = (await w.caller("zoneNorth").personalData.list({ q: "Zenaida", limit: 10 })).filter((p) => p.kind === "socia");
    expect(found).toEqual([expect.objectContaining({ kind: "socia", id: s.id, name: "Zenaida Apaza", phone: null, active: true })]);
    expect((await w.caller("city").personalData.list({ q: "Zenaida", limit: 10 })).some((p) => p.id === s.id)).toBe(true);
    expect(await w.caller("zoneSouth").personalData.list({ q: "Zenaida", limit: 10 })).toEqual([]);
    await expect(w.caller("zoneSouth").personalData.erase({ kind: "socia", id: s.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // A correction of her name; a phone is refused (she has none on record).
    await w.caller("zoneNorth").personalData.correct({ kind: "socia", id: s.id, name: "Zenaida Apaza Ticona" });
    expect(await nameOf(s.id)).toBe("Zenaida Apaza Ticona");
    await expect(w.caller("zoneNorth").personalData.correct({ kind: "socia", id: s.id, phone: "+51987000111" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    // Erasure: the name goes from her record and from the shift's names; the term and the hours stay.
    const second = await d.logShift({ ollaId, idempotencyKey: key(), workedOn: today, task: "cleaning", people: 1, hours: 2, hoursMode: "each", names: "Zenaida Apaza Ticona y Rosa" });
    const hoursBefore = (await d.olla({ ollaId })).thisMonth!.hours;
    await w.caller("zoneNorth").personalData.erase({ kind: "socia", id: s.id });
    expect(await nameOf(s.id)).toBe(ERASED_NAME);
    expect((await t.db.select({ names: shifts.names }).from(shifts).where(eq(shifts.id, second.id)))[0]!.names).toBe(`${ERASED_NAME} y Rosa`);
    // The first shift named her before the correction: its text is not her current name, and stays as typed.
    expect((await t.db.select({ names: shifts.names }).from(shifts).where(eq(shifts.id, shift.id)))[0]!.names).toBe("Zenaida Apaza, Rosa");
    const l = await d.leadership({ ollaId });
    expect(l.socias.find((x) => x.id === s.id)).toMatchObject({ name: ERASED_NAME, active: false });
    expect(l.cargos.find((c) => c.id === cargo.id)!.history).toHaveLength(1);
    expect((await d.olla({ ollaId })).thisMonth!.hours).toBe(hoursBefore);
    // The audit says who erased what, by id, never the name.
    const lines = await t.db.select().from(auditLog).where(eq(auditLog.entityId, s.id));
    expect(JSON.stringify(lines)).not.toMatch(/Zenaida/);
    expect(lines.some((x) => x.action === "erase")).toBe(true);
    // A second erasure finds nothing more to do, and the olla's page may still edit her record.
    expect(await w.caller("zoneNorth").personalData.erase({ kind: "socia", id: s.id })).toEqual({ ok: true, erased: false });
  });
});

describe("the purge", () => {
  it("erases the names of socias who left longer ago than the retention period, and clears names typed into old shifts", async () => {
    const d = w.caller("delegateA").labour;
    const ollaId = w.ollas.a;
    const add = (name: string) => d.addSocia({ ollaId, idempotencyKey: key(), name, joinedOn: "2019-01-01" });
    const gone = await add("Se Fue Hace Años");
    const recent = await add("Se Fue Hace Poco");
    const holder = await add("Tiene Un Cargo");
    const active = await add("Sigue Viniendo");
    const cargo = await d.addCargo({ ollaId, idempotencyKey: key(), kind: "other", label: "Vocal de actas", seats: 1 });
    await d.assignTerm({ ollaId, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: holder.id, startsOn: "2019-02-01" });
    // Three leave (not active); the clock of two is moved back 30 months (the default retention is 24).
    for (const s of [gone, recent, holder]) {
      await d.updateSocia({ ollaId, idempotencyKey: key(), sociaId: s.id, version: s.version, name: await nameOf(s.id), joinedOn: "2019-01-01", active: false });
    }
    for (const s of [gone, holder]) {
      await t.db.execute(sql`update audit_log set created_at = now() - interval '30 months' where entity = 'socia' and entity_id = ${s.id}`);
      await t.db.execute(sql`update socias set created_at = now() - interval '30 months' where id = ${s.id}::uuid`);
    }
    const old = await d.logShift({ ollaId, idempotencyKey: key(), workedOn: addDays(today, -20), task: "purchasing", people: 1, hours: 2, hoursMode: "each", names: "Nombre Viejo" });
    await t.db.execute(sql`update shifts set worked_on = (now() - interval '30 months')::date where id = ${old.id}::uuid`);
    const fresh = await d.logShift({ ollaId, idempotencyKey: key(), workedOn: today, task: "accounts", people: 1, hours: 1, hoursMode: "each", names: "Nombre Nuevo" });

    const r = await purgePersonalData(t.db, { now: new Date(Date.now() + 5 * 3_600_000) });
    expect(r.ran).toBe(true);
    expect(r.socias).toBe(1);
    expect(r.shiftNames).toBeGreaterThanOrEqual(1);
    expect(await nameOf(gone.id)).toBe(ERASED_NAME);
    expect(await nameOf(recent.id)).toBe("Se Fue Hace Poco");
    // Still holds a role (her term has not ended): her name stays while the olla relies on it.
    expect(await nameOf(holder.id)).toBe("Tiene Un Cargo");
    expect(await nameOf(active.id)).toBe("Sigue Viniendo");
    const namesOf = async (id: string) => (await t.db.select({ n: shifts.names, h: shifts.hours }).from(shifts).where(eq(shifts.id, id)))[0]!;
    expect(await namesOf(old.id)).toEqual({ n: null, h: 2 });
    expect((await namesOf(fresh.id)).n).toBe("Nombre Nuevo");
    expect((await t.db.select().from(cargoTerms).where(eq(cargoTerms.sociaId, holder.id))).length).toBe(1);
  });
});

describe("names never leave the olla", () => {
  it("no socia or shift name in the anonymous, the other olla's or the other zone's answers", async () => {
    const d = w.caller("delegateA").labour;
    const name = "CANARYNAME Eusebia Chura";
    const s = await d.addSocia({ ollaId: w.ollas.a, idempotencyKey: key(), name, joinedOn: "2021-01-01" });
    const cargo = await d.addCargo({ ollaId: w.ollas.a, idempotencyKey: key(), kind: "other", label: "Vocal de deportes", seats: 1 });
    await d.assignTerm({ ollaId: w.ollas.a, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: s.id, startsOn: addDays(today, -40) });
    await d.logShift({ ollaId: w.ollas.a, idempotencyKey: key(), workedOn: today, task: "cooking", people: 3, hours: 4, hoursMode: "each", names: `${name} y otras` });
    const answers = await Promise.all([
      w.caller("anon").labour.public({ months: 12 }),
      w.caller("zoneSouth").labour.network({ months: 12 }),
      w.caller("city").labour.network({ months: 12 }),
      w.caller("zoneSouth").personalData.list({ limit: 100 }),
      w.caller("delegateB").labour.olla({ ollaId: w.ollas.b }),
      w.caller("delegateB").labour.leadership({ ollaId: w.ollas.b }),
    ]);
    for (const a of answers) expect(JSON.stringify(a)).not.toContain("CANARYNAME");
    await expect(w.caller("delegateB").labour.leadership({ ollaId: w.ollas.a })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(w.caller("anon").personalData.list({ limit: 10 })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
