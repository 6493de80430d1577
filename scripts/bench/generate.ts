/**
 * City-scale dataset generator (npm run seed:scale; also used by the tests at tiny sizes).
 *
 * Deterministic: the small tables (zones, ollas, sources, users, memberships) come from the
 * seeded Rng of src/server/db/seed/random.ts and go in as one json_to_recordset statement
 * each; the big tables (assessments, needs, stock movements) are single INSERT … SELECT over
 * generate_series whose "random" values are PostgreSQL's portable 64-bit hash of
 * (row key, seed + salt). Same seed and same --today: same rows, same checksum.
 *
 * Realistic proportions: ollas concentrate in the peripheral districts (SJL, VMT, VES, Comas,
 * Ate…); every movement group is one entry followed by four exits of 95 % of it, so no
 * balance ever goes negative; most entries of an olla come from one main institution, so
 * the dependency indicators have something to show.
 */
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "~/server/db/client";
import { hashPassword } from "~/server/auth/password";
import { isInLima } from "~/server/domain/location";
import { publicPoint, schemeFingerprint } from "~/server/domain/public-point";
import { locationKey } from "~/server/location-key";
import { saveSchemeFingerprint } from "~/server/db/queries/public-points";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { FIRST_NAMES, LAST_NAMES, OLLA_NAMES, SETTLEMENTS } from "~/server/db/seed/names";
import { daysAgo, isoDay, Rng } from "~/server/db/seed/random";
import { generateLabour } from "./generate-labour";
import { generatePlans } from "./generate-plans";
import { generatePosts } from "./generate-posts";

export interface ScaleOptions {
  ollas: number;
  needs: number;
  movements: number;
  seed: number;
  /** The dataset's "today" (YYYY-MM-DD): dates are relative to it. */
  today: string;
  /** Load the ledger with its per-row checks (foreign keys, validating trigger) off, then verify the same rules set-based. Needs a superuser. */
  fast?: boolean;
  log?: (msg: string) => void;
  /** Key for the public points (default: the app's, src/server/location-key.ts). */
  locationKey?: string;
}

export const DEFAULT_SIZES = { ollas: 10_000, needs: 200_000, movements: 2_000_000, seed: 42 } as const;
/** Every account made by the generator signs in with this password (as the demo accounts do). */
export const SCALE_PASSWORD = "ollas2026";
/** Delegates' phones: +519 1000 0000 + olla index (the first delegate of the olla of index i). */
export const DELEGATE_PHONE_BASE = 10_000_000;
/** Days of ledger history. */
const LEDGER_DAYS = 365;

/** Relative weight of each district in the number of ollas (peripheral, poorer districts first). Unlisted: 1. */
const DISTRICT_WEIGHTS: Record<string, number> = {
  "070101": 5, "070102": 1, "070103": 1, "070104": 0.5, "070105": 0.05, "070106": 6, "070107": 2,
  "150101": 3, "150102": 1.5, "150103": 8, "150104": 0.3, "150105": 0.5, "150106": 7, "150107": 1,
  "150108": 4, "150109": 1.5, "150110": 8, "150111": 4, "150112": 4, "150113": 0.1, "150114": 0.8,
  "150115": 2, "150116": 0.1, "150117": 3, "150118": 6, "150119": 3, "150120": 0.1, "150121": 0.1,
  "150122": 0.1, "150123": 5, "150124": 0.8, "150125": 7, "150126": 0.3, "150127": 0.3, "150128": 3,
  "150129": 0.3, "150130": 0.1, "150131": 0.05, "150132": 14, "150133": 7, "150134": 0.8, "150135": 5,
  "150136": 0.5, "150137": 2, "150138": 0.05, "150139": 1, "150140": 1.5, "150141": 0.5, "150142": 9,
  "150143": 10,
};

/** Network catalogue items used by the ledger: weight among entries, quantity per 100 rations a day, price in céntimos, shelf life. */
const ITEM_PROFILE: Record<string, { w: number; per100: number; priceCents: number; shelfDays?: number }> = {
  arroz: { w: 14, per100: 8, priceCents: 420 },
  fideos: { w: 8, per100: 4, priceCents: 500 },
  aceite: { w: 8, per100: 1.5, priceCents: 900 },
  menestras: { w: 8, per100: 3, priceCents: 700 },
  azucar: { w: 6, per100: 2, priceCents: 400 },
  avena: { w: 3, per100: 1, priceCents: 600 },
  sal: { w: 2, per100: 0.3, priceCents: 200 },
  leche: { w: 3, per100: 5, priceCents: 450, shelfDays: 7 },
  leche_tarro: { w: 4, per100: 10, priceCents: 380 },
  conserva_pescado: { w: 5, per100: 12, priceCents: 650 },
  huevos: { w: 5, per100: 40, priceCents: 60, shelfDays: 21 },
  pollo: { w: 8, per100: 6, priceCents: 1000, shelfDays: 3 },
  pescado: { w: 3, per100: 4, priceCents: 1200, shelfDays: 2 },
  papa: { w: 7, per100: 10, priceCents: 250 },
  verduras: { w: 9, per100: 8, priceCents: 300, shelfDays: 5 },
  frutas: { w: 3, per100: 5, priceCents: 350, shelfDays: 7 },
  gas_10kg: { w: 4, per100: 0.5, priceCents: 5000 },
  lena: { w: 2, per100: 15, priceCents: 80 },
};

