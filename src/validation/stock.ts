import { z } from "zod";
import { hasAtMostThreeDecimals, isValidExpiryDate, isValidMovementDate, MAX_QUANTITY } from "~/server/domain/stock";
import { EXIT_REASONS, SOURCE_TYPES, STOCK_UNITS } from "~/shared/stock";
import { zId, zIsoDate, zName, zOptionalName, zOptionalText } from "./common";

/** Client-generated key of one submission: the same key replayed returns the first result. */
export const zIdempotencyKey = z.uuid({ error: "idempotency.invalidKey" });

export const zQuantity = z
  .number({ error: "stock.validation.quantity" })
  .positive({ error: "stock.validation.quantityPositive" })
  .max(MAX_QUANTITY, { error: "stock.validation.quantityAbsurd" })
  .refine(hasAtMostThreeDecimals, { error: "stock.validation.quantityDecimals" });

const zMovementDate = zIsoDate.refine((d) => isValidMovementDate(d), { error: "stock.validation.movementDate" });

// A missing product is named as such ("Elige un producto"), not as an invalid identifier.
const zItemId = z.uuid({ error: "delegate.validation.chooseItem" });

export const ZOllaStockInput = z.object({ ollaId: zId }).strict();

export const ZRecordEntryInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    itemId: zItemId,
    unit: z.enum(STOCK_UNITS),
    quantity: zQuantity,
    occurredOn: zMovementDate,
    sourceType: z.enum(SOURCE_TYPES),
    // An institutional entry names its source: one from the list, or a new name added to it.
    sourceId: zId.nullable().optional(),
    newSourceName: zOptionalName(120).refine((v) => v == null || v.length >= 2, { error: "stock.validation.sourceNameShort" }),
    valueCents: z.number().int().min(0).max(100_000_000).nullable().optional(),
    expiresOn: zIsoDate.refine((d) => isValidExpiryDate(d), { error: "stock.validation.expiryDate" }).nullable().optional(),
    note: zOptionalText(300),
  })
  .strict();

export const ZRecordExitInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    itemId: zItemId,
    unit: z.enum(STOCK_UNITS),
    quantity: zQuantity,
    occurredOn: zMovementDate,
    reason: z.enum(EXIT_REASONS),
    note: zOptionalText(300),
  })
  .strict();

export const ZReverseMovementInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    movementId: z.number().int().positive(),
    note: zOptionalText(300),
  })
  .strict();

export const ZAddItemInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    name: zName(60).min(2),
    unit: z.enum(STOCK_UNITS),
    // kg of food per unit, for network totals; null for things that are not food.
    kgPerUnit: z.number().positive().max(100).nullable().optional(),
  })
  .strict();

export const ZMovementsInput = z
  .object({
    ollaId: zId,
    itemId: zId.optional(),
    limit: z.number().int().min(1).max(100).default(30),
    // Keyset paging: the smallest id of the previous page.
    cursor: z.number().int().positive().nullish(),
    // Sent by the infinite-query client; pages only go back in time.
    direction: z.enum(["forward", "backward"]).optional(),
  })
  .strict();

export const ZSourcesInput = z.object({ ollaId: zId, type: z.enum(SOURCE_TYPES).optional() }).strict();

export const ZStockHealthInput = z
  .object({
    zoneId: zId.optional(),
    // Fewer days than this of any staple; default: the network's low-stock setting.
    maxDays: z.number().int().min(1).max(60).optional(),
    limit: z.number().int().min(1).max(200).default(100),
  })
  .strict();

export const ZOfferTransferInput = z
  .object({
    ollaId: zId,
    idempotencyKey: zIdempotencyKey,
    toOllaId: zId,
    itemId: zItemId,
    unit: z.enum(STOCK_UNITS),
    quantity: zQuantity,
    note: zOptionalText(300),
  })
  .strict();

export const ZDecideTransferInput = z.object({ ollaId: zId, idempotencyKey: zIdempotencyKey, transferId: zId }).strict();
