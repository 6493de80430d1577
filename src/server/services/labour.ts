/**
 * Turnos, socias and cargos: the olla's unpaid work and its leadership, with the labour value
 * and the renewal indicators. Every write is scoped to ctx.olla, audited (never with a person's
 * name: the audit copies carry ids), idempotent, and versioned where a row is edited.
 */
import type { z } from "zod";
import type { Db } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import { areaFilterFor } from "~/server/db/queries/dashboard";
import {
  areaLabour,
  areaRenewal,
  areaRenewalTrend,
  closeApoyo,
  deleteShift,
  endTerm,
  findCargo,
  findShift,
  findSocia,
  findTerm,
  insertApoyo,
  insertCargo,
  insertShifts,
  insertSocia,
  insertTerm,
  insertWage,
  listApoyos,
  listCargos,
  listSocias,
  listTerms,
  listWages,
  ollaLabourView,
  openApoyo,
  openTermForUpdate,
  shiftsBetween,
  updateSocia,
  type RenewalNowRow,
  type ShiftRow,
  type SociaRow,
  type TermRow,
  publicLabourVersion,
  publicRenewalNow,
  publicRenewalTrend,
} from "~/server/db/queries/labour";
import type { OllaRow } from "~/server/db/queries/ollas";
import { getSettings } from "~/server/db/queries/settings";
import { publicCache } from "./shared-cache";
import type { Actor } from "~/server/domain/actor";
import { hourlyCents, isAllowedWageStart, monthsBefore, renewalIndicators, totalHours, weekStart } from "~/server/domain/labour";
import type { Scope } from "~/server/domain/scope";
import { isDisclosive, MIN_OLLAS, suppressTable, OTHERS_KEY } from "~/server/domain/suppression";
import { AppError, badInput, conflict, forbidden, notFound } from "~/server/errors";
import { addDays, limaToday } from "~/shared/lima-day";
import type {
  ZAddCargoInput,
  ZAddSociaInput,
  ZAddWageInput,
  ZAssignTermInput,
  ZCopyWeekInput,
  ZEndTermInput,
  ZLabourNetworkInput,
  ZLogShiftInput,
  ZMarkApoyoInput,
  ZRemoveShiftInput,
  ZUpdateSociaInput,
} from "~/validation/labour";
import { idempotent } from "./idempotency";

function ensureOpen(olla: OllaRow) {
  if (olla.status === "closed") throw forbidden("errors.ollaClosed");
}

/** First day of the month `n` months before today's month (YYYY-MM-01). */
const monthStart = (today: string, back: number) => `${monthsBefore(`${today.slice(0, 7)}-01`, back)}`;
const nextMonth = (today: string) => {
  const [y, m] = today.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
};

/** A shift as the olla sees it (names included: the olla and its coordinators only). */
const shiftView = (r: Pick<ShiftRow, "id" | "workedOn" | "task" | "people" | "hours" | "rations" | "names">) => ({ id: r.id, workedOn: r.workedOn, task: r.task, people: r.people, hours: Number(r.hours), rations: r.rations, names: r.names });
/** The audit copy of a shift: no names. */
const shiftAudit = (r: ShiftRow) => ({ ...shiftView(r), names: r.names ? "[private]" : null });

// ------------------------------------------------------------------ turnos

export async function logShift(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZLogShiftInput>) {
  ensureOpen(olla);
  const hours = totalHours(input.people, input.hours, input.hoursMode);
  if (hours > input.people * 24) throw badInput("hours", "labour.validation.hoursTooMany");
  return idempotent(db, { userId: actor.userId, procedure: "labour.logShift", input }, async (tx) => {
    const [row] = await insertShifts(tx, [
      { ollaId: olla.id, workedOn: input.workedOn, task: input.task, people: input.people, hours, rations: input.rations ?? null, names: input.names ?? null, createdBy: actor.userId },
    ]);
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "shift", entityId: row!.id, ollaId: olla.id, after: shiftAudit(row!) });
    return shiftView(row!);
  });
}

