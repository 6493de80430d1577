/**
 * Labour value and leadership renewal: pure rules, no database.
 *
 * Labour value is the replacement cost at the legal minimum (the ILO Manual on the
 * Measurement of Volunteer Work): each hour is valued at the hourly minimum wage valid on the
 * day it was worked, hourly = monthly ÷ 30 days ÷ 8 hours. A new wage applies from its own date,
 * so it never rewrites a past month.
 */
import { WAGE_DAYS_PER_MONTH, WAGE_HOURS_PER_DAY } from "~/shared/labour";

export interface WageRow {
  validFrom: string; // YYYY-MM-DD
  monthlyCents: number;
}
export interface ShiftFact {
  workedOn: string; // YYYY-MM-DD
  people: number;
  hours: number; // total hours of the row, at most 2 decimals
  rations: number | null;
}
export interface LabourMonth {
  month: string; // YYYY-MM
  hours: number;
  valueCents: number;
  /** The most people who worked on one day of the month (a floor on how many took part). */
  people: number;
  days: number;
  rations: number;
  /** Days whose rations came from the profile's rations per day (no count logged that day). */
  estimatedDays: number;
  valuePerRationCents: number | null;
}

const HOURS_PER_MONTH = WAGE_DAYS_PER_MONTH * WAGE_HOURS_PER_DAY; // 240

/** Hourly minimum wage in céntimos (not rounded): S/ 1,130 → 470.83 céntimos. */
export function hourlyCents(monthlyCents: number): number {
  return monthlyCents / HOURS_PER_MONTH;
}

/** The monthly minimum valid on `day` (the latest value whose date is not after it), or null before the first. */
export function wageOn(wages: readonly WageRow[], day: string): number | null {
  let best: WageRow | null = null;
  for (const w of wages) if (w.validFrom <= day && (!best || w.validFrom > best.validFrom)) best = w;
  return best ? best.monthlyCents : null;
}

/** Hours as whole hundredths, so sums are exact. */
const centi = (h: number) => Math.round(h * 100);

/**
 * Hours and value per month of an olla's shifts. Per logged day, the rations are the largest
 * count logged that day, else `rationsPerDay` from the profile (an estimate, counted in
 * estimatedDays). Value is rounded once per month, to the céntimo.
 */
export function labourByMonth(shifts: readonly ShiftFact[], wages: readonly WageRow[], rationsPerDay: number): LabourMonth[] {
  const days = new Map<string, { centiHours: number; people: number; rations: number | null }>();
  for (const s of shifts) {
    const d = days.get(s.workedOn) ?? { centiHours: 0, people: 0, rations: null };
    d.centiHours += centi(s.hours);
    d.people += s.people;
    if (s.rations !== null) d.rations = Math.max(d.rations ?? 0, s.rations);
    days.set(s.workedOn, d);
  }
  const months = new Map<string, { centiHours: number; valueX: number; people: number; days: number; rations: number; estimatedDays: number }>();
  for (const [day, d] of days) {
    const key = day.slice(0, 7);
    const m = months.get(key) ?? { centiHours: 0, valueX: 0, people: 0, days: 0, rations: 0, estimatedDays: 0 };
    m.centiHours += d.centiHours;
    m.valueX += d.centiHours * (wageOn(wages, day) ?? 0);
    m.people = Math.max(m.people, d.people);
    m.days += 1;
    m.rations += d.rations ?? rationsPerDay;
    if (d.rations === null) m.estimatedDays += 1;
    months.set(key, m);
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => {
      const valueCents = Math.round(m.valueX / (HOURS_PER_MONTH * 100));
      return {
        month,
        hours: m.centiHours / 100,
        valueCents,
        people: m.people,
        days: m.days,
        rations: m.rations,
        estimatedDays: m.estimatedDays,
        valuePerRationCents: m.rations > 0 ? Math.round(valueCents / m.rations) : null,
      };
    });
}

