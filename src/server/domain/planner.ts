/**
 * The modular plan's rules, pure: the prerequisite graph (no cycles), which prerequisites an
 * olla already meets, and the planner that suggests an order and a month for each step.
 *
 * The olla decides; the planner suggests and explains. Her own order is never changed: where
 * it breaks a prerequisite she gets a warning, not a block.
 *
 * Planner rules, in order:
 *  - a step comes after its prerequisites: each prerequisite group (a tank OR a water
 *    connection) is met by a module she already has, a module of her plan that is done, her
 *    assessment of that module's category being adequate or good, or an earlier suggested step;
 *  - among the steps whose prerequisites are met, her worst self-assessed category first
 *    (critical, precarious, unassessed, adequate, good), then her own order;
 *  - money: a step costs the top of its module's range, less what is already saved toward it;
 *    a donation or a programme is not charged. Steps are paid one after the other from her
 *    savings plus her monthly capacity: the step is ready in the first month in which what she
 *    has put aside covers it and every step before it (never more than she has in any month).
 * Deterministic: the same input gives the same output (no clock, no randomness, stable ties).
 */
import type { Level, ProblemCategory } from "~/shared/assessment";
import { EXTERNAL_FUNDING, PLANNER_HORIZON_MONTHS, type PlanFunding, type PlanItemStatus } from "~/shared/plans";

export interface CatalogueModule {
  id: string;
  category: ProblemCategory;
  costMinCents: number;
  costMaxCents: number;
  /** Groups of alternatives: each group needs any one of its modules. */
  prerequisites: string[][];
}

export interface PlanItemIn {
  moduleId: string;
  status: PlanItemStatus;
  funding: PlanFunding;
  savedCents: number;
}

export interface PlannerInput {
  modules: readonly CatalogueModule[];
  /** Her plan, in her order. */
  items: readonly PlanItemIn[];
  /** Modules she marked as already built. */
  existing: readonly string[];
  /** Her latest self-assessment per category (missing: not assessed). */
  levels: Partial<Record<ProblemCategory, Level>>;
  monthlyCapacityCents: number;
  savingsCents: number;
  /** The month the plan starts counting from, "YYYY-MM" (this month, in Lima). */
  start: string;
}

/** Why, as a translation key under "plans.reason." and its parameters (names are module ids; the page names them). */
export type Reason =
  | { key: "prerequisiteFirst"; module: string; dependent: string }
  | { key: "worstCategory"; category: ProblemCategory; level: Level }
  | { key: "notAssessed"; category: ProblemCategory }
  | { key: "yourOrder" }
  | { key: "externallyFunded"; funding: PlanFunding }
  | { key: "alreadySaved"; module: string }
  | { key: "readyThisMonth"; module: string; savingsCents: number }
  | { key: "readyInMonth"; module: string; capacityCents: number; month: string }
  | { key: "needsPrerequisite"; module: string; alternatives: string[] }
  | { key: "noCapacity"; module: string }
  | { key: "beyondHorizon"; module: string; years: number };

export interface Step {
  moduleId: string;
  category: ProblemCategory;
  costMinCents: number;
  costMaxCents: number;
  /** What this step takes from her own savings and capacity (0 for donations, programmes, what is saved). */
  chargedCents: number;
  /** Months from the start (0: this month); null when not within the horizon or not schedulable. */
  monthOffset: number | null;
  /** "YYYY-MM" or null. */
  month: string | null;
  reasons: Reason[];
}

export interface OrderWarning {
  /** A module of her plan whose prerequisite group is not met before it in her order. */
  moduleId: string;
  /** The group's alternatives (any one would do). */
  alternatives: string[];
}

export interface PlannerOutput {
  /** Suggested order of the steps not yet done, each with its month. */
  steps: Step[];
  /** Steps that cannot come at all: a prerequisite is in no form in her plan. */
  blocked: Step[];
  /** Where her own order breaks a prerequisite. */
  warnings: OrderWarning[];
}

/** "YYYY-MM" plus n months. */
export function addMonths(start: string, n: number): string {
  const [y, m] = start.split("-").map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
}

const GOOD_ENOUGH = 2; // adequate or good: the olla already has a working solution there

/** A group is met by what she has, what is done, or a category already adequate. */
function groupMetBy(group: readonly string[], have: ReadonlySet<string>, modules: ReadonlyMap<string, CatalogueModule>, levels: PlannerInput["levels"]): boolean {
  return group.some((id) => {
    if (have.has(id)) return true;
    const m = modules.get(id);
    const level = m ? levels[m.category] : undefined;
    return level !== undefined && level >= GOOD_ENOUGH;
  });
}

/** Sort key of a category's urgency: critical 0, precarious 1, not assessed 1.5, adequate 2, good 3. */
function urgencyRank(level: Level | undefined): number {
  return level === undefined ? 1.5 : level;
}

