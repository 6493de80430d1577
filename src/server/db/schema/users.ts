import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ROLES } from "~/shared/roles";
import { cleanNameCheck } from "./name-check";
import { zones } from "./reference";
import { ollas } from "./ollas";

export const roleEnum = pgEnum("role", ROLES);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    // E.164 (+519XXXXXXXX); normalised by the domain before it gets here.
    phone: text("phone").unique(),
    email: text("email").unique(),
    passwordHash: text("password_hash").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // Ley 29733: her personal data was erased (on request or after the retention period); the
    // row stays so the ledger and the audit keep naming who did what by id.
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    check("users_has_login", sql`${t.phone} is not null or ${t.email} is not null or ${t.erasedAt} is not null`),
    check("users_phone_format", sql`${t.phone} ~ '^\\+519[0-9]{8}$'`),
    check("users_email_lower", sql`${t.email} = lower(${t.email}) and char_length(${t.email}) <= 254`),
    check("users_name_length", sql`char_length(${t.name}) between 1 and 120`),
    check("users_name_clean", cleanNameCheck(t.name)),
  ],
);

/**
 * A role held by a user, with its scope: a delegate of one olla, a coordinator of one
 * zone, or a coordinator of the whole city. Read from the database on every request.
 */
export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    ollaId: uuid("olla_id").references(() => ollas.id),
    zoneId: uuid("zone_id").references(() => zones.id),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // When she left the role: the retention period of her personal data counts from here.
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
  },
  (t) => [
    check(
      "memberships_scope_matches_role",
      sql`(${t.role} = 'delegate' and ${t.ollaId} is not null and ${t.zoneId} is null)
        or (${t.role} = 'zone_coordinator' and ${t.zoneId} is not null and ${t.ollaId} is null)
        or (${t.role} = 'city_coordinator' and ${t.zoneId} is null and ${t.ollaId} is null)`,
    ),
    index("memberships_user_idx").on(t.userId),
    index("memberships_olla_idx").on(t.ollaId),
    uniqueIndex("memberships_unique_scope").on(
      t.userId,
      t.role,
      sql`coalesce(${t.ollaId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`coalesce(${t.zoneId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/** Server-side record of each signed session token, so logout and deactivation bite at once. */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

/** Fixed-window login counters, shared by every app server through PostgreSQL. */
export const loginThrottle = pgTable(
  "login_throttle",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    attempts: integer("attempts").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/**
 * Addresses from which an account signed in successfully (kept 30 days): from these, the
 * right password gets through even while strangers' wrong guesses have the account
 * throttled elsewhere, so nobody can lock a delegate out of her olla.
 */
export const loginKnownAddresses = pgTable(
  "login_known_addresses",
  {
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    address: text("address").notNull(),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] }), check("login_known_addresses_address_length", sql`char_length(${t.address}) between 1 and 100`)],
);

/** Single-use invitation for a delegate; only the SHA-256 of the code is stored. */
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    codeHash: text("code_hash").notNull().unique(),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    role: roleEnum("role").notNull().default("delegate"),
    inviteeName: text("invitee_name").notNull(),
    inviteePhone: text("invitee_phone"),
    inviteeEmail: text("invitee_email"),
    invitedBy: uuid("invited_by").notNull().references(() => users.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    usedBy: uuid("used_by").references(() => users.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // The invitee's name and contact were erased (Ley 29733).
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    check("invitations_role_delegate", sql`${t.role} = 'delegate'`),
    check("invitations_invitee_name_clean", cleanNameCheck(t.inviteeName)),
    check("invitations_has_contact", sql`${t.inviteePhone} is not null or ${t.inviteeEmail} is not null or ${t.erasedAt} is not null`),
    index("invitations_olla_idx").on(t.ollaId),
  ],
);

/**
 * A one-time password-reset code that a coordinator issued for a person of her scope (no
 * e-mail or SMS needed). Only the SHA-256 of the code is stored; short-lived and single use.
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    codeHash: text("code_hash").notNull().unique(),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    // The olla through which the coordinator reached her (scope, and the name the page shows).
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    issuedBy: uuid("issued_by").notNull().references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("password_resets_user_idx").on(t.userId),
    // The per-coordinator issue limit counts her codes of the last hour.
    index("password_resets_issuer_idx").on(t.issuedBy, t.createdAt),
    check("password_resets_expiry", sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);
