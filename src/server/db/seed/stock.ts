import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { memberships, ollas, stockItems, stockSources } from "../schema";
import { NEED_CATEGORIES, NEED_URGENCIES } from "~/shared/needs";
import { addDays } from "~/shared/lima-day";
import { isoDay, Rng } from "./random";
import type { DemoContext } from "./seeders";

/**
 * Demo almacén: ~3 months of movements per olla, simulated day by day so that no
 * balance ever goes below zero. Daily cooking exits follow each olla's rations and
 * cooking days; purchases top stock up weekly; recurring institutions deliver on their
 * own rhythm (a few ollas lean almost entirely on one of them); a few solidarity
 * transfers between neighbouring ollas. Written set-based, a few thousand rows per
 * statement (json_to_recordset), in date order so ids follow time.
 */
const DAYS = 90;

// Per ration: kg (or l, or units) used on a day that item is cooked.
interface Plan {
  code: string;
  perRation: number;
  weekdays: number[]; // 0 = Sunday … 6 = Saturday
  pricePen: number; // per unit of the item
  bufferDays: number; // purchases top up to this many days of use (staples: two weeks)
  fresh?: boolean; // bought twice a week, no expiry date noted (delegates note it on packaged food)
}
const PLANS: Plan[] = [
  { code: "arroz", perRation: 0.09, weekdays: [1, 2, 3, 4, 5, 6], pricePen: 4.2, bufferDays: 14 },
  { code: "aceite", perRation: 0.012, weekdays: [1, 2, 3, 4, 5, 6], pricePen: 9.5, bufferDays: 14 },
  { code: "menestras", perRation: 0.06, weekdays: [1, 3, 5], pricePen: 7.5, bufferDays: 14 },
  { code: "fideos", perRation: 0.09, weekdays: [2, 4, 6], pricePen: 5, bufferDays: 14 },
  { code: "verduras", perRation: 0.07, weekdays: [1, 2, 3, 4, 5, 6], pricePen: 3, bufferDays: 5, fresh: true },
  { code: "pollo", perRation: 0.06, weekdays: [2, 5], pricePen: 10.5, bufferDays: 4, fresh: true },
  { code: "azucar", perRation: 0.015, weekdays: [1, 2, 3, 4, 5, 6], pricePen: 4, bufferDays: 14 },
];
const GAS_RATIONS_PER_CYLINDER = 260;
const GAS_PRICE = 48;
// Ollas outside the demo zone note their cooking weekly (as many delegates do in their
// notebooks), with a shorter menu: the dataset stays small enough to seed in seconds.
const DAILY_ZONE_UBIGEO = "150132";
const WEEKLY_PLANS = PLANS.filter((p) => ["arroz", "aceite", "menestras", "fideos", "verduras"].includes(p.code));
const PLAN_BY_CODE = new Map(PLANS.map((p) => [p.code, p]));

const WEEKDAY = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

interface Row {
  olla_id: string;
  item_id: string;
  unit: string;
  direction: "in" | "out";
  quantity: string;
  occurred_on: string;
  source_type: string | null;
  source_id: string | null;
  value_cents: number | null;
  exit_reason: string | null;
  transfer_id: string | null;
  expires_on: string | null;
  created_by: string | null;
  created_at: string;
}

const q3 = (n: number) => (Math.round(n * 1000) / 1000).toFixed(3);
const round1 = (n: number) => Math.round(n * 10) / 10;

async function insertRows(db: Db, rows: Row[]) {
  for (let i = 0; i < rows.length; i += 4000) {
    const chunk = JSON.stringify(rows.slice(i, i + 4000));
    await db.execute(sql`
      insert into stock_movements (olla_id, item_id, unit, direction, quantity, occurred_on, source_type, source_id,
        value_cents, exit_reason, transfer_id, expires_on, created_by, created_at)
      select olla_id, item_id, unit::stock_unit, direction::stock_direction, quantity, occurred_on, source_type::stock_source_type,
        source_id, value_cents, exit_reason::stock_exit_reason, transfer_id, expires_on, created_by, created_at
      from json_to_recordset(${chunk}::json) as x(olla_id uuid, item_id uuid, unit text, direction text, quantity numeric,
        occurred_on date, source_type text, source_id uuid, value_cents int, exit_reason text, transfer_id uuid,
        expires_on date, created_by uuid, created_at timestamptz)`);
  }
}

