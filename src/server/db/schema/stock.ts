import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  varchar,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import {
  COUNTED_UNITS,
  INSTITUTIONAL_SOURCE_TYPES,
  LEDGER_EXIT_REASONS,
  SOURCE_TYPES,
  STOCK_DIRECTIONS,
  STOCK_UNITS,
  TRANSFER_STATUSES,
} from "~/shared/stock";
import { cleanNameCheck } from "./name-check";
import { ollas } from "./ollas";
import { users } from "./users";

/**
 * Quantities are numeric(14,3) in the item's own unit: kg and l to the gram/millilitre,
 * counted units (unit, can) whole. Exact decimal arithmetic in SQL, no float drift.
 */
export const stockUnitEnum = pgEnum("stock_unit", STOCK_UNITS);
export const stockSourceTypeEnum = pgEnum("stock_source_type", SOURCE_TYPES);
export const stockDirectionEnum = pgEnum("stock_direction", STOCK_DIRECTIONS);
export const stockExitReasonEnum = pgEnum("stock_exit_reason", LEDGER_EXIT_REASONS);
export const stockTransferStatusEnum = pgEnum("stock_transfer_status", TRANSFER_STATUSES);

/** A literal SQL list ('a','b') of enum values (constants of src/shared, never user input). */
const sqlList = (xs: readonly string[]) => sql.raw(`(${xs.map((x) => `'${x}'`).join(",")})`);
// Source types that name an institution (a row of stock_sources); the others name nobody.
const INSTITUTIONAL = sqlList(INSTITUTIONAL_SOURCE_TYPES);
const COUNTED = sqlList(COUNTED_UNITS);

/**
 * Item catalogue: network defaults (olla_id null, seeded by a migration, with a stable
 * code) plus items an olla adds for itself. kg_per_unit converts to kg for network
 * aggregates; null when the item is not food (gas, firewood). Staples are named by code
 * in network_settings.staple_items.
 */
export const stockItems = pgTable(
  "stock_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ollaId: uuid("olla_id").references(() => ollas.id),
    code: varchar("code", { length: 40 }),
    name: text("name").notNull(),
    unit: stockUnitEnum("unit").notNull(),
    kgPerUnit: numeric("kg_per_unit", { precision: 8, scale: 4 }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Target of the movements' (item_id, unit) foreign key: the database checks units.
    unique("stock_items_id_unit").on(t.id, t.unit),
    uniqueIndex("stock_items_name_unique").on(sql`coalesce(${t.ollaId}, '00000000-0000-0000-0000-000000000000'::uuid)`, sql`lower(${t.name})`),
    uniqueIndex("stock_items_code_unique").on(t.code).where(sql`${t.code} is not null`),
    check("stock_items_code_network_only", sql`${t.code} is null or ${t.ollaId} is null`),
    check("stock_items_name_length", sql`char_length(${t.name}) between 2 and 60`),
    check("stock_items_name_clean", cleanNameCheck(t.name)),
    check("stock_items_kg_per_unit_range", sql`${t.kgPerUnit} > 0 and ${t.kgPerUnit} <= 100`),
    index("stock_items_olla_idx").on(t.ollaId),
  ],
);

/** Fuentes: institutions that supply ollas, one list for the whole network (for dependency indicators). */
export const stockSources = pgTable(
  "stock_sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    type: stockSourceTypeEnum("type").notNull(),
    name: text("name").notNull(),
    createdByOllaId: uuid("created_by_olla_id").references(() => ollas.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("stock_sources_id_type").on(t.id, t.type),
    uniqueIndex("stock_sources_type_name_unique").on(t.type, sql`lower(${t.name})`),
    check("stock_sources_institutional", sql`${t.type} in ${INSTITUTIONAL}`),
    check("stock_sources_name_length", sql`char_length(${t.name}) between 2 and 120`),
    check("stock_sources_name_clean", cleanNameCheck(t.name)),
  ],
);

/** Transferencia solidaria: offered by one olla, accepted or declined by the other. */
export const stockTransfers = pgTable(
  "stock_transfers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    fromOllaId: uuid("from_olla_id").notNull().references(() => ollas.id),
    toOllaId: uuid("to_olla_id").notNull().references(() => ollas.id),
    itemId: uuid("item_id").notNull(),
    unit: stockUnitEnum("unit").notNull(),
    quantity: numeric("quantity", { precision: 14, scale: 3 }).notNull(),
    status: stockTransferStatusEnum("status").notNull().default("offered"),
    note: text("note"),
    offeredBy: uuid("offered_by").notNull().references(() => users.id),
    offeredAt: timestamp("offered_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (t) => [
    foreignKey({ name: "stock_transfers_item_unit_fk", columns: [t.itemId, t.unit], foreignColumns: [stockItems.id, stockItems.unit] }),
    check("stock_transfers_other_olla", sql`${t.fromOllaId} <> ${t.toOllaId}`),
    check("stock_transfers_quantity_positive", sql`${t.quantity} > 0`),
    check("stock_transfers_counted_whole", sql`${t.unit} not in ${COUNTED} or ${t.quantity} = trunc(${t.quantity})`),
    check("stock_transfers_note_length", sql`char_length(${t.note}) <= 300`),
    check("stock_transfers_decided", sql`(${t.status} = 'offered') = (${t.decidedAt} is null)`),
    index("stock_transfers_to_idx").on(t.toOllaId, t.status),
    index("stock_transfers_from_idx").on(t.fromOllaId, t.status),
  ],
);

