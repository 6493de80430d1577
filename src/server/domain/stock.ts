/**
 * Almacén rules as plain functions: the ledger's meaning, days of stock, warnings and
 * date/quantity bounds. The SQL in queries/stock.ts computes the same aggregates over
 * the real ledger; tests hold the two together.
 */

import { addDays, limaToday } from "~/shared/lima-day";
import { COUNTED_UNITS, INSTITUTIONAL_SOURCE_TYPES, type SourceType, type StockUnit } from "~/shared/stock";

export const isInstitutional = (t: SourceType) => INSTITUTIONAL_SOURCE_TYPES.includes(t);

/** Days of stock are computed from what was cooked in the last 4 weeks (covers weekly rhythms). */
export const CONSUMPTION_WINDOW_DAYS = 28;
export const EXPIRING_SOON_DAYS = 7;
/** One movement above this (in any unit) is a typo, not a delivery. */
export const MAX_QUANTITY = 100_000;
/** A movement may be back-dated this far (a delegate catching up on her notebook), no further. */
export const MAX_BACKDATE_DAYS = 400;

/** Quantities in thousandths (grams, millilitres, thousandths of a unit): exact integer arithmetic. */
export function toMilli(q: number | string): number {
  return Math.round(Number(q) * 1000);
}

export function hasAtMostThreeDecimals(q: number): boolean {
  return Number.isFinite(q) && Math.abs(q * 1000 - Math.round(q * 1000)) < 1e-6;
}

export function isWholeIfCounted(unit: StockUnit, q: number): boolean {
  return !COUNTED_UNITS.includes(unit) || Number.isInteger(q);
}

export interface LedgerRow {
  id: number;
  direction: "in" | "out";
  quantity: number | string;
  reversesId?: number | null;
}

/** Balance of one item: entries minus exits; a reversal counts with its own (opposite) direction. */
export function balanceOf(rows: readonly Pick<LedgerRow, "direction" | "quantity">[]): number {
  let milli = 0;
  for (const r of rows) milli += r.direction === "in" ? toMilli(r.quantity) : -toMilli(r.quantity);
  return milli / 1000;
}

/**
 * Days the current stock lasts at the average daily consumption of the window; null
 * when nothing was consumed (unknown, not infinite), 0 when there is nothing left.
 */
export function daysOfStock(balance: number, consumedInWindow: number, windowDays = CONSUMPTION_WINDOW_DAYS): number | null {
  if (balance <= 0) return 0;
  if (consumedInWindow <= 0) return null;
  return Math.floor((balance * windowDays * 10) / consumedInWindow) / 10;
}

export type StockWarning =
  | { kind: "out" }
  | { kind: "low"; daysLeft: number }
  | { kind: "expired"; quantity: number; expiresOn: string }
  | { kind: "expiring"; quantity: number; expiresOn: string };

/**
 * Warnings for one item: out of stock (only if it was used recently, an unused item at 0
 * is not news), low (a staple with fewer days than the network's threshold; fresh food
 * is bought for a few days at a time, so days alone say little about it), and lots still
 * in stock that expired or expire within EXPIRING_SOON_DAYS.
 */
export function stockWarnings(
  s: { balance: number; consumedInWindow: number; staple: boolean; lots: readonly { remaining: number; expiresOn: string }[] },
  today: string,
  lowStockDays: number,
): StockWarning[] {
  const out: StockWarning[] = [];
  const days = daysOfStock(s.balance, s.consumedInWindow);
  if (s.balance <= 0) {
    if (s.consumedInWindow > 0) out.push({ kind: "out" });
  } else if (s.staple && days !== null && days < lowStockDays) {
    out.push({ kind: "low", daysLeft: days });
  }
  const soon = addDays(today, EXPIRING_SOON_DAYS);
  for (const lot of s.lots) {
    if (lot.remaining <= 0) continue;
    if (lot.expiresOn < today) out.push({ kind: "expired", quantity: lot.remaining, expiresOn: lot.expiresOn });
    else if (lot.expiresOn <= soon) out.push({ kind: "expiring", quantity: lot.remaining, expiresOn: lot.expiresOn });
  }
  return out;
}

/**
 * What is left of each entry lot, first in first out: the stock on hand is made of the
 * newest entries, so a lot remains as far as the balance reaches back to it.
 * `entries` newest first.
 */
export function remainingLots<T extends { quantity: number }>(entries: readonly T[], balance: number): (T & { remaining: number })[] {
  let left = toMilli(balance);
  return entries.map((e) => {
    const take = Math.max(0, Math.min(toMilli(e.quantity), left));
    left -= take;
    return { ...e, remaining: take / 1000 };
  });
}


function isRealDay(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** A movement happens today or earlier (tomorrow tolerated for clocks), and not ages ago. */
export function isValidMovementDate(iso: string, today: string = limaToday()): boolean {
  return isRealDay(iso) && iso <= addDays(today, 1) && iso >= addDays(today, -MAX_BACKDATE_DAYS);
}

/** An expiry date is a real day within ten years (a typo like 2205 is refused). */
export function isValidExpiryDate(iso: string, today: string = limaToday()): boolean {
  return isRealDay(iso) && iso >= addDays(today, -MAX_BACKDATE_DAYS) && iso <= addDays(today, 3650);
}

/** numeric(14,3) text for the database. */
export function quantityText(q: number): string {
  return (toMilli(q) / 1000).toFixed(3);
}
