import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Who changed what, when, with the state before and after. Also records refused
 * attempts (action = 'denied') so that probing is visible to the network.
 * No foreign keys: the trail must outlive what it describes.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    ollaId: uuid("olla_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_olla_idx").on(t.ollaId, t.createdAt),
    index("audit_log_entity_idx").on(t.entity, t.entityId),
    // The newest row of one kind in one index probe (the map's data version): without it, a
    // backward scan of the primary key stepped over every stock movement audited since.
    index("audit_log_entity_newest_idx").on(t.entity, t.id),
  ],
);
