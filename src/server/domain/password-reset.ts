import { coordinatesOlla, coordinatesZone, type Scope } from "./scope";

/** A reset code lives 24 hours: long enough to reach the delegate by a visit or a call, short if it leaks. */
export const RESET_HOURS = 24;
/** Codes one coordinator may issue per hour (like a burst of invitations; more is not a forgotten password). */
export const RESET_ISSUE_LIMIT_PER_HOUR = 20;

export interface TargetMembership {
  role: "delegate" | "zone_coordinator" | "city_coordinator";
  /** For a delegate: the zone of her olla. For a zone coordinator: her zone. */
  zoneId: string | null;
  ollaId: string | null;
}

/**
 * A coordinator may reset the password of a person only when every active role of that
 * person lies inside her own scope: otherwise a zone coordinator could take over a city
 * coordinator (or a delegate of another zone's olla too) through an olla of her zone.
 */
export function mayResetPasswordOf(issuer: Scope, target: readonly TargetMembership[]): boolean {
  if (target.length === 0) return false;
  return target.every((m) => {
    if (m.role === "city_coordinator") return issuer.city;
    if (!m.zoneId) return false;
    if (m.role === "zone_coordinator") return coordinatesZone(issuer, m.zoneId);
    return m.ollaId !== null && coordinatesOlla(issuer, { zoneId: m.zoneId });
  });
}