/**
 * "Copiar la semana pasada": last week's shifts (Monday to Sunday) again on the same weekdays of
 * this week, up to today, skipping a day and task already logged. Rations are not copied.
 */
export async function copyLastWeek(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZCopyWeekInput>, today: string = limaToday()) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "labour.copyLastWeek", input }, async (tx) => {
    const thisWeek = weekStart(today);
    const prev = await shiftsBetween(tx, olla.id, addDays(thisWeek, -7), thisWeek);
    const already = await shiftsBetween(tx, olla.id, thisWeek, addDays(today, 1));
    const taken = new Set(already.map((s) => `${s.workedOn}:${s.task}`));
    const rows = prev
      .map((s) => ({ ...s, workedOn: addDays(s.workedOn, 7) }))
      .filter((s) => s.workedOn <= today && !taken.has(`${s.workedOn}:${s.task}`))
      .map((s) => ({ ollaId: olla.id, workedOn: s.workedOn, task: s.task, people: s.people, hours: Number(s.hours), rations: null, names: s.names, createdBy: actor.userId }));
    const inserted = await insertShifts(tx, rows);
    for (const r of inserted) await writeAudit(tx, { actorUserId: actor.userId, action: "copy", entity: "shift", entityId: r.id, ollaId: olla.id, after: shiftAudit(r) });
    return { copied: inserted.length };
  });
}

export async function removeShift(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZRemoveShiftInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "labour.removeShift", input }, async (tx) => {
    const row = await findShift(tx, olla.id, input.shiftId);
    if (!row) throw notFound();
    await deleteShift(tx, olla.id, row.id);
    await writeAudit(tx, { actorUserId: actor.userId, action: "delete", entity: "shift", entityId: row.id, ollaId: olla.id, before: shiftAudit(row) });
    return { removed: row.id };
  });
}

/**
 * The olla's labour: this month and the previous eleven (hours, value at the minimum wage,
 * rations, value per ration), the wage in force, recent shifts and the form's defaults.
 */
export async function ollaLabour(db: Db, olla: OllaRow, today: string = limaToday()) {
  const { months, wageTodayCents: wage, recent, last } = await ollaLabourView(db, olla.id, {
    from: monthStart(today, 11),
    to: nextMonth(today),
    rationsPerDay: olla.rationsPerDay,
    today,
    recentFrom: addDays(today, -13),
    recentTo: addDays(today, 1),
  });
  const withPerRation = months.map((m) => ({ ...m, valuePerRationCents: m.rations > 0 ? Math.round(m.valueCents / m.rations) : null }));
  const thisMonth = withPerRation.find((m) => m.month === today.slice(0, 7)) ?? null;
  return {
    months: withPerRation,
    thisMonth,
    wage: wage === null ? null : { monthlyCents: wage, hourlyCents: hourlyCents(wage) },
    recent: recent.map(shiftView),
    defaults: { workedOn: today, task: last?.task ?? "cooking", people: last?.people ?? 1, hours: last ? Math.round((Number(last.hours) / last.people) * 100) / 100 : 4 },
    canCopyLastWeek: true,
  };
}

// ------------------------------------------------------------------ socias

const sociaAudit = (r: SociaRow) => ({ id: r.id, joinedOn: r.joinedOn, active: r.active, version: r.version });

export async function addSocia(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZAddSociaInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "labour.addSocia", input }, async (tx) => {
    const row = await insertSocia(tx, { ollaId: olla.id, name: input.name, joinedOn: input.joinedOn, createdBy: actor.userId });
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "socia", entityId: row.id, ollaId: olla.id, after: sociaAudit(row) });
    return { id: row.id, version: row.version };
  });
}

export async function editSocia(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZUpdateSociaInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "labour.updateSocia", input }, async (tx) => {
    const before = await findSocia(tx, olla.id, input.sociaId);
    if (!before) throw notFound();
    const row = await updateSocia(tx, olla.id, input.sociaId, input.version, { name: input.name, joinedOn: input.joinedOn, active: input.active });
    if (!row) throw conflict("errors.staleVersion");
    await writeAudit(tx, { actorUserId: actor.userId, action: "update", entity: "socia", entityId: row.id, ollaId: olla.id, before: sociaAudit(before), after: sociaAudit(row) });
    return { id: row.id, version: row.version };
  });
}

