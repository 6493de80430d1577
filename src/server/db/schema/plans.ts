import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { MAX_MONEY_CENTS, PLAN_FUNDING, PLAN_ITEM_STATUSES } from "~/shared/plans";
import { ollas, problemCategoryEnum } from "./ollas";
import { users } from "./users";

export const planItemStatusEnum = pgEnum("plan_item_status", PLAN_ITEM_STATUSES);
export const planFundingEnum = pgEnum("plan_funding", PLAN_FUNDING);

const MAX = sql.raw(String(MAX_MONEY_CENTS));

/**
 * The network's catalogue of infrastructure modules (kept by city coordinators): what it is,
 * which problem it solves, what it costs (a range, in céntimos), and whether it is offered.
 * Retired modules stay (plans that hold them keep their history) but cannot be added anew.
 */
export const planModules = pgTable(
  "plan_modules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: varchar("code", { length: 40 }).notNull(),
    nameEs: text("name_es").notNull(),
    nameEn: text("name_en").notNull(),
    category: problemCategoryEnum("category").notNull(),
    costMinCents: integer("cost_min_cents").notNull(),
    costMaxCents: integer("cost_max_cents").notNull(),
    sizeNoteEs: text("size_note_es"),
    sizeNoteEn: text("size_note_en"),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("plan_modules_code_idx").on(t.code),
    check("plan_modules_code_format", sql`${t.code} ~ '^[a-z0-9][a-z0-9-]{1,39}$'`),
    check("plan_modules_name_length", sql`char_length(${t.nameEs}) between 2 and 120 and char_length(${t.nameEn}) between 2 and 120`),
    check("plan_modules_note_length", sql`char_length(${t.sizeNoteEs}) <= 200 and char_length(${t.sizeNoteEn}) <= 200`),
    check("plan_modules_cost_range", sql`${t.costMinCents} >= 0 and ${t.costMinCents} <= ${t.costMaxCents} and ${t.costMaxCents} <= ${MAX}`),
    check("plan_modules_version_positive", sql`${t.version} >= 1`),
  ],
);

/**
 * Prerequisites: module_id needs, for each of its groups, any one module of that group
 * (a sink needs a water source: tank OR water connection). The graph has no cycles: the
 * catalogue service refuses a change that would make one (src/server/domain/planner.ts).
 */
export const planModulePrerequisites = pgTable(
  "plan_module_prerequisites",
  {
    moduleId: uuid("module_id").notNull().references(() => planModules.id, { onDelete: "cascade" }),
    groupNo: smallint("group_no").notNull(),
    requiresModuleId: uuid("requires_module_id").notNull().references(() => planModules.id),
  },
  (t) => [
    primaryKey({ name: "plan_module_prerequisites_pk", columns: [t.moduleId, t.groupNo, t.requiresModuleId] }),
    check("plan_module_prerequisites_not_self", sql`${t.moduleId} <> ${t.requiresModuleId}`),
    check("plan_module_prerequisites_group_range", sql`${t.groupNo} between 0 and 9`),
    index("plan_module_prerequisites_requires_idx").on(t.requiresModuleId),
  ],
);

/**
 * An olla's plan settings: what she can put aside a month and has saved (private to the olla
 * and its coordination), whether the public page may show amounts, and whether the plan is
 * public at all. `version` guards these settings and the plan's list (add, remove).
 */
export const ollaPlans = pgTable(
  "olla_plans",
  {
    ollaId: uuid("olla_id").primaryKey().references(() => ollas.id),
    monthlyCapacityCents: integer("monthly_capacity_cents").notNull().default(0),
    savingsCents: integer("savings_cents").notNull().default(0),
    showAmounts: boolean("show_amounts").notNull().default(false),
    hidden: boolean("hidden").notNull().default(false),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("olla_plans_money_range", sql`${t.monthlyCapacityCents} between 0 and ${MAX} and ${t.savingsCents} between 0 and ${MAX}`),
    check("olla_plans_version_positive", sql`${t.version} >= 1`),
  ],
);

/** One module of an olla's plan, in her order (position), with how it is paid and how far it got. */
export const ollaPlanItems = pgTable(
  "olla_plan_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    moduleId: uuid("module_id").notNull().references(() => planModules.id),
    position: integer("position").notNull(),
    status: planItemStatusEnum("status").notNull().default("planned"),
    funding: planFundingEnum("funding").notNull().default("own_savings"),
    savedCents: integer("saved_cents").notNull().default(0),
    doneOn: date("done_on"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("olla_plan_items_olla_module_idx").on(t.ollaId, t.moduleId),
    index("olla_plan_items_olla_idx").on(t.ollaId, t.position),
    index("olla_plan_items_module_idx").on(t.moduleId, t.status),
    check("olla_plan_items_saved_range", sql`${t.savedCents} between 0 and ${MAX}`),
    check("olla_plan_items_done_on", sql`(${t.status} = 'done') = (${t.doneOn} is not null)`),
    check("olla_plan_items_position_range", sql`${t.position} >= 0`),
    check("olla_plan_items_version_positive", sql`${t.version} >= 1`),
  ],
);

/** Modules the olla already has (built before the plan): they meet prerequisites without a plan step. */
export const ollaExistingModules = pgTable(
  "olla_existing_modules",
  {
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    moduleId: uuid("module_id").notNull().references(() => planModules.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "olla_existing_modules_pk", columns: [t.ollaId, t.moduleId] })],
);
