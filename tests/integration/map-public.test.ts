import { MAX_OFFSET_M } from "~/server/domain/public-point";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLUSTER_MAX_ZOOM } from "~/server/domain/map";
import { distanceMeters } from "~/server/domain/location";
import { clearMapCache } from "~/server/services/map";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, CANARY, type World } from "../helpers/world";
import { addNeed, assess, insertOlla, LIMA_BBOX } from "./map-fixtures";

let t: TestDb;
let w: World;
let closed: string;
let hostile: string;
const HOSTILE = `<img src=x onerror=alert(1)>`;

// Private strings and exact digits that must never reach a signed-out caller.
const SECRETS = [
  CANARY.addressA,
  CANARY.contactNameA,
  CANARY.contactPhoneA,
  CANARY.contactPhoneA.slice(3),
  CANARY.delegateAName,
  CANARY.delegateAPhone,
  CANARY.delegateAEmail,
  String(CANARY.latA).replace("-", ""),
  String(CANARY.lngA).replace("-", ""),
  "CANARYNET",
];

beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  // A: water critical (worst), urgent public need; also a network-only need with a private text.
  await assess(t.db, w.ollas.a, { water: 0, storage: 2, cooking: 1 });
  await addNeed(t.db, w.ollas.a, { urgency: "critical", description: "Bidones de agua para la semana" });
  await addNeed(t.db, w.ollas.a, { urgency: "critical", visibility: "network", description: "CANARYNET deuda con el proveedor" });
  // B: never assessed; only a network-only critical need (not public: not urgent on the map).
  await addNeed(t.db, w.ollas.b, { urgency: "high", visibility: "network" });
  // C: water good, a met public critical need (no longer open: not urgent).
  await assess(t.db, w.ollas.c, { water: 3, sanitation: 2 });
  await addNeed(t.db, w.ollas.c, { urgency: "critical", status: "met" });
  // An older assessment must not count: the latest per category does.
  await assess(t.db, w.ollas.c, { refrigeration: 0 }, "2025-01-01");
  await assess(t.db, w.ollas.c, { refrigeration: 2 }, "2026-01-05");
  closed = await insertOlla(t.db, { zoneId: w.zones.north, district: "150132", lat: -12.01, lng: -77.0, status: "closed", name: "Olla cerrada" });
  hostile = await insertOlla(t.db, { zoneId: w.zones.south, district: "150142", lat: -12.2, lng: -76.95, name: HOSTILE });
  clearMapCache();
});
afterAll(async () => t?.close());

