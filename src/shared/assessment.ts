/** The eight infrastructure categories an olla's assessment covers, in catalogue order. */
export const PROBLEM_CATEGORIES = [
  "water",
  "sanitation",
  "storage",
  "cooking",
  "space",
  "electricity",
  "refrigeration",
  "nutrition",
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

/** 0 critical, 1 precarious, 2 adequate, 3 good. */
export const LEVELS = [0, 1, 2, 3] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_KEYS = ["critical", "precarious", "adequate", "good"] as const;