// ------------------------------------------------------------------ cargos and terms

export async function addCargo(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZAddCargoInput>) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "labour.addCargo", input }, async (tx) => {
    const row = await insertCargo(tx, { ollaId: olla.id, kind: input.kind, label: input.kind === "other" ? (input.label ?? null) : null, seats: input.seats, createdBy: actor.userId });
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "cargo", entityId: row.id, ollaId: olla.id, after: row });
    return { id: row.id, version: row.version };
  });
}

/** The exclusion constraint's refusal (SQLSTATE 23P01), raised as a field error on the start date. */
function isOverlap(err: unknown): boolean {
  let e: unknown = err;
  for (let i = 0; i < 5 && e; i++) {
    if ((e as { code?: unknown }).code === "23P01") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
const overlap = () => new AppError("BAD_REQUEST", "labour.validation.overlap", {}, "startsOn");

const termView = (t: TermRow) => ({ id: t.id, cargoId: t.cargoId, seat: t.seat, sociaId: t.sociaId, startsOn: t.startsOn, endsOn: t.endsOn, version: t.version });

/**
 * Gives a seat to a socia. Without endsOn: a handover — the seat's current term (begun before
 * startsOn) ends on startsOn and hers begins. With endsOn: a past term of the history. The
 * database refuses any overlap (cargo_terms_no_overlap), also between concurrent writes.
 */
export async function assignTerm(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZAssignTermInput>) {
  ensureOpen(olla);
  try {
    return await idempotent(db, { userId: actor.userId, procedure: "labour.assignTerm", input }, async (tx) => {
      const cargo = await findCargo(tx, olla.id, input.cargoId);
      if (!cargo) throw notFound();
      if (input.seat > cargo.seats) throw badInput("seat", "labour.validation.seat", { seats: cargo.seats });
      const socia = await findSocia(tx, olla.id, input.sociaId);
      if (!socia) throw badInput("sociaId", "labour.validation.chooseSocia");
      let ended: TermRow | null = null;
      if (!input.endsOn) {
        const current = await openTermForUpdate(tx, olla.id, cargo.id, input.seat, input.startsOn);
        if (current && current.sociaId === socia.id && current.endsOn === null) throw badInput("sociaId", "labour.validation.alreadyHolds");
        if (current) {
          ended = await endTerm(tx, olla.id, current.id, current.version, input.startsOn);
          if (!ended) throw conflict("errors.staleVersion");
          await writeAudit(tx, { actorUserId: actor.userId, action: "end", entity: "cargo_term", entityId: current.id, ollaId: olla.id, before: termView(current), after: termView(ended) });
        }
      }
      const row = await insertTerm(tx, {
        ollaId: olla.id,
        cargoId: cargo.id,
        cargoSeq: cargo.seq,
        seat: input.seat,
        sociaId: socia.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
        createdBy: actor.userId,
      });
      await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "cargo_term", entityId: row.id, ollaId: olla.id, after: termView(row) });
      return { term: termView(row), ended: ended ? termView(ended) : null };
    });
  } catch (err) {
    if (isOverlap(err)) throw overlap();
    throw err;
  }
}

export async function closeTerm(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZEndTermInput>) {
  ensureOpen(olla);
  try {
    return await idempotent(db, { userId: actor.userId, procedure: "labour.endTerm", input }, async (tx) => {
      const before = await findTerm(tx, olla.id, input.termId);
      if (!before) throw notFound();
      if (input.endsOn <= before.startsOn) throw badInput("endsOn", "labour.validation.endsBeforeStart");
      const row = await endTerm(tx, olla.id, before.id, input.version, input.endsOn);
      if (!row) throw conflict("errors.staleVersion");
      await writeAudit(tx, { actorUserId: actor.userId, action: "end", entity: "cargo_term", entityId: row.id, ollaId: olla.id, before: termView(before), after: termView(row) });
      return termView(row);
    });
  } catch (err) {
    if (isOverlap(err)) throw new AppError("BAD_REQUEST", "labour.validation.overlap", {}, "endsOn");
    throw err;
  }
}

