import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { createTestDb, type TestDb } from "../../helpers/db";
import { buildWorld, type World } from "../../helpers/world";
import { observe } from "../../security/outcome";
import { ACTORS, policies } from "../../security/policy";
import { callPath } from "../../security/procedures";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort().filter((p) => p.startsWith("workshop."));

/** A crash (INTERNAL_SERVER_ERROR, a non-tRPC throw) is its own outcome: it never counts as "allow". */
const call = (who: (typeof ACTORS)[number], path: string, input: unknown) => observe(() => callPath(w.caller(who), path, input));

describe("authorization matrix", () => {
  it("every procedure of the app router has a policy entry (100% coverage)", () => {
    const missing = procedures.filter((p) => !policies[p]);
    const stale = Object.keys(policies).filter((p) => !procedures.includes(p));
    expect(missing, "procedures without a policy entry").toEqual([]);
    
  });

  it("0 unexpected allows or denials for every procedure × actor", async () => {
    const unexpected: string[] = [];
    let cells = 0;
    let crashes = 0;
    const allowedBy: Record<string, number> = {};
    for (const path of procedures) {
      const policy = policies[path];
      if (!policy) continue;
      for (const who of ACTORS) {
        const input = await policy.input(w);
        const { outcome: got, code } = await call(who, path, input);
        cells++;
        if (got === "allow") allowedBy[code] = (allowedBy[code] ?? 0) + 1;
        if (got.startsWith("crash")) crashes++;
        if (got !== policy.expect[who]) unexpected.push(`${path} as ${who}: expected ${policy.expect[who]}, got ${got}`);
      }
    }
    const how = Object.entries(allowedBy).map(([c, n]) => `${n} ${c === "ok" ? "resolved" : c}`).join(", ");
    console.info(`authz matrix: ${procedures.length} procedures, ${cells} cells, ${unexpected.length} unexpected (${crashes} crashes); allowed cells: ${how}`);
    expect(unexpected).toEqual([]);
  });
});
