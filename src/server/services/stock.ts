import type { z } from "zod";
import type { Db, Tx } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import { findOllaForScope, type OllaRow } from "~/server/db/queries/ollas";
import {
  decideTransfer,
  expiringLots,
  findItemForOlla,
  findMovement,
  findOrAddSource,
  findSource,
  insertMovement,
  insertOwnItem,
  insertTransfer,
  itemBalance,
  itemNameTaken,
  lockItem,
  lockTransferFor,
  reversalOf,
  stockLevels,
  stockWrite,
  stockSettings,
  type MovementRow,
  type StockItemRow,
} from "~/server/db/queries/stock";
import { isInstitutional, isWholeIfCounted, quantityText, stockWarnings } from "~/server/domain/stock";
import { limaToday } from "~/shared/lima-day";
import type { SourceType } from "~/shared/stock";
import { AppError, badInput, conflict, forbidden, notFound } from "~/server/errors";
import type {
  ZAddItemInput,
  ZDecideTransferInput,
  ZOfferTransferInput,
  ZRecordEntryInput,
  ZRecordExitInput,
  ZReverseMovementInput,
} from "~/validation/stock";
import superjson, { type SuperJSONResult } from "superjson";
import type { Actor } from "~/server/domain/actor";
import { idempotent, requestHash } from "./idempotency";

/** What every stock mutation answers (and what a replay answers again). */
export interface MovementResult {
  movementId: number;
  itemId: string;
  balance: number;
}

function ensureOpen(olla: OllaRow) {
  if (olla.status === "closed") throw forbidden("errors.ollaClosed");
}

/** The item must be one this olla may use, and the movement's unit must be the item's. */
async function checkItem(tx: Tx, ollaId: string, input: { itemId: string; unit: string; quantity: number }): Promise<StockItemRow> {
  const item = await findItemForOlla(tx, ollaId, input.itemId);
  if (!item) throw badInput("itemId", "stock.validation.unknownItem");
  if (item.unit !== input.unit) throw badInput("unit", "stock.validation.unitMismatch", { unit: item.unit });
  if (!isWholeIfCounted(item.unit, input.quantity)) throw badInput("quantity", "stock.validation.wholeUnits");
  return item;
}

/** Not enough on hand: a CONFLICT (the state decides, not the form), shown on the quantity field. */
const insufficient = (key: string, balance: number) => new AppError("CONFLICT", key, { balance }, "quantity");

function audit(tx: Tx, actor: Actor, olla: { id: string }, action: string, row: MovementRow) {
  return writeAudit(tx, { actorUserId: actor.userId, action, entity: "stock_movement", entityId: String(row.id), ollaId: olla.id, after: row });
}

/**
 * Entries and exits go to the database in one statement (stock_write): lock, balance check,
 * movement, audit and idempotency record, ~1 round trip instead of ~13. Refusals come back
 * as values and are raised here as the same AppErrors the rest of the app uses.
 */
async function writeInOneStatement(
  db: Db,
  actor: Actor,
  olla: OllaRow,
  procedure: string,
  input: { idempotencyKey: string; itemId: string; unit: string; quantity: number; occurredOn: string; note?: string | null } & Record<string, unknown>,
  row: { direction: "in" | "out"; sourceType: string | null; sourceId: string | null; valueCents: number | null; expiresOn: string | null; exitReason: string | null },
): Promise<MovementResult> {
  const out = await stockWrite(db, {
    userId: actor.userId,
    key: input.idempotencyKey,
    procedure,
    requestHash: requestHash(procedure, input),
    ollaId: olla.id,
    itemId: input.itemId,
    unit: input.unit,
    quantity: quantityText(input.quantity),
    occurredOn: input.occurredOn,
    note: input.note ?? null,
    ...row,
  });
  if ("ok" in out) return { movementId: Number(out.ok.movementId), itemId: out.ok.itemId, balance: Number(out.ok.balance) };
  if ("replay" in out) return superjson.deserialize<MovementResult>(out.replay as SuperJSONResult);
  const params = Object.fromEntries(Object.entries(out.params ?? {}).map(([k, v]) => [k, typeof v === "number" || typeof v === "string" ? v : String(v)]));
  if ("balance" in params) params.balance = Number(params.balance);
  throw new AppError(out.code, out.error, params, out.field);
}

/**
 * Where an entry comes from, checked: an institution's existing source of that type, or one she
 * names now (added to the list once, audited); nothing for purchases and other non-institutional
 * entries. Shared by her entry form and an offer she marks delivered.
 */
export async function entrySourceId(tx: Tx, actor: Actor, ollaId: string, input: { sourceType: SourceType; sourceId?: string | null; newSourceName?: string | null }): Promise<string | null> {
  if (!isInstitutional(input.sourceType)) {
    if (input.sourceId || input.newSourceName) throw badInput("sourceId", "stock.validation.sourceNotInstitutional");
    return null;
  }
  if (input.sourceId) {
    const s = await findSource(tx, input.sourceId);
    if (!s || s.type !== input.sourceType) throw badInput("sourceId", "stock.validation.unknownSource");
    return s.id;
  }
  if (!input.newSourceName) throw badInput("sourceId", "stock.validation.sourceRequired");
  const { source, created } = await findOrAddSource(tx, { type: input.sourceType, name: input.newSourceName, ollaId, userId: actor.userId });
  if (created) await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "stock_source", entityId: source.id, ollaId, after: source });
  return source.id;
}

