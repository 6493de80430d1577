import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../helpers/db";
import { buildWorld, type World } from "../../helpers/world";
import { observe } from "../../security/outcome";
import { PROCEDURES as procedures, runMatrix } from "../../security/matrix";
import { policies } from "../../security/policy";
import { callPath } from "../../security/procedures";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

describe("authorization matrix", () => {
  it("every procedure of the app router has a policy entry (100% coverage)", () => {
    const missing = procedures.filter((p) => !policies[p]);
    const stale = Object.keys(policies).filter((p) => !procedures.includes(p));
    expect(missing, "procedures without a policy entry").toEqual([]);
    expect(stale, "policy entries for procedures that no longer exist").toEqual([]);
  });

  it("0 unexpected allows or denials for every procedure × actor", async () => {
    const { unexpected, summary } = await runMatrix(w, (who, path, input) => observe(() => callPath(w.caller(who), path, input)));
    console.info(`authz matrix (callers): ${summary}`);
    expect(unexpected).toEqual([]);
  });
});

