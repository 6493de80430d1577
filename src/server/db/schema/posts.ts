import { sql } from "drizzle-orm";
import { check, customType, date, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { FOLLOW_UP_STATUSES, POST_VISIBILITIES } from "~/shared/posts";
import { needCategoryEnum, needs } from "./needs";
import { ollas } from "./ollas";
import { ollaPlanItems } from "./plans";
import { zones } from "./reference";
import { users } from "./users";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (v instanceof Uint8Array ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : v),
});

/**
 * Re-encoded images (thumbnails and display sizes), addressed by the SHA-256 of their bytes:
 * one row per distinct image whatever how many posts show it. Who may fetch one is decided by
 * the posts and workshops that show it (an image no one may see answers 404). The default
 * store (src/server/services/images/store.ts); a deployment may put the bytes elsewhere.
 */
export const images = pgTable(
  "images",
  {
    hash: varchar("hash", { length: 64 }).primaryKey(),
    mime: varchar("mime", { length: 20 }).notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    byteSize: integer("byte_size").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("images_hash_format", sql`${t.hash} ~ '^[0-9a-f]{64}$'`),
    check("images_mime", sql`${t.mime} in ('image/jpeg', 'image/png', 'image/webp')`),
    check("images_size", sql`${t.byteSize} = octet_length(${t.bytes}) and ${t.byteSize} between 1 and 4194304`),
    check("images_dimensions", sql`${t.width} between 1 and 4096 and ${t.height} between 1 and 4096`),
  ],
);

export const postVisibilityEnum = pgEnum("post_visibility", POST_VISIBILITIES);

/** A novedad: plain text (never HTML) and up to four photos, from one of the olla's delegates. */
export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    authorId: uuid("author_id").references(() => users.id),
    body: text("body").notNull(),
    visibility: postVisibilityEnum("visibility").notNull(),
    categories: needCategoryEnum("categories").array().notNull().default(sql`'{}'`),
    needId: uuid("need_id").references(() => needs.id, { onDelete: "set null" }),
    /** A module of her olla's infrastructure plan the post is about (its progress, its photos). */
    planItemId: uuid("plan_item_id").references(() => ollaPlanItems.id, { onDelete: "set null" }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("posts_body_length", sql`char_length(${t.body}) <= 2000`),
    check("posts_categories_count", sql`coalesce(array_length(${t.categories}, 1), 0) <= 10`),
    check("posts_version_positive", sql`${t.version} >= 1`),
    // Feeds are keyset pages newest first: the city's, and one olla's.
    index("posts_feed_idx").on(t.createdAt.desc(), t.id.desc()),
    index("posts_olla_feed_idx").on(t.ollaId, t.createdAt.desc(), t.id.desc()),
  ],
);

export const postPhotos = pgTable(
  "post_photos",
  {
    postId: uuid("post_id").notNull().references(() => posts.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
    thumbHash: varchar("thumb_hash", { length: 64 }).notNull().references(() => images.hash),
    displayHash: varchar("display_hash", { length: 64 }).notNull().references(() => images.hash),
    /** What the uploaded file was, by its content (jpeg, png, webp): the display size keeps it. */
    sourceType: varchar("source_type", { length: 8 }).notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
  },
  (t) => [
    primaryKey({ name: "post_photos_pk", columns: [t.postId, t.position] }),
    check("post_photos_position", sql`${t.position} between 0 and 3`),
    check("post_photos_source_type", sql`${t.sourceType} in ('jpeg', 'png', 'webp')`),
    index("post_photos_thumb_idx").on(t.thumbHash),
    index("post_photos_display_idx").on(t.displayHash),
  ],
);

export const postComments = pgTable(
  "post_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id").notNull().references(() => posts.id, { onDelete: "cascade" }),
    authorId: uuid("author_id").references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("post_comments_body_length", sql`char_length(${t.body}) between 1 and 1000`), index("post_comments_post_idx").on(t.postId, t.createdAt)],
);

export const followUpStatusEnum = pgEnum("follow_up_status", FOLLOW_UP_STATUSES);

/** A participatory workshop of a zone, recorded by its coordination. Facilitators are people: private. */
export const workshops = pgTable(
  "workshops",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    zoneId: uuid("zone_id").notNull().references(() => zones.id),
    heldOn: date("held_on").notNull(),
    place: text("place").notNull(),
    facilitators: text("facilitators"),
    agreements: text("agreements").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("workshops_place_length", sql`char_length(${t.place}) between 2 and 200`),
    check("workshops_facilitators_length", sql`char_length(${t.facilitators}) <= 300`),
    check("workshops_agreements_length", sql`char_length(${t.agreements}) <= 4000`),
    index("workshops_zone_idx").on(t.zoneId, t.heldOn.desc()),
  ],
);

export const workshopOllas = pgTable(
  "workshop_ollas",
  {
    workshopId: uuid("workshop_id").notNull().references(() => workshops.id, { onDelete: "cascade" }),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
  },
  (t) => [primaryKey({ name: "workshop_ollas_pk", columns: [t.workshopId, t.ollaId] }), index("workshop_ollas_olla_idx").on(t.ollaId)],
);

/** A problem the working groups named: a category with a short note. */
export const workshopProblems = pgTable(
  "workshop_problems",
  {
    workshopId: uuid("workshop_id").notNull().references(() => workshops.id, { onDelete: "cascade" }),
    category: needCategoryEnum("category").notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [primaryKey({ name: "workshop_problems_pk", columns: [t.workshopId, t.category] }), check("workshop_problems_note_length", sql`char_length(${t.note}) <= 300`)],
);

/**
 * What the workshop agreed someone would do: one olla (its delegate sees it and marks it done)
 * or the coordination (olla_id null). A follow-up becomes a need only when the olla's delegate
 * accepts it (need_id set then): the workshop proposes, the olla decides.
 */
export const workshopFollowUps = pgTable(
  "workshop_follow_ups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id").notNull().references(() => workshops.id, { onDelete: "cascade" }),
    what: text("what").notNull(),
    ollaId: uuid("olla_id").references(() => ollas.id),
    dueOn: date("due_on").notNull(),
    status: followUpStatusEnum("status").notNull().default("pending"),
    needId: uuid("need_id").references(() => needs.id, { onDelete: "set null" }),
    /** Set when her olla's delegate accepted it into the olla's infrastructure plan. */
    planItemId: uuid("plan_item_id").references(() => ollaPlanItems.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("workshop_follow_ups_what_length", sql`char_length(${t.what}) between 3 and 300`),
    index("workshop_follow_ups_workshop_idx").on(t.workshopId),
    index("workshop_follow_ups_olla_idx").on(t.ollaId, t.status),
  ],
);

export const workshopPhotos = pgTable(
  "workshop_photos",
  {
    workshopId: uuid("workshop_id").notNull().references(() => workshops.id, { onDelete: "cascade" }),
    position: smallint("position").notNull(),
    thumbHash: varchar("thumb_hash", { length: 64 }).notNull().references(() => images.hash),
    displayHash: varchar("display_hash", { length: 64 }).notNull().references(() => images.hash),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
  },
  (t) => [
    primaryKey({ name: "workshop_photos_pk", columns: [t.workshopId, t.position] }),
    check("workshop_photos_position", sql`${t.position} between 0 and 3`),
    index("workshop_photos_thumb_idx").on(t.thumbHash),
    index("workshop_photos_display_idx").on(t.displayHash),
  ],
);
