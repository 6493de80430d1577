import { createHash, randomInt } from "node:crypto";

// Crockford-like alphabet without 0/O, 1/I/L, U: easy to read aloud and type on a phone.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A 12-character code (~59 bits), shown as XXXX-XXXX-XXXX. */
export function newInvitationCode(): string {
  let s = "";
  for (let i = 0; i < 12; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** Case, spaces and dashes do not matter when the code is typed back. */
export function normalizeInvitationCode(code: string): string {
  return code.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

/** Only the hash is stored: a database leak does not hand out open invitations. */
export function hashInvitationCode(code: string): string {
  return createHash("sha256").update(normalizeInvitationCode(code)).digest("hex");
}

export type InvitationState = "open" | "used" | "revoked" | "expired";

export function invitationState(inv: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationState {
  if (inv.usedAt) return "used";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt <= now) return "expired";
  return "open";
}