describe("public map data", () => {
  it("cluster counts at every zoom sum to the number of matching ollas (closed ollas never shown)", async () => {
    const anon = w.caller("anon");
    for (let zoom = 0; zoom <= CLUSTER_MAX_ZOOM + 2; zoom++) {
      const r = await anon.map.clusters({ bbox: LIMA_BBOX, zoom });
      const sum = r.clusters.reduce((s, c) => s + c[2], 0) + r.points.length;
      expect(r.total).toBe(4); // a, b, c, hostile
      expect(sum, `zoom ${zoom}`).toBe(4);
    }
    const deep = await anon.map.clusters({ bbox: LIMA_BBOX, zoom: 18 });
    expect(deep.points.map((p) => p[0]).sort()).toEqual([w.ollas.a, w.ollas.b, w.ollas.c, hostile].sort());
    expect(deep.points.map((p) => p[0])).not.toContain(closed);
  });

  it("markers carry the worst category and urgent public needs; clusters the worst level and urgent count", async () => {
    const deep = await w.caller("anon").map.clusters({ bbox: LIMA_BBOX, zoom: 18 });
    const byId = new Map(deep.points.map((p) => [p[0], p]));
    // [id, lat, lng, worstLevel, categoryIndex, urgent, exact]
    expect(byId.get(w.ollas.a)!.slice(3, 6)).toEqual([0, 0, 1]); // water(0) critical, urgent
    expect(byId.get(w.ollas.b)!.slice(3, 6)).toEqual([4, -1, 0]); // not assessed, network-only need is not urgent
    expect(byId.get(w.ollas.c)!.slice(3, 6)).toEqual([2, 1, 0]); // sanitation and refrigeration adequate; the met need is not urgent
    const far = await w.caller("anon").map.clusters({ bbox: LIMA_BBOX, zoom: 0 });
    expect(far.clusters).toHaveLength(1);
    expect(far.clusters[0]!.slice(2, 5)).toEqual([4, 0, 1]);
  });

  it("filters by district, zone, category and state, and urgent public needs; the list matches the map", async () => {
    const anon = w.caller("anon");
    const cases = [
      { filter: {}, ids: [w.ollas.a, w.ollas.b, w.ollas.c, hostile] },
      { filter: { districtUbigeo: "150142" }, ids: [w.ollas.c, hostile] },
      { filter: { zoneId: w.zones.north }, ids: [w.ollas.a, w.ollas.b] },
      { filter: { category: "water" as const, level: 0 }, ids: [w.ollas.a] },
      { filter: { category: "water" as const, level: 3 }, ids: [w.ollas.c] },
      { filter: { category: "cooking" as const }, ids: [w.ollas.a] },
      { filter: { category: "refrigeration" as const, level: 0 }, ids: [] },
      { filter: { urgentNeeds: true }, ids: [w.ollas.a] },
      { filter: { urgentNeeds: true, districtUbigeo: "150142" }, ids: [] },
    ];
    for (const c of cases) {
      const m = await anon.map.clusters({ bbox: LIMA_BBOX, zoom: 18, filter: c.filter });
      const l = await anon.map.list({ filter: c.filter, limit: 100, offset: 0 });
      expect(m.total, JSON.stringify(c.filter)).toBe(c.ids.length);
      expect(m.points.map((p) => p[0]).sort()).toEqual([...c.ids].sort());
      expect(l.total).toBe(c.ids.length);
      expect(l.items.map((i) => i.id).sort()).toEqual([...c.ids].sort());
    }
    // The list puts the most serious first.
    const all = await anon.map.list({ limit: 100, offset: 0 });
    expect(all.items[0]!.id).toBe(w.ollas.a);
    expect(all.items[0]!.worstCategories).toEqual(["water"]);
    expect(all.items.at(-1)!.worstLevel).toBeNull();
  });

  it("a state without a problem is refused with a translated field error", async () => {
    const err = await w
      .caller("anon", "en")
      .map.clusters({ bbox: LIMA_BBOX, zoom: 10, filter: { level: 0 } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("BAD_REQUEST");
    const body = await overHttp("map.list", { filter: { level: 1 } }, "en");
    expect(body).toContain("Choose a problem first.");
  });

  it("the public point is stable across calls, within ~700 m of the exact one (placed by its 500 m cell), and the only point anonymous callers get", async () => {
    const anon = w.caller("anon");
    const one = await anon.map.clusters({ bbox: LIMA_BBOX, zoom: 18 });
    clearMapCache();
    const two = await anon.map.clusters({ bbox: LIMA_BBOX, zoom: 18 });
    const pa1 = one.points.find((p) => p[0] === w.ollas.a)!;
    const pa2 = two.points.find((p) => p[0] === w.ollas.a)!;
    expect(pa1).toEqual(pa2);
    expect(pa1[6]).toBe(0);
    const d = distanceMeters({ lat: CANARY.latA, lng: CANARY.lngA }, { lat: pa1[1], lng: pa1[2] });
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThanOrEqual(MAX_OFFSET_M);
    const s1 = await anon.map.ollaSummary({ ollaId: w.ollas.a });
    const s2 = await anon.map.ollaSummary({ ollaId: w.ollas.a });
    expect(s1.point).toEqual(s2.point);
    expect(s1.point).toEqual({ lat: pa1[1], lng: pa1[2], exact: false });
  });

  it("no exact coordinate and no private value in anything a signed-out caller gets from the map", async () => {
    const anon = w.caller("anon");
    const payloads: unknown[] = [];
    for (const zoom of [0, 8, 12, 16, 18]) payloads.push(await anon.map.clusters({ bbox: LIMA_BBOX, zoom }));
    payloads.push(await anon.map.list({ limit: 100, offset: 0 }));
    for (const id of [w.ollas.a, w.ollas.b, w.ollas.c]) payloads.push(await anon.map.ollaSummary({ ollaId: id }));
    // Also signed in without a coordinator role (delegate B looking at olla A).
    payloads.push(await w.caller("delegateB").map.ollaSummary({ ollaId: w.ollas.a }));
    payloads.push(await w.caller("delegateB").map.clusters({ bbox: LIMA_BBOX, zoom: 18 }));
    const text = JSON.stringify(payloads);
    expect(text).toContain("Virgen de Guadalupe"); // the public name is there: the check is not vacuous
    for (const secret of SECRETS) expect(text, secret).not.toContain(secret);
  });

  it("the panel: public facts and top public needs for anyone; private fields only for those who may see them", async () => {
    const anon = await w.caller("anon").map.ollaSummary({ ollaId: w.ollas.a });
    expect(anon.name).toBe("Olla A Virgen de Guadalupe");
    expect(anon.rationsPerDay).toBe(80);
    expect(anon.worst).toEqual({ level: 0, categories: ["water"] });
    expect(anon.needs.map((n) => n.description)).toEqual(["Bidones de agua para la semana"]);
    expect(anon.private).toBeNull();

    const coord = await w.caller("zoneNorth").map.ollaSummary({ ollaId: w.ollas.a });
    expect(coord.private).toEqual({ addressReference: CANARY.addressA, contactName: CANARY.contactNameA, contactPhone: CANARY.contactPhoneA });
    expect(coord.point).toEqual({ lat: CANARY.latA, lng: CANARY.lngA, exact: true });
    const mine = await w.caller("delegateA").map.ollaSummary({ ollaId: w.ollas.a });
    expect(mine.private).not.toBeNull();
    // The map is centred where it draws the olla: her coordinator's map at the exact point, the
    // public map (hers too, as a delegate) at the public one, where her marker is.
    expect(coord.mapPoint).toEqual({ lat: CANARY.latA, lng: CANARY.lngA });
    expect(mine.mapPoint).toEqual({ lat: anon.point.lat, lng: anon.point.lng });
    expect(anon.mapPoint).toEqual({ lat: anon.point.lat, lng: anon.point.lng });
    // A coordinator of another zone gets the public view only.
    const other = await w.caller("zoneSouth").map.ollaSummary({ ollaId: w.ollas.a });
    expect(other.private).toBeNull();
    expect(other.point.exact).toBe(false);

    const h = await w.caller("anon").map.ollaSummary({ ollaId: hostile });
    expect(h.name).toBe(HOSTILE);
    await expect(w.caller("anon").map.ollaSummary({ ollaId: closed })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("coordinators get exact points only for the ollas of their scope", async () => {
    const pick = (r: { points: [string, number, number, number, number, 0 | 1, 0 | 1][] }, id: string) => r.points.find((p) => p[0] === id)!;
    const north = await w.caller("zoneNorth").map.clusters({ bbox: LIMA_BBOX, zoom: 18 });
    expect(pick(north, w.ollas.a).slice(1, 3)).toEqual([CANARY.latA, CANARY.lngA]);
    expect(pick(north, w.ollas.a)[6]).toBe(1);
    expect(pick(north, w.ollas.c)[6]).toBe(0);
    expect(pick(north, w.ollas.c).slice(1, 3)).not.toEqual([-12.2131, -76.9362]);
    const city = await w.caller("city").map.clusters({ bbox: LIMA_BBOX, zoom: 18 });
    expect(pick(city, w.ollas.c).slice(1, 3)).toEqual([-12.2131, -76.9362]);
    const south = await w.caller("zoneSouth").map.clusters({ bbox: LIMA_BBOX, zoom: 18 });
    expect(pick(south, w.ollas.a)[6]).toBe(0);
    expect(JSON.stringify(south)).not.toContain(String(CANARY.latA).replace("-", ""));
  });

  it("the map follows changes made through the app without waiting for the cache to expire", async () => {
    const anon = w.caller("anon");
    const before = await anon.map.clusters({ bbox: LIMA_BBOX, zoom: 10, filter: { category: "water", level: 1 } });
    expect(before.total).toBe(0);
    await w.caller("delegateA").assessment.record({ ollaId: w.ollas.a, category: "water", level: 1, note: null, assessedOn: "2026-02-01" });
    const after = await anon.map.clusters({ bbox: LIMA_BBOX, zoom: 10, filter: { category: "water", level: 1 } });
    expect(after.total).toBe(1);
  });
});

/** A query through the real fetch adapter, as the browser sees the answer (translated errors included). */
async function overHttp(path: string, input: unknown, locale: "es" | "en"): Promise<string> {
  const { appRouter } = await import("~/server/api/root");
  const { createInnerContext } = await import("~/server/api/trpc");
  const { fetchRequestHandler } = await import("@trpc/server/adapters/fetch");
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://x/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`),
    router: appRouter,
    createContext: () => createInnerContext({ db: t.db, session: null, locale }),
  });
  return res.text();
}
