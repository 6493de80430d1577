import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, ollaPlanItems, ollaPlans, ollas } from "~/server/db/schema";
import { seedModuleCatalogue, MODULE_CATALOGUE } from "~/server/db/seed/plans";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { PLAN_ITEM_STATUSES } from "~/shared/plans";
import { limaToday } from "~/shared/lima-day";
import { describeError } from "~/server/api/error-shape";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { freshModule } from "../security/policy-plans";

let t: TestDb;
let w: World;
let ids: Map<string, string>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  ids = await seedModuleCatalogue(t.db);
});
afterAll(async () => t?.close());

const key = () => randomUUID();
const A = () => w.caller("delegateA");
const add = (moduleCode: string, ollaId = w.ollas.a, who: "delegateA" | "delegateB" = "delegateA") =>
  w.caller(who).plan.addModule({ ollaId, idempotencyKey: key(), moduleId: ids.get(moduleCode)! });
async function codeOf(err: Promise<unknown>) {
  try {
    await err;
    return "ok";
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
}

describe("module catalogue", () => {
  it("the demo catalogue has ≥15 modules across every category, with prerequisites", async () => {
    const list = await w.caller("anon").planModule.list({});
    expect(list.length).toBeGreaterThanOrEqual(15);
    expect(new Set(list.map((m) => m.category)).size).toBe(8);
    const sink = list.find((m) => m.code === "lavadero")!;
    expect(sink.prerequisites).toEqual([[ids.get("tanque-1100"), ids.get("conexion-agua")].sort()]);
    expect(MODULE_CATALOGUE.every((m) => m.pen[0] <= m.pen[1])).toBe(true);
  });

  it("refuses a change that would make a cycle, with a field error naming it, and changes nothing", async () => {
    const list = await w.caller("city").planModule.list({});
    const tank = list.find((m) => m.code === "tanque-1100")!;
    const grease = list.find((m) => m.code === "trampa-grasa")!;
    const attempt = w.caller("city", "es").planModule.update({
      idempotencyKey: key(),
      moduleId: tank.id,
      version: tank.version,
      code: tank.code,
      nameEs: tank.nameEs,
      nameEn: tank.nameEn,
      category: tank.category,
      costMinCents: tank.costMinCents,
      costMaxCents: tank.costMaxCents,
      prerequisites: [[grease.id]],
    });
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const err = await attempt.catch((e: Error) => e);
    const said = describeError("es", err as Error);
    expect(said.fieldErrors?.prerequisites?.[0]).toContain("Trampa de grasa");
    const after = (await w.caller("city").planModule.list({})).find((m) => m.id === tank.id)!;
    expect(after.prerequisites).toEqual([]);
    expect(after.version).toBe(tank.version);
  });

  it("refuses min > max, an unknown prerequisite, and a stale version", async () => {
    expect(await codeOf(freshModule(w, { costMinCents: 500, costMaxCents: 100 }))).toBe("BAD_REQUEST");
    expect(await codeOf(freshModule(w, { prerequisites: [[randomUUID()]] }))).toBe("BAD_REQUEST");
    expect(await codeOf(freshModule(w, { costMinCents: -1 }))).toBe("BAD_REQUEST");
    const m = await freshModule(w);
    const upd = { idempotencyKey: key(), moduleId: m.id, version: m.version, code: m.code, nameEs: "Nuevo nombre", nameEn: "New name", category: m.category, costMinCents: 1, costMaxCents: 2 };
    await w.caller("city").planModule.update(upd);
    expect(await codeOf(w.caller("city").planModule.update({ ...upd, idempotencyKey: key(), nameEs: "Otro" }))).toBe("CONFLICT");
  });

  it("an edit that leaves fields out changes only what it names: a retired module stays retired, its prerequisites stay", async () => {
    const C = w.caller("city");
    const tank = await freshModule(w);
    const sink = await freshModule(w, { category: "sanitation", prerequisites: [[tank.id]], active: false, sizeNoteEs: "Para 100+ raciones" });
    expect(sink.active).toBe(false);
    // Every field but `active` and `prerequisites` (what a form that edits the name and costs sends).
    const { code, nameEn, category, costMinCents, costMaxCents } = sink;
    const edited = await C.planModule.update({ idempotencyKey: key(), moduleId: sink.id, version: sink.version, code, nameEs: "Lavadero", nameEn, category, costMinCents, costMaxCents: costMaxCents + 100 });
    expect(edited).toMatchObject({ active: false, costMaxCents: costMaxCents + 100, prerequisites: [[tank.id]] });
    const renamed = await C.planModule.update({ idempotencyKey: key(), moduleId: sink.id, version: edited.version, nameEs: "Lavadero renombrado" });
    expect(renamed).toMatchObject({ nameEs: "Lavadero renombrado", nameEn: sink.nameEn, active: false, costMinCents: sink.costMinCents, sizeNoteEs: "Para 100+ raciones", prerequisites: [[tank.id]] });
    const stored = (await C.planModule.list({ includeRetired: true })).find((m) => m.id === sink.id)!;
    expect(stored).toMatchObject({ active: false, prerequisites: [[tank.id]], version: sink.version + 2 });
    expect((await C.planModule.list({})).map((m) => m.id)).not.toContain(sink.id);
    // Only the minimum, above the stored maximum: a field error, nothing written.
    expect(await codeOf(C.planModule.update({ idempotencyKey: key(), moduleId: sink.id, version: stored.version, costMinCents: edited.costMaxCents + 1 }))).toBe("BAD_REQUEST");
    // Reactivating is a change she names.
    const back = await C.planModule.update({ idempotencyKey: key(), moduleId: sink.id, version: stored.version, active: true });
    expect(back).toMatchObject({ active: true, nameEs: "Lavadero renombrado", prerequisites: [[tank.id]] });
  });

  it("a retired module cannot be added to a plan", async () => {
    const m = await freshModule(w, { active: false });
    expect(await codeOf(A().plan.addModule({ ollaId: w.ollas.a, idempotencyKey: key(), moduleId: m.id }))).toBe("BAD_REQUEST");
    expect(await codeOf(A().plan.addModule({ ollaId: w.ollas.a, idempotencyKey: key(), moduleId: randomUUID() }))).toBe("BAD_REQUEST");
  });
});

describe("her plan", () => {
  it("adds, orders, reorders, sets capacity, and gets a suggestion with months", async () => {
    const olla = w.ollas.b;
    const B = w.caller("delegateB");
    for (const c of ["lavadero", "tanque-1100", "cocina-mejorada"]) await add(c, olla, "delegateB");
    let p = await B.plan.get({ ollaId: olla });
    expect(p.items.map((i) => i.code)).toEqual(["lavadero", "tanque-1100", "cocina-mejorada"]);
    // Her order puts the sink before its water source: a warning, not a block.
    expect(p.suggestion.warnings).toEqual([{ moduleId: ids.get("lavadero"), alternatives: [ids.get("tanque-1100"), ids.get("conexion-agua")].sort() }]);
    await B.plan.updateSettings({ ollaId: olla, idempotencyKey: key(), version: p.settings.version, monthlyCapacityCents: 10_000, savingsCents: 0, showAmounts: false, hidden: false });
    p = await B.plan.get({ ollaId: olla });
    expect(p.settings.monthlyCapacityCents).toBe(10_000);
    const sugg = p.suggestion.steps.map((s) => s.moduleId);
    expect(sugg.indexOf(ids.get("tanque-1100")!)).toBeLessThan(sugg.indexOf(ids.get("lavadero")!));
    expect(p.suggestion.steps.every((s) => s.month !== null)).toBe(true);

    // Move the tank up: the warning goes away.
    const tank = p.items.find((i) => i.code === "tanque-1100")!;
    await B.plan.moveItem({ ollaId: olla, idempotencyKey: key(), itemId: tank.id, version: tank.version, direction: "up" });
    p = await B.plan.get({ ollaId: olla });
    expect(p.items.map((i) => i.code)).toEqual(["tanque-1100", "lavadero", "cocina-mejorada"]);
    expect(p.suggestion.warnings).toEqual([]);
    // A stale move (the old version) is a CONFLICT, not a silent overwrite.
    expect(await codeOf(B.plan.moveItem({ ollaId: olla, idempotencyKey: key(), itemId: tank.id, version: tank.version, direction: "down" }))).toBe("CONFLICT");
  });

  it("marks a module done (dated today) and invites the assessment of its category", async () => {
    const item = await add("estante-metal");
    const r = await A().plan.updateItem({ ollaId: w.ollas.a, idempotencyKey: key(), itemId: item.id, version: item.version, status: "done", funding: "donation", savedCents: 0 });
    expect(r).toMatchObject({ status: "done", doneOn: limaToday(), assessCategory: "storage" });
    expect(await codeOf(A().plan.updateItem({ ollaId: w.ollas.a, idempotencyKey: key(), itemId: item.id, version: r.version, status: "done", funding: "donation", savedCents: 0, doneOn: "2999-01-01" }))).toBe("BAD_REQUEST");
  });

  it("is idempotent: the same key and input apply once; the same key with other input is a CONFLICT", async () => {
    const k = key();
    const input = { ollaId: w.ollas.a, idempotencyKey: k, moduleId: ids.get("contenedores")! };
    const first = await A().plan.addModule(input);
    const again = await A().plan.addModule(input);
    expect(again).toEqual(first);
    const rows = await t.db.select().from(ollaPlanItems).where(eq(ollaPlanItems.moduleId, ids.get("contenedores")!));
    expect(rows).toHaveLength(1);
    expect(await codeOf(A().plan.addModule({ ...input, moduleId: ids.get("parihuelas")! }))).toBe("CONFLICT");
    // And the same module twice (other keys) is a field error.
    expect(await codeOf(add("contenedores"))).toBe("BAD_REQUEST");
  });

  it("refuses a negative capacity and changes nothing; audits what it changes", async () => {
    const p = await A().plan.get({ ollaId: w.ollas.a });
    expect(await codeOf(A().plan.updateSettings({ ollaId: w.ollas.a, idempotencyKey: key(), version: p.settings.version, monthlyCapacityCents: -100, savingsCents: 0, showAmounts: false, hidden: false }))).toBe("BAD_REQUEST");
    expect((await A().plan.get({ ollaId: w.ollas.a })).settings).toEqual(p.settings);
    const item = await add("extintor");
    await A().plan.removeItem({ ollaId: w.ollas.a, idempotencyKey: key(), itemId: item.id, version: item.version });
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.entityId, item.id));
    expect(audits.map((a) => a.action).sort()).toEqual(["create", "delete"]);
  });

  it("another olla's plan item answers NOT_FOUND, and nothing changes", async () => {
    const mine = await add("parihuelas", w.ollas.b, "delegateB");
    // Delegate A names olla A but olla B's item.
    expect(await codeOf(A().plan.removeItem({ ollaId: w.ollas.a, idempotencyKey: key(), itemId: mine.id, version: mine.version }))).toBe("NOT_FOUND");
    expect(await codeOf(A().plan.updateItem({ ollaId: w.ollas.a, idempotencyKey: key(), itemId: mine.id, version: mine.version, status: "done", funding: "own_savings", savedCents: 0 }))).toBe("NOT_FOUND");
    const [row] = await t.db.select().from(ollaPlanItems).where(eq(ollaPlanItems.id, mine.id));
    expect(row).toMatchObject({ status: "planned", version: 1 });
  });

  it("what she already has meets a prerequisite", async () => {
    const C = w.caller("city");
    const olla = w.ollas.c;
    // Olla C has no delegate in the world: the city coordinator reads, cannot write.
    expect(await codeOf(C.plan.addModule({ ollaId: olla, idempotencyKey: key(), moduleId: ids.get("biohuerto")! }))).toBe("FORBIDDEN");
    await A().plan.setExisting({ ollaId: w.ollas.a, idempotencyKey: key(), moduleId: ids.get("conexion-agua")!, has: true });
    await add("biohuerto");
    const p = await A().plan.get({ ollaId: w.ollas.a });
    expect(p.existing).toContain(ids.get("conexion-agua"));
    expect(p.suggestion.warnings.filter((x) => x.moduleId === ids.get("biohuerto"))).toEqual([]);
  });
});

