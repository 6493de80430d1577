/**
 * The module catalogue (city coordinators) and each olla's plan (its delegate): writes are
 * scoped to the olla the procedure loaded, audited, idempotent, and checked against the
 * version the edit was based on.
 */
import type { z } from "zod";
import type { Db, Tx } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import { publicCache } from "./shared-cache";
import { latestAssessments, type OllaRow } from "~/server/db/queries/ollas";
import {
  countPlanItems,
  deletePlanItemAtVersion,
  ensureOllaPlan,
  existingModuleIds,
  findModule,
  findPlanItem,
  insertModule,
  insertPlanItem,
  listModules,
  listPlanItems,
  lockCatalogue,
  lockOllaPlan,
  modulePrerequisites,
  planView,
  nearbyBuilders,
  publicModuleCounts,
  publicPlanCountsVersion,
  prerequisiteEdges,
  replacePrerequisites,
  setExisting,
  setPlanItemPosition,
  updateModuleAtVersion,
  updateOllaPlanAtVersion,
  updatePlanItemAtVersion,
  type PlanItemRow,
} from "~/server/db/queries/plans";
import { NEARBY_LIMIT, NEARBY_RADIUS_KM, worstSharedProblems } from "~/server/domain/dashboard";
import { findCycle, plan } from "~/server/domain/planner";
import type { Actor } from "~/server/domain/actor";
import { badInput, conflict, forbidden, notFound } from "~/server/errors";
import { PROBLEM_CATEGORIES, type Level, type ProblemCategory } from "~/shared/assessment";
import { isDisclosive } from "~/server/domain/suppression";
import { limaToday } from "~/shared/lima-day";
import { MAX_PLAN_ITEMS } from "~/shared/plans";
import type {
  ZAddPlanModuleInput,
  ZCreateModuleInput,
  ZMovePlanItemInput,
  ZPlanSettingsInput,
  ZRemovePlanItemInput,
  ZSetExistingInput,
  ZUpdateModuleInput,
  ZUpdatePlanItemInput,
} from "~/validation/plans";
import { idempotent } from "./idempotency";

type In<T extends z.ZodType> = z.output<T>;

/* ---------------------------------------------------------------- catalogue */

/** Prerequisites must name known modules, not the module itself, and must not close a cycle. */
async function checkPrerequisites(tx: Tx, moduleId: string | null, groups: readonly (readonly string[])[]) {
  const ids = [...new Set(groups.flat())];
  if (moduleId && ids.includes(moduleId)) throw badInput("prerequisites", "plans.validation.selfPrerequisite");
  const known = await existingModuleIds(tx, ids);
  if (ids.some((id) => !known.has(id))) throw badInput("prerequisites", "plans.validation.unknownModule");
  if (moduleId) {
    const cycle = findCycle(await prerequisiteEdges(tx), moduleId, groups);
    if (cycle) {
      const names = new Map((await listModules(tx, { includeRetired: true })).map((m) => [m.id, m.nameEs]));
      throw badInput("prerequisites", "plans.validation.cycle", { cycle: cycle.map((id) => names.get(id) ?? id).join(" → ") });
    }
  }
}

function moduleValues(input: In<typeof ZCreateModuleInput>) {
  return {
    code: input.code,
    nameEs: input.nameEs,
    nameEn: input.nameEn,
    category: input.category,
    costMinCents: input.costMinCents,
    costMaxCents: input.costMaxCents,
    sizeNoteEs: input.sizeNoteEs ?? null,
    sizeNoteEn: input.sizeNoteEn ?? null,
    active: input.active,
  };
}

export async function createModule(db: Db, actor: Actor, input: In<typeof ZCreateModuleInput>) {
  return idempotent(db, { userId: actor.userId, procedure: "planModule.create", input }, async (tx) => {
    // A new module has no dependents yet, so it cannot close a cycle; its prerequisites must exist.
    await checkPrerequisites(tx, null, input.prerequisites);
    const row = await insertModule(tx, moduleValues(input));
    await replacePrerequisites(tx, row.id, input.prerequisites);
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "plan_module", entityId: row.id, after: { ...row, prerequisites: input.prerequisites } });
    return { ...row, prerequisites: input.prerequisites };
  });
}

