/** Periods offered by the dashboards' filter, in months ending with the current one. */
export const PERIOD_MONTHS = [6, 12, 24] as const;
export type PeriodMonths = (typeof PERIOD_MONTHS)[number];
/** The period the dashboards open with. */
export const DEFAULT_PERIOD_MONTHS: PeriodMonths = 12;
