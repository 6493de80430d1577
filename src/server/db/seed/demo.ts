import { count, sql } from "drizzle-orm";
import type { Db } from "../client";
import { assessments, districts, memberships, ollas, users, zones } from "../schema";
import { hashPassword } from "~/server/auth/password";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { isInLima } from "~/server/domain/location";
import { publicPoint } from "~/server/domain/public-point";
import { locationKey } from "~/server/location-key";
import { daysAgo, isoDay, Rng } from "./random";
import { demoSeeders, type DemoContext } from "./seeders";
import { DEMO_DISTRICTS, FIRST_NAMES, LAST_NAMES, OLLA_NAMES, SETTLEMENTS } from "./names";

/** Demo logins, printed in the README. Only ever created on an empty database. */
export const DEMO_PASSWORD = "ollas2026";
export const DEMO_ACCOUNTS = {
  city: { name: "Coordinadora Metropolitana", email: "ciudad@redollas.pe" },
  zone: { name: "Coordinadora SJL", email: "zonal.sjl@redollas.pe" },
  delegateA: { name: "Rosa Quispe", phone: "+51987654321" },
  delegateB: { name: "Juana Mamani", phone: "+51987654322" },
} as const;


export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  // An advisory lock so two app servers starting together do not both seed.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(4242001)`);
    const [u] = await tx.select({ n: count() }).from(users);
    const [o] = await tx.select({ n: count() }).from(ollas);
    if (Number(u?.n ?? 0) > 0 || Number(o?.n ?? 0) > 0) return false;
    await seedDemo(tx as unknown as Db, demoDistrictsFromEnv());
    return true;
  });
}

/**
 * SEED_DEMO_DISTRICTS="150101:30" seeds only those districts (ubigeo:ollas, comma-separated), with
 * another random seed: the second instance of the federation demo (scripts/federation-demo.sh).
 */
function demoDistrictsFromEnv(): { districts?: readonly (readonly [string, number])[]; seed?: number } {
  const raw = process.env.SEED_DEMO_DISTRICTS;
  if (!raw || !/^\d{6}:\d{1,3}(,\d{6}:\d{1,3})*$/.test(raw)) return {};
  const list = raw.split(",").map((p) => p.split(":")).map(([u, n]) => [u!, Math.max(2, Number(n))] as const);
  return { districts: list, seed: 20260601 + Number(list[0]![0]) };
}