/**
 * Runs a bulk load with per-row foreign-key and trigger checks off, when the role may
 * (PGlite, a superuser; inside the seeding transaction only): those checks cost more
 * than the insert itself, and these rows are built from ids just read. The demo-data
 * test verifies the result (references, ledger rules, no negative balance).
 * Elsewhere (a non-superuser role) the checks simply stay on.
 */
async function withoutRowChecks(db: Db, load: () => Promise<void>) {
  let relaxed = false;
  try {
    await db.transaction(async (sp) => {
      await sp.execute(sql`set local session_replication_role = replica`);
    });
    relaxed = true;
  } catch {
    /* not permitted: keep the checks */
  }
  try {
    await load();
  } finally {
    if (relaxed) await db.execute(sql`set local session_replication_role = origin`);
  }
}

interface Supplier {
  sourceType: "parish" | "ngo" | "company" | "municipal_program" | "state_program";
  sourceId: string;
  everyDays: number;
  offset: number;
  // Share of each delivered item's use over the period the delivery covers.
  share: number;
  codes: string[];
}

async function delegateOllas(db: Db, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ ollaId: memberships.ollaId, userId: memberships.userId })
    .from(memberships)
    .where(and(inArray(memberships.userId, userIds), eq(memberships.role, "delegate")))
    .orderBy(asc(memberships.createdAt));
  const out = new Map<string, string>();
  // In the order of the demo accounts (delegate A first).
  for (const u of userIds) for (const r of rows) if (r.userId === u && r.ollaId && !out.has(r.ollaId)) out.set(r.ollaId, u);
  return out;
}

