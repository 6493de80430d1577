import { PROBLEM_CATEGORIES } from "./assessment";

/** The eight infrastructure categories of the assessments, plus food and other. */
export const NEED_CATEGORIES = [...PROBLEM_CATEGORIES, "food", "other"] as const;
export type NeedCategory = (typeof NEED_CATEGORIES)[number];
export const NEED_URGENCIES = ["low", "medium", "high", "critical"] as const;
export type NeedUrgency = (typeof NEED_URGENCIES)[number];
export const NEED_STATUSES = ["open", "in_progress", "met", "cancelled"] as const;
export type NeedStatus = (typeof NEED_STATUSES)[number];
export const NEED_VISIBILITIES = ["public", "network"] as const;
export type NeedVisibility = (typeof NEED_VISIBILITIES)[number];