export async function recordEntry(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZRecordEntryInput>): Promise<MovementResult> {
  ensureOpen(olla);
  if (!input.newSourceName) {
    // The common case (no new source to add): one statement.
    if (isInstitutional(input.sourceType) && !input.sourceId) throw badInput("sourceId", "stock.validation.sourceRequired");
    if (!isInstitutional(input.sourceType) && input.sourceId) throw badInput("sourceId", "stock.validation.sourceNotInstitutional");
    return writeInOneStatement(db, actor, olla, "stock.recordEntry", input, {
      direction: "in",
      sourceType: input.sourceType,
      sourceId: input.sourceId ?? null,
      valueCents: input.valueCents ?? null,
      expiresOn: input.expiresOn ?? null,
      exitReason: null,
    });
  }
  return idempotent(db, { userId: actor.userId, procedure: "stock.recordEntry", input }, async (tx) => {
    const item = await checkItem(tx, olla.id, input);
    const sourceId = await entrySourceId(tx, actor, olla.id, input);
    // Entries never take stock below zero, but share the lock so balances read under it are final.
    await lockItem(tx, olla.id, item.id);
    const row = await insertMovement(tx, {
      ollaId: olla.id,
      itemId: item.id,
      unit: item.unit,
      direction: "in",
      quantity: quantityText(input.quantity),
      occurredOn: input.occurredOn,
      sourceType: input.sourceType,
      sourceId,
      valueCents: input.valueCents ?? null,
      expiresOn: input.expiresOn ?? null,
      note: input.note ?? null,
      createdBy: actor.userId,
    });
    await audit(tx, actor, olla, "record", row);
    return { movementId: row.id, itemId: item.id, balance: await itemBalance(tx, olla.id, item.id) };
  });
}

/**
 * An exit never takes an item below zero, also under concurrency: the advisory lock on
 * (olla, item) is taken before the balance is read, so of N simultaneous exits only
 * those the stock covers succeed; the rest get CONFLICT.
 */
export async function recordExit(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZRecordExitInput>): Promise<MovementResult> {
  ensureOpen(olla);
  return writeInOneStatement(db, actor, olla, "stock.recordExit", input, {
    direction: "out",
    sourceType: null,
    sourceId: null,
    valueCents: null,
    expiresOn: null,
    exitReason: input.reason,
  });
}

/** Corrects a mistake with a mirror movement; the original stays, marked reversed by the new row. */
export async function reverseMovement(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZReverseMovementInput>): Promise<MovementResult> {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "stock.reverse", input }, async (tx) => {
    const orig = await findMovement(tx, olla.id, input.movementId);
    if (!orig) throw notFound();
    if (orig.reversesId !== null) throw conflict("stock.errors.reversalNotReversible");
    if (orig.transferId !== null) throw conflict("stock.errors.transferNotReversible");
    await lockItem(tx, olla.id, orig.itemId);
    if ((await reversalOf(tx, orig.id)) !== null) throw conflict("stock.errors.alreadyReversed");
    const qty = Number(orig.quantity);
    if (orig.direction === "in") {
      // Undoing an entry removes stock: the same rule as an exit.
      const balance = await itemBalance(tx, olla.id, orig.itemId);
      if (balance < qty) throw conflict("stock.errors.reversalWouldGoNegative", { balance });
    }
    const row = await insertMovement(tx, {
      ollaId: olla.id,
      itemId: orig.itemId,
      unit: orig.unit,
      direction: orig.direction === "in" ? "out" : "in",
      quantity: orig.quantity,
      occurredOn: limaToday(),
      reversesId: orig.id,
      note: input.note ?? null,
      createdBy: actor.userId,
    });
    await writeAudit(tx, { actorUserId: actor.userId, action: "reverse", entity: "stock_movement", entityId: String(orig.id), ollaId: olla.id, before: orig, after: row });
    return { movementId: row.id, itemId: orig.itemId, balance: await itemBalance(tx, olla.id, orig.itemId) };
  });
}

export async function addOwnItem(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZAddItemInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "stock.addItem", input }, async (tx) => {
    if (await itemNameTaken(tx, olla.id, input.name)) throw badInput("name", "stock.validation.itemExists");
    const row = await insertOwnItem(tx, { ollaId: olla.id, name: input.name, unit: input.unit, kgPerUnit: input.kgPerUnit == null ? null : String(input.kgPerUnit), createdBy: actor.userId });
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "stock_item", entityId: row.id, ollaId: olla.id, after: row });
    return { id: row.id, name: row.name, unit: row.unit };
  });
}

