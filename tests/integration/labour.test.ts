/**
 * Turnos, socias and cargos through the tRPC callers on a real database (issue 16): the
 * month's hours and value, idempotent and validated writes, terms that never overlap (also
 * under concurrency), renewal indicators, and aggregates that keep names and small cells out.
 */
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callDelegateProcedure, outcomeOf } from "~/server/api/delegate";
import { describeError } from "~/server/api/error-shape";
import { ollaLabourMonths } from "~/server/db/queries/labour";
import { auditLog, cargos, cargoTerms, minimumWages, ollas, shifts } from "~/server/db/schema";
import { labourByMonth } from "~/server/domain/labour";
import { formToInput, recordSource, toFormErrors, type DelegateProcedure } from "~/shared/delegate-forms";
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
const codeOf = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));
async function fieldErrorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    // Described as a form sees it (the HTTP formatter and the server actions use describeError).
    const err = e as TRPCError;
    const d = describeError("es", err);
    const fields = Object.keys(d.fieldErrors ?? {});
    return { code: err.code, message: [d.message, ...Object.values(d.fieldErrors ?? {}).flat()].join(" "), field: fields[0] };
  }
  throw new Error("expected a refusal");
}
const shiftCount = async (ollaId: string) => Number((await t.db.select({ n: sql<number>`count(*)` }).from(shifts).where(eq(shifts.ollaId, ollaId)))[0]!.n);

