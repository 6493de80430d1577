import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { createTestDb, type TestDb } from "../../helpers/db";
import { buildWorld, type World } from "../../helpers/world";
import { ACTORS, policies, type Outcome } from "../../security/policy";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();
const AUTHZ = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"]);

async function call(who: (typeof ACTORS)[number], path: string, input: unknown): Promise<Outcome | string> {
  let node: unknown = w.caller(who);
  for (const part of path.split(".")) node = (node as Record<string, unknown>)[part];
  try {
    await (node as (i: unknown) => Promise<unknown>)(input);
    return "allow";
  } catch (e) {
    if (e instanceof TRPCError) return AUTHZ.has(e.code) ? (e.code as Outcome) : "allow";
    throw e;
  }
}

describe("authorization matrix", () => {
  it("every procedure of the app router has a policy entry (100% coverage)", () => {
    const missing = procedures.filter((p) => !policies[p]);
    const stale = Object.keys(policies).filter((p) => !procedures.includes(p));
    expect(missing, "procedures without a policy entry").toEqual([]);
    expect(stale, "policy entries for procedures that no longer exist").toEqual([]);
  });

  it("0 unexpected allows or denials for every procedure × actor", async () => {
    const unexpected: string[] = [];
    let cells = 0;
    for (const path of procedures) {
      const policy = policies[path];
      if (!policy) continue;
      for (const who of ACTORS) {
        const input = await policy.input(w);
        const got = await call(who, path, input);
        cells++;
        if (got !== policy.expect[who]) unexpected.push(`${path} as ${who}: expected ${policy.expect[who]}, got ${got}`);
      }
    }
    console.info(`authz matrix: ${procedures.length} procedures, ${cells} cells, ${unexpected.length} unexpected`);
    expect(unexpected).toEqual([]);
  });
});
