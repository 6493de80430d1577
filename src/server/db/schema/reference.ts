import { sql } from "drizzle-orm";
import { cleanNameCheck } from "./name-check";
import { check, doublePrecision, jsonb, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";

/** Lima and Callao districts by UBIGEO code (reference facts, loaded by a migration). */
export const districts = pgTable(
  "districts",
  {
    ubigeo: varchar("ubigeo", { length: 6 }).primaryKey(),
    name: text("name").notNull(),
    province: text("province").notNull(),
    centroidLat: doublePrecision("centroid_lat").notNull(),
    centroidLng: doublePrecision("centroid_lng").notNull(),
  },
  (t) => [check("districts_ubigeo_format", sql`${t.ubigeo} ~ '^[0-9]{6}$'`)],
);

/** A red zonal: a group of ollas, usually one district. Boundaries are imported as GeoJSON. */
export const zones = pgTable(
  "zones",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull().unique(),
    districtUbigeo: varchar("district_ubigeo", { length: 6 }).references(() => districts.ubigeo),
    boundary: jsonb("boundary"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("zones_name_length", sql`char_length(${t.name}) between 1 and 120`), check("zones_name_clean", cleanNameCheck(t.name))],
);
