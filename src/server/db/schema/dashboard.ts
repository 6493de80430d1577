import { sql } from "drizzle-orm";
import { check, date, doublePrecision, index, integer, numeric, pgTable, primaryKey, smallint, text, uuid, varchar } from "drizzle-orm/pg-core";
import { districts, zones } from "./reference";
import { needCategoryEnum } from "./needs";
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

/**
 * Open needs per area, kept by triggers on needs and ollas (custom migration
 * "dashboard_windows"): for each zone, district, category and urgency (and urgency 'all'
 * for the category as a whole), how many open or in-progress needs the non-closed ollas
 * there have, and how many distinct ollas have at least one. Reading it is a few hundred
 * rows instead of every open need. `select dashboard_needs_area_rebuild()` recomputes it.
 */
export const dashboardNeedsArea = pgTable(
  "dashboard_needs_area",
  {
    zoneId: uuid("zone_id")
      .notNull()
      .references(() => zones.id),
    districtUbigeo: varchar("district_ubigeo", { length: 6 })
      .notNull()
      .references(() => districts.ubigeo),
    category: needCategoryEnum("category").notNull(),
    urgency: text("urgency").notNull(),
    needs: integer("needs").notNull(),
    ollas: integer("ollas").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.zoneId, t.districtUbigeo, t.category, t.urgency] }),
    // No CHECK on the counts: INSERT … ON CONFLICT checks the proposed row (a negative delta)
    // before it becomes an update of the existing one.
    check("dashboard_needs_area_urgency", sql`${t.urgency} in ('low', 'medium', 'high', 'critical', 'all')`),
  ],
);

/**
 * The sliding windows of the dashboards, materialised for one day (`as_of`): the last 90
 * days' entries per olla and source in kg-equivalent (dependency), and the last 28 days'
 * cooking per olla and item (days of stock).
 * A ledger insert trigger adds what falls in the windows; on the first read of a new day
 * `dashboard_windows_refresh(today)` rebuilds both for that day. Readers asking for
 * another day than `as_of` read the ledger directly.
 */
export const dashboardWindowMeta = pgTable(
  "dashboard_window_meta",
  {
    id: smallint("id").primaryKey().default(1),
    asOf: date("as_of").notNull(),
  },
  (t) => [check("dashboard_window_meta_single_row", sql`${t.id} = 1`)],
);

/** kind: 0 own means (purchase, member contribution), 1 institution, 2 individual donation, 3 transfer from another olla. */
export const dashboardInflowWindow = pgTable(
  "dashboard_inflow_window",
  {
    ollaId: uuid("olla_id")
      .notNull()
      .references(() => ollas.id),
    kind: smallint("kind").notNull(),
    // The institution, or the zero uuid for the other kinds (a primary key cannot hold NULL).
    sourceKey: uuid("source_key").notNull(),
    // Exact (quantity × kg per unit): a reversal cancels its entry to zero, never to 1e-15.
    kg: numeric("kg", { precision: 20, scale: 7 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ollaId, t.kind, t.sourceKey] }), check("dashboard_inflow_window_kind", sql`${t.kind} between 0 and 3`)],
);

/** Cooked and not reversed, per olla and item, in the window (as_of - 28, as_of]. */
export const dashboardCookedWindow = pgTable(
  "dashboard_cooked_window",
  {
    ollaId: uuid("olla_id")
      .notNull()
      .references(() => ollas.id),
    itemId: uuid("item_id").notNull(),
    quantity: numeric("quantity", { precision: 16, scale: 3 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ollaId, t.itemId] })],
);

/**
 * Per olla, its dependency figures over the inflow window, recomputed from that olla's
 * exact window rows whenever they change (ledger insert trigger, daily rebuild): total kg,
 * kg from institutions and from own means, the largest institution and its share, and the
 * HHI. Lists and counts of ollas past the threshold read these 10,000 rows, not the
 * window's 50,000; floats are fine here because nothing is ever added to them.
 */
export const dashboardDependencyOlla = pgTable("dashboard_dependency_olla", {
  ollaId: uuid("olla_id")
    .primaryKey()
    .references(() => ollas.id),
  total: doublePrecision("total").notNull(),
  institutional: doublePrecision("institutional").notNull(),
  own: doublePrecision("own").notNull(),
  topSource: uuid("top_source"),
  topShare: doublePrecision("top_share").notNull(),
  hhi: doublePrecision("hhi").notNull(),
});
