/**
 * The modular infrastructure plan's words, shared by the database enums, the input schemas,
 * the planner and the pages (one list for all of them).
 */
import { PROBLEM_CATEGORIES, type ProblemCategory } from "./assessment";

/** What a step of her plan is at: planned, saving toward it, being built, done. */
export const PLAN_ITEM_STATUSES = ["planned", "saving", "in_progress", "done"] as const;
export type PlanItemStatus = (typeof PLAN_ITEM_STATUSES)[number];

/** How a module will be paid. Donations and programmes are not charged to her capacity. */
export const PLAN_FUNDING = ["own_savings", "contributions", "activity", "donation", "programme"] as const;
export type PlanFunding = (typeof PLAN_FUNDING)[number];
export const EXTERNAL_FUNDING: readonly PlanFunding[] = ["donation", "programme"];

export const MODULE_CATEGORIES = PROBLEM_CATEGORIES;
export type ModuleCategory = ProblemCategory;

/** S/ 1,000,000 in céntimos: nothing in the catalogue or a plan is anywhere near it. */
export const MAX_MONEY_CENTS = 100_000_000;
/** How far ahead the planner looks (months). Beyond it a step says "not within 10 years". */
export const PLANNER_HORIZON_MONTHS = 120;
/** Most modules one olla's plan may hold, and prerequisite groups/alternatives per module. */
export const MAX_PLAN_ITEMS = 60;
export const MAX_PREREQ_GROUPS = 4;
export const MAX_PREREQ_ALTERNATIVES = 6;
