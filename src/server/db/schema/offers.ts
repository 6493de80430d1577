import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, foreignKey, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, varchar, numeric } from "drizzle-orm/pg-core";
import { DECLINE_REASONS, DELIVERY_MODES, OFFER_STATUSES, SUPPORTER_KINDS } from "~/shared/offers";
import { needs } from "./needs";
import { ollas } from "./ollas";
import { stockItems, stockMovements, stockUnitEnum } from "./stock";
import { users } from "./users";

export const supporterKindEnum = pgEnum("supporter_kind", SUPPORTER_KINDS);
export const offerStatusEnum = pgEnum("offer_status", OFFER_STATUSES);
export const offerDeliveryModeEnum = pgEnum("offer_delivery_mode", DELIVERY_MODES);
export const offerDeclineReasonEnum = pgEnum("offer_decline_reason", DECLINE_REASONS);

/**
 * Ofrecimientos: a supporter's offer toward a public need. The contact (phone, e-mail) is
 * private: only the olla's delegates and the coordinators in its scope read it. The follow-up
 * link is a capability: only its SHA-256 is stored (link_hash). "Expired" and "released" are
 * not stored: they follow from created_at / available_on / agreed_on when read.
 *
 * A delivery writes one stock entry (movement_id, unique): the ledger, balances and the
 * dependency indicator see it from there.
 */
export const offers = pgTable(
  "offers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id").notNull().references(() => needs.id),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    // The need's item when it names one: quantities are in its unit.
    itemId: uuid("item_id"),
    unit: stockUnitEnum("unit"),
    what: text("what"),
    quantity: numeric("quantity", { precision: 14, scale: 3 }),
    availableOn: date("available_on").notNull(),
    deliveryMode: offerDeliveryModeEnum("delivery_mode").notNull(),
    supporterName: text("supporter_name").notNull(),
    supporterKind: supporterKindEnum("supporter_kind").notNull(),
    contactPhone: varchar("contact_phone", { length: 16 }),
    contactEmail: varchar("contact_email", { length: 254 }),
    // SHA-256 of the normalised contact: per-contact limits and the open-offer cap without reading the contact.
    contactHash: varchar("contact_hash", { length: 64 }).notNull(),
    message: text("message"),
    thankByName: boolean("thank_by_name").notNull().default(false),
    status: offerStatusEnum("status").notNull().default("offered"),
    // The form's key: a phone retrying the same submit finds its offer instead of making another.
    formKey: uuid("form_key").notNull(),
    requestHash: varchar("request_hash", { length: 64 }).notNull(),
    linkHash: varchar("link_hash", { length: 64 }).notNull(),
    linkRevokedAt: timestamp("link_revoked_at", { withTimezone: true }),
    replyMessage: text("reply_message"),
    agreedOn: date("agreed_on"),
    declineReason: offerDeclineReasonEnum("decline_reason"),
    declineNote: text("decline_note"),
    deliveredQuantity: numeric("delivered_quantity", { precision: 14, scale: 3 }),
    deliveredOn: date("delivered_on"),
    movementId: bigint("movement_id", { mode: "number" }).references(() => stockMovements.id),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    deliveredBy: uuid("delivered_by").references(() => users.id),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    // Ley 29733: the supporter's name, contact and message erased (on request or after the retention period); the offer's facts stay.
    contactErasedAt: timestamp("contact_erased_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "offers_item_unit_fk", columns: [t.itemId, t.unit], foreignColumns: [stockItems.id, stockItems.unit] }),
    uniqueIndex("offers_form_key_unique").on(t.formKey),
    uniqueIndex("offers_link_hash_unique").on(t.linkHash),
    uniqueIndex("offers_movement_unique").on(t.movementId).where(sql`${t.movementId} is not null`),
    index("offers_olla_idx").on(t.ollaId, t.status, t.createdAt.desc()),
    index("offers_need_idx").on(t.needId, t.status),
    index("offers_contact_idx").on(t.contactHash, t.status),
    check("offers_what", sql`(${t.itemId} is not null) or (${t.what} is not null)`),
    check("offers_what_length", sql`char_length(${t.what}) between 2 and 120`),
    check("offers_quantity_range", sql`${t.quantity} > 0 and ${t.quantity} <= 100000`),
    check("offers_item_quantity", sql`${t.itemId} is null or ${t.quantity} is not null`),
    check("offers_name_length", sql`char_length(${t.supporterName}) between 2 and 120 or ${t.contactErasedAt} is not null`),
    check("offers_contact_present", sql`${t.contactPhone} is not null or ${t.contactEmail} is not null or ${t.contactErasedAt} is not null`),
    check("offers_message_length", sql`char_length(${t.message}) <= 500`),
    check("offers_reply_length", sql`char_length(${t.replyMessage}) <= 300`),
    check("offers_decline_note_length", sql`char_length(${t.declineNote}) <= 300`),
    check("offers_declined_reason", sql`(${t.status} = 'declined') = (${t.declineReason} is not null)`),
    check("offers_delivered_shape", sql`(${t.status} = 'delivered') = (${t.deliveredOn} is not null and ${t.deliveredQuantity} is not null)`),
    check("offers_delivered_quantity", sql`${t.deliveredQuantity} > 0 and ${t.deliveredQuantity} <= 100000`),
    check("offers_movement_when_delivered", sql`${t.movementId} is null or ${t.status} = 'delivered'`),
  ],
);

/** Proof-of-work solutions already used: each solves exactly one offer (replays are refused). */
export const offerPowSpent = pgTable(
  "offer_pow_spent",
  {
    challenge: varchar("challenge", { length: 128 }).primaryKey(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("offer_pow_spent_expires_idx").on(t.expiresAt)],
);
