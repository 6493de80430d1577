import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * The result of every mutation a phone sent with a client-generated key, stored in the
 * same transaction as the write: a replay returns it and writes nothing; the same key
 * with another payload is refused. What the offline queue relies on.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    key: uuid("key").notNull(),
    procedure: text("procedure").notNull(),
    requestHash: text("request_hash").notNull(),
    result: jsonb("result").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "idempotency_keys_pk", columns: [t.userId, t.key] }),
    check("idempotency_keys_hash_format", sql`${t.requestHash} ~ '^[0-9a-f]{64}$'`),
    index("idempotency_keys_created_idx").on(t.createdAt),
  ],
);
