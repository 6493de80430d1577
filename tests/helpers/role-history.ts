/**
 * A history of roles for the world's three ollas, written through the tables the app writes (the
 * roll-up triggers of drizzle/0035 and 0037 see every row): the renewal tests build their random
 * and hand-made histories with it.
 */
import { inArray } from "drizzle-orm";
import type { Db } from "~/server/db/client";
import { cargos, cargoTerms, socias } from "~/server/db/schema";
import { monthsBefore } from "~/server/domain/labour";
import { addDays } from "~/shared/lima-day";
import type { World } from "./world";

export type OllaKey = "a" | "b" | "c";

/** One term: indexes into the olla's roles and members as writeRoleHistory makes them. */
export interface Term {
  olla: OllaKey;
  /** 0: tesorera (1 seat); 1: a "Vocal" role of 2 seats. */
  cargo: number;
  seat: number;
  /** 0–3: Ana, Bea, Carla, Dora. */
  socia: number;
  startsOn: string;
  endsOn: string | null;
}

export type MadeRoles = Record<string, { socias: string[]; cargos: { id: string; seq: number; seats: number }[] }>;

/**
 * Wipes the roles of the world's ollas and writes 4 members and 2 roles (the second of 2 seats)
 * each, then the terms: half in one statement and the rest one by one, so that the statement
 * triggers see both shapes (`oneStatement`: all in one).
 */
export async function writeRoleHistory(db: Db, ollas: World["ollas"], terms: readonly Term[], opts: { oneStatement?: boolean } = {}): Promise<MadeRoles> {
  const ids = Object.values(ollas);
  await db.delete(cargoTerms).where(inArray(cargoTerms.ollaId, ids));
  await db.delete(cargos).where(inArray(cargos.ollaId, ids));
  await db.delete(socias).where(inArray(socias.ollaId, ids));
  const made: MadeRoles = {};
  for (const [k, ollaId] of Object.entries(ollas)) {
    const ss = await db
      .insert(socias)
      .values(["Ana", "Bea", "Carla", "Dora"].map((n) => ({ ollaId, name: `${n} Prueba`, joinedOn: "2015-01-01" })))
      .returning({ id: socias.id });
    const cs = await db
      .insert(cargos)
      .values([
        { ollaId, kind: "tesorera" as const, seats: 1 },
        { ollaId, kind: "other" as const, label: "Vocal", seats: 2 },
      ])
      .returning({ id: cargos.id, seq: cargos.seq, seats: cargos.seats });
    made[k] = { socias: ss.map((s) => s.id), cargos: cs.map((c) => ({ id: c.id, seq: Number(c.seq), seats: c.seats })) };
  }
  const rows = terms.map((x) => {
    const c = made[x.olla]!.cargos[x.cargo]!;
    return { ollaId: ollas[x.olla], cargoId: c.id, cargoSeq: c.seq, seat: x.seat, sociaId: made[x.olla]!.socias[x.socia]!, startsOn: x.startsOn, endsOn: x.endsOn };
  });
  const together = opts.oneStatement ? rows.length : Math.ceil(rows.length / 2);
  if (together) await db.insert(cargoTerms).values(rows.slice(0, together));
  for (const r of rows.slice(together)) await db.insert(cargoTerms).values(r);
  return made;
}

/** One seat's random history, as the property tests draw it: runs of terms, some with a gap, the last maybe open. */
export interface SeatHistory {
  olla: OllaKey;
  cargo: number;
  seat: number;
  start: string;
  lengths: { months: number; socia: number; gap: boolean; open: boolean }[];
}

/**
 * The terms of drawn seat histories: one history per seat (a later draw of the same seat is
 * skipped; the tesorera has one seat), each term starting where the last ended or 20 days after.
 */
export function termsFromSeats(seats: readonly SeatHistory[]): Term[] {
  const terms: Term[] = [];
  const used = new Set<string>();
  for (const s of seats) {
    const seat = s.cargo === 0 ? 1 : s.seat;
    const k = `${s.olla}:${s.cargo}:${seat}`;
    if (used.has(k)) continue;
    used.add(k);
    let start = s.start;
    s.lengths.forEach((l, i) => {
      const end = i === s.lengths.length - 1 && l.open ? null : monthsBefore(start, -l.months);
      terms.push({ olla: s.olla, cargo: s.cargo, seat, socia: l.socia, startsOn: start, endsOn: end });
      if (end === null) return;
      start = l.gap ? addDays(end, 20) : end;
    });
  }
  return terms;
}