export async function seedStockDemo(db: Db, ctx: DemoContext): Promise<void> {
  // Own generator: this data does not shift when other seeders draw more numbers.
  const rng = new Rng(20260603);
  const today = isoDay(ctx.today);
  const start = addDays(today, -DAYS);
  const items = new Map((await db.select({ id: stockItems.id, code: stockItems.code, unit: stockItems.unit }).from(stockItems)).map((i) => [i.code!, i]));
  const olla = await db
    .select({ id: ollas.id, status: ollas.status, rations: ollas.rationsPerDay, days: ollas.cookingDays, district: ollas.districtUbigeo, zoneId: ollas.zoneId })
    .from(ollas)
    .where(sql`${ollas.id} in ${ctx.ollaIds}`);
  const byId = new Map(olla.map((o) => [o.id, o]));
  const ollaList = ctx.ollaIds.map((id) => byId.get(id)!).filter(Boolean);
  const districtNames = new Map(rowsOf<{ ubigeo: string; name: string }>(await db.execute(sql`select ubigeo, name from districts`)).map((d) => [d.ubigeo, d.name]));

  // The network's list of institutions: one municipal food programme per district, a few more.
  const districtsUsed = [...new Set(ollaList.map((o) => o.district))];
  const sourceValues = [
    ...districtsUsed.map((u) => ({ type: "municipal_program" as const, name: `PCA – Municipalidad de ${districtNames.get(u) ?? u}` })),
    { type: "state_program" as const, name: "MIDIS – Apoyo a ollas comunes" },
    { type: "ngo" as const, name: "Banco de Alimentos Perú" },
    { type: "ngo" as const, name: "ONG Mujeres Emprendedoras" },
    { type: "parish" as const, name: "Cáritas Lima" },
    { type: "parish" as const, name: "Parroquia Señor de los Milagros" },
    { type: "company" as const, name: "Molinera Santa Rosa S.A.C." },
    { type: "company" as const, name: "Distribuidora El Trigal S.A.C." },
  ];
  const sources = await db.insert(stockSources).values(sourceValues).onConflictDoNothing().returning({ id: stockSources.id, type: stockSources.type, name: stockSources.name });
  const byName = new Map(sources.map((s) => [s.name, s]));
  const pick = (type: Supplier["sourceType"]) => rng.pick(sources.filter((s) => s.type === type));

  // The demo delegates' ollas (their memberships), to sign their movements and show a lively almacén.
  const delegateOf = await delegateOllas(db, ctx.delegateUserIds);

  // Who supplies whom. ~8% of the ollas get almost everything from one institution.
  const suppliers = new Map<string, Supplier[]>();
  const dependent = new Set<string>();
  for (const o of ollaList) {
    const list: Supplier[] = [];
    const muni = byName.get(`PCA – Municipalidad de ${districtNames.get(o.district) ?? o.district}`)!;
    if (rng.chance(0.7)) list.push({ sourceType: "municipal_program", sourceId: muni.id, everyDays: 30, offset: rng.int(0, 29), share: 0.35 + rng.next() * 0.2, codes: ["arroz", "menestras", "aceite"] });
    if (rng.chance(0.35)) list.push({ sourceType: "parish", sourceId: pick("parish").id, everyDays: 14, offset: rng.int(0, 13), share: 0.2 + rng.next() * 0.15, codes: ["arroz", "fideos", "azucar"] });
    if (rng.chance(0.3)) list.push({ sourceType: "ngo", sourceId: pick("ngo").id, everyDays: 21, offset: rng.int(0, 20), share: 0.25, codes: ["verduras", "menestras", "pollo"] });
    if (rng.chance(0.1)) list.push({ sourceType: "company", sourceId: pick("company").id, everyDays: 45, offset: rng.int(0, 44), share: 0.4, codes: ["fideos", "aceite"] });
    if (rng.chance(0.15)) list.push({ sourceType: "state_program", sourceId: byName.get("MIDIS – Apoyo a ollas comunes")!.id, everyDays: 30, offset: rng.int(0, 29), share: 0.3, codes: ["arroz", "menestras"] });
    if (rng.chance(0.08)) {
      dependent.add(o.id);
      const patron = rng.chance(0.5) ? muni : pick(rng.chance(0.5) ? "parish" : "company");
      list.splice(0, list.length, {
        sourceType: patron.type as Supplier["sourceType"],
        sourceId: patron.id,
        everyDays: 7,
        offset: rng.int(0, 6),
        share: 0.9,
        codes: ["arroz", "aceite", "menestras", "fideos", "azucar", "pollo"],
      });
    }
    suppliers.set(o.id, list);
  }

  // Solidarity transfers between the demo delegates' ollas (the people who offered and accepted exist).
  const pair = [...delegateOf.entries()];
  const plannedTransfers: { from: string; to: string; by: string; decider: string; code: string; day: string; quantity: number }[] = [];
  if (pair.length >= 2) {
    const [[a, ua], [b, ub]] = pair as [[string, string], [string, string]];
    for (const [offset, from] of [[30, "a"], [55, "b"], [75, "a"]] as const) {
      plannedTransfers.push({
        from: from === "a" ? a : b,
        to: from === "a" ? b : a,
        by: from === "a" ? ua : ub,
        decider: from === "a" ? ub : ua,
        code: rng.pick(["arroz", "fideos", "menestras"]),
        day: addDays(start, offset),
        quantity: rng.int(5, 12),
      });
    }
  }
  const transferIds: string[] = [];
  if (plannedTransfers.length > 0) {
    // Inserted as withdrawn; the ones the simulation carries out become accepted below.
    const res = await db.execute(sql`
      insert into stock_transfers (from_olla_id, to_olla_id, item_id, unit, quantity, status, note, offered_by, decided_by, offered_at, decided_at)
      select x.from_olla, x.to_olla, x.item_id, 'kg', x.quantity, 'cancelled', 'Nos sobró esta semana', x.by, x.by, x.day::timestamptz, x.day::timestamptz + interval '3 hours'
      from json_to_recordset(${JSON.stringify(
        plannedTransfers.map((p) => ({ from_olla: p.from, to_olla: p.to, by: p.by, item_id: items.get(p.code)!.id, quantity: p.quantity, day: `${p.day}T10:00:00-05:00` })),
      )}::json) as x(from_olla uuid, to_olla uuid, by uuid, item_id uuid, quantity numeric, day text)
      returning id`);
    transferIds.push(...rowsOf<{ id: string }>(res).map((r) => r.id));
  }
  const accepted: { id: string; decider: string }[] = [];

  // The simulation, day by day over all ollas together (transfers touch two ollas).
  const balance = new Map<string, number>(); // `${olla}:${code}` → quantity
  const rows: Row[] = [];
  const bal = (o: string, c: string) => balance.get(`${o}:${c}`) ?? 0;
  const add = (o: string, c: string, q: number) => balance.set(`${o}:${c}`, bal(o, c) + q);
  const demoOlla = [...delegateOf.keys()][0];
  const dailyOllas = new Set(ollaList.filter((o) => o.district === DAILY_ZONE_UBIGEO).map((o) => o.id));
  const useFirewood = new Set(ollaList.filter(() => rng.chance(0.15)).map((o) => o.id));
  // Paused ollas stopped cooking some weeks ago; closed ones long before.
  const stopsOn = new Map(ollaList.map((o) => [o.id, o.status === "paused" ? addDays(today, -rng.int(10, 40)) : o.status === "closed" ? addDays(today, -rng.int(60, 85)) : null]));
  const noise = () => 0.85 + rng.next() * 0.3;

  // Rows are generated in the order they happen: their times (and so their ids) follow it.
  let stampDay = "";
  let stampN = 0;
  let stampBase = 0;
  const stamp = (day: string) => {
    if (day !== stampDay) {
      stampDay = day;
      stampN = 0;
      stampBase = Date.parse(`${day}T07:00:00-05:00`);
    }
    return new Date(stampBase + stampN++ * 15_000).toISOString();
  };
  const row = (o: string, code: string, direction: "in" | "out", q: number, day: string, extra: Partial<Row> = {}): Row => {
    const it = items.get(code)!;
    return {
      olla_id: o,
      item_id: it.id,
      unit: it.unit,
      direction,
      quantity: q3(q),
      occurred_on: day,
      source_type: null,
      source_id: null,
      value_cents: null,
      exit_reason: null,
      transfer_id: null,
      expires_on: null,
      created_by: delegateOf.get(o) ?? null,
      created_at: stamp(day),
      ...extra,
    };
  };

  const pending = new Map<string, number>(); // cooked but not yet written (weekly ollas)
  const owe = (o: string, c: string, q: number) => pending.set(`${o}:${c}`, (pending.get(`${o}:${c}`) ?? 0) + q);

  const oilPauseFrom = addDays(today, -14);
  const oilRestock = addDays(today, -3);
  const milkDay = addDays(today, -20);
  const milkUse = [addDays(today, -13), addDays(today, -6)];
  for (let d = 0; d < DAYS; d++) {
    const day = addDays(start, d);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    for (const o of ollaList) {
      const stop = stopsOn.get(o.id);
      if (stop && day >= stop) continue;
      const daily = dailyOllas.has(o.id);
      const menu = daily ? PLANS : WEEKLY_PLANS;
      const rations = Math.max(20, o.rations);
      const cooks = o.days.includes(WEEKDAY[weekday]!);
      const fuel = useFirewood.has(o.id) ? "lena" : "gas_10kg";
      // The demo olla has not restocked oil for two weeks but a little, three days ago:
      // its almacén shows a low-stock warning on a staple.
      const oilPause = o.id === demoOlla && day >= oilPauseFrom;
      // First day: a starting purchase of about a week of everything.
      if (d === 0) {
        for (const p of menu) {
          const q = round1(rations * p.perRation * 6);
          rows.push(row(o.id, p.code, "in", q, day, { source_type: "purchase", value_cents: Math.round(q * p.pricePen * 100) }));
          add(o.id, p.code, q);
        }
        const fq = fuel === "lena" ? 60 : 2;
        rows.push(row(o.id, fuel, "in", fq, day, { source_type: "purchase", value_cents: fuel === "lena" ? 4800 : 2 * GAS_PRICE * 100 }));
        add(o.id, fuel, fq);
      }
      // Institutional deliveries on their own rhythm.
      for (const s of suppliers.get(o.id) ?? []) {
        if ((d + s.offset) % s.everyDays !== 0 || d === 0) continue;
        for (const p of menu) {
          if (!s.codes.includes(p.code) || (oilPause && p.code === "aceite")) continue;
          const weekly = rations * p.perRation * p.weekdays.length;
          const q = round1(((weekly * s.everyDays) / 7) * s.share * noise());
          if (q <= 0) continue;
          rows.push(
            row(o.id, p.code, "in", q, day, {
              source_type: s.sourceType,
              source_id: s.sourceId,
              value_cents: rng.chance(0.7) ? Math.round(q * p.pricePen * 100) : null,
            }),
          );
          add(o.id, p.code, q);
        }
      }
      // Members bring vegetables now and then.
      if (cooks && rng.chance(daily ? 0.12 : 0.03)) {
        const q = round1(rations * (daily ? 0.03 : 0.1) * noise());
        rows.push(row(o.id, "verduras", "in", q, day, { source_type: rng.chance(0.7) ? "member_contribution" : "individual_donation" }));
        add(o.id, "verduras", q);
      }
      // Cooking: each item of the day's menu. Daily ollas write it every day; the others
      // note it and write the week's total on Saturday. Never more than is on hand.
      if (cooks) {
        for (const p of menu) if (p.weekdays.includes(weekday)) owe(o.id, p.code, rations * p.perRation * noise());
        owe(o.id, fuel, fuel === "lena" ? rations * 0.15 : rations / GAS_RATIONS_PER_CYLINDER);
      }
      if (daily || weekday === 6) {
        for (const p of menu) {
          const q = Math.min(bal(o.id, p.code), round1(pending.get(`${o.id}:${p.code}`) ?? 0));
          pending.set(`${o.id}:${p.code}`, 0);
          if (q < 0.1) continue;
          rows.push(row(o.id, p.code, "out", q, day, { exit_reason: "cooked" }));
          add(o.id, p.code, -q);
          // Some fresh food spoils now and then (ollas without a fridge).
          if (daily && p.fresh && rng.chance(0.03) && bal(o.id, p.code) >= 1) {
            rows.push(row(o.id, p.code, "out", 1, day, { exit_reason: "spoiled" }));
            add(o.id, p.code, -1);
          }
        }
        // Whole gas cylinders (the rest stays owed), firewood by the kilo.
        const owed = pending.get(`${o.id}:${fuel}`) ?? 0;
        const q = Math.min(bal(o.id, fuel), fuel === "lena" ? Math.round(owed) : Math.floor(owed));
        if (q >= 1) {
          rows.push(row(o.id, fuel, "out", q, day, { exit_reason: "cooked" }));
          add(o.id, fuel, -q);
          pending.set(`${o.id}:${fuel}`, owed - q);
        }
      }
      // Shopping: staples on Saturday, fresh food twice a week (weekly ollas once); dependent ollas barely buy.
      for (const p of menu) {
        const buyDay = p.fresh ? weekday === 1 || (daily && weekday === 4) : weekday === 6;
        if (!buyDay) continue;
        if (oilPause && p.code === "aceite") continue;
        const perDay = (rations * p.perRation * p.weekdays.length) / 7;
        const target = perDay * (dependent.has(o.id) ? 2 : daily ? p.bufferDays : Math.max(p.bufferDays, 9));
        const q = round1((target - bal(o.id, p.code)) * noise());
        if (q < 0.5) continue;
        rows.push(
          row(o.id, p.code, "in", q, day, { source_type: "purchase", value_cents: Math.round(q * p.pricePen * 100) }),
        );
        add(o.id, p.code, q);
      }
      if (oilPause && day === oilRestock) {
        const aceite = PLAN_BY_CODE.get("aceite")!;
        const q = round1(rations * aceite.perRation * 4 - bal(o.id, "aceite"));
        if (q > 0) rows.push(row(o.id, "aceite", "in", q, day, { source_type: "purchase", value_cents: Math.round(q * aceite.pricePen * 100) }));
        if (q > 0) add(o.id, "aceite", q);
      }
      // Fuel: gas cylinders for the coming week and one spare; firewood for the week.
      if (weekday === 6) {
        if (fuel === "lena") {
          const q = Math.max(0, Math.round(rations * 0.15 * 7 - bal(o.id, "lena")));
          if (q > 0) rows.push(row(o.id, "lena", "in", q, day, { source_type: rng.chance(0.5) ? "purchase" : "member_contribution" }));
          add(o.id, "lena", q);
        } else {
          const n = Math.ceil((rations * 6) / GAS_RATIONS_PER_CYLINDER) + 1 - bal(o.id, "gas_10kg");
          if (n > 0) rows.push(row(o.id, "gas_10kg", "in", n, day, { source_type: "purchase", value_cents: n * GAS_PRICE * 100 }));
          if (n > 0) add(o.id, "gas_10kg", n);
        }
      }
    }
    // The demo olla got evaporated milk that is close to its expiry date.
    if (demoOlla && day === milkDay) {
      rows.push(row(demoOlla, "leche_tarro", "in", 48, day, { source_type: "ngo", source_id: byName.get("Banco de Alimentos Perú")!.id, value_cents: 48 * 420, expires_on: addDays(today, 5) }));
      add(demoOlla, "leche_tarro", 48);
    }
    if (demoOlla && milkUse.includes(day)) {
      rows.push(row(demoOlla, "leche_tarro", "out", 12, day, { exit_reason: "cooked" }));
      add(demoOlla, "leche_tarro", -12);
    }
    // Solidarity transfers due today, if the giver can spare them.
    plannedTransfers.forEach((t, i) => {
      if (t.day !== day || bal(t.from, t.code) < t.quantity + 5) return;
      const id = transferIds[i]!;
      rows.push(row(t.from, t.code, "out", t.quantity, day, { exit_reason: "transferred", transfer_id: id }));
      rows.push(row(t.to, t.code, "in", t.quantity, day, { transfer_id: id }));
      add(t.from, t.code, -t.quantity);
      add(t.to, t.code, t.quantity);
      accepted.push({ id, decider: t.decider });
    });
  }

  await withoutRowChecks(db, () => insertRows(db, rows));
  for (const a of accepted) {
    await db.execute(sql`update stock_transfers set status = 'accepted', decided_by = ${a.decider} where id = ${a.id}`);
  }
  // And one offer waiting for the first demo delegate to accept or decline.
  if (pair.length >= 2) {
    const [[a, ua], [b, ub]] = pair as [[string, string], [string, string]];
    void ua;
    if (bal(b, "fideos") >= 8) {
      await db.execute(sql`insert into stock_transfers (from_olla_id, to_olla_id, item_id, unit, quantity, note, offered_by, offered_at)
        values (${b}, ${a}, ${items.get("fideos")!.id}, 'kg', 6, 'Recibimos mucho fideo de la parroquia', ${ub}, now() - interval '5 hours')`);
    }
  }
}

