import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { CARGO_KINDS, MAX_CARGO_SEATS, MAX_HOURS_PER_PERSON_DAY, MAX_SHIFT_PEOPLE, SHIFT_TASKS } from "~/shared/labour";
import { cleanNameCheck } from "./name-check";
import { ollas } from "./ollas";
import { users } from "./users";

export const shiftTaskEnum = pgEnum("shift_task", SHIFT_TASKS);
export const cargoKindEnum = pgEnum("cargo_kind", CARGO_KINDS);

/**
 * Peru's monthly minimum wage (RMV) history, each value valid from a date. Append-only (a
 * trigger refuses UPDATE and DELETE): a new value applies from its date on, so a change never
 * rewrites the labour value of a past month.
 */
export const minimumWages = pgTable(
  "minimum_wages",
  {
    validFrom: date("valid_from").primaryKey(),
    monthlyCents: integer("monthly_cents").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("minimum_wages_range", sql`${t.monthlyCents} between 50000 and 1000000`),
    check("minimum_wages_date_range", sql`${t.validFrom} >= '2000-01-01'`),
  ],
);

/**
 * Turno: the volunteer work of one day and task at one olla: how many people, their total
 * hours, optionally the rations served that day and the people's names (private: the olla and
 * its coordinators only).
 */
export const shifts = pgTable(
  "shifts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    workedOn: date("worked_on").notNull(),
    task: shiftTaskEnum("task").notNull(),
    people: smallint("people").notNull(),
    hours: numeric("hours", { precision: 7, scale: 2, mode: "number" }).notNull(),
    rations: integer("rations"),
    names: text("names"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("shifts_people_range", sql`${t.people} between 1 and ${sql.raw(String(MAX_SHIFT_PEOPLE))}`),
    check("shifts_hours_range", sql`${t.hours} > 0 and ${t.hours} <= ${t.people} * ${sql.raw(String(MAX_HOURS_PER_PERSON_DAY))}`),
    check("shifts_rations_range", sql`${t.rations} is null or ${t.rations} between 0 and 20000`),
    check("shifts_date_range", sql`${t.workedOn} >= '2000-01-01'`),
    check("shifts_names_length", sql`char_length(${t.names}) <= 300`),
    index("shifts_olla_day_idx").on(t.ollaId, t.workedOn),
    index("shifts_day_idx").on(t.workedOn),
  ],
);

/**
 * Hours and their value per olla and month, kept equal to the shifts by triggers (drizzle/0034):
 * a shift written or removed adds or takes its row's sums; a new minimum wage revalues the months
 * from its own on. The zone and city aggregate (areaLabourSql) reads about 12 rows an olla a year
 * instead of every shift. `valued` is Σ centi-hours × the monthly minimum (céntimos) of each
 * shift's day, so a month's value in céntimos is valued ÷ 24,000 (100 × 30 days × 8 hours),
 * rounded once per cell as the per-day rule does. labour_month_rollup_rebuild() recomputes it.
 */
export const labourMonthRollup = pgTable(
  "labour_month_rollup",
  {
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    month: date("month").notNull(),
    shifts: integer("shifts").notNull(),
    centiHours: bigint("centi_hours", { mode: "number" }).notNull(),
    valued: bigint("valued", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ollaId, t.month] }), index("labour_month_rollup_month_idx").on(t.month)],
);

/** PostgreSQL's datemultirange, in its text form ("{[2025-03-01,2026-03-01)}"). */
const dateMultirange = customType<{ data: string; driverData: string }>({ dataType: () => "datemultirange" });

/**
 * Renewal per olla, kept equal to cargo_terms by triggers (drizzle/0035): the day of its first
 * term (the olla "has roles on record" from then), and the days on which it counts as renewed,
 * someone's first term of a role in the 12 months before — each first term of a person in a role
 * covers [its start, the first day whose 12 months back no longer reach it). The public renewal
 * figures read one row an olla instead of every term (publicRenewalTrendSql);
 * labour_renewal_rollup_recompute(null) rebuilds it.
 */
export const labourRenewalRollup = pgTable("labour_renewal_rollup", {
  ollaId: uuid("olla_id")
    .primaryKey()
    .references(() => ollas.id),
  firstTerm: date("first_term").notNull(),
  renewed: dateMultirange("renewed").notNull(),
});

/**
 * The renewed days of labour_renewal_rollup one span a row (its multirange unnested), kept with
 * it by the same triggers (drizzle/0037): the coordinators' renewal trend counts +1 at a span's
 * start and −1 at its end per zone with plain dates, and reads only the spans that end after its
 * first point (an index on renewed_to, with olla_id and renewed_from included, made by hand in
 * the migration).
 */
export const labourRenewalSpans = pgTable(
  "labour_renewal_spans",
  {
    ollaId: uuid("olla_id")
      .notNull()
      .references(() => ollas.id),
    renewedFrom: date("renewed_from").notNull(),
    renewedTo: date("renewed_to").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ollaId, t.renewedFrom] })],
);

/**
 * Who has held a role the longest, per role over time, kept equal to cargo_terms by the triggers
 * of labour_renewal_rollup (drizzle/0037): from held_from to held_to (exclusive; 'infinity' while
 * held) the earliest-started run among the role's current holders began on `since` (a run: one
 * person's consecutive terms of a seat, as in renewalIndicators). A role is overdue on day p when
 * p falls in one of its rows and since ≤ p − (maxLeadershipTermMonths + 1) months: the setting
 * is applied when read, never stored. A role's rows never overlap, so counting rows counts roles.
 * An index on held_to (olla_id, since, held_from included) is made by hand in the migration.
 */