// Where entries come from (share of entries). Institutional types name a source row.
const SOURCE_MIX = [
  ["purchase", 30], ["member_contribution", 10], ["individual_donation", 5], ["parish", 10],
  ["ngo", 10], ["company", 5], ["municipal_program", 15], ["state_program", 15],
] as const;
const EXIT_MIX = [["cooked", 95], ["spoiled", 3], ["lost", 2]] as const;
const NEED_CATEGORY_MIX = [
  ["food", 30], ["water", 12], ["storage", 10], ["cooking", 10], ["refrigeration", 8], ["nutrition", 8],
  ["sanitation", 7], ["space", 5], ["electricity", 5], ["other", 5],
] as const;
const URGENCY_MIX = [["low", 20], ["medium", 40], ["high", 30], ["critical", 10]] as const;
const NEED_TEXT: Record<string, string[]> = {
  food: ["Arroz y menestras para la semana", "Víveres para el mes", "Proteína: pollo o pescado", "Aceite y azúcar"],
  water: ["Tanque de agua de 1100 L", "Abastecimiento de agua por cisterna", "Bidones para almacenar agua"],
  storage: ["Estantes para el almacén", "Tarros con tapa contra roedores", "Parihuelas para sacos"],
  cooking: ["Cocina industrial de dos hornillas", "Balones de gas", "Ollas grandes de aluminio"],
  refrigeration: ["Congeladora para conservar pollo", "Refrigeradora pequeña"],
  nutrition: ["Frutas y verduras para los niños", "Leche para niños menores de 5 años"],
  sanitation: ["Lavadero con desagüe", "Útiles de limpieza y desinfección"],
  space: ["Techo de calamina para la cocina", "Mesas y bancas para el comedor"],
  electricity: ["Instalación eléctrica segura", "Focos y cableado"],
  other: ["Mandiles y gorros", "Capacitación en manipulación de alimentos"],
};
const CATEGORY_BASE: Record<string, number> = {
  water: 0.9, sanitation: 1.1, storage: 1.2, cooking: 1.5, space: 1.4, electricity: 1.8, refrigeration: 0.8, nutrition: 1.2,
};

const lit = (s: string) => sql.raw(`'${s.replace(/'/g, "''")}'`);
const num = (n: number) => sql.raw(String(n));

/** The generator's SQL vocabulary, bound to one seed. */
function sqlRandom(seed: number) {
  /** Uniform in [0, 1) from a row key (bigint expression) and a salt; deterministic. */
  const u = (salt: number, key: SQL): SQL =>
    sql`((hashint8extended((${key})::bigint, ${num(seed * 7919 + salt)}::bigint) & 2147483647)::float8 / 2147483648.0)`;
  /** CASE over cumulative weights: the value whose band holds r. */
  const weighted = (r: SQL, items: readonly (readonly [string, number])[], cast = ""): SQL => {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let acc = 0;
    const parts = items.slice(0, -1).map(([v, w]) => {
      acc += w;
      return sql`when ${r} < ${num(acc / total)} then ${lit(v)}${sql.raw(cast)}`;
    });
    return sql`(case ${sql.join(parts, sql` `)} else ${lit(items[items.length - 1]![0])}${sql.raw(cast)} end)`;
  };
  return { u, weighted };
}

/** A deterministic UUID (v4 layout) from the Rng. */
function uuidFrom(rng: Rng): string {
  const b = Array.from({ length: 16 }, () => Math.floor(rng.next() * 256));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Largest-remainder split of n into integer shares proportional to weights. */
function apportion(n: number, weights: number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (n * w) / total);
  const out = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = n - out.reduce((s, x) => s + x, 0);
  for (let k = 0; k < missing; k++) out[order[k]![1]]! += 1;
  return out;
}

