import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needs, ollas, stockItems } from "~/server/db/schema";
import { addDays, limaToday } from "~/shared/lima-day";
import { needsCsvResponse, parseNeedsCsvQuery } from "~/server/open-data/needs-csv";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, CANARY, type World } from "../helpers/world";
import { BASE, sessionCookie, trpcHttp, useTestDbInApp } from "../security/http";
import { diffCounts, tableCounts } from "../security/procedures";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  useTestDbInApp(t);
});
afterAll(async () => t?.close());

const key = () => randomUUID();
type NeedIn = Parameters<ReturnType<World["caller"]>["need"]["create"]>[0];

function need(ollaId: string, over: Partial<NeedIn> = {}): NeedIn {
  return { ollaId, idempotencyKey: key(), category: "water", description: "Tanque de agua de 1100 litros", quantity: 1, unit: "unidad", urgency: "high", visibility: "public", ...over };
}

/** RFC 4180 reader (quoted cells, doubled quotes, newlines inside quotes), header row as keys. */
function parseCsv(text: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") endCell();
    else if (c === "\n") {
      endCell();
      rows.push(row);
      row = [];
    } else if (c !== "\r") cell += c;
  }
  if (cell !== "" || row.length > 0) {
    endCell();
    rows.push(row);
  }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ""])));
}

async function csv(query = "") {
  const url = new URL(`${BASE}/api/public/v1/needs.csv${query}`);
  const filter = parseNeedsCsvQuery(url);
  if (!filter) return { status: 400, rows: [] as Record<string, string>[], text: "" };
  const res = await needsCsvResponse(new Request(url), t.db, filter, url.origin);
  const text = await res.text();
  return { status: res.status, text, contentType: res.headers.get("content-type"), rows: parseCsv(text) };
}

