import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, findCycle, plan, type CatalogueModule, type PlannerInput } from "~/server/domain/planner";
import { PROBLEM_CATEGORIES, type Level, type ProblemCategory } from "~/shared/assessment";
import { EXTERNAL_FUNDING, PLAN_FUNDING, PLAN_ITEM_STATUSES } from "~/shared/plans";

const runs = Number(process.env.FC_NUM_RUNS ?? 150);

const tank: CatalogueModule = { id: "tank", category: "water", costMinCents: 45_000, costMaxCents: 65_000, prerequisites: [] };
const connection: CatalogueModule = { id: "connection", category: "water", costMinCents: 80_000, costMaxCents: 150_000, prerequisites: [] };
const sink: CatalogueModule = { id: "sink", category: "sanitation", costMinCents: 30_000, costMaxCents: 60_000, prerequisites: [["tank", "connection"]] };
const stove: CatalogueModule = { id: "stove", category: "cooking", costMinCents: 40_000, costMaxCents: 80_000, prerequisites: [] };
const modules = [tank, connection, sink, stove];

function input(over: Partial<PlannerInput> = {}): PlannerInput {
  return { modules, items: [], existing: [], levels: {}, monthlyCapacityCents: 10_000, savingsCents: 0, start: "2026-12", ...over };
}
const item = (moduleId: string, over: Partial<PlannerInput["items"][number]> = {}) => ({ moduleId, status: "planned" as const, funding: "own_savings" as const, savedCents: 0, ...over });

describe("planner, by example", () => {
  it("puts the tank before the sink that needs it, and says why", () => {
    const out = plan(input({ items: [item("sink"), item("tank")], levels: { sanitation: 0, water: 1 } }));
    expect(out.steps.map((s) => s.moduleId)).toEqual(["tank", "sink"]);
    expect(out.steps[0]!.reasons).toContainEqual({ key: "prerequisiteFirst", module: "tank", dependent: "sink" });
    // Her order (sink first) breaks the prerequisite: a warning, not a block.
    expect(out.warnings).toEqual([{ moduleId: "sink", alternatives: ["tank", "connection"] }]);
  });

  it("counts the top of the range against capacity and savings: S/ 100 a month", () => {
    const out = plan(input({ items: [item("tank"), item("stove")], savingsCents: 5_000, levels: { water: 0, cooking: 1 } }));
    // Tank S/ 650: 50 saved + 100/month → month 6 (50 + 600 = 650). Stove S/ 800 more: 1450 → month 14.
    expect(out.steps.map((s) => [s.moduleId, s.monthOffset, s.month])).toEqual([
      ["tank", 6, "2027-06"],
      ["stove", 14, "2028-02"],
    ]);
    expect(out.steps[1]!.reasons).toContainEqual({ key: "readyInMonth", module: "stove", capacityCents: 10_000, month: "2028-02" });
  });

  it("does not charge a donation or a programme, and counts what is saved toward a module", () => {
    const out = plan(input({ items: [item("tank", { funding: "donation" }), item("stove", { savedCents: 60_000 })], monthlyCapacityCents: 10_000 }));
    expect(out.steps.find((s) => s.moduleId === "tank")).toMatchObject({ chargedCents: 0, monthOffset: 0 });
    expect(out.steps.find((s) => s.moduleId === "stove")).toMatchObject({ chargedCents: 20_000, monthOffset: 2 });
  });

  it("takes what she has, or an adequate category, as a met prerequisite", () => {
    expect(plan(input({ items: [item("sink")], existing: ["connection"] })).warnings).toEqual([]);
    const byLevel = plan(input({ items: [item("sink")], levels: { water: 2 } }));
    expect(byLevel.warnings).toEqual([]);
    expect(byLevel.steps.map((s) => s.moduleId)).toEqual(["sink"]);
  });

  it("says what is missing when a prerequisite is in no form in her plan", () => {
    const out = plan(input({ items: [item("sink")] }));
    expect(out.steps).toEqual([]);
    expect(out.blocked[0]!.reasons).toEqual([{ key: "needsPrerequisite", module: "sink", alternatives: ["tank", "connection"] }]);
  });

  it("with no capacity and no savings, says so instead of inventing a month", () => {
    const out = plan(input({ items: [item("stove")], monthlyCapacityCents: 0 }));
    expect(out.steps[0]).toMatchObject({ monthOffset: null, month: null });
    expect(out.steps[0]!.reasons).toContainEqual({ key: "noCapacity", module: "stove" });
  });

  it("month arithmetic crosses years", () => {
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", 23)).toBe("2027-12");
  });
});