describe("public view", () => {
  it("shows modules and status, no amounts unless she chose, nothing when hidden", async () => {
    const anon = w.caller("anon");
    let v = await anon.plan.publicView({ ollaId: w.ollas.a });
    expect(v.items.length).toBeGreaterThan(0);
    expect(v.savingsCents).toBeNull();
    expect(v.items.every((i) => i.savedCents === null && i.funding === null)).toBe(true);
    const p = await A().plan.get({ ollaId: w.ollas.a });
    await A().plan.updateSettings({ ollaId: w.ollas.a, idempotencyKey: key(), ...p.settings, monthlyCapacityCents: 8_000, showAmounts: true });
    v = await anon.plan.publicView({ ollaId: w.ollas.a });
    expect(v.monthlyCapacityCents).toBe(8_000);
    const p2 = await A().plan.get({ ollaId: w.ollas.a });
    await A().plan.updateSettings({ ollaId: w.ollas.a, idempotencyKey: key(), ...p2.settings, hidden: true });
    v = await anon.plan.publicView({ ollaId: w.ollas.a });
    expect(v).toMatchObject({ hidden: true, items: [], monthlyCapacityCents: null });
    const p3 = await A().plan.get({ ollaId: w.ollas.a });
    await A().plan.updateSettings({ ollaId: w.ollas.a, idempotencyKey: key(), ...p3.settings, hidden: false, showAmounts: false });
  });
});