describe("a delegate keeps her olla's needs", () => {
  it("creates, edits against a version, closes and reopens; each change audited", async () => {
    const me = w.caller("delegateA");
    const n = await me.need.create(need(w.ollas.a, { category: "storage", description: "Estantes para el almacén", urgency: "medium" }));
    expect(n).toMatchObject({ status: "open", version: 1, quantity: 1, unit: "unidad" });
    const edited = await me.need.update({ ...need(w.ollas.a), needId: n.id, version: 1, status: "in_progress", category: "storage", description: "Dos estantes metálicos", quantity: 2, unit: "unidades", urgency: "high" });
    expect(edited).toMatchObject({ version: 2, status: "in_progress", description: "Dos estantes metálicos", quantity: 2 });
    // An edit based on version 1 again is stale.
    await expect(me.need.update({ ...need(w.ollas.a), needId: n.id, version: 1, status: "open" })).rejects.toMatchObject({ code: "CONFLICT", message: "errors.staleVersion" });
    const closed = await me.need.update({ ...need(w.ollas.a), needId: n.id, version: 2, status: "met", quantity: null, unit: null });
    expect(closed.status).toBe("met");
    expect(closed.closedAt).toBeInstanceOf(Date);
    const reopened = await me.need.update({ ...need(w.ollas.a), needId: n.id, version: 3, status: "open" });
    expect(reopened.closedAt).toBeNull();
    const list = await me.need.list({ ollaId: w.ollas.a });
    expect(list.canEdit).toBe(true);
    expect(list.items.find((x) => x.id === n.id)!.version).toBe(4);
  });

  it("a replayed create returns the first need and writes nothing more", async () => {
    const me = w.caller("delegateA");
    const input = need(w.ollas.a, { description: "Balones de gas para el mes" });
    const first = await me.need.create(input);
    const before = await tableCounts(t.db);
    expect(await me.need.create({ ...input })).toEqual(first);
    expect(diffCounts(before, await tableCounts(t.db))).toEqual([]);
    await expect(me.need.create({ ...input, urgency: "low" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("bad input gets translated field errors and writes nothing", async () => {
    const cookie = await sessionCookie(w.sessions.delegateA!.sessionId);
    const cases: [Partial<NeedIn> & Record<string, unknown>, string, RegExp][] = [
      [{ description: "ab" }, "description", /mínimo 3/i],
      [{ description: "x".repeat(501) }, "description", /Máximo 500/],
      [{ quantity: 3, unit: null }, "unit", /unidad/],
      [{ quantity: null, unit: "kg" }, "quantity", /cantidad/],
      [{ quantity: -1 }, "quantity", /mayor que cero/],
      [{ quantity: 1e9 }, "quantity", /demasiado grande/],
      [{ urgency: "urgentísima" as never }, "urgency", /Elige una opción/],
      [{ unit: "u".repeat(21) }, "unit", /Máximo 20/],
    ];
    const before = await tableCounts(t.db);
    for (const [over, field, message] of cases) {
      const res = await trpcHttp("need.create", "mutation", need(w.ollas.a, over), { cookie });
      expect(res.status, JSON.stringify(over)).toBe(400);
      const f = (res.json as { error: { json: { data: { fieldErrors: Record<string, string[]> } } } }).error.json.data.fieldErrors;
      expect(f[field]?.[0], `${JSON.stringify(over)} → ${JSON.stringify(f)}`).toMatch(message);
    }
    expect(diffCounts(before, await tableCounts(t.db), ["audit_log(denied)"])).toEqual([]);
  });
});

describe("scope", () => {
  it("another olla's needs answer NOT_FOUND; its coordination reads but does not write", async () => {
    const n = await w.caller("delegateA").need.create(need(w.ollas.a, { visibility: "network", description: "Necesidad solo para la red" }));
    const b = w.caller("delegateB");
    await expect(b.need.list({ ollaId: w.ollas.a })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Olla A's need edited through olla B: NOT_FOUND, unchanged.
    await expect(b.need.update({ ...need(w.ollas.b), needId: n.id, version: 1, status: "cancelled" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await t.db.select().from(needs).where(eq(needs.id, n.id));
    expect(row!.status).toBe("open");
    await expect(w.caller("zoneSouth").need.list({ ollaId: w.ollas.a })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const coord = await w.caller("zoneNorth").need.list({ ollaId: w.ollas.a });
    expect(coord.canEdit).toBe(false);
    expect(coord.items.some((x) => x.id === n.id)).toBe(true);
    await expect(w.caller("zoneNorth").need.update({ ...need(w.ollas.a), needId: n.id, version: 1, status: "met" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("coordinators list the needs of their scope only, with filters", async () => {
    await w.caller("delegateB").need.create(need(w.ollas.b, { category: "refrigeration", urgency: "critical", visibility: "network", description: "Refrigeradora malograda" }));
    // Olla C has no delegate in the world: its need is planted directly.
    await t.db.insert(needs).values({ ollaId: w.ollas.c, category: "cooking", description: "Cocina mejorada", urgency: "critical" });
    const north = await w.caller("zoneNorth").need.inScope({});
    expect(new Set(north.items.map((n) => n.ollaId))).toEqual(new Set([w.ollas.a, w.ollas.b]));
    const south = await w.caller("zoneSouth").need.inScope({});
    expect(south.items.map((n) => n.ollaId)).toEqual([w.ollas.c]);
    const city = await w.caller("city").need.inScope({ urgency: "critical" });
    expect(city.items.every((n) => n.urgency === "critical")).toBe(true);
    expect(city.items.map((n) => n.description).sort()).toEqual(["Cocina mejorada", "Refrigeradora malograda"]);
    const byCat = await w.caller("city").need.inScope({ category: "refrigeration", zoneId: w.zones.north });
    expect(byCat.items.map((n) => n.ollaName)).toEqual(["Olla B Manos Unidas"]);
    // Most urgent first.
    const ranks = north.items.map((n) => ["critical", "high", "medium", "low"].indexOf(n.urgency));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  });
});

describe("public needs", () => {
  it("list open public needs of open ollas only, with public fields only", async () => {
    const a = w.caller("delegateA");
    const pub = await a.need.create(need(w.ollas.a, { category: "food", description: "Menestras para la semana", urgency: "critical", quantity: 25, unit: "kg" }));
    const net = await a.need.create(need(w.ollas.a, { description: "SOLO-RED no debe salir", visibility: "network" }));
    const met = await a.need.create(need(w.ollas.a, { description: "YA-CUBIERTA no debe salir" }));
    await a.need.update({ ...need(w.ollas.a), needId: met.id, version: 1, status: "met", description: "YA-CUBIERTA no debe salir" });
    const { items } = await w.caller("anon").need.publicList({ limit: 100, offset: 0 });
    const ids = items.map((i) => i.id);
    expect(ids).toContain(pub.id);
    expect(ids).not.toContain(net.id);
    expect(ids).not.toContain(met.id);
    expect(Object.keys(items[0]!).sort()).toEqual(
      ["category", "createdAt", "description", "districtName", "districtUbigeo", "id", "itemId", "ollaId", "ollaName", "quantity", "unit", "urgency"].sort(),
    );
    const json = JSON.stringify(items);
    for (const secret of [CANARY.addressA, CANARY.contactNameA, CANARY.contactPhoneA, CANARY.delegateAName, CANARY.delegateAPhone, String(CANARY.latA), "SOLO-RED", "YA-CUBIERTA"]) {
      expect(json).not.toContain(secret);
    }
    expect(json).not.toContain("912345678");
  });

  it("a closed olla's needs leave the public list", async () => {
    await t.db.insert(needs).values({ ollaId: w.ollas.c, category: "water", description: "CERRADA necesita agua", urgency: "high", visibility: "public" });
    expect((await w.caller("anon").need.publicList({ limit: 100, offset: 0 })).items.some((i) => i.description === "CERRADA necesita agua")).toBe(true);
    await t.db.update(ollas).set({ status: "closed" }).where(eq(ollas.id, w.ollas.c));
    try {
      expect((await w.caller("anon").need.publicList({ limit: 100, offset: 0 })).items.some((i) => i.description === "CERRADA necesita agua")).toBe(false);
      expect((await csv()).text).not.toContain("CERRADA");
    } finally {
      await t.db.update(ollas).set({ status: "active" }).where(eq(ollas.id, w.ollas.c));
    }
  });

  it("filter by district, category and urgency", async () => {
    const anon = w.caller("anon");
    const sjl = await anon.need.publicList({ districtUbigeo: "150132", limit: 100, offset: 0 });
    expect(sjl.items.length).toBeGreaterThan(0);
    expect(sjl.items.every((i) => i.districtUbigeo === "150132")).toBe(true);
    const food = await anon.need.publicList({ category: "food", urgency: "critical", limit: 100, offset: 0 });
    expect(food.items.map((i) => i.description)).toEqual(["Menestras para la semana"]);
    expect(food.total).toBe(1);
  });

  it("the CSV export has the same rows, is formula-safe, and refuses a bad filter", async () => {
    await w.caller("delegateA").need.create(need(w.ollas.a, { description: '=HYPERLINK("http://evil.example","clic")', category: "other", urgency: "low" }));
    await w.caller("delegateA").need.create(need(w.ollas.a, { description: "@SUM(1+1)", unit: "+kg", category: "other", urgency: "low" }));
    const all = await csv();
    expect(all.contentType).toBe("text/csv; charset=utf-8");
    const list = await w.caller("anon").need.publicList({ limit: 100, offset: 0 });
    expect(all.rows.map((r) => r.need_id).sort()).toEqual(list.items.map((i) => i.id).sort());
    const evil = all.rows.find((r) => r.description?.includes("HYPERLINK"))!;
    expect(evil.description).toBe(`'=HYPERLINK("http://evil.example","clic")`);
    const at = all.rows.find((r) => r.description?.includes("SUM"))!;
    expect(at.description).toBe("'@SUM(1+1)");
    expect(at.unit).toBe("'+kg");
    expect(at.olla_url).toBe(`${BASE}/ollas/${w.ollas.a}`);
    for (const r of all.rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
    expect(all.text).not.toContain("SOLO-RED");
    expect(all.text).not.toContain(CANARY.contactPhoneA);
    const filtered = await csv("?category=food&urgency=critical&district=150132");
    expect(filtered.rows.map((r) => r.description)).toEqual(["Menestras para la semana"]);
    expect((await csv("?category=helicopters")).status).toBe(400);
  });
});

describe("coordinator stock health", () => {
  it("flags ollas of her scope short of a staple (days at the last 4 weeks' pace) or with critical needs", async () => {
    const rice = (await t.db.select({ id: stockItems.id }).from(stockItems).where(eq(stockItems.code, "arroz")))[0]!.id;
    const a = w.caller("delegateA");
    const today = limaToday();
    // 28 kg bought, 24.5 kg cooked in the window: 3.5 kg left at 0.875 kg/day = 4 days.
    await a.stock.recordEntry({ ollaId: w.ollas.a, idempotencyKey: key(), itemId: rice, unit: "kg", quantity: 28, occurredOn: addDays(today, -20), sourceType: "state_program", newSourceName: "Qali Warma" });
    await a.stock.recordExit({ ollaId: w.ollas.a, idempotencyKey: key(), itemId: rice, unit: "kg", quantity: 24.5, occurredOn: addDays(today, -2), reason: "cooked" });
    const north = await w.caller("zoneNorth").stock.health({});
    expect(north.maxDays).toBe(7);
    const rowA = north.items.find((r) => r.ollaId === w.ollas.a)!;
    expect(rowA.lowStaples).toEqual([{ code: "arroz", name: "Arroz", unit: "kg", balance: 3.5, daysLeft: 4 }]);
    const rowB = north.items.find((r) => r.ollaId === w.ollas.b)!;
    expect(rowB.criticalNeeds).toBeGreaterThan(0);
    expect(north.ollasInScope).toBe(2);
    // A tighter threshold drops olla A's rice (4 days is not fewer than 3).
    const tight = await w.caller("zoneNorth").stock.health({ maxDays: 3 });
    expect(tight.items.find((r) => r.ollaId === w.ollas.a)?.lowStaples ?? []).toEqual([]);
    const south = await w.caller("zoneSouth").stock.health({});
    expect(south.items.every((r) => r.ollaId === w.ollas.c)).toBe(true);
    const cityNorth = await w.caller("city").stock.health({ zoneId: w.zones.north });
    expect(cityNorth.items.every((r) => r.zoneId === w.zones.north)).toBe(true);
  });
});

describe("a need that names a catalogue item", () => {
  it("takes the item's unit and keeps it; an unknown item is a field error", async () => {
    const { riceNeed } = await import("../helpers/offers");
    const id = await riceNeed(w, "a", 50);
    const n = (await w.caller("delegateA").need.list({ ollaId: w.ollas.a })).items.find((x) => x.id === id)!;
    expect(n).toMatchObject({ quantity: 50, unit: "kg", itemId: expect.any(String) });
    await expect(
      w.caller("delegateA").need.create({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), category: "food", description: "Aceite", itemId: crypto.randomUUID(), quantity: 5, urgency: "low", visibility: "public" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      w.caller("delegateA").need.create({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), category: "food", description: "Arroz sin cantidad", itemId: n.itemId, urgency: "low", visibility: "public" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
