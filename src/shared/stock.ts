export const STOCK_UNITS = ["kg", "l", "unit", "can"] as const;
export type StockUnit = (typeof STOCK_UNITS)[number];

export const SOURCE_TYPES = [
  "purchase",
  "member_contribution",
  "individual_donation",
  "parish",
  "ngo",
  "company",
  "municipal_program",
  "state_program",
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];
/** Entries of these types name the institution (a row of the network's list of sources). */
export const INSTITUTIONAL_SOURCE_TYPES: readonly SourceType[] = ["parish", "ngo", "company", "municipal_program", "state_program"];

/** Exit reasons a delegate picks; "transferred" is written only by an accepted transfer. */
export const EXIT_REASONS = ["cooked", "spoiled", "lost"] as const;
export type ExitReason = (typeof EXIT_REASONS)[number] | "transferred";