export async function updateModule(db: Db, actor: Actor, input: In<typeof ZUpdateModuleInput>) {
  return idempotent(db, { userId: actor.userId, procedure: "planModule.update", input }, async (tx) => {
    // One catalogue change at a time: two edits could each pass the cycle check and together make one.
    await lockCatalogue(tx);
    const current = await findModule(tx, input.moduleId);
    if (!current) throw notFound();
    if (current.version !== input.version) throw conflict("errors.staleVersion");
    // Omitted fields stay as they are: only what the edit names is written.
    const patch = Object.fromEntries(
      (["code", "nameEs", "nameEn", "category", "costMinCents", "costMaxCents", "sizeNoteEs", "sizeNoteEn", "active"] as const)
        .filter((k) => input[k] !== undefined)
        .map((k) => [k, input[k]]),
    ) as Partial<typeof current>;
    const min = patch.costMinCents ?? current.costMinCents;
    const max = patch.costMaxCents ?? current.costMaxCents;
    if (min > max) throw badInput(patch.costMaxCents !== undefined ? "costMaxCents" : "costMinCents", "plans.validation.costRange");
    if (input.prerequisites) await checkPrerequisites(tx, input.moduleId, input.prerequisites);
    const row = await updateModuleAtVersion(tx, input.moduleId, input.version, patch);
    if (!row) throw conflict("errors.staleVersion");
    if (input.prerequisites) await replacePrerequisites(tx, row.id, input.prerequisites);
    const prerequisites = input.prerequisites ?? (await modulePrerequisites(tx, row.id));
    await writeAudit(tx, { actorUserId: actor.userId, action: "update", entity: "plan_module", entityId: row.id, before: current, after: { ...row, prerequisites } });
    return { ...row, prerequisites };
  });
}

/* ---------------------------------------------------------------- her plan */

function ensureOpen(olla: OllaRow) {
  if (olla.status === "closed") throw forbidden("errors.ollaClosed");
}

const itemView = (r: PlanItemRow) => ({
  id: r.id,
  moduleId: r.moduleId,
  position: r.position,
  status: r.status,
  funding: r.funding,
  savedCents: r.savedCents,
  doneOn: r.doneOn,
  version: r.version,
});

/** Her plan as she and her coordination see it: settings, her order, what she has, and the planner's suggestion. */
export async function getPlan(db: Db, olla: OllaRow, canEdit: boolean) {
  const { settings, items, existing, modules, levels: latest } = await planView(db, olla.id);
  const levels = latest as Partial<Record<ProblemCategory, Level>>;
  const today = limaToday();
  const s = settings ?? { monthlyCapacityCents: 0, savingsCents: 0, showAmounts: false, hidden: false, version: 1 };
  const suggestion = plan({
    modules,
    items,
    existing,
    levels,
    monthlyCapacityCents: s.monthlyCapacityCents,
    savingsCents: s.savingsCents,
    start: today.slice(0, 7),
  });
  return {
    settings: { monthlyCapacityCents: s.monthlyCapacityCents, savingsCents: s.savingsCents, showAmounts: s.showAmounts, hidden: s.hidden, version: s.version },
    items,
    existing,
    levels,
    start: today.slice(0, 7),
    suggestion,
    /** The catalogue: names for the planner's reasons, and the active modules she may add. */
    modules: modules.map((m) => ({
      id: m.id,
      code: m.code,
      nameEs: m.nameEs,
      nameEn: m.nameEn,
      category: m.category,
      costMinCents: m.costMinCents,
      costMaxCents: m.costMaxCents,
      sizeNoteEs: m.sizeNoteEs,
      sizeNoteEn: m.sizeNoteEn,
      active: m.active,
      prerequisites: m.prerequisites,
    })),
    canEdit,
  };
}

export async function updatePlanSettings(db: Db, actor: Actor, olla: OllaRow, input: In<typeof ZPlanSettingsInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "plan.updateSettings", input }, async (tx) => {
    const current = await ensureOllaPlan(tx, olla.id);
    const { monthlyCapacityCents, savingsCents, showAmounts, hidden } = input;
    const row = await updateOllaPlanAtVersion(tx, olla.id, input.version, { monthlyCapacityCents, savingsCents, showAmounts, hidden });
    if (!row) throw conflict("errors.staleVersion");
    await writeAudit(tx, { actorUserId: actor.userId, action: "update", entity: "olla_plan", entityId: olla.id, ollaId: olla.id, before: current, after: row });
    return { version: row.version, monthlyCapacityCents: row.monthlyCapacityCents, savingsCents: row.savingsCents, showAmounts: row.showAmounts, hidden: row.hidden };
  });
}