describe("prerequisite cycles", () => {
  const edges = new Map<string, string[]>([
    ["sink", ["tank"]],
    ["grease", ["sink"]],
  ]);
  it("refuses a change that closes a cycle, and names it", () => {
    expect(findCycle(edges, "tank", [["grease"]])).toEqual(["tank", "grease", "sink", "tank"]);
    expect(findCycle(edges, "tank", [["tank"]])).toEqual(["tank", "tank"]);
  });
  it("accepts one that does not", () => {
    expect(findCycle(edges, "grease", [["sink", "tank"]])).toBeNull();
    expect(findCycle(edges, "stove", [["grease"]])).toBeNull();
  });
  it("finds a cycle exactly when a DFS topological sort fails (random graphs)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), fc.array(fc.tuple(fc.nat(8), fc.nat(8)), { maxLength: 20 }), fc.nat(8), fc.array(fc.nat(8), { maxLength: 4 }), (n, rawEdges, who, newReqs) => {
        const id = (k: number) => `m${k % n}`;
        const e = new Map<string, string[]>();
        // Build an acyclic graph: only edges from a higher to a lower number.
        for (const [a, b] of rawEdges) if (a % n > b % n) e.set(id(a), [...(e.get(id(a)) ?? []), id(b)]);
        const target = id(who);
        const groups = [newReqs.map(id)];
        const after = new Map(e);
        after.set(target, groups.flat());
        const hasCycle = (() => {
          const state = new Map<string, 1 | 2>();
          const visit = (v: string): boolean => {
            if (state.get(v) === 1) return true;
            if (state.get(v) === 2) return false;
            state.set(v, 1);
            for (const x of after.get(v) ?? []) if (visit(x)) return true;
            state.set(v, 2);
            return false;
          };
          return [...Array(n).keys()].some((k) => visit(id(k)));
        })();
        const cycle = findCycle(e, target, groups);
        expect(cycle !== null).toBe(hasCycle);
        if (cycle) {
          expect(cycle[0]).toBe(target);
          expect(cycle.at(-1)).toBe(target);
          for (let i = 0; i + 1 < cycle.length; i++) expect(after.get(cycle[i]!) ?? []).toContain(cycle[i + 1]);
        }
      }),
      { numRuns: runs },
    );
  });
});

/** A random acyclic catalogue (prerequisites only toward lower indexes), a plan over it, levels and money. */
const arbInput = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    cats: fc.array(fc.constantFrom(...PROBLEM_CATEGORIES), { minLength: 12, maxLength: 12 }),
    costs: fc.array(fc.tuple(fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 300_000 })), { minLength: 12, maxLength: 12 }),
    prereqs: fc.array(fc.array(fc.array(fc.nat(11), { minLength: 1, maxLength: 3 }), { maxLength: 2 }), { minLength: 12, maxLength: 12 }),
    planned: fc.uniqueArray(fc.nat(11), { maxLength: 12 }),
    statuses: fc.array(fc.constantFrom(...PLAN_ITEM_STATUSES), { minLength: 12, maxLength: 12 }),
    funding: fc.array(fc.constantFrom(...PLAN_FUNDING), { minLength: 12, maxLength: 12 }),
    saved: fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 12, maxLength: 12 }),
    existing: fc.uniqueArray(fc.nat(11), { maxLength: 3 }),
    levels: fc.dictionary(fc.constantFrom(...PROBLEM_CATEGORIES), fc.constantFrom<Level>(0, 1, 2, 3)),
    capacity: fc.integer({ min: 0, max: 50_000 }),
    savings: fc.integer({ min: 0, max: 500_000 }),
  })
  .map((r): PlannerInput => {
    const ids = [...Array(r.n).keys()].map((k) => `m${k}`);
    const modules: CatalogueModule[] = ids.map((id, k) => {
      const [a, b] = r.costs[k]!;
      const groups = r.prereqs[k]!.map((g) => [...new Set(g.filter((x) => x < k).map((x) => `m${x}`))]).filter((g) => g.length > 0);
      return { id, category: r.cats[k]!, costMinCents: Math.min(a, b), costMaxCents: Math.max(a, b), prerequisites: groups };
    });
    const items = r.planned.filter((k) => k < r.n).map((k) => ({ moduleId: `m${k}`, status: r.statuses[k]!, funding: r.funding[k]!, savedCents: r.saved[k]! }));
    return {
      modules,
      items,
      existing: r.existing.filter((k) => k < r.n).map((k) => `m${k}`),
      levels: r.levels as Partial<Record<ProblemCategory, Level>>,
      monthlyCapacityCents: r.capacity,
      savingsCents: r.savings,
      start: "2026-12",
    };
  });