function row0<T>(rows: T[]): T {
  expect(rows.length).toBeGreaterThan(0);
  return rows[0]!;
}

describe("combined demand", () => {
  it("is scoped: the south coordinator does not see the north's ollas", async () => {
    const north = await w.caller("zoneNorth").plan.demand({});
    const south = await w.caller("zoneSouth").plan.demand({});
    expect(north.length).toBeGreaterThan(0);
    expect(north.every((r) => r.zoneId === w.zones.north)).toBe(true);
    expect(south.every((r) => r.zoneId === w.zones.south)).toBe(true);
    // The ollas behind a row: the north sees olla A behind its modules, the south never does.
    const row = north.find((r) => r.code === "estante-metal")!; // olla A finished it above
    const behind = await w.caller("zoneNorth").plan.demandOllas({ moduleId: row.moduleId, zoneId: row.zoneId });
    expect(behind).toHaveLength(row.planning + row.done);
    expect(behind.map((o) => o.id)).toContain(w.ollas.a);
    expect(await w.caller("zoneSouth").plan.demandOllas({ moduleId: row.moduleId })).toEqual([]);
    expect(await w.caller("zoneSouth").plan.demandOllas({ moduleId: row.moduleId, zoneId: w.zones.north })).toEqual([]);
  });

  it("filters by category and zone: the rows of the unfiltered demand that match, and only those", async () => {
    const all = await w.caller("city").plan.demand({});
    const category = row0(all).category as (typeof PROBLEM_CATEGORIES)[number];
    const byCategory = await w.caller("city").plan.demand({ category });
    expect(byCategory.length).toBeGreaterThan(0);
    expect(byCategory).toEqual(all.filter((r) => r.category === category));
    const byZone = await w.caller("city").plan.demand({ zoneId: w.zones.north });
    expect(byZone).toEqual(all.filter((r) => r.zoneId === w.zones.north));
    // A zone outside her scope adds nothing for a zone coordinator.
    expect(await w.caller("zoneSouth").plan.demand({ zoneId: w.zones.north })).toEqual([]);
  });

  it("equals a plain JS count over random plans", async () => {
    const runs = Math.min(Number(process.env.FC_NUM_RUNS ?? 150), 15);
    const codes = [...ids.keys()];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ olla: fc.constantFrom("a", "b", "c" as const), code: fc.constantFrom(...codes), status: fc.constantFrom(...PLAN_ITEM_STATUSES) }), { maxLength: 25 }),
        async (rows) => {
          await t.db.delete(ollaPlanItems);
          const uniq = new Map(rows.map((r) => [`${r.olla}:${r.code}`, r]));
          const values = [...uniq.values()].map((r, position) => ({
            ollaId: w.ollas[r.olla],
            moduleId: ids.get(r.code)!,
            position,
            status: r.status,
            doneOn: r.status === "done" ? "2026-01-01" : null,
          }));
          if (values.length) await t.db.insert(ollaPlanItems).values(values);
          const got = await w.caller("city").plan.demand({});
          const expected = new Map<string, { planning: number; done: number; saving: number }>();
          const zoneOf = { a: w.zones.north, b: w.zones.north, c: w.zones.south };
          for (const r of uniq.values()) {
            const k = `${ids.get(r.code)}:${zoneOf[r.olla]}`;
            const e = expected.get(k) ?? { planning: 0, done: 0, saving: 0 };
            if (r.status === "done") e.done++;
            else e.planning++;
            if (r.status === "saving") e.saving++;
            expected.set(k, e);
          }
          expect(new Map(got.map((g) => [`${g.moduleId}:${g.zoneId}`, { planning: g.planning, done: g.done, saving: g.saving }]))).toEqual(expected);
          for (const g of got) expect(g.totalMaxCents).toBe(g.planning * g.costMaxCents);
        },
      ),
      { numRuns: runs },
    );
  });

  it("public counts hide cells of 1–2 ollas; a closed olla's plan does not count", async () => {
    await t.db.delete(ollaPlanItems);
    await t.db.insert(ollaPlanItems).values([
      { ollaId: w.ollas.a, moduleId: ids.get("techo")!, position: 0, status: "planned" },
      { ollaId: w.ollas.b, moduleId: ids.get("techo")!, position: 0, status: "planned" },
      { ollaId: w.ollas.c, moduleId: ids.get("piso-cemento")!, position: 0, status: "planned" },
    ]);
    let c = await w.caller("anon").plan.publicCounts();
    expect(c.categories.find((x) => x.category === "space")).toMatchObject({ planned: 3, done: 0 });
    await t.db.update(ollas).set({ status: "closed" }).where(eq(ollas.id, w.ollas.c));
    c = await w.caller("anon").plan.publicCounts();
    expect(c.categories.find((x) => x.category === "space")).toMatchObject({ planned: null });
    expect(c.hiddenCells).toBeGreaterThan(0);
    await t.db.update(ollas).set({ status: "active" }).where(eq(ollas.id, w.ollas.c));
  });

  it("public counts are shared by every visitor like the rest of /panel, and a delegate's change shows at once", async () => {
    const before = process.env.PUBLIC_CACHE_SECONDS;
    process.env.PUBLIC_CACHE_SECONDS = "60"; // as in production (the tests' default is 0)
    const space = async () => (await w.caller("anon").plan.publicCounts()).categories.find((x) => x.category === "space")!;
    try {
      await t.db.delete(ollaPlanItems);
      await t.db.insert(ollaPlanItems).values([
        { ollaId: w.ollas.b, moduleId: ids.get("techo")!, position: 0, status: "planned" },
        { ollaId: w.ollas.c, moduleId: ids.get("techo")!, position: 0, status: "planned" },
      ]);
      expect(await space()).toMatchObject({ planned: null, done: 0 }); // 2 ollas: hidden
      // Her olla adds the roof to its plan: the third olla shows on the next visit, not a minute later.
      const item = await add("techo");
      expect(await space()).toMatchObject({ planned: 3, done: 0 });
      // A change that leaves no trace the fingerprint sees (no audit, same row count) waits for the
      // minute: the answer is shared, not recomputed per visitor.
      await t.db.update(ollaPlanItems).set({ status: "done", doneOn: "2026-03-01" }).where(eq(ollaPlanItems.ollaId, w.ollas.c));
      expect(await space()).toMatchObject({ planned: 3, done: 0 });
      // Her removal through the plan's own path shows at once again.
      await A().plan.removeItem({ ollaId: w.ollas.a, idempotencyKey: key(), itemId: item.id, version: item.version });
      expect(await space()).toMatchObject({ planned: null, done: null });
    } finally {
      if (before === undefined) delete process.env.PUBLIC_CACHE_SECONDS;
      else process.env.PUBLIC_CACHE_SECONDS = before;
    }
  });

  it("nearby builders: a neighbour who finished a module of her category, unless it hides its plan", async () => {
    await t.db.delete(ollaPlanItems);
    await t.db.insert(ollaPlanItems).values([
      { ollaId: w.ollas.a, moduleId: ids.get("lavadero")!, position: 0, status: "planned" },
      { ollaId: w.ollas.b, moduleId: ids.get("lavamanos")!, position: 0, status: "done", doneOn: "2026-03-01" },
    ]);
    const r = await A().plan.nearbyBuilders({ ollaId: w.ollas.a });
    const sanitation = r.categories.find((x) => x.category === "sanitation")!;
    expect(sanitation.ollas.map((o) => o.ollaId)).toEqual([w.ollas.b]);
    await t.db.insert(ollaPlans).values({ ollaId: w.ollas.b, hidden: true }).onConflictDoUpdate({ target: ollaPlans.ollaId, set: { hidden: true } });
    const r2 = await A().plan.nearbyBuilders({ ollaId: w.ollas.a });
    expect(r2.categories.find((x) => x.category === "sanitation")!.ollas).toEqual([]);
  });
});