export async function seedDemo(db: Db, opts: { seed?: number; today?: Date; districts?: readonly (readonly [string, number])[] } = {}): Promise<DemoContext> {
  const rng = new Rng(opts.seed ?? 20260601);
  const demoDistricts = opts.districts ?? DEMO_DISTRICTS;
  const today = opts.today ?? new Date(`${isoDay(new Date())}T12:00:00Z`);
  const allDistricts = await db.select().from(districts);
  const byUbigeo = new Map(allDistricts.map((d) => [d.ubigeo, d]));

  // One red zonal per district where there are ollas.
  const zoneRows = await db
    .insert(zones)
    .values(demoDistricts.map(([u]) => ({ name: `Red zonal ${byUbigeo.get(u)!.name}`, districtUbigeo: u })))
    .returning();
  const zoneByUbigeo = new Map(zoneRows.map((z) => [z.districtUbigeo!, z.id]));

  const usedNames = new Set<string>();
  const ollaValues: (typeof ollas.$inferInsert)[] = [];
  for (const [ubigeo, n] of demoDistricts) {
    const d = byUbigeo.get(ubigeo)!;
    for (let i = 0; i < n; i++) {
      let name = `Olla Común ${rng.pick(OLLA_NAMES)}`;
      for (let k = 2; usedNames.has(name); k++) name = `${name.replace(/ \d+$/, "")} ${k}`;
      usedNames.add(name);
      let lat = d.centroidLat;
      let lng = d.centroidLng;
      for (let tries = 0; tries < 20; tries++) {
        const p = { lat: d.centroidLat + rng.normal(0, 0.012), lng: d.centroidLng + rng.normal(0, 0.012) };
        if (isInLima(p)) {
          ({ lat, lng } = p);
          break;
        }
      }
      lat = Math.round(lat * 1e6) / 1e6;
      lng = Math.round(lng * 1e6) / 1e6;
      const seed = rng.int(1, 0x7ffffffe);
      const publishExact = rng.chance(0.08);
      const pub = publicPoint({ lat, lng }, seed, publishExact, locationKey());
      const rations = rng.int(60, 150);
      const children = Math.round(rations * (0.3 + rng.next() * 0.2));
      const older = Math.round(rations * (0.08 + rng.next() * 0.1));
      ollaValues.push({
        name,
        districtUbigeo: ubigeo,
        zoneId: zoneByUbigeo.get(ubigeo)!,
        status: rng.weighted([["active", 90], ["paused", 7], ["closed", 3]] as const),
        addressReference: `Mz. ${String.fromCharCode(65 + rng.int(0, 15))} Lt. ${rng.int(1, 30)}, ${rng.pick(SETTLEMENTS)}`,
        lat,
        lng,
        locationSeed: seed,
        publicLat: pub.lat,
        publicLng: pub.lng,
        publishExact,
        foundedOn: isoDay(daysAgo(today, rng.int(200, 2400))),
        cookingDays: rng.chance(0.5) ? ["mon", "tue", "wed", "thu", "fri"] : ["mon", "tue", "wed", "thu", "fri", "sat"],
        rationsPerDay: rations,
        beneficiariesChildren: children,
        beneficiariesOlderAdults: older,
        beneficiariesPregnantNursing: rng.int(2, 12),
        beneficiariesDisabled: rng.int(0, 6),
        rationPriceCents: rng.weighted([[0, 30], [100, 25], [150, 20], [200, 20], [250, 5]] as const),
        contactName: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
        contactPhone: `+519${String(rng.int(10_000_000, 99_999_999))}`,
      });
    }
  }
  const inserted = await db.insert(ollas).values(ollaValues).returning({ id: ollas.id, zoneId: ollas.zoneId, districtUbigeo: ollas.districtUbigeo });

  // Assessment histories: most ollas lack something; water and refrigeration worst, some improve over time.
  const base: Record<(typeof PROBLEM_CATEGORIES)[number], number> = {
    water: 0.9, sanitation: 1.1, storage: 1.2, cooking: 1.5, space: 1.4, electricity: 1.8, refrigeration: 0.8, nutrition: 1.2,
  };
  const aValues: (typeof assessments.$inferInsert)[] = [];
  for (const o of inserted) {
    for (const c of PROBLEM_CATEGORIES) {
      let level = Math.max(0, Math.min(3, Math.round(rng.normal(base[c], 0.9))));
      const points = rng.int(1, 4);
      let day = rng.int(330, 540);
      for (let p = 0; p < points; p++) {
        aValues.push({ ollaId: o.id, category: c, level, assessedOn: isoDay(daysAgo(today, day)), note: null });
        day = Math.max(1, day - rng.int(60, 180));
        if (rng.chance(0.35) && level < 3) level += 1;
        else if (rng.chance(0.08) && level > 0) level -= 1;
      }
    }
  }
  for (let i = 0; i < aValues.length; i += 2000) await db.insert(assessments).values(aValues.slice(i, i + 2000));

  // Demo accounts: city coordinator, SJL zone coordinator, two delegates of SJL ollas.
  const hash = await hashPassword(DEMO_PASSWORD);
  // (With SEED_DEMO_DISTRICTS, the first district listed plays San Juan de Lurigancho's part.)
  const sjlZone = zoneByUbigeo.get("150132") ?? zoneByUbigeo.get(demoDistricts[0]![0])!;
  const sjlOllas = inserted.filter((o) => o.zoneId === sjlZone);
  const [city, zone, delA, delB] = await db
    .insert(users)
    .values([
      { ...DEMO_ACCOUNTS.city, passwordHash: hash },
      { ...DEMO_ACCOUNTS.zone, passwordHash: hash },
      { ...DEMO_ACCOUNTS.delegateA, passwordHash: hash },
      { ...DEMO_ACCOUNTS.delegateB, passwordHash: hash },
    ])
    .returning({ id: users.id });
  // The demo delegates' ollas are active and named plainly, so the README can point at them.
  await db.update(ollas).set({ status: "active", name: "Olla Común Virgen de Guadalupe (demo)" }).where(sql`${ollas.id} = ${sjlOllas[0]!.id}`);
  await db.update(ollas).set({ status: "active", name: "Olla Común Manos Unidas (demo)" }).where(sql`${ollas.id} = ${sjlOllas[1]!.id}`);
  await db.insert(memberships).values([
    { userId: city!.id, role: "city_coordinator" },
    { userId: zone!.id, role: "zone_coordinator", zoneId: sjlZone },
    { userId: delA!.id, role: "delegate", ollaId: sjlOllas[0]!.id },
    { userId: delB!.id, role: "delegate", ollaId: sjlOllas[1]!.id },
  ]);

  const ctx: DemoContext = { rng, today, ollaIds: inserted.map((o) => o.id), delegateUserIds: [delA!.id, delB!.id] };
  for (const s of demoSeeders) await s(db, ctx);
  return ctx;
}