describe("turnos and the month's labour value", () => {
  it("a shift logged today moves the month's hours and value at S/ 1,130 ÷ 240 an hour; a replay writes nothing", async () => {
    const d = w.caller("delegateA").labour;
    const before = (await d.olla({ ollaId: w.ollas.a })).thisMonth;
    const input = { ollaId: w.ollas.a, idempotencyKey: key(), workedOn: today, task: "cooking" as const, people: 6, hours: 4, hoursMode: "each" as const, rations: 120 };
    const first = await d.logShift(input);
    expect(first.hours).toBe(24);
    const again = await d.logShift(input);
    expect(again.id).toBe(first.id);
    const after = (await d.olla({ ollaId: w.ollas.a })).thisMonth!;
    expect(after.hours - (before?.hours ?? 0)).toBe(24);
    // 24 h × S/ 1,130 / 240 = S/ 113.00 (the 2025 wage is still the latest in the history).
    expect(after.valueCents - (before?.valueCents ?? 0)).toBe(11300);
    expect(after.people).toBeGreaterThanOrEqual(6);
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, "shift"), eq(auditLog.entityId, first.id)));
    expect(audit).toHaveLength(1);
  });

  it("bad input gets a translated field error and changes nothing: negative hours, more than 24 h a person, a future day", async () => {
    const d = w.caller("delegateA").labour;
    const n = await shiftCount(w.ollas.a);
    const base = { ollaId: w.ollas.a, workedOn: today, task: "cleaning" as const, people: 2, hoursMode: "each" as const };
    const neg = await fieldErrorOf(d.logShift({ ...base, idempotencyKey: key(), hours: -3 }));
    expect(neg.code).toBe("BAD_REQUEST");
    const tooMany = await fieldErrorOf(d.logShift({ ...base, idempotencyKey: key(), hours: 25 }));
    expect(tooMany.code).toBe("BAD_REQUEST");
    const totalTooMany = await fieldErrorOf(d.logShift({ ...base, idempotencyKey: key(), hours: 49, hoursMode: "total" }));
    expect(totalTooMany.code).toBe("BAD_REQUEST");
    const future = await fieldErrorOf(d.logShift({ ...base, idempotencyKey: key(), hours: 2, workedOn: addDays(today, 5) }));
    expect(future.code).toBe("BAD_REQUEST");
    const es = await fieldErrorOf(w.caller("delegateA", "es").labour.logShift({ ...base, idempotencyKey: key(), hours: 30 }));
    expect(es.message).toMatch(/24 horas por persona/);
    expect(await shiftCount(w.ollas.a)).toBe(n);
  });

  it("copy last week: last week's shifts again on this week's days up to today, once", async () => {
    const d = w.caller("delegateB").labour;
    const monday = addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
    const lastWeek = [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(monday, i - 7));
    for (const day of lastWeek) await d.logShift({ ollaId: w.ollas.b, idempotencyKey: key(), workedOn: day, task: "cooking", people: 3, hours: 5, hoursMode: "each", names: "Rosa, Juana, Pilar" });
    const expected = lastWeek.filter((day) => addDays(day, 7) <= today).length;
    const k = key();
    const r = await d.copyLastWeek({ ollaId: w.ollas.b, idempotencyKey: k });
    expect(r.copied).toBe(expected);
    // Another press (new key): nothing new, the days are taken.
    expect((await d.copyLastWeek({ ollaId: w.ollas.b, idempotencyKey: key() })).copied).toBe(0);
    const recent = (await d.olla({ ollaId: w.ollas.b })).recent.filter((s) => s.workedOn >= monday);
    expect(recent).toHaveLength(expected);
  });

  it("SQL per month equals the domain rule over random shifts and a wage changed mid-year (property)", async () => {
    // Each run in its own olla and its own year, far ahead, with its own wage history (the table is append-only).
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ d: fc.integer({ min: 0, max: 364 }), people: fc.integer({ min: 1, max: 8 }), centi: fc.integer({ min: 1, max: 2400 }), rations: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }) }),
          { maxLength: 25 },
        ),
        fc.integer({ min: 1, max: 364 }),
        fc.integer({ min: 100000, max: 200000 }),
        async (rows, changeDay, newWage) => {
          const year = 2200 + run++;
          const jan1 = `${year}-01-01`;
          const change = addDays(jan1, changeDay);
          await t.db.insert(minimumWages).values([{ validFrom: jan1, monthlyCents: 113000 }, { validFrom: change, monthlyCents: newWage }]);
          const [o] = await t.db.select().from(ollas).where(eq(ollas.id, w.ollas.c));
          const facts = rows.map((r) => ({ workedOn: addDays(jan1, r.d), people: r.people, hours: r.centi / 100, rations: r.rations }));
          if (facts.length) {
            await t.db.insert(shifts).values(facts.map((f) => ({ ollaId: o!.id, workedOn: f.workedOn, task: "cooking" as const, people: f.people, hours: Math.min(f.hours, f.people * 24), rations: f.rations })));
          }
          const wages = await t.db.select({ validFrom: minimumWages.validFrom, monthlyCents: minimumWages.monthlyCents }).from(minimumWages);
          const sqlMonths = await ollaLabourMonths(t.db, o!.id, jan1, `${year + 1}-01-01`, o!.rationsPerDay);
          const js = labourByMonth(facts, wages, o!.rationsPerDay).map(({ valuePerRationCents: _v, ...m }) => m);
          expect(sqlMonths).toEqual(js);
        },
      ),
      { numRuns: 20 },
    );
  });
});

