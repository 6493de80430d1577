import type { SourceType } from "./stock";

/** Who offers: the kinds a supporter picks on the public form. */
export const SUPPORTER_KINDS = ["individual", "parish", "ngo", "company", "public_institution"] as const;
export type SupporterKind = (typeof SUPPORTER_KINDS)[number];

/** Stored states. "expired" and "released" are derived from the dates when read (src/server/domain/offers.ts). */
export const OFFER_STATUSES = ["offered", "accepted", "declined", "delivered", "withdrawn"] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
/** What people see: the stored state, or the one its dates imply. */
export const OFFER_VIEW_STATUSES = [...OFFER_STATUSES, "expired", "released"] as const;
export type OfferViewStatus = (typeof OFFER_VIEW_STATUSES)[number];

export const DELIVERY_MODES = ["deliver", "pickup"] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const DECLINE_REASONS = ["not_needed", "already_met", "cannot_store", "cannot_pick_up", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** An offer nobody accepted within this many days expires. */
export const OFFER_EXPIRY_DAYS = 14;
/** An accepted offer not delivered this many days after its agreed (or offered) date is released. */
export const OFFER_RELEASE_GRACE_DAYS = 3;
/** How far ahead a supporter may say she can deliver. */
export const OFFER_MAX_AHEAD_DAYS = 60;

/** The ledger source a delivery is suggested under, by kind of supporter (the delegate confirms or changes it). */
export const SUGGESTED_SOURCE: Record<SupporterKind, SourceType> = {
  individual: "individual_donation",
  parish: "parish",
  ngo: "ngo",
  company: "company",
  public_institution: "municipal_program",
};
/** Source types a delivery from each kind may be recorded under: an individual is never an institution. */
export const ALLOWED_SOURCES: Record<SupporterKind, readonly SourceType[]> = {
  individual: ["individual_donation", "member_contribution"],
  parish: ["parish", "individual_donation"],
  ngo: ["ngo", "individual_donation"],
  company: ["company", "individual_donation"],
  public_institution: ["municipal_program", "state_program"],
};
