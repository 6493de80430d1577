import { sql } from "drizzle-orm";
import { check, index, integer, numeric, pgEnum, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { NEED_CATEGORIES, NEED_STATUSES, NEED_URGENCIES, NEED_VISIBILITIES } from "~/shared/needs";
import { ollas } from "./ollas";
import { stockItems } from "./stock";
import { users } from "./users";

/** The eight problem categories of the assessments, plus food and other. */
export const needCategoryEnum = pgEnum("need_category", NEED_CATEGORIES);
export const needUrgencyEnum = pgEnum("need_urgency", NEED_URGENCIES);
export const needStatusEnum = pgEnum("need_status", NEED_STATUSES);
/** public: anyone may see it (public fields only); network: the olla and its coordination only. */
export const needVisibilityEnum = pgEnum("need_visibility", NEED_VISIBILITIES);

export const needs = pgTable(
  "needs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    category: needCategoryEnum("category").notNull(),
    description: text("description").notNull(),
    quantity: numeric("quantity", { precision: 14, scale: 3 }),
    unit: varchar("unit", { length: 20 }),
    // A catalogue item (rice, 50 kg): offers, deliveries and progress are counted in its unit.
    itemId: uuid("item_id").references(() => stockItems.id),
    urgency: needUrgencyEnum("urgency").notNull(),
    status: needStatusEnum("status").notNull().default("open"),
    visibility: needVisibilityEnum("visibility").notNull().default("public"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    check("needs_description_length", sql`char_length(${t.description}) between 3 and 500`),
    check("needs_quantity_with_unit", sql`(${t.quantity} is null) = (${t.unit} is null)`),
    check("needs_quantity_range", sql`${t.quantity} > 0 and ${t.quantity} <= 1000000`),
    check("needs_unit_length", sql`char_length(${t.unit}) between 1 and 20`),
    check("needs_closed_at", sql`(${t.status} in ('met', 'cancelled')) = (${t.closedAt} is not null)`),
    check("needs_item_quantity", sql`${t.itemId} is null or ${t.quantity} is not null`),
    check("needs_version_positive", sql`${t.version} >= 1`),
    index("needs_olla_idx").on(t.ollaId, t.status),
    index("needs_public_idx").on(t.status, t.visibility, t.urgency, t.createdAt.desc()),
    // The open-data CSV's keyset order (newest first): each page is a range scan of this index.
    index("needs_public_feed_idx")
      .on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'open' and ${t.visibility} = 'public'`),
    // The public needs list and the home page's most urgent (listPublicNeeds): most urgent first
    // (the enum runs low → critical), then newest. Without it, every visit sorted all the city's
    // open public needs: 135 ms of PostgreSQL at 200,000 needs, for three on the home page.
    index("needs_public_urgency_idx")
      .on(t.urgency.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.status} = 'open' and ${t.visibility} = 'public'`),
  ],
);
