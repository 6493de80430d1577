import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assessments, auditLog, networkSettings, ollas, stockItems, stockMovements, stockSources } from "~/server/db/schema";
import { publicPoint } from "~/server/domain/public-point";
import { locationKey } from "~/server/location-key";
import { sameDayMonthsAgo } from "~/server/domain/dashboard";
import { limaToday } from "~/shared/lima-day";
import type { ProblemCategory } from "~/shared/assessment";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, CANARY, type World } from "../helpers/world";
import { useTestDbInApp } from "../security/http";
import { GET as problemsJson } from "~/app/api/public/v1/problems.json/route";

let t: TestDb;
let w: World;
const today = limaToday();
const daysAgo = (n: number) => new Date(new Date(`${today}T12:00:00Z`).getTime() - n * 86_400_000).toISOString().slice(0, 10);

let seq = 0;
async function addOlla(zoneId: string, district: string, lat: number, lng: number, extra: Partial<typeof ollas.$inferInsert> = {}) {
  seq++;
  const pub = publicPoint({ lat, lng }, 1000 + seq, false, locationKey());
  const [o] = await t.db
    .insert(ollas)
    .values({ name: `Olla prueba ${seq}`, zoneId, districtUbigeo: district, lat, lng, locationSeed: 1000 + seq, publicLat: pub.lat, publicLng: pub.lng, rationsPerDay: 50, ...extra })
    .returning({ id: ollas.id });
  return o!.id;
}
async function assess(ollaId: string, category: ProblemCategory, level: number, on: string) {
  await t.db.insert(assessments).values({ ollaId, category, level, assessedOn: on });
}

beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

