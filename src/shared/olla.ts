/** An olla's status; the map and lists show each one. Plain data so forms can use it without zod. */
export const OLLA_STATUSES = ["active", "paused", "closed"] as const;
export type OllaStatus = (typeof OLLA_STATUSES)[number];
/** Cooking days of the week, in order. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
