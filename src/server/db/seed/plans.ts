import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { memberships, ollaExistingModules, ollaPlanItems, ollaPlans, ollas, planModulePrerequisites, planModules } from "../schema";
import type { ProblemCategory } from "~/shared/assessment";
import { PLAN_FUNDING, type PlanFunding, type PlanItemStatus } from "~/shared/plans";
import { addDays, limaToday } from "~/shared/lima-day";
import type { Rng } from "./random";
import type { DemoContext } from "./seeders";

interface ModuleSeed {
  code: string;
  es: string;
  en: string;
  category: ProblemCategory;
  /** Soles, min–max: prices asked in Lima's hardware stores and by the ollas' own suppliers (2025–26). */
  pen: [number, number];
  note?: [string, string];
  /** Groups of alternatives, by code. */
  requires?: string[][];
}

const WATER_SOURCE = ["tanque-1100", "conexion-agua"];

/** The network's starting catalogue: every problem category, plausible prices in soles. */
export const MODULE_CATALOGUE: ModuleSeed[] = [
  { code: "tanque-1100", es: "Tanque de agua de 1,100 L", en: "1,100 L water tank", category: "water", pen: [450, 650], note: ["Con base de ladrillo y tapa", "With a brick base and lid"] },
  { code: "conexion-agua", es: "Conexión domiciliaria de agua", en: "Household water connection", category: "water", pen: [800, 1500], note: ["Trámite con Sedapal", "Applied for with Sedapal"] },
  { code: "lavamanos", es: "Estación de lavado de manos", en: "Hand-washing station", category: "sanitation", pen: [150, 350], requires: [WATER_SOURCE] },
  { code: "lavadero", es: "Lavadero con desagüe", en: "Sink with drain", category: "sanitation", pen: [300, 600], requires: [WATER_SOURCE] },
  { code: "trampa-grasa", es: "Trampa de grasa", en: "Grease trap", category: "sanitation", pen: [250, 450], requires: [["lavadero"]] },
  { code: "bano-biodigestor", es: "Baño con biodigestor", en: "Toilet with biodigester", category: "sanitation", pen: [1800, 3500], requires: [WATER_SOURCE] },
  { code: "estante-metal", es: "Estantería metálica", en: "Metal shelving", category: "storage", pen: [250, 450], note: ["5 niveles, 200 kg por nivel", "5 shelves, 200 kg each"] },
  { code: "contenedores", es: "Contenedores herméticos para alimentos", en: "Sealed food containers", category: "storage", pen: [120, 300] },
  { code: "parihuelas", es: "Parihuelas para sacos", en: "Pallets for sacks", category: "storage", pen: [80, 200] },
  { code: "cocina-mejorada", es: "Cocina mejorada a leña", en: "Improved wood stove", category: "cooking", pen: [400, 900], note: ["Con chimenea: menos humo en la cocina", "With a chimney: less smoke inside"] },
  { code: "kit-gas", es: "Kit de gas (válvula, manguera, regulador)", en: "Gas kit (valve, hose, regulator)", category: "cooking", pen: [80, 180] },
  { code: "cocina-industrial", es: "Cocina industrial de dos hornillas", en: "Two-burner industrial stove", category: "cooking", pen: [350, 700], note: ["Para ollas de 100+ raciones", "For ollas of 100+ rations"], requires: [["kit-gas"]] },
  { code: "extintor", es: "Extintor PQS de 6 kg", en: "6 kg dry-powder extinguisher", category: "cooking", pen: [90, 160] },
  { code: "techo", es: "Techo de calamina", en: "Corrugated roof", category: "space", pen: [1500, 3500], note: ["Para unos 30 m²", "For about 30 m²"] },
  { code: "piso-cemento", es: "Piso de cemento", en: "Cement floor", category: "space", pen: [800, 1800], note: ["Para unos 30 m²", "For about 30 m²"] },
  { code: "instalacion-electrica", es: "Instalación eléctrica con medidor", en: "Electrical wiring with a meter", category: "electricity", pen: [900, 2000] },
  { code: "refrigeradora", es: "Refrigeradora o congeladora", en: "Refrigerator or freezer", category: "refrigeration", pen: [1200, 2500], requires: [["instalacion-electrica"]] },
  { code: "biohuerto", es: "Biohuerto", en: "Vegetable garden", category: "nutrition", pen: [200, 500], requires: [WATER_SOURCE] },
  { code: "crianza-cuyes", es: "Módulo de crianza de cuyes", en: "Guinea pig rearing module", category: "nutrition", pen: [400, 900] },
];

