/** A membership's role: a delegate runs one olla, coordinators look after a zone or the city. */
export const ROLES = ["delegate", "zone_coordinator", "city_coordinator"] as const;
export type Role = (typeof ROLES)[number];
