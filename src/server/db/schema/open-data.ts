import { sql } from "drizzle-orm";
import { bigint, check, integer, pgTable, smallint, text, timestamp, primaryKey } from "drizzle-orm/pg-core";

/**
 * One row: a counter that every committed change to what the open-data exports show (ollas,
 * assessments, needs, zones, districts) moves forward, once per transaction, by deferred
 * triggers (migration 0020). The export cache and its ETags are keyed by it.
 */
export const openDataVersion = pgTable(
  "open_data_version",
  {
    id: smallint("id").primaryKey().default(1),
    version: bigint("version", { mode: "number" }).notNull().default(1),
  },
  (t) => [check("open_data_version_single_row", sql`${t.id} = 1`)],
);

/** Fixed-window request counters per client address for anonymous expensive routes, shared by every app server. */
export const requestLimits = pgTable(
  "request_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
