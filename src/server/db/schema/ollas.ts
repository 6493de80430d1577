import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { OLLA_STATUSES } from "~/shared/olla";
import { cleanNameCheck } from "./name-check";
import { districts, zones } from "./reference";
import { users } from "./users";

// The database enums are built from the tuples of src/shared: one list for both.
export const ollaStatusEnum = pgEnum("olla_status", OLLA_STATUSES);
export const problemCategoryEnum = pgEnum("problem_category", PROBLEM_CATEGORIES);

// Lima and Callao bounding area (generous): refuses coordinates outside the metropolis.
const LAT = sql.raw("between -12.55 and -11.55");
const LNG = sql.raw("between -77.25 and -76.60");

export const ollas = pgTable(
  "ollas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    districtUbigeo: varchar("district_ubigeo", { length: 6 }).notNull().references(() => districts.ubigeo),
    zoneId: uuid("zone_id").notNull().references(() => zones.id),
    status: ollaStatusEnum("status").notNull().default("active"),
    // Private: informal address reference, exact point, contact.
    addressReference: text("address_reference"),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    // Random per-olla seed for the public point (src/server/domain/public-point.ts), so two
    // ollas in one grid cell are not drawn on top of each other. Never leaves the server.
    locationSeed: integer("location_seed").notNull(),
    // Public: a point placed by cell (or the exact one if publishExact), derived at write time
    // and recomputed when the scheme or LOCATION_KEY changes (public_point_scheme).
    publicLat: doublePrecision("public_lat").notNull(),
    publicLng: doublePrecision("public_lng").notNull(),
    publishExact: boolean("publish_exact").notNull().default(false),
    foundedOn: date("founded_on"),
    cookingDays: text("cooking_days").array().notNull().default(sql`'{}'::text[]`),
    rationsPerDay: integer("rations_per_day").notNull().default(0),
    beneficiariesChildren: integer("beneficiaries_children").notNull().default(0),
    beneficiariesOlderAdults: integer("beneficiaries_older_adults").notNull().default(0),
    beneficiariesPregnantNursing: integer("beneficiaries_pregnant_nursing").notNull().default(0),
    beneficiariesDisabled: integer("beneficiaries_disabled").notNull().default(0),
    rationPriceCents: integer("ration_price_cents").notNull().default(0),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("ollas_name_length", sql`char_length(${t.name}) between 2 and 120`),
    check("ollas_name_clean", cleanNameCheck(t.name)),
    check("ollas_contact_name_clean", cleanNameCheck(t.contactName)),
    check("ollas_address_length", sql`char_length(${t.addressReference}) <= 300`),
    check("ollas_lat_range", sql`${t.lat} ${LAT} and ${t.publicLat} between -12.6 and -11.5`),
    check("ollas_lng_range", sql`${t.lng} ${LNG} and ${t.publicLng} between -77.3 and -76.55`),
    check("ollas_rations_range", sql`${t.rationsPerDay} between 0 and 5000`),
    check(
      "ollas_beneficiaries_range",
      sql`${t.beneficiariesChildren} between 0 and 5000 and ${t.beneficiariesOlderAdults} between 0 and 5000
        and ${t.beneficiariesPregnantNursing} between 0 and 5000 and ${t.beneficiariesDisabled} between 0 and 5000`,
    ),
    check("ollas_price_range", sql`${t.rationPriceCents} between 0 and 5000`),
    check(
      "ollas_cooking_days_valid",
      sql`${t.cookingDays} <@ array['mon','tue','wed','thu','fri','sat','sun']::text[]`,
    ),
    check("ollas_contact_phone_format", sql`${t.contactPhone} ~ '^\\+519[0-9]{8}$'`),
    check("ollas_contact_name_length", sql`char_length(${t.contactName}) <= 120`),
    check("ollas_version_positive", sql`${t.version} >= 1`),
    index("ollas_zone_idx").on(t.zoneId),
    index("ollas_district_idx").on(t.districtUbigeo),
    index("ollas_status_idx").on(t.status),
  ],
);

/** Self-assessed infrastructure state per category; append-only history (trends matter). */
export const assessments = pgTable(
  "assessments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    category: problemCategoryEnum("category").notNull(),
    level: smallint("level").notNull(),
    note: text("note"),
    assessedOn: date("assessed_on").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("assessments_level_range", sql`${t.level} between 0 and 3`),
    check("assessments_note_length", sql`char_length(${t.note}) <= 500`),
    index("assessments_olla_category_idx").on(t.ollaId, t.category, t.assessedOn.desc(), t.id.desc()),
  ],
);

/**
 * One row: the fingerprint (scheme version + a hash of LOCATION_KEY) the stored public points
 * were computed with. A server that starts with another one recomputes every point.
 */
export const publicPointScheme = pgTable(
  "public_point_scheme",
  {
    id: smallint("id").primaryKey().default(1),
    fingerprint: text("fingerprint").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("public_point_scheme_single_row", sql`${t.id} = 1`)],
);
