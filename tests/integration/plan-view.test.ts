/**
 * plan.get reads her plan in one statement (planView) instead of six: these runs prove it gives
 * exactly what the separate queries give — settings, her items in her order, what she has, her
 * latest level per category and the whole catalogue with its prerequisite groups — on random
 * plans, assessments and a retired module; and that plan.get's answer is built from it.
 */
import fc from "fast-check";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestAssessments } from "~/server/db/queries/ollas";
import { findOllaPlan, listExisting, listModules, listPlanItems, planView } from "~/server/db/queries/plans";
import { assessments, ollaExistingModules, ollaPlanItems, ollaPlans, planModules } from "~/server/db/schema";
import { seedModuleCatalogue } from "~/server/db/seed/plans";
import { PLAN_FUNDING, PLAN_ITEM_STATUSES } from "~/shared/plans";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";

let t: TestDb;
let w: World;
let moduleIds: string[];
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  moduleIds = [...(await seedModuleCatalogue(t.db)).values()];
});
afterAll(async () => t?.close());

async function separately(ollaId: string) {
  const [settings, items, existing, modules, latest] = await Promise.all([
    findOllaPlan(t.db, ollaId),
    listPlanItems(t.db, ollaId),
    listExisting(t.db, ollaId),
    listModules(t.db, { includeRetired: true }),
    latestAssessments(t.db, ollaId),
  ]);
  return {
    settings: settings && { monthlyCapacityCents: settings.monthlyCapacityCents, savingsCents: settings.savingsCents, showAmounts: settings.showAmounts, hidden: settings.hidden, version: settings.version },
    items,
    existing,
    levels: Object.fromEntries(latest.map((a) => [a.category, a.level])),
    modules: modules.map(({ createdAt: _c, updatedAt: _u, ...m }) => m),
  };
}

describe("planView equals the separate plan queries", () => {
  it("random plans, existing modules, assessments and a retired module (property)", async () => {
    const item = fc.record({ module: fc.nat(), status: fc.constantFrom(...PLAN_ITEM_STATUSES), funding: fc.constantFrom(...PLAN_FUNDING), saved: fc.integer({ min: 0, max: 500_000 }), position: fc.integer({ min: 0, max: 3 }) });
    const assessment = fc.record({ category: fc.constantFrom(...PROBLEM_CATEGORIES), level: fc.integer({ min: 0, max: 3 }), daysBack: fc.integer({ min: 0, max: 400 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 7 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(assessment, { maxLength: 10 }),
        fc.option(fc.record({ capacity: fc.integer({ min: 0, max: 1_000_000 }), savings: fc.integer({ min: 0, max: 1_000_000 }), show: fc.boolean(), hidden: fc.boolean() })),
        fc.nat(),
        async (items, existing, assessed, settings, retire) => {
          const ollaId = w.ollas.a;
          await t.db.delete(ollaPlanItems).where(eq(ollaPlanItems.ollaId, ollaId));
          await t.db.delete(ollaExistingModules).where(eq(ollaExistingModules.ollaId, ollaId));
          await t.db.delete(ollaPlans).where(eq(ollaPlans.ollaId, ollaId));
          await t.db.delete(assessments).where(eq(assessments.ollaId, ollaId));
          await t.db.update(planModules).set({ active: true }).where(inArray(planModules.id, moduleIds));
          const seen = new Set<string>();
          for (const it of items) {
            const moduleId = moduleIds[it.module % moduleIds.length]!;
            if (seen.has(moduleId)) continue;
            seen.add(moduleId);
            await t.db.insert(ollaPlanItems).values({ ollaId, moduleId, position: it.position, status: it.status, funding: it.funding, savedCents: it.saved, doneOn: it.status === "done" ? "2026-01-15" : null });
          }
          for (const e of new Set(existing.map((i) => moduleIds[i % moduleIds.length]!))) await t.db.insert(ollaExistingModules).values({ ollaId, moduleId: e });
          for (const a of assessed) {
            const day = new Date(Date.UTC(2026, 0, 1) - a.daysBack * 86_400_000).toISOString().slice(0, 10);
            await t.db.insert(assessments).values({ ollaId, category: a.category, level: a.level, assessedOn: day });
          }
          if (settings) await t.db.insert(ollaPlans).values({ ollaId, monthlyCapacityCents: settings.capacity, savingsCents: settings.savings, showAmounts: settings.show, hidden: settings.hidden });
          await t.db.update(planModules).set({ active: false }).where(eq(planModules.id, moduleIds[retire % moduleIds.length]!));
          expect(await planView(t.db, ollaId)).toEqual(await separately(ollaId));
        },
      ),
      { numRuns: 20 },
    );
    await t.db.update(planModules).set({ active: true }).where(inArray(planModules.id, moduleIds));
  });

  it("plan.get answers with the view's items, settings and catalogue", async () => {
    const view = await planView(t.db, w.ollas.a);
    const got = await w.caller("delegateA").plan.get({ ollaId: w.ollas.a });
    expect(got.items).toEqual(view.items);
    expect(got.existing).toEqual(view.existing);
    expect(got.levels).toEqual(view.levels);
    expect(got.modules.map((m) => m.id)).toEqual(view.modules.map((m) => m.id));
    expect(got.modules.find((m) => m.prerequisites.length > 0)).toBeDefined();
  });
});