/**
 * The almacén ledger, append-only: a trigger (migration 0003) refuses UPDATE, DELETE and
 * TRUNCATE. Balances, days of stock and warnings are derived from it in SQL. A mistake
 * is corrected by a reversal row (reverses_id, unique when set): "reversed" means a reversal
 * exists. Shares by source (dependency) use entries that have no reversal.
 *
 * Row shapes (CHECK stock_movements_shape):
 *   sourced entry  direction in,  source_type set (source_id when institutional)
 *   transfer in    direction in,  transfer_id set
 *   exit           direction out, exit_reason set (transfer_id iff 'transferred')
 *   reversal       reverses_id set, opposite direction of the original, nothing else
 */
export const stockMovements = pgTable(
  "stock_movements",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    itemId: uuid("item_id").notNull(),
    unit: stockUnitEnum("unit").notNull(),
    direction: stockDirectionEnum("direction").notNull(),
    quantity: numeric("quantity", { precision: 14, scale: 3 }).notNull(),
    occurredOn: date("occurred_on").notNull(),
    sourceType: stockSourceTypeEnum("source_type"),
    sourceId: uuid("source_id"),
    valueCents: integer("value_cents"),
    exitReason: stockExitReasonEnum("exit_reason"),
    transferId: uuid("transfer_id").references(() => stockTransfers.id),
    reversesId: bigint("reverses_id", { mode: "number" }).references((): AnyPgColumn => stockMovements.id),
    expiresOn: date("expires_on"),
    note: text("note"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "stock_movements_item_unit_fk", columns: [t.itemId, t.unit], foreignColumns: [stockItems.id, stockItems.unit] }),
    foreignKey({ name: "stock_movements_source_type_fk", columns: [t.sourceId, t.sourceType], foreignColumns: [stockSources.id, stockSources.type] }),
    check("stock_movements_quantity_positive", sql`${t.quantity} > 0`),
    check("stock_movements_counted_whole", sql`${t.unit} not in ${COUNTED} or ${t.quantity} = trunc(${t.quantity})`),
    check(
      "stock_movements_shape",
      sql`(${t.reversesId} is null and ${t.direction} = 'in' and ${t.sourceType} is not null and ${t.exitReason} is null and ${t.transferId} is null)
        or (${t.reversesId} is null and ${t.direction} = 'in' and ${t.transferId} is not null and ${t.sourceType} is null and ${t.exitReason} is null)
        or (${t.reversesId} is null and ${t.direction} = 'out' and ${t.exitReason} is not null and ${t.sourceType} is null
            and (${t.exitReason} = 'transferred') = (${t.transferId} is not null))
        or (${t.reversesId} is not null and ${t.sourceType} is null and ${t.exitReason} is null and ${t.transferId} is null)`,
    ),
    check(
      "stock_movements_institution_named",
      sql`(${t.sourceId} is not null) = (${t.sourceType} is not null and ${t.sourceType} in ${INSTITUTIONAL})`,
    ),
    check("stock_movements_value_range", sql`${t.valueCents} is null or (${t.sourceType} is not null and ${t.valueCents} between 0 and 100000000)`),
    check("stock_movements_expiry_on_entries", sql`${t.expiresOn} is null or (${t.direction} = 'in' and ${t.reversesId} is null)`),
    check("stock_movements_date_range", sql`${t.occurredOn} >= '2000-01-01' and (${t.expiresOn} is null or ${t.expiresOn} >= '2000-01-01')`),
    check("stock_movements_note_length", sql`char_length(${t.note}) <= 300`),
    index("stock_movements_olla_item_idx").on(t.ollaId, t.itemId, t.occurredOn),
    // At most one reversal per movement. Partial indexes: most rows have no reversal,
    // source or transfer, and a bulk load should not pay for indexing their NULLs.
    uniqueIndex("stock_movements_one_reversal").on(t.reversesId).where(sql`${t.reversesId} is not null`),
    index("stock_movements_olla_id_idx").on(t.ollaId, t.id.desc()),
    index("stock_movements_source_idx").on(t.sourceId).where(sql`${t.sourceId} is not null`),
    index("stock_movements_transfer_idx").on(t.transferId).where(sql`${t.transferId} is not null`),
  ],
);
