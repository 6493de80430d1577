/**
 * Demo labour (issue 16): a year of turnos for two dozen ollas (both demo delegates' among
 * them) and two months for the rest, members and a history of the four usual roles — some
 * renewed in the last year, some held past the network's 24 months, a few learners — so a
 * newcomer sees the indicators move.
 */
import { eq, inArray, sql } from "drizzle-orm";
import { addDays } from "~/shared/lima-day";
import type { ShiftTask } from "~/shared/labour";
import type { Db } from "../client";
import { cargoApoyos, cargos, cargoTerms, memberships, ollas, socias } from "../schema";
import { FIRST_NAMES, LAST_NAMES } from "./names";
import { isoDay, Rng } from "./random";
import type { DemoContext } from "./seeders";

const DOW = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
// A year for a few dozen ollas and six weeks of cooking for the rest keeps the first start quick
// (one bulk statement per table; ~25,000 turnos).
const FULL_YEAR_OLLAS = 24;
const ROLES = ["presidenta", "tesorera", "almacenera", "delegada_red"] as const;

/**
 * Rows as one JSON parameter unpacked by the database (json_to_recordset): one statement of one
 * parameter per 20,000 rows instead of thousands of bound values per 2,000, which is what made
 * the year of turnos the slowest part of the demo seed on the embedded database.
 */