describe("socias and cargos", () => {
  async function setup(ollaKey: "a" | "b", who: "delegateA" | "delegateB") {
    const d = w.caller(who).labour;
    const ollaId = w.ollas[ollaKey];
    const ana = await d.addSocia({ ollaId, idempotencyKey: key(), name: "Ana Huamán", joinedOn: "2021-05-01" });
    const bea = await d.addSocia({ ollaId, idempotencyKey: key(), name: "Beatriz Ccori", joinedOn: "2023-08-15" });
    const cargo = await d.addCargo({ ollaId, idempotencyKey: key(), kind: "other", label: `Vocal ${Math.random().toString(36).slice(2, 7)}`, seats: 1 });
    return { d, ollaId, ana, bea, cargo };
  }

  it("handing a role to a new member ends the old term on the handover day and moves the renewal indicator", async () => {
    const { d, ollaId, ana, bea, cargo } = await setup("a", "delegateA");
    await d.assignTerm({ ollaId, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: ana.id, startsOn: "2022-01-01" });
    let l = await d.leadership({ ollaId });
    let c = l.cargos.find((x) => x.id === cargo.id)!;
    expect(c.overdue).toBe(true);
    expect(c.seats[0]!.holderId).toBe(ana.id);
    const handover = addDays(today, -1);
    const r = await d.assignTerm({ ollaId, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: bea.id, startsOn: handover });
    expect(r.ended?.endsOn).toBe(handover);
    l = await d.leadership({ ollaId });
    c = l.cargos.find((x) => x.id === cargo.id)!;
    expect(c).toMatchObject({ overdue: false, monthsHeld: 0, newPeopleLastYear: 1 });
    expect(c.seats[0]!.holderId).toBe(bea.id);
    expect(l.summary.renewedLastYear).toBe(true);
    // Names reach the olla's own delegate and its coordinators, never anyone else.
    expect(l.socias.map((s) => s.name)).toContain("Ana Huamán");
    await expect(w.caller("delegateB").labour.leadership({ ollaId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a term ending before it starts, or overlapping another person's, is a field error; nothing changes", async () => {
    const { d, ollaId, ana, bea, cargo } = await setup("a", "delegateA");
    await d.assignTerm({ ollaId, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: ana.id, startsOn: "2020-01-01", endsOn: "2022-01-01" });
    const n = (await t.db.select().from(cargoTerms).where(eq(cargoTerms.cargoId, cargo.id))).length;
    const backwards = await fieldErrorOf(d.assignTerm({ ollaId, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: bea.id, startsOn: "2023-01-01", endsOn: "2022-06-01" }));
    expect(backwards.code).toBe("BAD_REQUEST");
    const overlapping = await fieldErrorOf(w.caller("delegateA", "es").labour.assignTerm({ ollaId, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: bea.id, startsOn: "2021-06-01", endsOn: "2022-06-01" }));
    expect(overlapping).toMatchObject({ code: "BAD_REQUEST", field: "startsOn" });
    expect(overlapping.message).toMatch(/se cruza/);
    // Back to back is fine: the handover day belongs to the new term.
    await d.assignTerm({ ollaId, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: bea.id, startsOn: "2022-01-01", endsOn: "2023-01-01" });
    expect((await t.db.select().from(cargoTerms).where(eq(cargoTerms.cargoId, cargo.id))).length).toBe(n + 1);
  });

  it("the database refuses overlapping terms under concurrency: two parallel writes, one succeeds", async () => {
    const { d, ollaId, ana, bea, cargo } = await setup("a", "delegateA");
    const outcomes = await Promise.all(
      [
        { sociaId: ana.id, startsOn: "2019-01-01", endsOn: "2020-06-01" },
        { sociaId: bea.id, startsOn: "2019-06-01", endsOn: "2021-01-01" },
      ].map((x) =>
        d
          .assignTerm({ ollaId, idempotencyKey: key(), cargoId: cargo.id, seat: 1, ...x })
          .then(() => "ok")
          .catch(codeOf),
      ),
    );
    expect(outcomes.sort()).toEqual(["BAD_REQUEST", "ok"]);
    // And below the service, straight into the table: the EXCLUDE constraint itself.
    const [c] = await t.db.select({ seq: cargos.seq }).from(cargos).where(eq(cargos.id, cargo.id));
    const raw = await Promise.allSettled(
      [ana.id, bea.id].map((sociaId) =>
        t.db.insert(cargoTerms).values({ ollaId, cargoId: cargo.id, cargoSeq: Number(c!.seq), seat: 1, sociaId, startsOn: "2010-01-01", endsOn: "2012-01-01" }),
      ),
    );
    expect(raw.filter((x) => x.status === "fulfilled")).toHaveLength(1);
  });

  it("a socia of another olla cannot hold a role here; apoyo marks count learners", async () => {
    const a = await setup("a", "delegateA");
    const b = await setup("b", "delegateB");
    const cross = await fieldErrorOf(a.d.assignTerm({ ollaId: a.ollaId, idempotencyKey: key(), cargoId: a.cargo.id, seat: 1, sociaId: b.ana.id, startsOn: "2024-01-01" }));
    expect(cross).toMatchObject({ code: "BAD_REQUEST", field: "sociaId" });
    await a.d.markApoyo({ ollaId: a.ollaId, idempotencyKey: key(), cargoId: a.cargo.id, sociaId: a.bea.id, learning: true });
    let c = (await a.d.leadership({ ollaId: a.ollaId })).cargos.find((x) => x.id === a.cargo.id)!;
    expect(c.learners).toEqual([a.bea.id]);
    await a.d.markApoyo({ ollaId: a.ollaId, idempotencyKey: key(), cargoId: a.cargo.id, sociaId: a.bea.id, learning: false });
    c = (await a.d.leadership({ ollaId: a.ollaId })).cargos.find((x) => x.id === a.cargo.id)!;
    expect(c.learners).toEqual([]);
  });

  it("editing a socia from a stale version is a CONFLICT", async () => {
    const { d, ollaId, ana } = await setup("a", "delegateA");
    await d.updateSocia({ ollaId, idempotencyKey: key(), sociaId: ana.id, version: ana.version, name: "Ana María Huamán", joinedOn: "2021-05-01", active: true });
    await expect(d.updateSocia({ ollaId, idempotencyKey: key(), sociaId: ana.id, version: ana.version, name: "Otra", joinedOn: "2021-05-01", active: false })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("the forms to edit a socia and end a term (as the page submits them)", () => {
  /** A form's fields → the procedure's input → the caller, as the server action and the outbox do; refusals as the form shows them. */
  async function submitForm(procedure: DelegateProcedure, fields: Record<string, string>) {
    const input = formToInput(procedure, recordSource({ ollaId: w.ollas.a, idempotencyKey: key(), ...fields }));
    try {
      await callDelegateProcedure(w.caller("delegateA", "es"), procedure, input);
      return { ok: true as const, errors: {} as Record<string, string> };
    } catch (e) {
      const o = outcomeOf("k", e, "es");
      return { ok: false as const, code: o.status === "refused" ? o.code : o.status, errors: o.status === "refused" ? toFormErrors(o.fieldErrors) : {} };
    }
  }

  it("renames a socia, moves her joined date and marks her inactive; a stale version changes nothing", async () => {
    const d = w.caller("delegateA").labour;
    const s = await d.addSocia({ ollaId: w.ollas.a, idempotencyKey: key(), name: "Elsa Poma", joinedOn: "2020-02-01" });
    const r = await submitForm("labour.updateSocia", { sociaId: s.id, version: String(s.version), name: "Elsa Poma Ccahua", joinedOn: "2019-11-01" });
    expect(r.ok).toBe(true);
    const row = (await d.leadership({ ollaId: w.ollas.a })).socias.find((x) => x.id === s.id)!;
    // The unticked checkbox sends nothing: she is no longer active.
    expect(row).toMatchObject({ name: "Elsa Poma Ccahua", joinedOn: "2019-11-01", active: false, version: s.version + 1 });
    const stale = await submitForm("labour.updateSocia", { sociaId: s.id, version: String(s.version), name: "Otra", joinedOn: "2019-11-01", active: "on" });
    expect(stale).toMatchObject({ ok: false, code: "CONFLICT" });
    const short = await submitForm("labour.updateSocia", { sociaId: s.id, version: String(row.version), name: "E", joinedOn: "2019-11-01", active: "on" });
    expect(short.errors.name).toMatch(/al menos 2 letras/);
    expect((await d.leadership({ ollaId: w.ollas.a })).socias.find((x) => x.id === s.id)).toMatchObject({ name: "Elsa Poma Ccahua", active: false });
  });

  it("ends a term on a chosen date; before it began or across the next term is a translated error on the date", async () => {
    const d = w.caller("delegateA").labour;
    const ollaId = w.ollas.a;
    const a = await d.addSocia({ ollaId, idempotencyKey: key(), name: "Flor Quispe", joinedOn: "2020-01-01" });
    const b = await d.addSocia({ ollaId, idempotencyKey: key(), name: "Gladys Rojas", joinedOn: "2020-01-01" });
    const cargo = await d.addCargo({ ollaId, idempotencyKey: key(), kind: "other", label: `Vocal ${Math.random().toString(36).slice(2, 7)}`, seats: 1 });
    // Flor from 2021 to 2023, Gladys from 2023 on.
    const past = (await d.assignTerm({ ollaId, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: a.id, startsOn: "2021-01-01", endsOn: "2023-01-01" })).term;
    const now = (await d.assignTerm({ ollaId, idempotencyKey: key(), cargoId: cargo.id, seat: 1, sociaId: b.id, startsOn: "2023-01-01" })).term;
    const endOf = async (id: string) => (await t.db.select().from(cargoTerms).where(eq(cargoTerms.id, id)))[0]!.endsOn;

    const backwards = await submitForm("labour.endTerm", { term: `${now.id}:${now.version}`, endsOn: "2022-12-01" });
    expect(backwards).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(backwards.errors.endsOn).toBe("El periodo no puede terminar antes de empezar.");
    const across = await submitForm("labour.endTerm", { term: `${past.id}:${past.version}`, endsOn: "2024-01-01" });
    expect(across).toMatchObject({ ok: false, code: "BAD_REQUEST" });
    expect(across.errors.endsOn).toMatch(/se cruza/);
    expect(await endOf(now.id)).toBeNull();
    expect(await endOf(past.id)).toBe("2023-01-01");

    const on = addDays(today, -2);
    expect((await submitForm("labour.endTerm", { term: `${now.id}:${now.version}`, endsOn: on })).ok).toBe(true);
    expect(await endOf(now.id)).toBe(on);
    const c = (await d.leadership({ ollaId })).cargos.find((x) => x.id === cargo.id)!;
    expect(c.seats[0]!.holderId).toBeNull();
    // The same option again (the version she saw is gone): refused, nothing moves.
    expect(await submitForm("labour.endTerm", { term: `${now.id}:${now.version}`, endsOn: today })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await endOf(now.id)).toBe(on);
  });
});

describe("aggregates", () => {
  it("the public summary hides months counting 1–2 ollas and never carries names; coordinators see their zones", async () => {
    const pub = await w.caller("anon").labour.public({ months: 3 });
    const thisMonth = pub.months.at(-1)!;
    // Olla A and B logged this month (2 ollas): too few to publish.
    expect(thisMonth.hours).toBeNull();
    expect(JSON.stringify(pub)).not.toMatch(/Rosa|Juana|Huamán|Ccori/);
    await w.caller("delegateA").labour.logShift({ ollaId: w.ollas.a, idempotencyKey: key(), workedOn: today, task: "accounts", people: 1, hours: 2, hoursMode: "each" });
    await w.caller("city").labour.network({ months: 2 }).then((r) => {
      expect(r.months).toHaveLength(2);
      expect(r.months.at(-1)!.hours).toBeNull();
    });
    const north = await w.caller("zoneNorth").labour.network({ months: 1 });
    expect(north.renewal.every((z) => z.zoneId !== undefined)).toBe(true);
  });

  it("a new minimum wage applies from this month on: earlier months keep their value", async () => {
    const d = w.caller("delegateA").labour;
    await t.db.insert(shifts).values({ ollaId: w.ollas.a, workedOn: addDays(`${today.slice(0, 7)}-01`, -3), task: "cooking", people: 1, hours: 8 });
    const before = (await d.olla({ ollaId: w.ollas.a })).months;
    await expect(w.caller("city").labour.addWage({ idempotencyKey: key(), validFrom: addDays(`${today.slice(0, 7)}-01`, -1), monthlyCents: 130000 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await w.caller("city").labour.addWage({ idempotencyKey: key(), validFrom: `${today.slice(0, 7)}-01`, monthlyCents: 130000 });
    const after = (await d.olla({ ollaId: w.ollas.a })).months;
    for (const m of before.filter((m) => m.month < today.slice(0, 7))) expect(after.find((a) => a.month === m.month)).toEqual(m);
    const now = after.find((m) => m.month === today.slice(0, 7))!;
    expect(now.valueCents).toBe(Math.round((now.hours * 100 * 130000) / 24000));
    // The history is append-only in the database.
    await expect(t.db.execute(sql`update minimum_wages set monthly_cents = 1 where valid_from = '2025-01-01'`)).rejects.toThrow();
  });
});