/** Inserts the catalogue and its prerequisites; returns the module ids by code. */
export async function seedModuleCatalogue(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db
    .insert(planModules)
    .values(
      MODULE_CATALOGUE.map((m) => ({
        code: m.code,
        nameEs: m.es,
        nameEn: m.en,
        category: m.category,
        costMinCents: m.pen[0] * 100,
        costMaxCents: m.pen[1] * 100,
        sizeNoteEs: m.note?.[0] ?? null,
        sizeNoteEn: m.note?.[1] ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: planModules.id, code: planModules.code });
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  if (ids.size < MODULE_CATALOGUE.length) {
    for (const r of await db.select({ id: planModules.id, code: planModules.code }).from(planModules)) ids.set(r.code, r.id);
  }
  const prereqs = MODULE_CATALOGUE.flatMap((m) => (m.requires ?? []).flatMap((g, groupNo) => g.map((code) => ({ moduleId: ids.get(m.code)!, groupNo, requiresModuleId: ids.get(code)! }))));
  if (prereqs.length > 0) await db.insert(planModulePrerequisites).values(prereqs).onConflictDoNothing();
  return ids;
}

const STATUS_WEIGHTS: (readonly [PlanItemStatus, number])[] = [
  ["planned", 5],
  ["saving", 3],
  ["in_progress", 1],
  ["done", 2],
];

/** One olla's plan: 2–6 modules, a water source before what needs one, statuses that follow her order. */
export function demoPlan(rng: Rng, today: string): { codes: string[]; statuses: PlanItemStatus[]; funding: PlanFunding[]; saved: number[]; doneOn: (string | null)[] } {
  const n = rng.int(2, 6);
  const codes: string[] = [];
  const byCode = new Map(MODULE_CATALOGUE.map((m) => [m.code, m]));
  // A module comes after one of each of its prerequisite groups (most plans respect them; the planner warns otherwise).
  const add = (code: string) => {
    if (codes.includes(code)) return;
    for (const g of byCode.get(code)!.requires ?? []) if (!g.some((c) => codes.includes(c))) add(rng.pick(g));
    codes.push(code);
  };
  while (codes.length < n) add(rng.pick(MODULE_CATALOGUE).code);
  // Earlier steps are further along: statuses never go "ahead" of an earlier step's.
  const rank: Record<PlanItemStatus, number> = { done: 0, in_progress: 1, saving: 2, planned: 3 };
  const statuses = codes.map(() => rng.weighted(STATUS_WEIGHTS)).sort((a, b) => rank[a] - rank[b]);
  const funding = codes.map(() => rng.weighted(PLAN_FUNDING.map((f) => [f, f === "own_savings" ? 4 : f === "activity" ? 2 : 1] as const)));
  const saved = codes.map((c, i) => (statuses[i] === "saving" || statuses[i] === "in_progress" ? Math.round(byCode.get(c)!.pen[0] * rng.next() * 0.8) * 100 : 0));
  const doneOn = statuses.map((s) => (s === "done" ? addDays(today, -rng.int(20, 400)) : null));
  return { codes, statuses, funding, saved, doneOn };
}

/**
 * Demo plans: about two ollas in three carry a plan; a few also mark what they already have.
 * The second demo delegate's olla (Manos Unidas) starts with none, for her to build one.
 */
export async function seedPlansDemo(db: DbOrTx, ctx: DemoContext): Promise<void> {
  const ids = await seedModuleCatalogue(db);
  const today = limaToday(ctx.today);
  const delegateOllas = ctx.delegateUserIds.length
    ? await db
        .select({ userId: memberships.userId, ollaId: memberships.ollaId })
        .from(memberships)
        .where(and(inArray(memberships.userId, ctx.delegateUserIds), eq(memberships.role, "delegate")))
    : [];
  const keepEmpty = new Set(delegateOllas.filter((m) => m.userId === ctx.delegateUserIds[1]).map((m) => m.ollaId));
  const first = delegateOllas.find((m) => m.userId === ctx.delegateUserIds[0])?.ollaId;
  const closed = new Set((await db.select({ id: ollas.id }).from(ollas).where(eq(ollas.status, "closed"))).map((r) => r.id));
  const plans: (typeof ollaPlans.$inferInsert)[] = [];
  const items: (typeof ollaPlanItems.$inferInsert)[] = [];
  const existing: (typeof ollaExistingModules.$inferInsert)[] = [];
  for (const ollaId of ctx.ollaIds) {
    if (keepEmpty.has(ollaId) || closed.has(ollaId)) continue;
    if (ollaId !== first && !ctx.rng.chance(0.66)) continue;
    const p = demoPlan(ctx.rng, today);
    plans.push({
      ollaId,
      monthlyCapacityCents: ctx.rng.int(5, 30) * 1000,
      savingsCents: ctx.rng.int(0, 40) * 2000,
      showAmounts: ctx.rng.chance(0.2),
      hidden: ollaId !== first && ctx.rng.chance(0.05),
    });
    p.codes.forEach((code, position) =>
      items.push({ ollaId, moduleId: ids.get(code)!, position, status: p.statuses[position]!, funding: p.funding[position]!, savedCents: p.saved[position]!, doneOn: p.doneOn[position] }),
    );
    if (ctx.rng.chance(0.15)) {
      const has = ctx.rng.pick(["tanque-1100", "instalacion-electrica", "kit-gas"]);
      if (!p.codes.includes(has)) existing.push({ ollaId, moduleId: ids.get(has)! });
    }
  }
  for (let i = 0; i < plans.length; i += 1000) await db.insert(ollaPlans).values(plans.slice(i, i + 1000));
  for (let i = 0; i < items.length; i += 1000) await db.insert(ollaPlanItems).values(items.slice(i, i + 1000));
  if (existing.length > 0) await db.insert(ollaExistingModules).values(existing);
}