async function insertJson(db: Db, table: string, columns: string, rows: unknown[]): Promise<void> {
  // One statement per table: a json parameter unpacked by PostgreSQL, chunked to stay well under 1 GB.
  for (let i = 0; i < rows.length; i += 20_000) {
    const chunk = JSON.stringify(rows.slice(i, i + 20_000));
    const names = columns.split(",").map((c) => c.trim().split(/\s+/)[0]).join(", ");
    await db.execute(sql`insert into ${sql.raw(table)} (${sql.raw(names)}) select ${sql.raw(names)} from json_to_recordset(${chunk}::json) as x(${sql.raw(columns)})`);
  }
}

export interface ScaleResult {
  counts: Record<string, number>;
  seconds: Record<string, number>;
  checksum: string;
}

/** Fills an empty, migrated database. Throws if it already has ollas. */
export async function generateScaleData(db: Db, opts: ScaleOptions): Promise<ScaleResult> {
  const log = opts.log ?? (() => {});
  const seconds: Record<string, number> = {};
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const r = await fn();
    seconds[name] = Math.round((performance.now() - t0) / 10) / 100;
    log(`  ${name.padEnd(14)} ${seconds[name]!.toFixed(2)} s`);
    return r;
  };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) throw new Error(`--today must be YYYY-MM-DD, got ${opts.today}`);
  for (const k of ["ollas", "needs", "movements", "seed"] as const) {
    if (!Number.isInteger(opts[k]) || opts[k] < 0) throw new Error(`--${k} must be a non-negative integer`);
  }
  if (opts.ollas < 1) throw new Error("--ollas must be at least 1");

  const [{ n: existing } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ollas`));
  if (existing > 0) throw new Error(`the database already has ${existing} ollas`);

  const rng = new Rng(opts.seed);
  const { u, weighted } = sqlRandom(opts.seed);
  const today = new Date(`${opts.today}T12:00:00Z`);
  const TODAY = sql.raw(`date '${opts.today}'`);
  const hash = await hashPassword(SCALE_PASSWORD);
  // Public points under the key the app will run with (LOCATION_KEY, or the development key),
  // recorded as such so the app's start-up does not recompute them.
  const key = opts.locationKey ?? locationKey();

  await db.transaction(async (tx0) => {
    const tx = tx0 as unknown as Db;
    await tx.execute(sql`set local work_mem = '64MB'`);
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);

    // Zones: one red zonal per district.
    const districts = rowsOf<{ ubigeo: string; name: string; lat: number; lng: number }>(
      await tx.execute(sql`select ubigeo, name, centroid_lat as lat, centroid_lng as lng from districts order by ubigeo`),
    );
    if (districts.length === 0) throw new Error("the districts table is empty (migration 0001 missing?)");
    const zoneRows = districts.map((d) => ({ id: uuidFrom(rng), name: `Red zonal ${d.name}`, district_ubigeo: d.ubigeo }));
    await step("zones", () => insertJson(tx, "zones", "id uuid, name text, district_ubigeo varchar", zoneRows));

    // Ollas, ordered by id afterwards so their index is stable.
    const weights = districts.map((d) => DISTRICT_WEIGHTS[d.ubigeo] ?? 1);
    const perDistrict = apportion(opts.ollas, weights);
    type OllaGen = Record<string, unknown> & { id: string; zone_id: string };
    const ollaRows: OllaGen[] = [];
    districts.forEach((d, di) => {
      const spread = 0.008 + 0.004 * Math.sqrt(weights[di]!);
      const used = new Map<string, number>();
      for (let i = 0; i < perDistrict[di]!; i++) {
        let lat = d.lat;
        let lng = d.lng;
        for (let tries = 0; tries < 20; tries++) {
          const p = { lat: d.lat + rng.normal(0, spread), lng: d.lng + rng.normal(0, spread) };
          if (isInLima(p)) {
            ({ lat, lng } = p);
            break;
          }
        }
        lat = Math.round(lat * 1e6) / 1e6;
        lng = Math.round(lng * 1e6) / 1e6;
        const base = `Olla Común ${rng.pick(OLLA_NAMES)}`;
        const k = (used.get(base) ?? 0) + 1;
        used.set(base, k);
        const locationSeed = rng.int(1, 0x7ffffffe);
        const publishExact = rng.chance(0.08);
        const pub = publicPoint({ lat, lng }, locationSeed, publishExact, key);
        const rations = Math.max(20, Math.min(600, Math.round(rng.normal(110, 45))));
        const founded = daysAgo(today, rng.int(120, 2400));
        ollaRows.push({
          id: uuidFrom(rng),
          name: k === 1 ? base : `${base} ${k}`,
          district_ubigeo: d.ubigeo,
          zone_id: zoneRows[di]!.id,
          status: rng.weighted([["active", 88], ["paused", 8], ["closed", 4]] as const),
          address_reference: `Mz. ${String.fromCharCode(65 + rng.int(0, 15))} Lt. ${rng.int(1, 30)}, ${rng.pick(SETTLEMENTS)}`,
          lat,
          lng,
          location_seed: locationSeed,
          public_lat: pub.lat,
          public_lng: pub.lng,
          publish_exact: publishExact,
          founded_on: isoDay(founded),
          cooking_days: rng.chance(0.5) ? ["mon", "tue", "wed", "thu", "fri"] : ["mon", "tue", "wed", "thu", "fri", "sat"],
          rations_per_day: rations,
          beneficiaries_children: Math.round(rations * (0.3 + rng.next() * 0.2)),
          beneficiaries_older_adults: Math.round(rations * (0.08 + rng.next() * 0.1)),
          beneficiaries_pregnant_nursing: rng.int(2, 12),
          beneficiaries_disabled: rng.int(0, 6),
          ration_price_cents: rng.weighted([[0, 30], [100, 25], [150, 20], [200, 20], [250, 5]] as const),
          contact_name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
          contact_phone: `+519${String(rng.int(10_000_000, 99_999_999))}`,
          created_at: `${isoDay(founded)}T15:00:00Z`,
        });
      }
    });
    ollaRows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await step("ollas", () =>
      insertJson(
        tx,
        "ollas",
        `id uuid, name text, district_ubigeo varchar, zone_id uuid, status olla_status, address_reference text, lat float8, lng float8,
         location_seed int, public_lat float8, public_lng float8, publish_exact bool, founded_on date, cooking_days text[],
         rations_per_day int, beneficiaries_children int, beneficiaries_older_adults int, beneficiaries_pregnant_nursing int,
         beneficiaries_disabled int, ration_price_cents int, contact_name text, contact_phone text, created_at timestamptz`,
        ollaRows,
      ),
    );
    await saveSchemeFingerprint(tx, schemeFingerprint(key));

    // People: a delegate per olla (a second one in 15 %), two coordinators per zone, five for the city.
    const users: Record<string, unknown>[] = [];
    const members: Record<string, unknown>[] = [];
    const person = () => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    ollaRows.forEach((o, i) => {
      const id = uuidFrom(rng);
      users.push({ id, name: person(), phone: `+519${DELEGATE_PHONE_BASE + i}`, email: null });
      members.push({ id: uuidFrom(rng), user_id: id, role: "delegate", olla_id: o.id, zone_id: null });
    });
    let extra = 0;
    ollaRows.forEach((o) => {
      if (!rng.chance(0.15)) return;
      const id = uuidFrom(rng);
      users.push({ id, name: person(), phone: `+519${DELEGATE_PHONE_BASE + opts.ollas + extra++}`, email: null });
      members.push({ id: uuidFrom(rng), user_id: id, role: "delegate", olla_id: o.id, zone_id: null });
    });
    zoneRows.forEach((z, zi) => {
      for (let k = 1; k <= 2; k++) {
        const id = uuidFrom(rng);
        users.push({ id, name: person(), phone: null, email: `zona${zi + 1}.${k}@escala.redollas.pe` });
        members.push({ id: uuidFrom(rng), user_id: id, role: "zone_coordinator", olla_id: null, zone_id: z.id });
      }
    });
    for (let k = 1; k <= 5; k++) {
      const id = uuidFrom(rng);
      users.push({ id, name: person(), phone: null, email: `ciudad${k}@escala.redollas.pe` });
      members.push({ id: uuidFrom(rng), user_id: id, role: "city_coordinator", olla_id: null, zone_id: null });
    }
    await step("users", async () => {
      await insertJson(tx, "users", "id uuid, name text, phone text, email text, password_hash text", users.map((x) => ({ ...x, password_hash: hash })));
      await insertJson(tx, "memberships", "id uuid, user_id uuid, role role, olla_id uuid, zone_id uuid", members);
    });

    // Institutions that supply ollas: parishes and municipal programmes per district, NGOs, companies, state programmes.
    const sources: { id: string; type: string; name: string }[] = [];
    for (const d of districts) {
      sources.push({ id: uuidFrom(rng), type: "parish", name: `Parroquia ${rng.pick(OLLA_NAMES)} de ${d.name}` });
      sources.push({ id: uuidFrom(rng), type: "parish", name: `Parroquia San ${rng.pick(LAST_NAMES)} de ${d.name}` });
      sources.push({ id: uuidFrom(rng), type: "municipal_program", name: `Programa de Complementación Alimentaria – ${d.name}` });
    }
    for (let k = 1; k <= 40; k++) sources.push({ id: uuidFrom(rng), type: "ngo", name: `Asociación Solidaria ${rng.pick(OLLA_NAMES)} ${k}` });
    for (let k = 1; k <= 25; k++) sources.push({ id: uuidFrom(rng), type: "company", name: `Distribuidora ${rng.pick(LAST_NAMES)} ${k} S.A.C.` });
    for (const name of ["Qali Warma", "Programa Nacional Wasi Mikuna", "MIDIS – Ollas Comunes", "Defensa Civil – Ayuda Alimentaria"]) {
      sources.push({ id: uuidFrom(rng), type: "state_program", name });
    }
    const uniqueSources = [...new Map(sources.map((s) => [`${s.type}:${s.name.toLowerCase()}`, s])).values()];
    await step("sources", () => insertJson(tx, "stock_sources", "id uuid, type stock_source_type, name text", uniqueSources));

    // Shared lookup tables for the set-based steps, as CTEs from literal arrays.
    const N = ollaRows.length;
    // Each olla's index (by id) and its first delegate (phone = base + index), joined by the set-based steps.
    const ollas = sql`(select o.oi, o.id, o.rations, d.id as delegate
        from (select (row_number() over (order by id) - 1)::int as oi, id, rations_per_day as rations from ollas) o
        join users d on d.phone = '+519' || (${num(DELEGATE_PHONE_BASE)} + o.oi)::text)`;

    // Assessment histories: 1–4 points per category, some improving over time.
    const cats = PROBLEM_CATEGORIES.map((c, i) => sql`(${num(i)}, ${lit(c)}::problem_category, ${num(CATEGORY_BASE[c]!)})`);
    await step("assessments", () =>
      tx.execute(sql`
        with o as ${ollas}, c(ci, cat, base) as (values ${sql.join(cats, sql`, `)}),
        s as (
          select o.oi, o.id, o.delegate, c.ci, c.cat, c.base, p,
                 1 + floor(${u(1, sql`o.oi * 8 + c.ci`)} * 4)::int as points,
                 -- a rough normal from three uniforms, around the category's base level
                 (c.base + (${u(2, sql`o.oi * 8 + c.ci`)} + ${u(3, sql`o.oi * 8 + c.ci`)} + ${u(4, sql`o.oi * 8 + c.ci`)} - 1.5) * 1.6) as start
          from o cross join c cross join generate_series(0, 3) p
        )
        insert into assessments (olla_id, category, level, assessed_on, created_by, created_at)
        select id, cat,
               -- a third of the ollas improve one level per assessment; a few slip back once
               least(3, greatest(0, round(start)::int + case when ${u(5, sql`oi * 8 + ci`)} < 0.35 then p
                                                            when ${u(5, sql`oi * 8 + ci`)} < 0.42 then -least(p, 1) else 0 end)),
               ${TODAY} - (540 - p * 130 - floor(${u(6, sql`(oi * 8 + ci) * 4 + p`)} * 60)::int),
               delegate,
               (${TODAY} - (540 - p * 130 - floor(${u(6, sql`(oi * 8 + ci) * 4 + p`)} * 60)::int)) + time '18:00'
        from s where p < points
        order by id, cat, p`),
    );

    // Needs: older ones mostly met or cancelled, recent ones mostly open.
    if (opts.needs > 0) {
      const texts = Object.entries(NEED_TEXT).map(
        ([cat, arr]) => sql`when ${lit(cat)} then (array[${sql.join(arr.map(lit), sql`, `)}])[1 + floor(r_text * ${num(arr.length)})::int]`,
      );
      await step("needs", () =>
        tx.execute(sql`
          with o as ${ollas},
          g as (
            select n, (n % ${num(N)})::int as oi, ${u(10, sql`n`)} as r_cat, ${u(11, sql`n`)} as r_urg,
                   floor(${u(12, sql`n`)} * 540)::int as age, ${u(13, sql`n`)} as r_status, ${u(14, sql`n`)} as r_text,
                   ${u(15, sql`n`)} as r_qty, ${u(16, sql`n`)} as r_vis, ${u(17, sql`n`)} as r_close
            from generate_series(0, ${num(opts.needs - 1)}) n
            offset 0 -- a fence: each hash computed once per row, not once per CASE branch
          ),
          h as (
            select g.*, o.id as olla_id, o.delegate,
                   ${weighted(sql`r_cat`, NEED_CATEGORY_MIX, "::need_category")} as category,
                   ${weighted(sql`r_urg`, URGENCY_MIX, "::need_urgency")} as urgency,
                   case when age > 60 then ${weighted(sql`r_status`, [["met", 60], ["cancelled", 15], ["open", 15], ["in_progress", 10]], "::need_status")}
                        else ${weighted(sql`r_status`, [["open", 60], ["in_progress", 25], ["met", 12], ["cancelled", 3]], "::need_status")} end as status
            from g join o using (oi)
            offset 0
          )
          insert into needs (id, olla_id, category, description, quantity, unit, urgency, status, visibility, version,
                             created_by, created_at, updated_at, closed_at)
          select md5(${num(opts.seed)} || ':need:' || n)::uuid, olla_id, category,
                 case category::text ${sql.join(texts, sql` `)} end,
                 case when category = 'food' then round((10 + r_qty * 190)::numeric, 0)
                      when category = 'cooking' and r_qty < 0.5 then 1 + floor(r_qty * 8) end,
                 case when category = 'food' then 'kg' when category = 'cooking' and r_qty < 0.5 then 'unidad' end,
                 urgency, status,
                 case when r_vis < 0.8 then 'public'::need_visibility else 'network'::need_visibility end,
                 case when status = 'open' then 1 else 2 end,
                 delegate,
                 (${TODAY} - age) + time '10:00',
                 (${TODAY} - age + case when status = 'open' then 0 else least(age, floor(r_close * 60)::int) end) + time '11:00',
                 case when status in ('met', 'cancelled') then (${TODAY} - age + least(age, floor(r_close * 60)::int)) + time '11:00' end
          from h
          order by olla_id, n`),
      );
    }

    // The ledger. Movement n belongs to olla n % N; within the olla, groups of five: one entry,
    // then four exits of 95 % of it on the following days, spread over LEDGER_DAYS.
    if (opts.movements > 0) {
      const items = rowsOf<{ code: string; id: string; unit: string }>(
        await tx.execute(sql`select code, id, unit::text as unit from stock_items where olla_id is null and code is not null order by code`),
      ).filter((i) => ITEM_PROFILE[i.code]);
      if (items.length === 0) throw new Error("no network items in stock_items (migration missing?)");
      const itemValues = items.map((it, k) => {
        const p = ITEM_PROFILE[it.code]!;
        return sql`(${num(k)}, ${lit(it.id)}::uuid, ${lit(it.unit)}::stock_unit, ${num(p.per100)}::numeric, ${num(p.priceCents)}, ${num(p.shelfDays ?? 0)})`;
      });
      const itemPick = weighted(
        sql`r_item`,
        items.map((it, k) => [String(k), ITEM_PROFILE[it.code]!.w] as const),
        "::int",
      );
      const byType = new Map<string, string[]>();
      for (const s of uniqueSources) byType.set(s.type, [...(byType.get(s.type) ?? []), s.id]);
      // 80 % of an olla's entries of an institutional type come from its main institution of that type.
      const sourceCase = sql.join(
        [...byType].map(([type, ids]) => {
          const arr = sql.raw(`(array[${ids.map((id) => `'${id}'`).join(",")}]::uuid[])`);
          const main = u(21, sql`oi::bigint * 16 + ${num(ids.length)}`);
          return sql`when ${lit(type)} then ${arr}[1 + floor((case when r_main < 0.8 then ${main} else r_src end) * ${num(ids.length)})::int]`;
        }),
        sql` `,
      );
      const counted = sql`it.unit in ('unit', 'can')`;
      // Bulk load of the ledger without its per-row checks — the foreign keys and the insert
      // trigger that merely validates — whose rules verifyIntegrity() then checks set-based (as
      // pg_restore does). Statement-level triggers that keep derived data (the dashboard's
      // balances) stay on and see the whole load at once. Any other per-row insert trigger
      // makes the rows go in checked, one by one.
      const rowChecks = opts.fast ? await rowInsertChecks(tx, "stock_movements") : null;
      if (opts.fast && !rowChecks) log("  (stock_movements has a per-row insert trigger that is not a check: loading it row-checked)");
      for (const t of rowChecks ?? []) await tx.execute(sql.raw(`alter table stock_movements disable trigger "${t}"`));
      // Secondary indexes are built once after the load (sorted, in bulk) rather than updated row by row.
      const rebuild = opts.fast ? await dropSecondaryIndexes(tx, "stock_movements") : [];
      await step("movements", () =>
        tx.execute(sql`
          with o as ${ollas},
          it(k, id, unit, per100, price, shelf) as (values ${sql.join(itemValues, sql`, `)}),
          g as (
            select n, (n % ${num(N)})::int as oi, (n / ${num(N)})::int as m
            from generate_series(0, ${num(opts.movements - 1)}::bigint) n
          ),
          h as (
            select g.*, m / 5 as grp, m % 5 as pos,
                   -- groups of this olla, and the days each group covers
                   ((((${num(opts.movements - 1)} - oi) / ${num(N)}) + 1 + 4) / 5)::int as groups
            from g
          ),
          q as (
            select h.*, o.id as olla_id, o.rations, o.delegate,
                   ${u(20, sql`oi::bigint * 1000000 + grp`)} as r_item, ${u(22, sql`oi::bigint * 1000000 + grp`)} as r_st,
                   ${u(23, sql`oi::bigint * 1000000 + grp`)} as r_qty,
                   ${u(24, sql`oi::bigint * 1000000 + grp`)} as r_main,
                   ${u(25, sql`oi::bigint * 1000000 + grp`)} as r_src,
                   ${u(26, sql`n`)} as r_exit, ${u(27, sql`n`)} as r_min,
                   ${num(LEDGER_DAYS)} - (grp * ${num(LEDGER_DAYS)}) / groups as day_in,
                   greatest(1, ${num(LEDGER_DAYS)} / groups / 5) as step
            from h join o using (oi)
            offset 0 -- a fence: each hash computed once per row
          ),
          r as (
            select q.*, it.id as item_id, it.unit, it.price, it.shelf,
                   ${weighted(sql`r_st`, SOURCE_MIX, "::stock_source_type")} as st,
                   -- the entry covers the group's days for this olla's rations, ±30 %
                   greatest(case when ${counted} then 4 else 1 end,
                     case when ${counted} then ceil(it.per100 * rations / 100.0 * greatest(step * 5, 3) * (0.7 + r_qty * 0.6)::numeric)
                          else round(it.per100 * rations / 100.0 * greatest(step * 5, 3) * (0.7 + r_qty * 0.6)::numeric, 3) end) as q_in,
                   greatest(0, day_in - pos * step) as ago
            from q join it on it.k = ${itemPick}
          )
          insert into stock_movements (olla_id, item_id, unit, direction, quantity, occurred_on, source_type, source_id,
                                       value_cents, exit_reason, expires_on, created_by, created_at)
          select olla_id, item_id, unit,
                 case when pos = 0 then 'in'::stock_direction else 'out'::stock_direction end,
                 case when pos = 0 then q_in
                      when unit in ('unit', 'can') then greatest(1, floor(q_in * 0.95 / 4))
                      else round(q_in * 0.95 / 4, 3) end,
                 ${TODAY} - ago,
                 case when pos = 0 then st end,
                 case when pos = 0 then (case st::text ${sourceCase} end) end,
                 case when pos = 0 then round(q_in * price)::int end,
                 case when pos > 0 then ${weighted(sql`r_exit`, EXIT_MIX, "::stock_exit_reason")} end,
                 case when pos = 0 and shelf > 0 then ${TODAY} - ago + shelf end,
                 delegate,
                 (${TODAY} - ago) + time '08:00' + pos * interval '2 hours' + floor(r_min * 90)::int * interval '1 minute'
          from r
          order by olla_id, n`),
      );
      if (rebuild.length) await step("indexes", async () => {
        for (const def of rebuild) await tx.execute(sql.raw(def));
      });
      if (rowChecks) {
        for (const t of rowChecks) await tx.execute(sql.raw(`alter table stock_movements enable trigger "${t}"`));
        await step("verify", () => verifyIntegrity(tx));
      }
    }

  });

  await step("labour", () => generateLabour(db, { seed: opts.seed, today: opts.today }));
  await step("plans", () => generatePlans(db, opts));
  await step("posts", () => generatePosts(db, { seed: opts.seed, today: opts.today }));
  await step("analyze", async () => {
    for (const t of ["ollas", "assessments", "needs", "stock_movements", "users", "memberships", "zones", "stock_sources"]) {
      await db.execute(sql.raw(`vacuum analyze ${t}`));
    }
  });

  return { counts: await countRows(db), seconds, checksum: await datasetChecksum(db) };
}

/** Per-row insert triggers of the ledger that only refuse bad rows (their rules are in verifyIntegrity). */
const VALIDATING_TRIGGERS = new Set(["stock_movements_check"]);

/**
 * The per-row insert triggers of a table that only check rows: foreign-key checks (internal)
 * and the known validating ones. Null when another per-row insert trigger exists.
 */
async function rowInsertChecks(db: Db, table: string): Promise<string[] | null> {
  // tgtype bits: 1 = FOR EACH ROW, 4 = INSERT.
  const rows = rowsOf<{ name: string; internal: boolean }>(
    await db.execute(sql`select tgname as name, tgisinternal as internal from pg_trigger
      where tgrelid = ${table}::regclass and (tgtype & 1) <> 0 and (tgtype & 4) <> 0 and tgenabled <> 'D'`),
  );
  if (rows.some((r) => !r.internal && !VALIDATING_TRIGGERS.has(r.name))) return null;
  return rows.map((r) => r.name);
}

/** Drops the indexes of a table that back no constraint; returns their definitions to create them again. */
async function dropSecondaryIndexes(db: Db, table: string): Promise<string[]> {
  const rows = rowsOf<{ name: string; def: string }>(
    await db.execute(sql`select i.relname as name, pg_get_indexdef(x.indexrelid) as def
      from pg_index x join pg_class i on i.oid = x.indexrelid
      where x.indrelid = ${table}::regclass
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`),
  );
  for (const r of rows) await db.execute(sql.raw(`drop index "${r.name}"`));
  return rows.map((r) => r.def);
}

/**
 * What the foreign keys and the ledger's insert trigger would have checked, set-based:
 * every reference resolves and no movement uses another olla's item. Throws on the first breach.
 */
export async function verifyIntegrity(db: Db): Promise<void> {
  const checks: [string, SQL][] = [
    ["movement → olla", sql`select count(*) from stock_movements m left join ollas o on o.id = m.olla_id where o.id is null`],
    ["movement → item/unit", sql`select count(*) from stock_movements m left join stock_items i on i.id = m.item_id and i.unit = m.unit where i.id is null`],
    ["movement item of another olla", sql`select count(*) from stock_movements m join stock_items i on i.id = m.item_id where i.olla_id is not null and i.olla_id <> m.olla_id`],
    ["movement → source/type", sql`select count(*) from stock_movements m left join stock_sources s on s.id = m.source_id and s.type = m.source_type where m.source_id is not null and s.id is null`],
    ["movement → user", sql`select count(*) from stock_movements m left join users u on u.id = m.created_by where m.created_by is not null and u.id is null`],
    ["need → olla", sql`select count(*) from needs n left join ollas o on o.id = n.olla_id where o.id is null`],
    ["assessment → olla", sql`select count(*) from assessments a left join ollas o on o.id = a.olla_id where o.id is null`],
    ["olla → zone", sql`select count(*) from ollas o left join zones z on z.id = o.zone_id where z.id is null`],
    ["membership → user", sql`select count(*) from memberships m left join users u on u.id = m.user_id where u.id is null`],
  ];
  for (const [name, q] of checks) {
    const [row] = rowsOf<{ count: number | string }>(await db.execute(q));
    if (Number(row?.count ?? 0) !== 0) throw new Error(`integrity check failed: ${name} (${row?.count} rows)`);
  }
}

export async function countRows(db: Db): Promise<Record<string, number>> {
  const [row] = rowsOf<Record<string, string | number>>(
    await db.execute(sql`select
      (select count(*) from zones) as zones, (select count(*) from ollas) as ollas,
      (select count(*) from assessments) as assessments, (select count(*) from needs) as needs,
      (select count(*) from stock_movements) as movements, (select count(*) from stock_sources) as sources,
      (select count(*) from users) as users, (select count(*) from memberships) as memberships`),
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));
}

/** MD5 over a few columns of every generated table, in a stable order: equal for equal seeds. */
export async function datasetChecksum(db: Db): Promise<string> {
  const [row] = rowsOf<{ c: string }>(
    await db.execute(sql`select md5(concat_ws('/',
      (select md5(string_agg(concat_ws('|', id, name, zone_id, status, lat, lng, public_lat, public_lng, rations_per_day), ',' order by id)) from ollas),
      (select md5(string_agg(concat_ws('|', olla_id, category, level, assessed_on), ',' order by olla_id, category, assessed_on, level)) from assessments),
      (select md5(string_agg(concat_ws('|', id, olla_id, category, urgency, status, visibility, quantity, created_at), ',' order by id)) from needs),
      -- items by code: their ids come from the migration (gen_random_uuid), not from the seed
      (select md5(string_agg(concat_ws('|', m.olla_id, i.code, m.direction, m.quantity, m.occurred_on, m.source_type, m.source_id, m.exit_reason, m.value_cents),
              ',' order by m.olla_id, m.created_at, i.code, m.direction, m.quantity)) from stock_movements m join stock_items i on i.id = m.item_id),
      (select md5(string_agg(concat_ws('|', u.id, u.phone, u.email, m.role, m.olla_id, m.zone_id), ',' order by u.id, m.id))
         from users u join memberships m on m.user_id = u.id)
    )) as c`),
  );
  return row!.c;
}