export async function markApoyo(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZMarkApoyoInput>, today: string = limaToday()) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "labour.markApoyo", input }, async (tx) => {
    const cargo = await findCargo(tx, olla.id, input.cargoId);
    if (!cargo) throw notFound();
    const socia = await findSocia(tx, olla.id, input.sociaId);
    if (!socia) throw badInput("sociaId", "labour.validation.chooseSocia");
    const open = await openApoyo(tx, olla.id, cargo.id, socia.id);
    if (input.learning && !open) {
      const row = await insertApoyo(tx, { ollaId: olla.id, cargoId: cargo.id, sociaId: socia.id, startedOn: today, createdBy: actor.userId });
      await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "cargo_apoyo", entityId: row.id, ollaId: olla.id, after: row });
    } else if (!input.learning && open) {
      await closeApoyo(tx, olla.id, open.id, today < open.startedOn ? open.startedOn : today);
      await writeAudit(tx, { actorUserId: actor.userId, action: "end", entity: "cargo_apoyo", entityId: open.id, ollaId: olla.id, before: open });
    }
    return { learning: input.learning };
  });
}

/**
 * The olla's members, roles, terms and renewal indicators (names included: ollaProcedure only,
 * that is, the olla's delegate and the coordinators whose scope has it).
 */
export async function ollaLeadership(db: Db, olla: OllaRow, today: string = limaToday()) {
  const [members, roles, terms, apoyos, settings] = await Promise.all([listSocias(db, olla.id), listCargos(db, olla.id), listTerms(db, olla.id), listApoyos(db, olla.id), getSettings(db)]);
  const maxMonths = settings.maxLeadershipTermMonths;
  const renewal = renewalIndicators(
    roles.map((c) => ({ id: c.id, seats: c.seats })),
    terms.map((t) => ({ cargoId: t.cargoId, seat: t.seat, sociaId: t.sociaId, startsOn: t.startsOn, endsOn: t.endsOn })),
    apoyos.map((a) => ({ cargoId: a.cargoId, sociaId: a.sociaId, startedOn: a.startedOn, endedOn: a.endedOn })),
    today,
    maxMonths,
  );
  const learnersOf = (cargoId: string) =>
    apoyos.filter((a) => a.cargoId === cargoId && a.startedOn <= today && (a.endedOn === null || a.endedOn > today)).map((a) => a.sociaId);
  return {
    maxMonths,
    socias: members.map((s) => ({ id: s.id, name: s.name, joinedOn: s.joinedOn, active: s.active, version: s.version })),
    cargos: roles.map((c) => {
      const r = renewal.cargos.find((x) => x.cargoId === c.id)!;
      return {
        id: c.id,
        kind: c.kind,
        label: c.label,
        seats: r.seats.map((s) => ({ ...s, term: (() => { const t = terms.find((t) => t.cargoId === c.id && t.seat === s.seat && t.sociaId === s.holderId && t.startsOn <= today && (t.endsOn === null || t.endsOn > today)); return t ? termView(t) : null; })() })),
        learners: learnersOf(c.id),
        newPeopleLastYear: r.newPeopleLastYear,
        overdue: r.overdue,
        monthsHeld: r.monthsHeld,
        history: terms.filter((t) => t.cargoId === c.id).map(termView),
      };
    }),
    summary: { overdueRoles: renewal.overdueRoles, learners: renewal.learners, newPeopleLastYear: renewal.newPeopleLastYear, renewedLastYear: renewal.renewedLastYear },
  };
}

// ------------------------------------------------------------------ wages

export async function wages(db: Db) {
  const rows = await listWages(db);
  return rows.map((w) => ({ ...w, hourlyCents: hourlyCents(w.monthlyCents) }));
}

