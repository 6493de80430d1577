/**
 * Finding 6 (issue #11): a name with a bidi override or zero-width characters could pose as
 * another olla or item in a list. Through the real procedures (and over HTTP for the
 * translated error), on PGlite and, with TEST_DATABASE_URL, PostgreSQL.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq, sql } from "drizzle-orm";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { ollas, stockItems, users, zones } from "~/server/db/schema";
import type { Locale } from "~/i18n/config";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, profileInput, type World } from "../helpers/world";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

async function http(procedure: string, input: unknown, sessionId: string, locale: Locale) {
  const req = new Request(`http://localhost/api/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(superjson.serialize(input)),
  });
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: req.headers, db: t.db, locale, sessionId }),
  });
  return { status: res.status, body: (await res.json()) as { error?: { json: { data: { fieldErrors: Record<string, string[]> | null } } } } };
}

const INVISIBLE = /\p{Default_Ignorable_Code_Point}/u;

describe("names with bidi overrides and zero-width characters", () => {
  it("an olla created with a spoofing name is stored with the clean one, contact name too", async () => {
    const { profile } = await w.caller("city").olla.get({ ollaId: w.ollas.a });
    const created = await w.caller("city").olla.create({
      ...profileInput(profile),
      cookingDays: [],
      name: "\u202AOlla B\u200B Manos\u00a0 Unidas\u202C\uFEFF",
      contactName: "Rosa\u2066 \u2069Ccori\u200D",
      location: { lat: -12.01, lng: -77.01 },
    } as never);
    expect(created.name).toBe("Olla B Manos Unidas");
    const [row] = await t.db.select({ name: ollas.name, contactName: ollas.contactName }).from(ollas).where(eq(ollas.id, created.id));
    expect(row).toEqual({ name: "Olla B Manos Unidas", contactName: "Rosa Ccori" });
    // It now reads exactly like the olla it imitated: nothing hidden tells them apart in a list.
    const list = await w.caller("city").olla.list({ q: "Manos Unidas" });
    expect(list.items.map((o) => o.name).filter((n) => INVISIBLE.test(n))).toEqual([]);
  });

  it("an item that imitates an existing one with a zero-width space is refused as a duplicate, translated", async () => {
    const before = await t.db.select({ n: sql<number>`count(*)::int` }).from(stockItems);
    const input = { ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), name: "Arroz\u200B", unit: "kg", kgPerUnit: 1 };
    const es = await http("stock.addItem", input, w.sessions.delegateA!.sessionId, "es");
    expect(es.status).toBe(400);
    expect(es.body.error!.json.data.fieldErrors!.name).toEqual(["Ya existe un producto con ese nombre."]);
    const en = await http("stock.addItem", { ...input, idempotencyKey: crypto.randomUUID() }, w.sessions.delegateA!.sessionId, "en");
    expect(en.body.error!.json.data.fieldErrors!.name?.[0]).toMatch(/already/i);
    const after = await t.db.select({ n: sql<number>`count(*)::int` }).from(stockItems);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("a name made only of invisible characters is refused with a translated field error, nothing written", async () => {
    const es = await http("stock.addItem", { ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), name: "\u202E\u200B\u2060\uFEFF", unit: "kg" }, w.sessions.delegateA!.sessionId, "es");
    expect(es.status).toBe(400);
    expect(es.body.error!.json.data.fieldErrors!.name).toEqual(["Mínimo 2 caracteres."]);
  });

  it("a new item with a bidi override is stored clean", async () => {
    const item = await w.caller("delegateA").stock.addItem({ ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), name: "\u202Eacur\u00e9\u202C Cam\u200Bote", unit: "kg", kgPerUnit: 1 });
    const [row] = await t.db.select({ name: stockItems.name }).from(stockItems).where(eq(stockItems.id, item.id));
    expect(row!.name).toBe("acuré Camote");
  });

  it("free text keeps its words and loses bidi overrides; the append-only ledger's older notes are read without them", async () => {
    const rice = (await w.caller("delegateA").stock.catalogue({ ollaId: w.ollas.a })).find((i) => i.code === "arroz")!;
    const day = new Date(Date.now() - 5 * 3600_000).toISOString().slice(0, 10);
    const entry = { ollaId: w.ollas.a, idempotencyKey: crypto.randomUUID(), itemId: rice.id, unit: "kg" as const, quantity: 3, occurredOn: day, sourceType: "purchase" as const };
    await w.caller("delegateA").stock.recordEntry({ ...entry, note: "Compra\u202E en el mercado\u2066 👩\u200D🍳" });
    // A note stored before the inputs dropped them (the ledger refuses updates, so 0018 could not clean it).
    await t.db.execute(sql`insert into stock_movements (olla_id, item_id, unit, direction, quantity, occurred_on, source_type, note)
      values (${w.ollas.a}::uuid, ${rice.id}::uuid, 'kg', 'in', 1, ${day}::date, 'purchase', ${"Vieja\u202Enota"})`);
    const page = await w.caller("delegateA").stock.movements({ ollaId: w.ollas.a, itemId: rice.id, limit: 10 });
    const notes = page.map((m) => m.note).filter(Boolean);
    expect(notes).toEqual(expect.arrayContaining(["Compra en el mercado 👩\u200D🍳", "Viejanota"]));
    expect(notes.filter((n) => /[\u202A-\u202E\u2066-\u2069]/.test(n!))).toEqual([]);
  });

  it("the database itself refuses such a name from any other writer", async () => {
    await expect(t.db.update(users).set({ name: "Rosa\u202E" }).where(eq(users.id, w.userIds.delegateB))).rejects.toThrow();
    await expect(t.db.update(zones).set({ name: "Red\u200B zonal Norte (test)" }).where(eq(zones.id, w.zones.south))).rejects.toThrow();
  });
});

describe("the clean-up migration (drizzle/0018_clean_names.sql)", () => {
  it("cleans stored names, keeps a spoof distinct from its target with an id suffix, and restores the checks", async () => {
    const file = readFileSync(path.resolve("drizzle/0018_clean_names.sql"), "utf8");
    const statements = file.split("--> statement-breakpoint").map((s) => s.trim()).filter(Boolean);
    const constraints = [...file.matchAll(/ALTER TABLE "(\w+)" ADD CONSTRAINT "(\w+)"/g)].map((m) => [m[1]!, m[2]!] as const);
    expect(constraints.length).toBeGreaterThanOrEqual(7);
    // Yesterday's database: no checks, and rows written before the inputs cleaned names.
    for (const [table, name] of constraints) await t.db.execute(sql.raw(`alter table "${table}" drop constraint "${name}"`));
    await t.db.update(ollas).set({ name: "\u202Ealoo\u202C  Olla\tC\u200B", addressReference: "Mz. B\u202E Lt. 5" }).where(eq(ollas.id, w.ollas.c));
    const [spoof] = await t.db.insert(stockItems).values({ ollaId: null, name: "aceite\u200B", unit: "l" }).returning({ id: stockItems.id });
    const [invisible] = await t.db.insert(stockItems).values({ ollaId: w.ollas.b, name: "\u200B\u200C\u200D", unit: "kg" }).returning({ id: stockItems.id });
    await t.db.update(users).set({ name: "Delegada\u2067 B" }).where(eq(users.id, w.userIds.delegateB));

    await t.db.transaction(async (tx) => {
      // Replayed on today's schema, whose later migrations added deferred triggers on these
      // tables (0022): fire them at once, or ALTER TABLE refuses "pending trigger events".
      await tx.execute(sql`set constraints all immediate`);
      for (const s of statements) await tx.execute(sql.raw(s));
    });

    const [c] = await t.db.select({ name: ollas.name, addressReference: ollas.addressReference }).from(ollas).where(eq(ollas.id, w.ollas.c));
    expect(c).toEqual({ name: "aloo Olla C", addressReference: "Mz. B Lt. 5" });
    const [s] = await t.db.select({ name: stockItems.name }).from(stockItems).where(eq(stockItems.id, spoof!.id));
    expect(s!.name).toBe(`aceite (${spoof!.id.slice(0, 8)})`); // "Aceite" (the network's) stays the only "Aceite"
    const [i] = await t.db.select({ name: stockItems.name }).from(stockItems).where(eq(stockItems.id, invisible!.id));
    expect(i!.name).toBe(`(${invisible!.id.slice(0, 8)})`);
    const [u] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, w.userIds.delegateB));
    expect(u!.name).toBe("Delegada B");
    // The checks are back.
    await expect(t.db.update(ollas).set({ name: "Olla\u200B" }).where(eq(ollas.id, w.ollas.c))).rejects.toThrow();
  });
});
