import type { Role } from "~/shared/roles";

/** What a signed-in person may reach, from her active memberships (read from the database per request). */
export interface MembershipRow {
  role: Role;
  ollaId: string | null;
  zoneId: string | null;
}

export interface Scope {
  city: boolean;
  zoneIds: string[];
  delegateOllaIds: string[];
}

export function scopeFrom(memberships: readonly MembershipRow[]): Scope {
  const scope: Scope = { city: false, zoneIds: [], delegateOllaIds: [] };
  for (const m of memberships) {
    if (m.role === "city_coordinator") scope.city = true;
    else if (m.role === "zone_coordinator" && m.zoneId) scope.zoneIds.push(m.zoneId);
    else if (m.role === "delegate" && m.ollaId) scope.delegateOllaIds.push(m.ollaId);
  }
  return scope;
}

export const isCoordinator = (s: Scope) => s.city || s.zoneIds.length > 0;

/** Coordinator reach over an olla: the whole city, or the olla's zone. */
export function coordinatesOlla(s: Scope, olla: { zoneId: string }): boolean {
  return s.city || s.zoneIds.includes(olla.zoneId);
}

export function isDelegateOf(s: Scope, olla: { id: string }): boolean {
  return s.delegateOllaIds.includes(olla.id);
}

/** May see this olla's private data: its delegate, or a coordinator whose scope contains it. */
export function canSeeOlla(s: Scope, olla: { id: string; zoneId: string }): boolean {
  return isDelegateOf(s, olla) || coordinatesOlla(s, olla);
}

export function coordinatesZone(s: Scope, zoneId: string): boolean {
  return s.city || s.zoneIds.includes(zoneId);
}