/** Stock on hand per item with days left and warnings (balances from SQL, warnings from the domain rules). */
export async function stockOverview(db: Db, ollaId: string, today = limaToday()) {
  const [levels, lots, settings] = await Promise.all([stockLevels(db, ollaId, today), expiringLots(db, ollaId), stockSettings(db)]);
  const staples = new Set(settings.stapleItems);
  const items = levels.map((l) => {
    const staple = l.code !== null && staples.has(l.code);
    const myLots = lots.filter((x) => x.itemId === l.itemId);
    return { ...l, staple, warnings: stockWarnings({ balance: l.balance, consumedInWindow: l.consumedInWindow, staple, lots: myLots }, today, settings.lowStockDays) };
  });
  return { today, lowStockDays: settings.lowStockDays, items };
}

// ---- Transferencia solidaria -------------------------------------------------------

export async function offerTransfer(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZOfferTransferInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "transfer.offer", input }, async (tx) => {
    if (input.toOllaId === olla.id) throw badInput("toOllaId", "transfers.validation.sameOlla");
    const dest = await findOllaForScope(tx, input.toOllaId);
    if (!dest || dest.status === "closed") throw badInput("toOllaId", "transfers.validation.unknownOlla");
    const item = await checkItem(tx, olla.id, input);
    // The receiving olla must know the item too: only the network catalogue travels.
    if (item.ollaId !== null) throw badInput("itemId", "transfers.validation.networkItemOnly");
    const balance = await itemBalance(tx, olla.id, item.id);
    if (balance < input.quantity) throw insufficient("stock.errors.insufficient", balance);
    const row = await insertTransfer(tx, { fromOllaId: olla.id, toOllaId: dest.id, itemId: item.id, unit: item.unit, quantity: quantityText(input.quantity), note: input.note ?? null, offeredBy: actor.userId });
    await writeAudit(tx, { actorUserId: actor.userId, action: "offer", entity: "stock_transfer", entityId: row.id, ollaId: olla.id, after: row });
    return { transferId: row.id, status: row.status };
  });
}

/**
 * The receiving olla accepts: the exit from the giver and the entry to the receiver are
 * written in one transaction with the status change, or nothing is (the giver's
 * balance is checked again under its item lock: the offer reserved nothing).
 */
export async function acceptTransfer(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZDecideTransferInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "transfer.accept", input }, async (tx) => {
    const tr = await lockTransferFor(tx, input.transferId, { toOllaId: olla.id });
    if (!tr) throw notFound();
    if (tr.status !== "offered") throw conflict("transfers.errors.notOffered");
    await lockItem(tx, tr.fromOllaId, tr.itemId);
    const balance = await itemBalance(tx, tr.fromOllaId, tr.itemId);
    const qty = Number(tr.quantity);
    if (balance < qty) throw conflict("transfers.errors.insufficientAtSource", { balance });
    const today = limaToday();
    const out = await insertMovement(tx, {
      ollaId: tr.fromOllaId, itemId: tr.itemId, unit: tr.unit, direction: "out", quantity: tr.quantity, occurredOn: today, exitReason: "transferred", transferId: tr.id, createdBy: actor.userId,
    });
    const into = await insertMovement(tx, {
      ollaId: tr.toOllaId, itemId: tr.itemId, unit: tr.unit, direction: "in", quantity: tr.quantity, occurredOn: today, transferId: tr.id, createdBy: actor.userId,
    });
    const updated = await decideTransfer(tx, tr.id, "accepted", actor.userId);
    await writeAudit(tx, { actorUserId: actor.userId, action: "accept", entity: "stock_transfer", entityId: tr.id, ollaId: tr.toOllaId, before: tr, after: updated });
    await audit(tx, actor, { id: tr.fromOllaId }, "record", out);
    await audit(tx, actor, { id: tr.toOllaId }, "record", into);
    return { transferId: tr.id, status: "accepted" as const, exitId: out.id, entryId: into.id };
  });
}

async function closeTransfer(
  db: Db,
  actor: Actor,
  olla: OllaRow,
  input: z.output<typeof ZDecideTransferInput>,
  how: { procedure: string; side: "to" | "from"; status: "declined" | "cancelled" },
) {
  return idempotent(db, { userId: actor.userId, procedure: how.procedure, input }, async (tx) => {
    const tr = await lockTransferFor(tx, input.transferId, how.side === "to" ? { toOllaId: olla.id } : { fromOllaId: olla.id });
    if (!tr) throw notFound();
    if (tr.status !== "offered") throw conflict("transfers.errors.notOffered");
    const updated = await decideTransfer(tx, tr.id, how.status, actor.userId);
    await writeAudit(tx, { actorUserId: actor.userId, action: how.status === "declined" ? "decline" : "cancel", entity: "stock_transfer", entityId: tr.id, ollaId: olla.id, before: tr, after: updated });
    return { transferId: tr.id, status: how.status };
  });
}

export const declineTransfer = (db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZDecideTransferInput>) =>
  closeTransfer(db, actor, olla, input, { procedure: "transfer.decline", side: "to", status: "declined" });

export const cancelTransfer = (db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZDecideTransferInput>) =>
  closeTransfer(db, actor, olla, input, { procedure: "transfer.cancel", side: "from", status: "cancelled" });
