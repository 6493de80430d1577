import { sql } from "drizzle-orm";
import { check, date, integer, pgTable, primaryKey, smallint, uuid, varchar } from "drizzle-orm/pg-core";
import { districts, zones } from "./reference";
import { problemCategoryEnum } from "./ollas";

/**
 * Roll-up of the assessment history for the dashboards, maintained by triggers in the
 * database (custom migration "assessment_rollup_triggers"): for each zone, district, category and month, the net
 * change in the number of non-closed ollas whose current level is `level`. An olla's
 * new assessment adds +1 at its level and -1 at the level it replaces, in the month it
 * is dated. So the distribution at the end of month M is the sum of `delta` over all
 * months <= M: trends and current state are a GROUP BY over a few thousand rows
 * instead of a window over the whole history (which takes ~400 ms at 10,000 ollas).
 *
 * Derived only; `select assessment_rollup_rebuild()` recomputes it from scratch.
 */
export const assessmentRollup = pgTable(
  "assessment_rollup",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    districtUbigeo: varchar("district_ubigeo", { length: 6 })
      .notNull()
      .references(() => districts.ubigeo),
    category: problemCategoryEnum("category").notNull(),
    month: date("month").notNull(),
    level: smallint("level").notNull(),
    delta: integer("delta").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.zoneId, t.districtUbigeo, t.category, t.month, t.level] }),
    check("assessment_rollup_level_range", sql`${t.level} between 0 and 3`),
    check("assessment_rollup_month_start", sql`extract(day from ${t.month}) = 1`),
  ],
);