/**
 * Adds a catalogue module at the end of an olla's plan. The one way in for every feature:
 * the delegate's plan page, and later a workshop's follow-up or a post that proposes a module.
 */
export async function addPlanModule(db: Db, actor: Actor, olla: OllaRow, input: In<typeof ZAddPlanModuleInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "plan.addModule", input }, async (tx) => {
    await lockOllaPlan(tx, olla.id);
    const mod = await findModule(tx, input.moduleId);
    if (!mod) throw badInput("moduleId", "plans.validation.unknownModule");
    if (!mod.active) throw badInput("moduleId", "plans.validation.retiredModule");
    const { n, maxPosition } = await countPlanItems(tx, olla.id);
    if (n >= MAX_PLAN_ITEMS) throw badInput("moduleId", "plans.validation.tooMany", { max: MAX_PLAN_ITEMS });
    if (await findPlanItemByModule(tx, olla.id, mod.id)) throw badInput("moduleId", "plans.validation.alreadyInPlan");
    await ensureOllaPlan(tx, olla.id);
    const row = await insertPlanItem(tx, { ollaId: olla.id, moduleId: mod.id, position: maxPosition + 1, funding: input.funding, createdBy: actor.userId });
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "plan_item", entityId: row.id, ollaId: olla.id, after: row });
    return itemView(row);
  });
}

async function findPlanItemByModule(tx: Tx, ollaId: string, moduleId: string) {
  const items = await listPlanItems(tx, ollaId);
  return items.find((i) => i.moduleId === moduleId) ?? null;
}

export async function updatePlanItem(db: Db, actor: Actor, olla: OllaRow, input: In<typeof ZUpdatePlanItemInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "plan.updateItem", input }, async (tx) => {
    const current = await findPlanItem(tx, olla.id, input.itemId);
    if (!current) throw notFound();
    const doneOn = input.status === "done" ? (input.doneOn ?? current.doneOn ?? limaToday()) : null;
    if (doneOn && doneOn > limaToday()) throw badInput("doneOn", "plans.validation.doneInFuture");
    const row = await updatePlanItemAtVersion(tx, { id: current.id, ollaId: olla.id, version: input.version }, { status: input.status, funding: input.funding, savedCents: input.savedCents, doneOn });
    if (!row) throw conflict("errors.staleVersion");
    await writeAudit(tx, { actorUserId: actor.userId, action: "update", entity: "plan_item", entityId: row.id, ollaId: olla.id, before: current, after: row });
    // Marked done now: the page invites her to update that category's self-assessment.
    const mod = current.status !== "done" && row.status === "done" ? await findModule(tx, row.moduleId) : null;
    return { ...itemView(row), assessCategory: mod?.category ?? null };
  });
}

export async function removePlanItem(db: Db, actor: Actor, olla: OllaRow, input: In<typeof ZRemovePlanItemInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "plan.removeItem", input }, async (tx) => {
    await lockOllaPlan(tx, olla.id);
    const current = await findPlanItem(tx, olla.id, input.itemId);
    if (!current) throw notFound();
    const row = await deletePlanItemAtVersion(tx, { id: current.id, ollaId: olla.id, version: input.version });
    if (!row) throw conflict("errors.staleVersion");
    await writeAudit(tx, { actorUserId: actor.userId, action: "delete", entity: "plan_item", entityId: row.id, ollaId: olla.id, before: row });
    return { removed: row.id };
  });
}