export const labourRenewalHolds = pgTable(
  "labour_renewal_holds",
  {
    ollaId: uuid("olla_id")
      .notNull()
      .references(() => ollas.id),
    cargoId: uuid("cargo_id").notNull(),
    heldFrom: date("held_from").notNull(),
    heldTo: date("held_to").notNull(),
    since: date("since").notNull(),
  },
  (t) => [primaryKey({ columns: [t.ollaId, t.cargoId, t.heldFrom] })],
);

/** Socia: a member of the olla. Her name is private (the olla and its coordinators only). */
export const socias = pgTable(
  "socias",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    name: text("name").notNull(),
    joinedOn: date("joined_on").notNull(),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    /** Her name erased (Ley 29733: on request, or past the retention period after she left): it reads "—". */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Target of the terms' and apoyos' (socia, olla) key: a member of another olla cannot hold a role here.
    unique("socias_id_olla").on(t.id, t.ollaId),
    check("socias_name_length", sql`char_length(${t.name}) between 2 and 80 or (${t.erasedAt} is not null and ${t.name} = '—')`),
    check("socias_name_clean", cleanNameCheck(t.name)),
    check("socias_joined_range", sql`${t.joinedOn} >= '1970-01-01'`),
    index("socias_olla_idx").on(t.ollaId),
  ],
);

/**
 * Cargo: a leadership role of one olla with a number of seats. `seq` is a plain integer key
 * so the terms' exclusion constraint needs only core range types (no btree_gist).
 */
export const cargos = pgTable(
  "cargos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    kind: cargoKindEnum("kind").notNull(),
    label: text("label"),
    seats: smallint("seats").notNull().default(1),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("cargos_id_olla_seq").on(t.id, t.ollaId, t.seq),
    unique("cargos_id_olla").on(t.id, t.ollaId),
    uniqueIndex("cargos_olla_kind_unique").on(t.ollaId, t.kind).where(sql`${t.kind} <> 'other'`),
    uniqueIndex("cargos_olla_label_unique").on(t.ollaId, sql`lower(${t.label})`).where(sql`${t.kind} = 'other'`),
    check("cargos_label_when_other", sql`(${t.kind} = 'other') = (${t.label} is not null)`),
    check("cargos_label_length", sql`char_length(${t.label}) between 2 and 60`),
    check("cargos_label_clean", cleanNameCheck(t.label)),
    check("cargos_seats_range", sql`${t.seats} between 1 and ${sql.raw(String(MAX_CARGO_SEATS))}`),
    index("cargos_olla_idx").on(t.ollaId),
  ],
);

/**
 * A term of one seat of a role, held by one socia from starts_on until ends_on (the handover
 * day, exclusive; null while she holds it). Terms of one seat never overlap: an EXCLUDE
 * constraint over (cargo_seq, seat, daterange) added by hand in the migration
 * (cargo_terms_no_overlap), so two concurrent writes cannot both land.
 */
export const cargoTerms = pgTable(
  "cargo_terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    cargoId: uuid("cargo_id").notNull(),
    cargoSeq: bigint("cargo_seq", { mode: "number" }).notNull(),
    seat: smallint("seat").notNull().default(1),
    sociaId: uuid("socia_id").notNull(),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "cargo_terms_cargo_fk", columns: [t.cargoId, t.ollaId, t.cargoSeq], foreignColumns: [cargos.id, cargos.ollaId, cargos.seq] }),
    foreignKey({ name: "cargo_terms_socia_fk", columns: [t.sociaId, t.ollaId], foreignColumns: [socias.id, socias.ollaId] }),
    check("cargo_terms_ends_after_start", sql`${t.endsOn} is null or ${t.endsOn} > ${t.startsOn}`),
    check("cargo_terms_seat_range", sql`${t.seat} between 1 and ${sql.raw(String(MAX_CARGO_SEATS))}`),
    check("cargo_terms_date_range", sql`${t.startsOn} >= '1970-01-01'`),
    index("cargo_terms_olla_idx").on(t.ollaId, t.cargoId),
    // The renewal aggregates look up a seat's earlier terms (its runs, a person's first term of the role) per current term.
    index("cargo_terms_seat_idx").on(t.cargoId, t.seat, t.startsOn),
  ],
);

/** Apoyo: a socia learning a role (the pipeline of who is coming up), from a day until she stops. */
export const cargoApoyos = pgTable(
  "cargo_apoyos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ollaId: uuid("olla_id").notNull().references(() => ollas.id),
    cargoId: uuid("cargo_id").notNull(),
    sociaId: uuid("socia_id").notNull(),
    startedOn: date("started_on").notNull(),
    endedOn: date("ended_on"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "cargo_apoyos_cargo_fk", columns: [t.cargoId, t.ollaId], foreignColumns: [cargos.id, cargos.ollaId] }),
    foreignKey({ name: "cargo_apoyos_socia_fk", columns: [t.sociaId, t.ollaId], foreignColumns: [socias.id, socias.ollaId] }),
    uniqueIndex("cargo_apoyos_one_open").on(t.cargoId, t.sociaId).where(sql`${t.endedOn} is null`),
    check("cargo_apoyos_ends_after_start", sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
    index("cargo_apoyos_olla_idx").on(t.ollaId),
  ],
);