export async function addWage(db: Db, actor: Actor, input: z.output<typeof ZAddWageInput>, today: string = limaToday()) {
  if (!isAllowedWageStart(input.validFrom, today)) throw badInput("validFrom", "labour.validation.wageDate");
  return idempotent(db, { userId: actor.userId, procedure: "labour.addWage", input }, async (tx) => {
    const row = await insertWage(tx, { validFrom: input.validFrom, monthlyCents: input.monthlyCents, createdBy: actor.userId });
    if (!row) throw badInput("validFrom", "labour.validation.wageExists");
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "minimum_wage", entityId: row.validFrom, after: row });
    return { validFrom: row.validFrom, monthlyCents: row.monthlyCents };
  });
}

// ------------------------------------------------------------------ aggregates

function monthsList(today: string, n: number): string[] {
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) out.push(monthStart(today, i).slice(0, 7));
  return out;
}

/** The day each month's renewal is read on: its last day, or today for the current month. */
export function renewalPoints(months: readonly string[], today: string): string[] {
  return months.map((m) => {
    if (m === today.slice(0, 7)) return today;
    const [y, mo] = m.split("-").map(Number) as [number, number];
    return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
  });
}

type TrendRow = Awaited<ReturnType<typeof areaRenewalTrend>>[number];

/** Whether a renewal share may be shown: at least MIN_OLLAS ollas, and neither side of it resting on 1–2 of them. */
const shareShown = (ollas: number, renewed: number) => ollas >= MIN_OLLAS && !isDisclosive(renewed) && !isDisclosive(ollas - renewed);

/** The month-by-month renewal of the whole area (zones summed), each share shown only when not disclosive. */
function trendOf(rows: readonly TrendRow[], months: readonly string[], points: readonly string[]) {
  return months.map((month, i) => {
    const at = rows.filter((r) => r.at === points[i]);
    const ollas = at.reduce((n, r) => n + r.ollas, 0);
    const renewed = at.reduce((n, r) => n + r.renewed, 0);
    const overdueRoles = at.reduce((n, r) => n + r.overdueRoles, 0);
    return { month, ollas, renewed, overdueRoles, renewedShare: shareShown(ollas, renewed) ? renewed / ollas : null };
  });
}

/**
 * The renewal part of networkLabour from what areaRenewal reads (today per zone, and the trend per
 * zone and point): exported so the tests can build it from the per-term reference statements too.
 */
export function renewalView(renewal: readonly RenewalNowRow[], trend: readonly TrendRow[], months: readonly string[], points: readonly string[]) {
  return {
    renewal: renewal.map((r) => ({ ...r, renewedShare: r.ollas > 0 ? r.renewed / r.ollas : null })),
    // Renewal month by month: the area's, and each zone's (a zone's share hidden when it rests on 1–2 ollas).
    renewalTrend: trendOf(trend, months, points),
    renewalTrendByZone: [...new Set(trend.map((r) => r.zoneId))].sort().map((zoneId) => ({
      zoneId,
      months: trendOf(
        trend.filter((r) => r.zoneId === zoneId),
        months,
        points,
      ),
    })),
  };
}

/**
 * Hours and value per zone and month over a coordinator's scope, with small cells hidden
 * (MIN_OLLAS), plus renewal per zone. Zones with fewer than MIN_OLLAS ollas that month are
 * merged into "others" for that month.
 */