/** Moves one module a place up or down her order (swaps with its neighbour). At either end it stays. */
export async function movePlanItem(db: Db, actor: Actor, olla: OllaRow, input: In<typeof ZMovePlanItemInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "plan.moveItem", input }, async (tx) => {
    await lockOllaPlan(tx, olla.id);
    const items = await listPlanItems(tx, olla.id);
    const at = items.findIndex((i) => i.id === input.itemId);
    if (at < 0) throw notFound();
    if (items[at]!.version !== input.version) throw conflict("errors.staleVersion");
    const to = input.direction === "up" ? at - 1 : at + 1;
    // Positions are rewritten 0..n-1 in the new order, so gaps and ties left by removals disappear.
    const order = items.map((i) => i.id);
    if (to >= 0 && to < items.length) [order[at], order[to]] = [order[to]!, order[at]!];
    for (const [pos, id] of order.entries()) {
      if (id === input.itemId) continue;
      if (items.find((i) => i.id === id)!.position !== pos) await setPlanItemPosition(tx, olla.id, id, pos);
    }
    const row = await updatePlanItemAtVersion(tx, { id: input.itemId, ollaId: olla.id, version: input.version }, { position: order.indexOf(input.itemId) });
    if (!row) throw conflict("errors.staleVersion");
    await writeAudit(tx, { actorUserId: actor.userId, action: "move", entity: "plan_item", entityId: row.id, ollaId: olla.id, before: { position: items[at]!.position }, after: { position: row.position } });
    return { ...itemView(row), order };
  });
}

/** Marks a module as one the olla already has (or no longer): it meets prerequisites without a step. */
export async function setExistingModule(db: Db, actor: Actor, olla: OllaRow, input: In<typeof ZSetExistingInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "plan.setExisting", input }, async (tx) => {
    const mod = await findModule(tx, input.moduleId);
    if (!mod) throw badInput("moduleId", "plans.validation.unknownModule");
    const changed = await setExisting(tx, olla.id, mod.id, input.has);
    if (changed) await writeAudit(tx, { actorUserId: actor.userId, action: input.has ? "create" : "delete", entity: "olla_existing_module", entityId: mod.id, ollaId: olla.id, after: { moduleId: mod.id, has: input.has } });
    return { moduleId: mod.id, has: input.has };
  });
}

/** Nearby ollas that completed a module of the categories of her pending steps and her worst problems. */
export async function nearbyBuildersFor(db: Db, olla: OllaRow) {
  const [items, latest] = await Promise.all([listPlanItems(db, olla.id), latestAssessments(db, olla.id)]);
  const worst = worstSharedProblems(new Map(latest.map((a) => [a.category, a.level])));
  const categories = [...new Set([...items.filter((i) => i.status !== "done").map((i) => i.category), ...worst])];
  const rows = await nearbyBuilders(db, { ollaId: olla.id, lat: olla.publicLat, lng: olla.publicLng, radiusKm: NEARBY_RADIUS_KM, categories, limit: NEARBY_LIMIT });
  return {
    radiusKm: NEARBY_RADIUS_KM,
    categories: categories.map((category) => ({
      category,
      ollas: rows.filter((r) => r.category === category).map((r) => ({ ollaId: r.ollaId, name: r.name, districtName: r.districtName, moduleNameEs: r.moduleNameEs, moduleNameEn: r.moduleNameEn, doneOn: r.doneOn, distanceKm: Math.round(r.distanceM / 100) / 10 })),
    })),
  };
}

/**
 * The public dashboard's module counts per category: ollas with a module of the category
 * still planned, and ollas with one done. A count of 1 or 2 ollas is hidden (no margin is
 * published, so nothing can be recovered by subtraction). Shared by every visitor like the rest
 * of /panel (PUBLIC_CACHE_SECONDS), but recomputed as soon as a plan, an olla or a module changes.
 */
export async function publicPlanCounts(db: Db) {
  return publicCache.get(db, "plan-counts", () => computePublicPlanCounts(db), await publicPlanCountsVersion(db));
}

async function computePublicPlanCounts(db: Db) {
  const rows = await publicModuleCounts(db);
  let hiddenCells = 0;
  const cell = (n: number) => {
    if (isDisclosive(n)) {
      hiddenCells++;
      return null;
    }
    return n;
  };
  const byCat = new Map(rows.map((r) => [r.category, r]));
  return {
    categories: PROBLEM_CATEGORIES.map((category) => ({ category, planned: cell(byCat.get(category)?.planned ?? 0), done: cell(byCat.get(category)?.done ?? 0) })),
    hiddenCells,
  };
}
