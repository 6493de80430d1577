import { sql } from "drizzle-orm";
import { check, integer, numeric, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The network's own settings, one row (id = 1), created by a migration with the
 * defaults below. City coordinators change them through a validated, audited
 * procedure; the CHECKs hold the same bounds in the database.
 */
export const networkSettings = pgTable(
  "network_settings",
  {
    id: smallint("id").primaryKey().default(1),
    // Share (0–1) of 90 days' inflow from the single largest institution past which an olla is warned.
    dependencyThreshold: numeric("dependency_threshold", { precision: 3, scale: 2, mode: "number" }).notNull().default(0.6),
    // Item codes of the network catalogue whose days of stock the dashboards watch.
    stapleItems: text("staple_items")
      .array()
      .notNull()
      .default(sql`'{arroz,fideos,aceite,menestras}'::text[]`),
    // An olla with fewer than this many days of a staple counts as low on it.
    lowStockDays: smallint("low_stock_days").notNull().default(7),
    // Peru's monthly minimum wage (RMV) in céntimos: S/ 1,130 in 2025.
    monthlyMinimumWageCents: integer("monthly_minimum_wage_cents").notNull().default(113000),
    // Recommended maximum time in one leadership role, in months.
    maxLeadershipTermMonths: smallint("max_leadership_term_months").notNull().default(24),
    // Ley 29733: months after a person left (delegate deactivated, invitation closed, olla
    // closed) before her name and phone are erased automatically.
    personalDataRetentionMonths: smallint("personal_data_retention_months").notNull().default(24),
    // Last automatic purge: app servers skip a purge that another one ran within the hour.
    personalDataPurgedAt: timestamp("personal_data_purged_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("network_settings_single_row", sql`${t.id} = 1`),
    check("network_settings_threshold_range", sql`${t.dependencyThreshold} between 0.10 and 1.00`),
    check(
      "network_settings_staples_valid",
      sql`cardinality(${t.stapleItems}) between 1 and 20
        and array_to_string(${t.stapleItems}, ',') ~ '^[a-z0-9_-]{1,40}(,[a-z0-9_-]{1,40})*$'`,
    ),
    check("network_settings_low_stock_range", sql`${t.lowStockDays} between 1 and 60`),
    check("network_settings_wage_range", sql`${t.monthlyMinimumWageCents} between 50000 and 1000000`),
    check("network_settings_term_range", sql`${t.maxLeadershipTermMonths} between 6 and 120`),
    check("network_settings_retention_range", sql`${t.personalDataRetentionMonths} between 6 and 120`),
    check("network_settings_version_positive", sql`${t.version} >= 1`),
  ],
);
