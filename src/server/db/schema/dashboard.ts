import { sql } from "drizzle-orm";
import { check, date, index, integer, numeric, pgTable, primaryKey, smallint, uuid, varchar } from "drizzle-orm/pg-core";
import { districts, zones } from "./reference";
import { ollas, problemCategoryEnum } from "./ollas";

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

/**
 * Current balance of every (olla, item) of the almacén ledger, kept by a statement-level
 * insert trigger on stock_movements (custom migration "dashboard_stock_balance"): the
 * dashboards' stock health needs every olla's staple balances, which summed from the
 * ledger means reading ~750,000 of 2,000,000 movements per request. The ledger is
 * append-only (its own triggers refuse UPDATE, DELETE and TRUNCATE), so adding each
 * inserted movement's signed quantity keeps this equal to the ledger's sum; concurrent
 * inserts add under the row lock of ON CONFLICT DO UPDATE, so none is lost.
 *
 * Derived only; `select dashboard_stock_balance_rebuild()` recomputes it from the ledger
 * (after a bulk load with triggers disabled). The almacén's own pages still sum the ledger.
 */
export const dashboardStockBalance = pgTable(
  "dashboard_stock_balance",
  {
    ollaId: uuid("olla_id")
      .notNull()
      .references(() => ollas.id),
    itemId: uuid("item_id").notNull(),
    balance: numeric("balance", { precision: 16, scale: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ollaId, t.itemId] }), index("dashboard_stock_balance_item_idx").on(t.itemId)],
);
