/** Periods offered by the dashboards' filter, in months ending with the current one. */
export const PERIOD_MONTHS = [6, 12, 24] as const;
export type PeriodMonths = (typeof PERIOD_MONTHS)[number];
/** The period the dashboards open with. */
export const DEFAULT_PERIOD_MONTHS: PeriodMonths = 12;

/** The key of the row that merges areas (or categories) too small to publish on their own. */
export const OTHERS_KEY = "__others__";
/** The columns of a level table: one per level, 0 critical … 3 good, as the tables key them. */
export const LEVEL_COLUMNS = ["0", "1", "2", "3"] as const;
/** The columns of "people reached", in the order the tables, charts, CSV and open data use. */
export const PEOPLE_COLUMNS = ["ollas", "rations", "children", "olderAdults", "pregnantNursing", "disabled"] as const;
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];