export function plan(input: PlannerInput): PlannerOutput {
  const modules = new Map(input.modules.map((m) => [m.id, m]));
  // One entry per module (her first), and only modules the catalogue knows.
  const seen = new Set<string>();
  const items = input.items.filter((i) => {
    if (seen.has(i.moduleId) || !modules.has(i.moduleId)) return false;
    seen.add(i.moduleId);
    return true;
  });
  const done = new Set<string>([...input.existing, ...items.filter((i) => i.status === "done").map((i) => i.moduleId)]);

  // Warnings: her own order, walked as she wrote it.
  const warnings: OrderWarning[] = [];
  const before = new Set(done);
  for (const it of items) {
    const m = modules.get(it.moduleId)!;
    for (const g of m.prerequisites) {
      if (!groupMetBy(g, before, modules, input.levels)) warnings.push({ moduleId: m.id, alternatives: [...g] });
    }
    before.add(m.id);
  }

  // Suggested order: repeatedly the most urgent step whose prerequisites are met.
  const pending = items.filter((i) => i.status !== "done");
  const positionOf = new Map(pending.map((i, n) => [i.moduleId, n]));
  const scheduled = new Set(done);
  const order: PlanItemIn[] = [];
  const remaining = [...pending];
  for (;;) {
    const ready = remaining.filter((i) => modules.get(i.moduleId)!.prerequisites.every((g) => groupMetBy(g, scheduled, modules, input.levels)));
    if (ready.length === 0) break;
    ready.sort((a, b) => {
      const ra = urgencyRank(input.levels[modules.get(a.moduleId)!.category]);
      const rb = urgencyRank(input.levels[modules.get(b.moduleId)!.category]);
      return ra - rb || positionOf.get(a.moduleId)! - positionOf.get(b.moduleId)!;
    });
    const next = ready[0]!;
    order.push(next);
    scheduled.add(next.moduleId);
    remaining.splice(remaining.indexOf(next), 1);
  }

  // Months: paid one after the other from savings plus capacity.
  const cap = Math.max(0, input.monthlyCapacityCents);
  let spent = 0;
  let month = 0;
  let beyond = false;
  const steps: Step[] = order.map((it, n) => {
    const m = modules.get(it.moduleId)!;
    const external = EXTERNAL_FUNDING.includes(it.funding);
    const charged = external ? 0 : Math.max(0, m.costMaxCents - Math.max(0, it.savedCents));
    const reasons: Reason[] = [];
    // Why here: a later step needs it, her worst category, or simply her order.
    const dependent = order.slice(n + 1).find((later) => modules.get(later.moduleId)!.prerequisites.some((g) => g.includes(m.id) && !groupMetBy(g, done, modules, input.levels)));
    if (dependent) reasons.push({ key: "prerequisiteFirst", module: m.id, dependent: dependent.moduleId });
    const level = input.levels[m.category];
    if (level === undefined) reasons.push({ key: "notAssessed", category: m.category });
    else if (level < GOOD_ENOUGH) reasons.push({ key: "worstCategory", category: m.category, level });
    else if (!dependent) reasons.push({ key: "yourOrder" });
    if (external) reasons.push({ key: "externallyFunded", funding: it.funding });

    let offset: number | null = null;
    if (!beyond) {
      const need = spent + charged;
      const available = input.savingsCents + cap * month;
      if (need <= available) offset = month;
      else if (cap > 0) {
        const m2 = Math.ceil((need - input.savingsCents) / cap);
        if (m2 <= PLANNER_HORIZON_MONTHS) offset = Math.max(month, m2);
      }
      if (offset === null) beyond = true;
      else {
        month = offset;
        spent = need;
      }
    }
    if (offset === null) reasons.push(cap === 0 ? { key: "noCapacity", module: m.id } : { key: "beyondHorizon", module: m.id, years: PLANNER_HORIZON_MONTHS / 12 });
    else if (charged === 0 && !external) reasons.push({ key: "alreadySaved", module: m.id });
    else if (offset === 0) reasons.push({ key: "readyThisMonth", module: m.id, savingsCents: input.savingsCents });
    else reasons.push({ key: "readyInMonth", module: m.id, capacityCents: cap, month: addMonths(input.start, offset) });
    return {
      moduleId: m.id,
      category: m.category,
      costMinCents: m.costMinCents,
      costMaxCents: m.costMaxCents,
      chargedCents: charged,
      monthOffset: offset,
      month: offset === null ? null : addMonths(input.start, offset),
      reasons,
    };
  });

  const blocked: Step[] = remaining.map((it) => {
    const m = modules.get(it.moduleId)!;
    const missing = m.prerequisites.find((g) => !groupMetBy(g, scheduled, modules, input.levels)) ?? [];
    return {
      moduleId: m.id,
      category: m.category,
      costMinCents: m.costMinCents,
      costMaxCents: m.costMaxCents,
      chargedCents: 0,
      monthOffset: null,
      month: null,
      reasons: [{ key: "needsPrerequisite", module: m.id, alternatives: [...missing] }],
    };
  });
  return { steps, blocked, warnings };
}

/**
 * Whether the prerequisite graph has a cycle once `moduleId`'s groups become `groups`.
 * Returns the cycle as a path of module ids (first = last), or null.
 */
export function findCycle(edges: ReadonlyMap<string, readonly string[]>, moduleId: string, groups: readonly (readonly string[])[]): string[] | null {
  const next = (id: string): readonly string[] => (id === moduleId ? groups.flat() : (edges.get(id) ?? []));
  // A cycle through the changed module: a path from one of its prerequisites back to it.
  const parent = new Map<string, string>();
  const stack: string[] = [];
  for (const first of new Set(next(moduleId))) {
    if (first === moduleId) return [moduleId, moduleId];
    if (!parent.has(first)) {
      parent.set(first, moduleId);
      stack.push(first);
    }
  }
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const n of next(id)) {
      if (n === moduleId) {
        const path = [moduleId, id];
        let p = parent.get(id)!;
        while (p !== moduleId) {
          path.push(p);
          p = parent.get(p)!;
        }
        path.push(moduleId);
        return path.reverse();
      }
      if (!parent.has(n)) {
        parent.set(n, id);
        stack.push(n);
      }
    }
  }
  return null;
}
