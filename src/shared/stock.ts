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
/** Every exit reason the ledger holds: the delegate's choices and the transfer's own. */
export const LEDGER_EXIT_REASONS = [...EXIT_REASONS, "transferred"] as const;
export type ExitReason = (typeof LEDGER_EXIT_REASONS)[number];
/** Units counted in whole pieces (a balón de gas, a tarro): no fractions. */
export const COUNTED_UNITS: readonly StockUnit[] = ["unit", "can"];
export const STOCK_DIRECTIONS = ["in", "out"] as const;
export type StockDirection = (typeof STOCK_DIRECTIONS)[number];
export const TRANSFER_STATUSES = ["offered", "accepted", "declined", "cancelled"] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];
