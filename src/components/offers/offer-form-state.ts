/** A proof-of-work challenge as offer.challenge answers it (altcha v1). */
export interface PowChallenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** What the public offer form's server action answers (also the state before any submit). */
export interface OfferFormState {
  status: "idle" | "error";
  /** The form's key: kept across refusals (nothing was written), so a retry makes the offer once. */
  formKey: string;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string | string[]>;
  /** A fresh challenge to solve for the next submit. */
  challenge: PowChallenge;
  /** Refused by a limit (per address, per contact, open offers). */
  limited?: boolean;
  at?: number;
}