async function insertJson(db: Db, table: string, columns: string, rows: Record<string, unknown>[], size = 20_000) {
  const names = columns.split(",").map((c) => c.trim().split(/\s+/)[0]).join(", ");
  for (let i = 0; i < rows.length; i += size) {
    const chunk = JSON.stringify(rows.slice(i, i + size));
    await db.execute(sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from json_to_recordset(${chunk}::json) as x(${sql.raw(columns)})`);
  }
}

export async function seedLabourDemo(db: Db, ctx: DemoContext): Promise<void> {
  // Own generator: this data does not shift when other seeders draw more numbers.
  const rng = new Rng(20261603);
  const today = isoDay(ctx.today);
  const rows = await db
    .select({ id: ollas.id, status: ollas.status, rations: ollas.rationsPerDay, days: ollas.cookingDays, foundedOn: ollas.foundedOn })
    .from(ollas)
    .where(inArray(ollas.id, ctx.ollaIds));
  const byId = new Map(rows.map((o) => [o.id, o]));
  const delegateOllas = (await db.select({ ollaId: memberships.ollaId }).from(memberships).where(eq(memberships.role, "delegate"))).map((m) => m.ollaId!);
  const ordered = [...delegateOllas, ...ctx.ollaIds.filter((id) => !delegateOllas.includes(id))].map((id) => byId.get(id)).filter((o) => o !== undefined);

  // Turnos: every cooking day, cooking by 3–7 people; shopping, cleaning, distribution, water and firewood, accounts on some days.
  const shiftRows: { olla_id: string; worked_on: string; task: ShiftTask; people: number; hours: number; rations: number | null }[] = [];
  ordered.forEach((o, i) => {
    if (o.status === "closed") return;
    const full = i < FULL_YEAR_OLLAS;
    const span = full ? 365 : 42;
    const from = o.foundedOn && o.foundedOn > addDays(today, -span) ? o.foundedOn : addDays(today, -span);
    const crew = rng.int(3, 7);
    for (let d = from; d <= today; d = addDays(d, 1)) {
      const dow = DOW[new Date(`${d}T12:00:00Z`).getUTCDay()]!;
      if (!o.days.includes(dow) || (o.status === "paused" && d > addDays(today, -30)) || rng.chance(0.08)) continue;
      const logRations = rng.chance(0.6) ? Math.max(0, Math.round(o.rations * (0.85 + rng.next() * 0.3))) : null;
      const add = (task: ShiftTask, people: number, hoursEach: number, rations: number | null = null) =>
        shiftRows.push({ olla_id: o.id, worked_on: d, task, people, hours: Math.round(people * hoursEach * 2) / 2, rations });
      add("cooking", Math.max(1, crew + rng.int(-1, 1)), 4 + rng.int(0, 4) / 2, logRations);
      if (!full) continue;
      if (rng.chance(0.45)) add("purchasing", rng.int(1, 2), 2 + rng.int(0, 2) / 2);
      if (rng.chance(0.5)) add("cleaning", rng.int(1, 3), 1 + rng.int(0, 2) / 2);
      if (rng.chance(0.35)) add("distribution", rng.int(1, 3), 1.5);
      if (rng.chance(0.2)) add("firewood_water", rng.int(1, 2), 2);
      if (dow === "fri" && rng.chance(0.7)) add("accounts", 1, 2);
    }
  });
  await insertJson(db, "shifts", "olla_id uuid, worked_on date, task shift_task, people int, hours numeric, rations int", shiftRows);

  // Socias and the four usual roles, with a history of terms: one bulk statement per table.
  const memberRows: (typeof socias.$inferInsert)[] = [];
  for (const o of ordered) {
    const n = rng.int(8, 18);
    const floor = o.foundedOn ?? addDays(today, -1500);
    for (let k = 0; k < n; k++) {
      const joined = k < 5 ? floor : addDays(floor, rng.int(30, 900));
      memberRows.push({ ollaId: o.id, name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)} ${rng.pick(LAST_NAMES)}`, joinedOn: joined > today ? today : joined, active: k < n - 2 || rng.chance(0.5) });
    }
  }
  const members = await db.insert(socias).values(memberRows).returning({ id: socias.id, ollaId: socias.ollaId });
  const roles = await db
    .insert(cargos)
    .values(ordered.flatMap((o) => ROLES.map((kind) => ({ ollaId: o.id, kind }))))
    .returning({ id: cargos.id, seq: cargos.seq, kind: cargos.kind, ollaId: cargos.ollaId });
  const membersOf = new Map<string, string[]>();
  for (const m of members) membersOf.set(m.ollaId, [...(membersOf.get(m.ollaId) ?? []), m.id]);
  const terms: (typeof cargoTerms.$inferInsert)[] = [];
  const apoyos: (typeof cargoApoyos.$inferInsert)[] = [];
  for (const role of roles) {
    const o = byId.get(role.ollaId)!;
    const isDemoA = o.id === delegateOllas[0];
    // The first demo delegate's treasury is 30 months old whatever her olla's founding date says.
    const floor = isDemoA ? addDays(today, -1500) : (o.foundedOn ?? addDays(today, -1500));
    // The current holder began 2–40 months ago; before her, terms of 12–30 months back to the founding.
    const currentMonths = isDemoA ? (role.kind === "tesorera" ? 30 : role.kind === "presidenta" ? 5 : 14) : rng.weighted([[rng.int(2, 11), 30], [rng.int(12, 24), 40], [rng.int(25, 40), 30]] as const);
    let start = addDays(today, -Math.round(currentMonths * 30.4));
    if (start < floor) start = floor;
    const pool = [...membersOf.get(o.id)!].sort(() => rng.next() - 0.5);
    terms.push({ ollaId: o.id, cargoId: role.id, cargoSeq: role.seq, seat: 1, sociaId: pool[0]!, startsOn: start, endsOn: null });
    let holder = 0;
    let end = start;
    for (;;) {
      const from = addDays(end, -Math.round(rng.int(12, 30) * 30.4));
      if (from < floor) break;
      holder = (holder + 1) % pool.length;
      terms.push({ ollaId: o.id, cargoId: role.id, cargoSeq: role.seq, seat: 1, sociaId: pool[holder]!, startsOn: from, endsOn: end });
      end = from;
    }
    // A learner for some roles (more often where the term is long), never the holder herself.
    if (rng.chance(currentMonths > 24 ? 0.35 : 0.2) && !(isDemoA && role.kind === "tesorera")) {
      apoyos.push({ ollaId: o.id, cargoId: role.id, sociaId: pool[pool.length - 1]!, startedOn: addDays(today, -rng.int(10, 200)) });
    }
  }
  await insertJson(
    db,
    "cargo_terms",
    "olla_id uuid, cargo_id uuid, cargo_seq bigint, seat smallint, socia_id uuid, starts_on date, ends_on date",
    terms.map((x) => ({ olla_id: x.ollaId, cargo_id: x.cargoId, cargo_seq: x.cargoSeq, seat: x.seat ?? 1, socia_id: x.sociaId, starts_on: x.startsOn, ends_on: x.endsOn ?? null })),
  );
  if (apoyos.length) await db.insert(cargoApoyos).values(apoyos);
}