/** Whole months from `from` to `to` (YYYY-MM-DD): 2024-01-15 → 2024-03-14 is 1. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = to.split("-").map(Number) as [number, number, number];
  const m = (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
  return Math.max(0, m);
}

/** YYYY-MM-DD of the same day `n` months before (clamped to the month's end). */
export function monthsBefore(day: string, n: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, "0")}-${String(nm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export interface TermFact {
  cargoId: string;
  seat: number;
  sociaId: string;
  startsOn: string;
  endsOn: string | null; // exclusive handover day; null while held
}
export interface ApoyoFact {
  cargoId: string;
  sociaId: string;
  startedOn: string;
  endedOn: string | null;
}
export interface CargoFact {
  id: string;
  seats: number;
}

export interface SeatRenewal {
  cargoId: string;
  seat: number;
  /** The socia holding the seat today, or null when vacant. */
  holderId: string | null;
  /** Since when she holds it without another person in between (her terms back to back or with a vacancy count as one run). */
  holderSince: string | null;
  monthsHeld: number;
  overdue: boolean;
}
export interface CargoRenewal {
  cargoId: string;
  seats: SeatRenewal[];
  /** Socias learning the role today. */
  learners: number;
  /** Terms begun in the last 12 months by someone who had not held this role before. */
  newPeopleLastYear: number;
  overdue: boolean;
  monthsHeld: number; // the longest run among its seats
}
export interface RenewalSummary {
  cargos: CargoRenewal[];
  overdueRoles: number;
  learners: number;
  newPeopleLastYear: number;
  /** Someone new took a role in the last 12 months. */
  renewedLastYear: boolean;
}

const heldOn = (t: TermFact, day: string) => t.startsOn <= day && (t.endsOn === null || t.endsOn > day);

/**
 * Renewal indicators of one olla on `today`: per role and seat, how long the current holder
 * has held it; past `maxMonths` the role is overdue (a gentle prompt, not a rule).
 */
export function renewalIndicators(
  cargos: readonly CargoFact[],
  terms: readonly TermFact[],
  apoyos: readonly ApoyoFact[],
  today: string,
  maxMonths: number,
): RenewalSummary {
  const yearAgo = monthsBefore(today, 12);
  const out: CargoRenewal[] = cargos.map((c) => {
    const mine = terms.filter((t) => t.cargoId === c.id && t.startsOn <= today);
    const seats: SeatRenewal[] = [];
    for (let seat = 1; seat <= c.seats; seat++) {
      const seatTerms = mine.filter((t) => t.seat === seat).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
      const current = seatTerms.find((t) => heldOn(t, today)) ?? null;
      if (!current) {
        seats.push({ cargoId: c.id, seat, holderId: null, holderSince: null, monthsHeld: 0, overdue: false });
        continue;
      }
      // Walk back over her earlier terms of this seat until another person held it.
      let since = current.startsOn;
      for (let i = seatTerms.indexOf(current) - 1; i >= 0; i--) {
        const t = seatTerms[i]!;
        if (t.sociaId !== current.sociaId) break;
        since = t.startsOn;
      }
      const monthsHeld = monthsBetween(since, today);
      seats.push({ cargoId: c.id, seat, holderId: current.sociaId, holderSince: since, monthsHeld, overdue: monthsHeld > maxMonths });
    }
    const learners = new Set(apoyos.filter((a) => a.cargoId === c.id && a.startedOn <= today && (a.endedOn === null || a.endedOn > today)).map((a) => a.sociaId)).size;
    const newPeopleLastYear = mine.filter((t) => t.startsOn > yearAgo && !mine.some((p) => p.sociaId === t.sociaId && p.startsOn < t.startsOn)).length;
    return {
      cargoId: c.id,
      seats,
      learners,
      newPeopleLastYear,
      overdue: seats.some((s) => s.overdue),
      monthsHeld: Math.max(0, ...seats.map((s) => s.monthsHeld)),
    };
  });
  const newPeopleLastYear = out.reduce((n, c) => n + c.newPeopleLastYear, 0);
  return {
    cargos: out,
    overdueRoles: out.filter((c) => c.overdue).length,
    learners: out.reduce((n, c) => n + c.learners, 0),
    newPeopleLastYear,
    renewedLastYear: newPeopleLastYear > 0,
  };
}

/** A wage may not start before the current month: a change never rewrites a past month. */
export function isAllowedWageStart(validFrom: string, today: string): boolean {
  return validFrom >= `${today.slice(0, 7)}-01`;
}

function isRealDay(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}
const shiftDays = (iso: string, n: number) => new Date(new Date(`${iso}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** Days a shift may be logged for: today (Lima) back to 400 days ago; tomorrow is allowed for a phone whose clock runs ahead. */
export const MAX_SHIFT_BACKDATE_DAYS = 400;
export function isValidShiftDate(iso: string, today: string): boolean {
  return isRealDay(iso) && iso <= shiftDays(today, 1) && iso >= shiftDays(today, -MAX_SHIFT_BACKDATE_DAYS);
}

/** Term and membership dates: real days from 1970 to a year ahead (a term may be agreed in advance). */
export function isValidRoleDate(iso: string, today: string): boolean {
  return isRealDay(iso) && iso >= "1970-01-01" && iso <= shiftDays(today, 366);
}

/** The Monday (YYYY-MM-DD) of the week of `day`. */
export function weekStart(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday
  return shiftDays(day, -((dow + 6) % 7));
}

/** Total hours of a logged row: hours each × people, or the total as typed. */
export function totalHours(people: number, hours: number, mode: "each" | "total"): number {
  return mode === "each" ? Math.round(people * hours * 100) / 100 : hours;
}