describe("dashboard scope", () => {
  let north: string[] = [];
  let south: string[] = [];
  beforeAll(async () => {
    // North (SJL): A critical, B precarious, four more; South (VES): C and three more.
    north = [w.ollas.a, w.ollas.b];
    for (let i = 0; i < 4; i++) north.push(await addOlla(w.zones.north, "150132", -11.99 - i * 0.002, -76.99));
    south = [w.ollas.c];
    for (let i = 0; i < 3; i++) south.push(await addOlla(w.zones.south, "150142", -12.21 - i * 0.002, -76.93));
    const northLevels = [0, 1, 1, 2, 3, 0];
    for (const [i, id] of north.entries()) await assess(id, "water", northLevels[i]!, daysAgo(30));
    for (const id of south) await assess(id, "water", 2, daysAgo(30));
  });

  it("a zone coordinator's dashboard counts only her zone; the city coordinator's counts the city", async () => {
    const n = await w.caller("zoneNorth").dashboard.coordinator({});
    const water = n.problems.find((p) => p.category === "water")!;
    expect(water.city.cells).toEqual([2, 2, 1, 1]);
    expect(water.areas.rows.map((r) => r.key)).toEqual([w.zones.north]);
    expect(n.people.city.cells[0]).toBe(north.length);

    const s = await w.caller("zoneSouth").dashboard.coordinator({});
    expect(s.problems.find((p) => p.category === "water")!.city.cells).toEqual([0, 0, 4, 0]);

    const c = await w.caller("city").dashboard.coordinator({});
    expect(c.problems.find((p) => p.category === "water")!.city.cells).toEqual([2, 2, 5, 1]);
    expect(c.people.city.cells[0]).toBe(north.length + south.length);
  });

  it("a zone coordinator cannot widen her dashboard to another zone", async () => {
    await expect(w.caller("zoneSouth").dashboard.coordinator({ zoneId: w.zones.north })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const narrowed = await w.caller("city").dashboard.coordinator({ zoneId: w.zones.south });
    expect(narrowed.problems.find((p) => p.category === "water")!.city.total).toBe(4);
  });

  it("the public dashboard is city-wide and hides every cell of 1 or 2 ollas", async () => {
    const p = await w.caller("anon").dashboard.public({});
    const water = p.problems.find((x) => x.category === "water")!;
    // City: [2, 2, 5, 1] — the lone "good" olla is hidden, and with it the next smallest cell.
    expect(water.city.total).toBe(10);
    expect(water.city.cells.filter((c) => c === null).length).toBeGreaterThanOrEqual(2);
    for (const v of water.city.cells) if (v !== null) expect(v === 0 || v >= 3).toBe(true);
    for (const r of water.areas.rows) for (const v of r.cells) if (v !== null) expect(v === 0 || v >= 3).toBe(true);
    expect(p.hiddenCells).toBeGreaterThan(0);
    const json = JSON.stringify(p);
    for (const secret of [CANARY.addressA, CANARY.contactNameA, CANARY.contactPhoneA, String(CANARY.latA), "Olla A Virgen"]) expect(json).not.toContain(secret);
  });

  it("GET /api/public/v1/problems.json serves the same suppressed aggregates, cached for 5 minutes", async () => {
    useTestDbInApp(t);
    const res = await problemsJson(new Request("http://ollas.test/api/public/v1/problems.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=300");
    const body = (await res.json()) as { levels: string[]; problems: Record<string, { city: Record<string, number | null>; districts: { ubigeo: string }[] }> };
    expect(body.levels).toEqual(["critical", "precarious", "adequate", "good"]);
    const water = body.problems.water!;
    expect(water.city.total).toBe(10);
    expect(water.city.good).toBeNull();
    for (const d of Object.values(body.problems)) for (const v of Object.values(d.city)) expect(v === null || v === 0 || v >= 3).toBe(true);
    const ves = await (await problemsJson(new Request("http://ollas.test/api/public/v1/problems.json?district=150142"))).json();
    expect((ves as typeof body).problems.water!.city).toMatchObject({ critical: 0, precarious: 0, adequate: 4, good: 0, total: 4 });
    for (const bad of ["district=15014", "district=abc", "months=7"]) {
      const r = await problemsJson(new Request(`http://ollas.test/api/public/v1/problems.json?${bad}`));
      expect(r.status, bad).toBe(400);
    }
  });

  it("a district filter narrows the public aggregates", async () => {
    const p = await w.caller("anon").dashboard.public({ districtUbigeo: "150142" });
    expect(p.problems.find((x) => x.category === "water")!.city.cells).toEqual([0, 0, 4, 0]);
  });

  it("trends follow the history: last month's state comes from the latest assessment on or before its end", async () => {
    await assess(south[1]!, "sanitation", 0, daysAgo(400));
    await assess(south[2]!, "sanitation", 0, daysAgo(400));
    await assess(south[3]!, "sanitation", 1, daysAgo(400));
    await assess(w.ollas.c, "sanitation", 1, daysAgo(400));
    await assess(south[1]!, "sanitation", 3, today);
    const c = await w.caller("city").dashboard.coordinator({ zoneId: w.zones.south, months: 24 });
    const s = c.trends.series.find((x) => x.category === "sanitation")!;
    const last = s.points.at(-1)!;
    const before = s.points.at(-2)!;
    expect(before.cells).toEqual([2, 2, 0, 0]);
    expect(last.cells).toEqual([1, 2, 0, 1]);
  });
});

describe("where you stand", () => {
  it("tells the delegate how many ollas of her zone and of the city share her problem", async () => {
    // Water (from the scope block): North has A=0, B=1, and levels [1, 2, 3, 0]; South none at ≤ 1.
    const r = await w.caller("delegateA").dashboard.whereYouStand({ ollaId: w.ollas.a });
    const water = r.categories.find((c) => c.category === "water")!;
    expect(water.level).toBe(0);
    expect(water.zoneSharing).toBe(3); // B, the precarious one and the other critical one
    expect(water.citySharing).toBe(3);
    expect(r.areaName).toBe("San Juan de Lurigancho");
    expect(r.worst).toContain("water");
  });

  it("another delegate's olla answers NOT_FOUND", async () => {
    await expect(w.caller("delegateB").dashboard.whereYouStand({ ollaId: w.ollas.a })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lists nearby ollas that improved her worst category in the last 12 months, nearest first", async () => {
    const start = sameDayMonthsAgo(today, 12);
    const [lat, lng] = [CANARY.latA, CANARY.lngA];
    // ~0.5 km: precarious before the window, good now → improved.
    const near = await addOlla(w.zones.north, "150132", lat + 0.0045, lng);
    await assess(near, "refrigeration", 1, daysAgo(500));
    await assess(near, "refrigeration", 3, daysAgo(20));
    // ~1.5 km in another zone: first assessed inside the window at 0, then 2 → improved.
    const other = await addOlla(w.zones.south, "150132", lat - 0.0135, lng);
    await assess(other, "refrigeration", 0, daysAgo(200));
    await assess(other, "refrigeration", 2, daysAgo(10));
    // ~1 km: improved long ago, unchanged in the window → not listed.
    const old = await addOlla(w.zones.north, "150132", lat, lng + 0.009);
    await assess(old, "refrigeration", 0, daysAgo(900));
    await assess(old, "refrigeration", 3, daysAgo(700));
    // ~1 km: got worse → not listed.
    const worse = await addOlla(w.zones.north, "150132", lat, lng - 0.009);
    await assess(worse, "refrigeration", 3, daysAgo(500));
    await assess(worse, "refrigeration", 1, daysAgo(5));
    // ~11 km: improved but too far.
    const far = await addOlla(w.zones.north, "150132", lat + 0.1, lng);
    await assess(far, "refrigeration", 0, daysAgo(300));
    await assess(far, "refrigeration", 3, daysAgo(3));
    // Closed: not listed.
    const closed = await addOlla(w.zones.north, "150132", lat + 0.002, lng, { status: "closed" });
    await assess(closed, "refrigeration", 0, daysAgo(300));
    await assess(closed, "refrigeration", 3, daysAgo(3));
    // Olla A: refrigeration critical too, so it is among her worst.
    await assess(w.ollas.a, "refrigeration", 0, daysAgo(2));
    expect(start < daysAgo(200)).toBe(true);

    const r = await w.caller("delegateA").dashboard.whereYouStand({ ollaId: w.ollas.a });
    const fridge = r.improvedNearby.find((x) => x.category === "refrigeration")!;
    expect(fridge.ollas.map((o) => o.ollaId)).toEqual([near, other]);
    expect(fridge.ollas[0]).toMatchObject({ fromLevel: 1, toLevel: 3 });
    expect(fridge.ollas[1]).toMatchObject({ fromLevel: 0, toLevel: 2 });
    expect(fridge.ollas[0]!.distanceKm).toBeLessThan(fridge.ollas[1]!.distanceKm);
    expect(fridge.ollas[1]!.distanceKm).toBeLessThanOrEqual(3);
  });
});

describe("dependency indicator", () => {
  let muni: string;
  let parish: string;
  const item = async (code: string) => (await t.db.select().from(stockItems).where(eq(stockItems.code, code)))[0]!;
  async function entry(ollaId: string, code: string, qty: number, src: { type: typeof stockMovements.$inferInsert.sourceType; id?: string }, on = daysAgo(5)) {
    const it = await item(code);
    const [m] = await t.db
      .insert(stockMovements)
      .values({ ollaId, itemId: it.id, unit: it.unit, direction: "in", quantity: String(qty), occurredOn: on, sourceType: src.type, sourceId: src.id ?? null })
      .returning({ id: stockMovements.id });
    return m!.id;
  }

  beforeAll(async () => {
    const [m, p] = await t.db
      .insert(stockSources)
      .values([
        { type: "municipal_program", name: "Programa Municipal Prueba" },
        { type: "parish", name: "Parroquia Prueba" },
      ])
      .returning({ id: stockSources.id });
    muni = m!.id;
    parish = p!.id;
  });

  it("a single institution supplying all of an olla's kilos is 100%, HHI 10,000, and warns", async () => {
    await entry(w.ollas.a, "arroz", 50, { type: "municipal_program", id: muni });
    await entry(w.ollas.a, "aceite", 10, { type: "municipal_program", id: muni }); // 9.2 kg
    await entry(w.ollas.a, "gas_10kg", 2, { type: "purchase" }); // no kg factor: not counted
    await entry(w.ollas.a, "arroz", 500, { type: "purchase" }, daysAgo(120)); // outside the 90 days
    const d = await w.caller("delegateA").dashboard.ollaDependency({ ollaId: w.ollas.a });
    expect(d.measure).toBe("kg");
    expect(d.totalKg).toBeCloseTo(59.2);
    expect(d.topShare).toBe(1);
    expect(Math.round(d.hhi * 10_000)).toBe(10_000);
    expect(d.warning).toBe(true);
    expect(d.topSourceName).toBe("Programa Municipal Prueba");
  });

  it("own means only is 0%, HHI 0, no warning", async () => {
    await entry(w.ollas.b, "arroz", 40, { type: "purchase" });
    await entry(w.ollas.b, "menestras", 10, { type: "member_contribution" });
    const d = await w.caller("delegateB").dashboard.ollaDependency({ ollaId: w.ollas.b });
    expect(d.totalKg).toBe(50);
    expect(d.topShare).toBe(0);
    expect(d.hhi).toBe(0);
    expect(d.warning).toBe(false);
    expect(d.byKind.own).toBe(50);
  });

  it("a reversed entry no longer counts", async () => {
    const id = await entry(w.ollas.c, "arroz", 100, { type: "parish", id: parish });
    await entry(w.ollas.c, "arroz", 100, { type: "purchase" });
    expect((await w.caller("city").dashboard.ollaDependency({ ollaId: w.ollas.c })).topShare).toBeCloseTo(0.5);
    const it = await item("arroz");
    await t.db.insert(stockMovements).values({ ollaId: w.ollas.c, itemId: it.id, unit: it.unit, direction: "out", quantity: "100", occurredOn: daysAgo(4), reversesId: id });
    const d = await w.caller("city").dashboard.ollaDependency({ ollaId: w.ollas.c });
    expect(d.topShare).toBe(0);
    expect(d.totalKg).toBe(100);
  });

  it("the coordinator's dashboard lists the ollas past the threshold, in her scope only", async () => {
    const n = await w.caller("zoneNorth").dashboard.coordinator({});
    expect(n.dependency.warnings.map((x) => x.ollaId)).toEqual([w.ollas.a]);
    expect(n.dependency.warnings[0]).toMatchObject({ topSourceName: "Programa Municipal Prueba", topShare: 1 });
    expect(n.dependency.ollasWarned).toBe(1);
    const s = await w.caller("zoneSouth").dashboard.coordinator({});
    expect(s.dependency.warnings).toEqual([]);
  });

  it("the threshold is the network's setting", async () => {
    await entry(w.ollas.b, "arroz", 60, { type: "parish", id: parish }); // 60 of 110 kg ≈ 54.5%
    const before = await w.caller("city").dashboard.coordinator({});
    expect(before.dependency.warnings.map((x) => x.ollaId)).not.toContain(w.ollas.b);
    const s = await w.caller("city").settings.get();
    await w.caller("city").settings.update({ ...settingsInput(s), dependencyThresholdPercent: 50 });
    const after = await w.caller("city").dashboard.coordinator({});
    expect(after.dependency.warnings.map((x) => x.ollaId)).toContain(w.ollas.b);
    expect((await w.caller("delegateB").dashboard.ollaDependency({ ollaId: w.ollas.b })).warning).toBe(true);
    // The public sees counts only, and no count of 1 or 2 ollas.
    const p = await w.caller("anon").dashboard.public({});
    expect(p.dependency.ollasWarned).toBeNull();
    expect(JSON.stringify(p.dependency)).not.toContain("Programa Municipal Prueba");
  });
});

function settingsInput(s: { version: number; dependencyThreshold: number; stapleItems: string[]; lowStockDays: number; monthlyMinimumWageCents: number; maxLeadershipTermMonths: number }) {
  return {
    version: s.version,
    dependencyThresholdPercent: Math.round(s.dependencyThreshold * 100),
    stapleItems: s.stapleItems,
    lowStockDays: s.lowStockDays,
    monthlyMinimumWage: s.monthlyMinimumWageCents / 100,
    maxLeadershipTermMonths: s.maxLeadershipTermMonths,
  };
}

describe("network settings", () => {
  it("start with the network's defaults", async () => {
    const s = await w.caller("anon").settings.get();
    expect(s.stapleItems).toEqual(["arroz", "fideos", "aceite", "menestras"]);
    expect(s.monthlyMinimumWageCents).toBe(113_000);
    expect(s.catalogue.some((c) => c.code === "arroz")).toBe(true);
  });

  it("a city coordinator changes them; the change is audited and versioned", async () => {
    const s = await w.caller("city").settings.get();
    const saved = await w.caller("city").settings.update({ ...settingsInput(s), stapleItems: ["arroz", "leche"], lowStockDays: 10, monthlyMinimumWage: 1130.5 });
    expect(saved).toMatchObject({ stapleItems: ["arroz", "leche"], lowStockDays: 10, monthlyMinimumWageCents: 113_050, version: s.version + 1 });
    const audit = await t.db.select().from(auditLog).where(and(eq(auditLog.entity, "network_settings"), eq(auditLog.action, "update")));
    const last = audit.at(-1)!;
    expect(last.actorUserId).toBe(w.userIds.city);
    expect((last.after as { lowStockDays: number }).lowStockDays).toBe(10);
    expect((last.before as { lowStockDays: number }).lowStockDays).toBe(s.lowStockDays);
  });

  it("a stale edit is refused with CONFLICT", async () => {
    const s = await w.caller("city").settings.get();
    await w.caller("city").settings.update({ ...settingsInput(s), lowStockDays: 5 });
    await expect(w.caller("city").settings.update({ ...settingsInput(s), lowStockDays: 6 })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await w.caller("anon").settings.get()).lowStockDays).toBe(5);
  });

  it("bad input gets a translated field error and writes nothing", async () => {
    const s = await w.caller("city").settings.get();
    const count = async () => (await t.db.select().from(auditLog).where(eq(auditLog.entity, "network_settings"))).length;
    const n = await count();
    const en = w.caller("city", "en");
    await expect(en.settings.update({ ...settingsInput(s), stapleItems: ["arroz", "caviar"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(en.settings.update({ ...settingsInput(s), dependencyThresholdPercent: 5 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(en.settings.update({ ...settingsInput(s), stapleItems: ["arroz", "arroz"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(en.settings.update({ ...settingsInput(s), monthlyMinimumWage: 1130.555 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await count()).toBe(n);
    const [row] = await t.db.select().from(networkSettings);
    expect(row!.version).toBe(s.version);
  });

  it("the database refuses values outside the bounds even without the procedure", async () => {
    await expect(t.db.update(networkSettings).set({ dependencyThreshold: 0.05 })).rejects.toThrow();
    await expect(t.db.insert(networkSettings).values({ id: 2 })).rejects.toThrow();
  });
});