export async function networkLabour(db: Db, scope: Scope, input: z.output<typeof ZLabourNetworkInput>, today: string = limaToday()) {
  const f = areaFilterFor(scope, { zoneId: input.zoneId });
  const months = monthsList(today, input.months);
  const settings = await getSettings(db);
  const points = renewalPoints(months, today);
  const [cells, renewal] = await Promise.all([
    areaLabour(db, f, `${months[0]}-01`, nextMonth(today), true),
    // Today and the trend in one statement (the roll-ups read once).
    areaRenewal(db, f, today, points, settings.maxLeadershipTermMonths),
  ]);
  let hiddenCells = 0;
  const byMonth = months.map((month) => {
    const rows = cells.filter((c) => c.month === month);
    const table = suppressTable(
      rows.map((r) => ({ key: r.key, ollas: r.ollas, cells: [{ value: r.hours, ollas: r.ollas }, { value: r.valueCents, ollas: r.ollas }] })),
      { rowMargin: false, columnMargin: true },
    );
    hiddenCells += table.hiddenCells;
    const ollas = rows.reduce((n, r) => n + r.ollas, 0);
    const shown = ollas >= MIN_OLLAS || ollas === 0;
    return {
      month,
      ollas,
      hours: shown ? rows.reduce((n, r) => n + r.hours, 0) : null,
      valueCents: shown ? rows.reduce((n, r) => n + r.valueCents, 0) : null,
      zones: table.rows.map((r) => ({ zoneId: r.key === OTHERS_KEY ? null : r.key, merged: r.merged.length, ollas: r.ollas, hours: r.cells[0] ?? null, valueCents: r.cells[1] ?? null })),
    };
  });
  return {
    months: byMonth,
    hiddenCells,
    ...renewalView(renewal.today, renewal.trend, months, points),
    maxMonths: settings.maxLeadershipTermMonths,
  };
}

/** The city's hours and value per month for anyone: months counting fewer than MIN_OLLAS ollas are hidden. */
/**
 * The anonymous labour and renewal figures (/panel, problems.json): the same for every visitor,
 * so shared like the rest of the public dashboard (PUBLIC_CACHE_SECONDS), and recomputed as soon
 * as a shift, role, term, wage, olla or setting changes (publicLabourVersion).
 */
export async function publicLabour(db: Db, monthsBack: number, districtUbigeo?: string, today: string = limaToday()) {
  const key = JSON.stringify(["labour", monthsBack, districtUbigeo ?? null, today]);
  return publicCache.get(db, key, () => computePublicLabour(db, monthsBack, districtUbigeo, today), await publicLabourVersion(db));
}

async function computePublicLabour(db: Db, monthsBack: number, districtUbigeo: string | undefined, today: string) {
  const months = monthsList(today, monthsBack);
  const area = { zoneIds: null, districtUbigeo };
  const points = renewalPoints(months, today);
  // From the roll-ups (labour_month_rollup, labour_renewal_rollup): one row an olla and month,
  // one row an olla; the same figures as the per-zone statements of networkLabour, summed.
  const [settings, rows, trendRows, renewal] = await Promise.all([
    getSettings(db),
    areaLabour(db, area, `${months[0]}-01`, nextMonth(today), false),
    publicRenewalTrend(db, area, points),
    publicRenewalNow(db, area, today),
  ]);
  const trend = trendRows.map((r) => ({ zoneId: "", at: r.at, ollas: r.ollas, renewed: r.renewed, overdueRoles: 0 }));
  return {
    months: months.map((month) => {
      const r = rows.find((x) => x.month === month);
      const ollas = r?.ollas ?? 0;
      const shown = ollas === 0 || ollas >= MIN_OLLAS;
      return { month, ollas: shown ? ollas : null, hours: shown ? (r?.hours ?? 0) : null, valueCents: shown ? (r?.valueCents ?? 0) : null };
    }),
    // The share is published only when neither side of it rests on 1–2 ollas.
    renewal:
      renewal.ollas >= MIN_OLLAS && !isDisclosive(renewal.renewed) && !isDisclosive(renewal.ollas - renewal.renewed)
        ? { ollas: renewal.ollas, renewedShare: renewal.renewed / renewal.ollas }
        : null,
    // The share of ollas with someone new in a role in the 12 months before each month's end: no
    // zone, no olla, no counts of overdue roles (a count of 1–2 would point at an olla); a month
    // whose share rests on fewer than MIN_OLLAS ollas, or on 1–2 on either side, is hidden.
    renewalTrend: trendOf(trend, months, points).map((m) => ({ month: m.month, ollas: m.renewedShare === null ? null : m.ollas, renewedShare: m.renewedShare })),
    maxMonths: settings.maxLeadershipTermMonths,
  };
}
