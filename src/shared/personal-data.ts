/**
 * Personal data under Peru's Ley 29733 (Protección de Datos Personales): whose data the
 * network holds, and the bounds of its retention setting. Browser-safe (forms use it).
 *
 * - `user`: a delegate's or coordinator's account (name, phone, email).
 * - `invitee`: a person invited as delegate who has not accepted (name, phone, email).
 * - `contact`: an olla's contact person (name, phone).
 * - `socia`: a member of an olla (name only; her roles and shifts are the olla's facts and stay).
 * - `supporter`: who offered help toward a need (name, phone or e-mail, message).
 */
export const PERSON_KINDS = ["user", "invitee", "contact", "socia", "supporter"] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

/** What an erased name reads as: neutral, the same in every language, one character. */
export const ERASED_NAME = "—";

export const RETENTION_MONTHS_MIN = 6;
export const RETENTION_MONTHS_MAX = 120;
export const RETENTION_MONTHS_DEFAULT = 24;
