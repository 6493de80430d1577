/**
 * "Today" for the network is the calendar day in Lima, not UTC: after 19:00 in Lima it is
 * already tomorrow in UTC. The one place that computes it, for the server and the browser.
 * Intl with the IANA zone, not a fixed −5 h offset, so the zone database stays the authority.
 */
export const LIMA_TIME_ZONE = "America/Lima";

const dayParts = new Intl.DateTimeFormat("en-US", { timeZone: LIMA_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day in Lima at `now`, as YYYY-MM-DD. */
export function limaToday(now: Date = new Date()): string {
  const p = Object.fromEntries(dayParts.formatToParts(now).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

/** The ISO day `n` days after (negative: before) `isoDay`; calendar arithmetic, no time zone. */
export function addDays(isoDay: string, n: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  return new Date(d.getTime() + n * 86_400_000).toISOString().slice(0, 10);
}

/** Lima's day `offsetDays` from today (a form's default date and its "tomorrow" limit). */
export function limaDay(offsetDays = 0, now: Date = new Date()): string {
  return addDays(limaToday(now), offsetDays);
}
