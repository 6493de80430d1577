import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { users } from "./users";

// ---------------------------------------------------------------------------------------
// Publishing: this instance's identity, keys and change sequence.
// ---------------------------------------------------------------------------------------

/**
 * One row: this instance's federation identity. The epoch is a random id that subscribers
 * remember with their cursor; a new epoch (first start, or after restoring a backup) makes
 * them resynchronise from sequence 0 instead of refusing a sequence that went backwards.
 */
export const federationInstance = pgTable(
  "federation_instance",
  {
    id: smallint("id").primaryKey().default(1),
    epoch: uuid("epoch").notNull().defaultRandom(),
    epochStartedAt: timestamp("epoch_started_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("federation_instance_single_row", sql`${t.id} = 1`)],
);

/**
 * Ed25519 signing keys (JWK). The newest non-retired key signs; earlier ones stay listed in the
 * JWKS. `rotation` is the compact JWS, signed by the previous key, that announces this one, so a
 * subscriber that pinned the previous key can follow without a new phone call.
 */
export const federationKeys = pgTable(
  "federation_keys",
  {
    kid: varchar("kid", { length: 64 }).primaryKey(),
    publicJwk: jsonb("public_jwk").$type<Record<string, string>>().notNull(),
    // Private: never leaves the server.
    privateJwk: jsonb("private_jwk").$type<Record<string, string>>().notNull(),
    previousKid: varchar("previous_kid", { length: 64 }),
    rotation: text("rotation"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    retiredAt: timestamp("retired_at", { withTimezone: true }),
  },
  (t) => [
    check("federation_keys_rotation_with_previous", sql`(${t.previousKid} is null) = (${t.rotation} is null)`),
    // At most one signing key at a time.
    uniqueIndex("federation_keys_one_active").on(sql`(true)`).where(sql`${t.retiredAt} is null`),
  ],
);

/**
 * The feed's change log, compacted: one row per published entity (an olla or a need) holding
 * the sequence number of its latest change. Filled by deferred triggers at commit time under an
 * advisory lock (see the migration), so sequence order is commit order and a reader that has
 * seen N never misses a later commit below N. The entity's current state is read when a page is
 * built: an entity that is no longer public is published as a removal.
 */
export const federationChanges = pgTable(
  "federation_changes",
  {
    kind: varchar("kind", { length: 8 }).notNull(),
    entityId: uuid("entity_id").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.entityId] }),
    uniqueIndex("federation_changes_seq_idx").on(t.seq),
    check("federation_changes_kind", sql`${t.kind} in ('olla', 'need')`),
  ],
);

// ---------------------------------------------------------------------------------------
// Subscribing: peers and their data, each in its own namespace (never merged into ollas/needs).
// ---------------------------------------------------------------------------------------

export const federationPeers = pgTable(
  "federation_peers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // The peer's own name as its feed states it (set on the first good pull), or the URL's host.
    name: text("name").notNull(),
    baseUrl: text("base_url").notNull(),
    // The pinned key: its kid (the RFC 7638 thumbprint) and public JWK. Moves only along a
    // rotation signed by the pinned key.
    pinnedKid: varchar("pinned_kid", { length: 64 }).notNull(),
    pinnedJwk: jsonb("pinned_jwk").$type<Record<string, string>>().notNull(),
    paused: boolean("paused").notNull().default(false),
    epoch: uuid("epoch"),
    cursor: bigint("cursor", { mode: "number" }).notNull().default(0),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    lastError: text("last_error"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("federation_peers_base_url_idx").on(t.baseUrl),
    check("federation_peers_name_length", sql`char_length(${t.name}) between 1 and 120`),
    check("federation_peers_url_length", sql`char_length(${t.baseUrl}) between 8 and 300`),
    check("federation_peers_cursor", sql`${t.cursor} >= 0`),
  ],
);

/** A peer's ollas (its public facts only), keyed by the peer and the peer's own id. */
export const federationPeerOllas = pgTable(
  "federation_peer_ollas",
  {
    peerId: uuid("peer_id")
      .notNull()
      .references(() => federationPeers.id, { onDelete: "cascade" }),
    remoteId: uuid("remote_id").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    name: text("name").notNull(),
    status: varchar("status", { length: 16 }).notNull(),
    districtUbigeo: varchar("district_ubigeo", { length: 6 }).notNull(),
    districtName: text("district_name").notNull(),
    zoneName: text("zone_name"),
    lat: doublePrecision("lat").notNull(),
    lng: doublePrecision("lng").notNull(),
    exactLocation: boolean("exact_location").notNull(),
    rationsPerDay: integer("rations_per_day").notNull(),
    rationPriceCents: integer("ration_price_cents").notNull(),
    cookingDays: text("cooking_days").array().notNull(),
    worstLevel: smallint("worst_level"),
    worstCategories: text("worst_categories").array().notNull(),
    urgentPublicNeeds: boolean("urgent_public_needs").notNull(),
  },
  (t) => [primaryKey({ columns: [t.peerId, t.remoteId] }), index("federation_peer_ollas_district_idx").on(t.districtUbigeo)],
);

/** A peer's open public needs. */
export const federationPeerNeeds = pgTable(
  "federation_peer_needs",
  {
    peerId: uuid("peer_id")
      .notNull()
      .references(() => federationPeers.id, { onDelete: "cascade" }),
    remoteId: uuid("remote_id").notNull(),
    remoteOllaId: uuid("remote_olla_id").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    category: varchar("category", { length: 20 }).notNull(),
    description: text("description").notNull(),
    quantity: text("quantity"),
    unit: varchar("unit", { length: 20 }),
    urgency: varchar("urgency", { length: 10 }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.peerId, t.remoteId] }), index("federation_peer_needs_olla_idx").on(t.peerId, t.remoteOllaId)],
);

/** The peer's last published district aggregates (small cells already hidden by the peer). */
export const federationPeerAggregates = pgTable("federation_peer_aggregates", {
  peerId: uuid("peer_id")
    .primaryKey()
    .references(() => federationPeers.id, { onDelete: "cascade" }),
  asOf: text("as_of").notNull(),
  body: jsonb("body").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Every pull and its outcome (refusals with their reason): what the coordinator reads on the peers page. */
export const federationPullLog = pgTable(
  "federation_pull_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    peerId: uuid("peer_id")
      .notNull()
      .references(() => federationPeers.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    outcome: varchar("outcome", { length: 16 }).notNull(),
    reason: text("reason"),
    pages: integer("pages").notNull().default(0),
    items: integer("items").notNull().default(0),
  },
  (t) => [index("federation_pull_log_peer_idx").on(t.peerId, t.at.desc())],
);