/** Needs of every category and urgency across the ollas, most open, some already met. */
export async function seedNeedsDemo(db: Db, ctx: DemoContext): Promise<void> {
  const rng = new Rng(20260604);
  const today = isoDay(ctx.today);
  const text: Record<(typeof NEED_CATEGORIES)[number], [string, number | null, string | null][]> = {
    water: [["Tanque de agua de 1100 litros", 1, "unidad"], ["Manguera para llenar el tanque desde la cisterna", 30, "metros"], ["Bidones para guardar agua limpia", 6, "unidades"]],
    sanitation: [["Lavadero de acero para la cocina", 1, "unidad"], ["Trampa de grasa y tubería de desagüe", null, null], ["Basureros con tapa", 3, "unidades"]],
    storage: [["Estantes metálicos para el almacén", 2, "unidades"], ["Tarimas para no poner los sacos en el suelo", 4, "unidades"], ["Táperes grandes con tapa", 10, "unidades"]],
    cooking: [["Cocina semiindustrial de dos hornillas", 1, "unidad"], ["Ollas de 50 litros", 2, "unidades"], ["Balones de gas para el mes", 4, "unidades"]],
    space: [["Techo de calamina para el comedor", 12, "planchas"], ["Mesas y bancas para servir", 3, "juegos"], ["Permiso para usar el local comunal", null, null]],
    electricity: [["Instalación eléctrica segura para la cocina", null, null], ["Focos LED y cableado", 6, "unidades"]],
    refrigeration: [["Refrigeradora para conservar pollo y verduras", 1, "unidad"], ["Congeladora de segunda", 1, "unidad"]],
    nutrition: [["Capacitación en menús balanceados para niños", null, null], ["Frutas para el refrigerio de los niños", 20, "kg"], ["Huevos para las gestantes", 180, "unidades"]],
    food: [["Arroz para las próximas dos semanas", 100, "kg"], ["Menestras", 40, "kg"], ["Aceite", 20, "litros"], ["Pollo para el segundo", 25, "kg"]],
    other: [["Mandiles y gorros para las socias", 12, "unidades"], ["Útiles de limpieza", null, null], ["Ayuda con el trámite de reconocimiento municipal", null, null]],
  };
  const values: Record<string, unknown>[] = [];
  const open = ctx.ollaIds;
  // Every category × urgency at least once, open and public, spread over the ollas.
  let k = 0;
  for (const c of NEED_CATEGORIES) {
    for (const u of NEED_URGENCIES) {
      const [d, q, unit] = rng.pick(text[c]);
      values.push({ olla_id: open[(k * 7) % open.length], category: c, description: d, quantity: q, unit, urgency: u, status: "open", visibility: "public", day: addDays(today, -rng.int(1, 60)) });
      k++;
    }
  }
  // Then 0–3 more per olla, with mixed states and visibility.
  for (const id of open) {
    for (let i = rng.int(0, 3); i > 0; i--) {
      const c = rng.pick(NEED_CATEGORIES);
      const [d, q, unit] = rng.pick(text[c]);
      const status = rng.weighted([["open", 60], ["in_progress", 15], ["met", 20], ["cancelled", 5]] as const);
      values.push({
        olla_id: id,
        category: c,
        description: d,
        quantity: q,
        unit,
        urgency: rng.weighted([["low", 20], ["medium", 35], ["high", 30], ["critical", 15]] as const),
        status,
        visibility: rng.chance(0.75) ? "public" : "network",
        day: addDays(today, -rng.int(1, 120)),
      });
    }
  }
  // The demo delegates' ollas have an open public and an open network-only need to show.
  for (const id of (await delegateOllas(db, ctx.delegateUserIds)).keys()) {
    values.push({ olla_id: id, category: "refrigeration", description: "Refrigeradora para conservar pollo y verduras", quantity: 1, unit: "unidad", urgency: "high", status: "open", visibility: "public", day: addDays(today, -9) });
    values.push({ olla_id: id, category: "space", description: "Permiso para usar el local comunal", quantity: null, unit: null, urgency: "medium", status: "open", visibility: "network", day: addDays(today, -15) });
  }
  await db.execute(sql`
    insert into needs (olla_id, category, description, quantity, unit, urgency, status, visibility, created_at, updated_at, closed_at)
    select olla_id, category::need_category, description, quantity, unit, urgency::need_urgency, status::need_status, visibility::need_visibility,
      (day || 'T09:00:00-05:00')::timestamptz, (day || 'T09:00:00-05:00')::timestamptz,
      case when status in ('met', 'cancelled') then (day || 'T09:00:00-05:00')::timestamptz + interval '10 days' end
    from json_to_recordset(${JSON.stringify(values)}::json)
      as x(olla_id uuid, category text, description text, quantity numeric, unit text, urgency text, status text, visibility text, day text)`);
}