describe("planner, properties", () => {
  const metBefore = (inp: PlannerInput, have: Set<string>, group: string[]) =>
    group.some((id) => have.has(id) || (inp.levels[inp.modules.find((m) => m.id === id)!.category] ?? -1) >= 2);

  it("never puts a step before its prerequisites", () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const out = plan(inp);
        const have = new Set([...inp.existing, ...inp.items.filter((i) => i.status === "done").map((i) => i.moduleId)]);
        for (const s of out.steps) {
          const m = inp.modules.find((x) => x.id === s.moduleId)!;
          for (const g of m.prerequisites) expect(metBefore(inp, have, g)).toBe(true);
          have.add(s.moduleId);
        }
      }),
      { numRuns: runs },
    );
  });

  it("is never over what she has put aside in any month, and months never go back", () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const out = plan(inp);
        let spent = 0;
        let last = 0;
        let ended = false;
        for (const s of out.steps) {
          if (s.monthOffset === null) {
            ended = true;
            continue;
          }
          expect(ended).toBe(false); // once one step is out of reach, the later ones are too
          spent += s.chargedCents;
          expect(spent).toBeLessThanOrEqual(inp.savingsCents + inp.monthlyCapacityCents * s.monthOffset);
          expect(s.monthOffset).toBeGreaterThanOrEqual(last);
          last = s.monthOffset;
        }
      }),
      { numRuns: runs },
    );
  });

  it("charges donations and programmes nothing, and others the top of the range less what is saved", () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        for (const s of plan(inp).steps) {
          const it = inp.items.find((i) => i.moduleId === s.moduleId)!;
          const m = inp.modules.find((x) => x.id === s.moduleId)!;
          expect(s.chargedCents).toBe(EXTERNAL_FUNDING.includes(it.funding) ? 0 : Math.max(0, m.costMaxCents - it.savedCents));
        }
      }),
      { numRuns: runs },
    );
  });

  it("among the steps that could come next, takes her worst category first", () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const out = plan(inp);
        const rank = (id: string) => inp.levels[inp.modules.find((m) => m.id === id)!.category] ?? 1.5;
        const have = new Set([...inp.existing, ...inp.items.filter((i) => i.status === "done").map((i) => i.moduleId)]);
        const left = new Set(out.steps.map((s) => s.moduleId));
        for (const s of out.steps) {
          const feasible = [...left].filter((id) => inp.modules.find((m) => m.id === id)!.prerequisites.every((g) => metBefore(inp, have, g)));
          expect(feasible).toContain(s.moduleId);
          for (const other of feasible) expect(rank(s.moduleId)).toBeLessThanOrEqual(rank(other));
          left.delete(s.moduleId);
          have.add(s.moduleId);
        }
      }),
      { numRuns: runs },
    );
  });

  it("covers every pending module exactly once (a step or blocked), with a reason each", () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const out = plan(inp);
        const pending = inp.items.filter((i) => i.status !== "done").map((i) => i.moduleId).sort();
        expect([...out.steps, ...out.blocked].map((s) => s.moduleId).sort()).toEqual(pending);
        for (const s of [...out.steps, ...out.blocked]) expect(s.reasons.length).toBeGreaterThan(0);
      }),
      { numRuns: runs },
    );
  });

  it("is deterministic: the same input gives the same output", () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        expect(plan(structuredClone(inp))).toEqual(plan(inp));
      }),
      { numRuns: runs },
    );
  });
});
