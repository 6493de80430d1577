/**
 * invitation.accept is public (holding the code is the authorization) and hashes the new
 * password (~30 ms of CPU). A made-up or spent code must be refused before any hashing,
 * or anonymous callers could keep a 2-core server busy for free.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "../../helpers/db";
import { buildWorld, type World } from "../../helpers/world";

const hashes = vi.hoisted(() => ({ n: 0 }));
vi.mock("~/server/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("~/server/auth/password")>();
  return { ...real, hashPassword: (p: string) => (hashes.n++, real.hashPassword(p)) };
});

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

describe("invitation.accept with a code that does not open anything", () => {
  it("is refused as NOT_FOUND without hashing the password; a real code still works once", async () => {
    const anon = w.caller("anon");
    hashes.n = 0;
    for (let i = 0; i < 20; i++) {
      await expect(anon.invitation.accept({ code: `ZZZZ-ZZZZ-ZZ${String(i).padStart(2, "2")}`, name: "Nadie", password: "una-clave-larga" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(hashes.n).toBe(0);
    const inv = await w.caller("zoneNorth").invitation.create({ ollaId: w.ollas.a, inviteeName: "Real", inviteeEmail: "real@example.pe", expiresInDays: 7 });
    await anon.invitation.accept({ code: inv.code, name: "Real", password: "una-clave-larga" });
    expect(hashes.n).toBe(1);
    // Spent now: refused again before hashing.
    await expect(anon.invitation.accept({ code: inv.code, name: "Otra", password: "una-clave-larga" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(hashes.n).toBe(1);
    console.info(`invitation cost: 21 refused accepts, ${hashes.n - 1} password hashes spent on them`);
  });
});
