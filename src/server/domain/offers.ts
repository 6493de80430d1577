/**
 * Offers' rules, pure: the state an offer is in when read (expiry and release follow from its
 * dates, so no job has to run and every app server agrees), what the olla may do in each state,
 * which ledger source a delivery may take, and a need's progress.
 */
import { addDays, limaToday } from "~/shared/lima-day";
import {
  ALLOWED_SOURCES,
  OFFER_EXPIRY_DAYS,
  OFFER_RELEASE_GRACE_DAYS,
  type OfferStatus,
  type OfferViewStatus,
  type SupporterKind,
} from "~/shared/offers";
import type { SourceType } from "~/shared/stock";

export interface OfferDates {
  status: OfferStatus;
  createdAt: Date;
  /** YYYY-MM-DD: when the supporter said she can deliver. */
  availableOn: string;
  /** YYYY-MM-DD: the date agreed on acceptance, if any. */
  agreedOn: string | null;
}

/** The day after which an accepted, undelivered offer is released. */
export const releaseDay = (o: Pick<OfferDates, "availableOn" | "agreedOn">) => addDays(o.agreedOn ?? o.availableOn, OFFER_RELEASE_GRACE_DAYS);

/**
 * The state people see: an offer nobody answered within OFFER_EXPIRY_DAYS has expired; an
 * accepted one still undelivered OFFER_RELEASE_GRACE_DAYS after its date is released (it no
 * longer counts as committed). Stored states otherwise.
 */
export function viewStatus(o: OfferDates, now: Date = new Date()): OfferViewStatus {
  if (o.status === "offered" && now.getTime() - o.createdAt.getTime() > OFFER_EXPIRY_DAYS * 86_400_000) return "expired";
  if (o.status === "accepted" && limaToday(now) > releaseDay(o)) return "released";
  return o.status;
}

/** Whether an offer still ties the supporter and the olla (it counts toward the per-contact cap). */
export const isOpen = (s: OfferViewStatus) => s === "offered" || s === "accepted";

export type OfferAction = "accept" | "decline" | "deliver" | "withdraw";

/**
 * What may happen in each state. The olla decides: it accepts or declines what is offered
 * (also an expired offer, if the goods still come), and receives what it accepted (also once
 * released: late goods are still goods). The supporter withdraws while nothing is settled.
 */
export function canDo(action: OfferAction, s: OfferViewStatus): boolean {
  switch (action) {
    case "accept":
      return s === "offered" || s === "expired";
    case "decline":
      return s === "offered" || s === "expired" || s === "accepted" || s === "released";
    case "deliver":
      return s === "accepted" || s === "released";
    case "withdraw":
      return s === "offered" || s === "accepted" || s === "expired" || s === "released";
  }
}

/** A supporter's kind limits the ledger source her delivery may be recorded under (an individual is no institution). */
export const sourceAllowed = (kind: SupporterKind, sourceType: SourceType) => ALLOWED_SOURCES[kind].includes(sourceType);

export interface NeedProgress {
  asked: number;
  committed: number;
  received: number;
  /** Received at least what was asked: the delegate is prompted to mark the need met. */
  reached: boolean;
}

/**
 * Progress of a need that names an item: committed counts accepted offers not yet delivered
 * nor released; received counts deliveries (what the olla said it received).
 */
export function needProgress(
  asked: number,
  offers: readonly (OfferDates & { quantity: number | null; deliveredQuantity: number | null })[],
  now: Date = new Date(),
): NeedProgress {
  let committed = 0;
  let received = 0;
  for (const o of offers) {
    const s = viewStatus(o, now);
    if (s === "accepted") committed += o.quantity ?? 0;
    if (s === "delivered") received += o.deliveredQuantity ?? 0;
  }
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { asked, committed: r(committed), received: r(received), reached: received >= asked };
}
