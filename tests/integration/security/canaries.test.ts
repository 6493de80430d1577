/**
 * Private-data canaries (issue item 3): unique values in every private field; every
 * procedure called as a signed-out caller over the real tRPC HTTP handler (successes
 * and refusals alike), and every open-data route handler: 0 canary hits.
 * (Page HTML is checked in the browser: tests/e2e/security.spec.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../../helpers/db";
import { buildWorld, type World } from "../../helpers/world";
import { canaryHits, plantCanaries, type Planted } from "../../security/canaries";
import { apiRouteFiles, getRoute, trpcHttp, useTestDbInApp } from "../../security/http";
import { databaseText, policyFor, PROCEDURES, PUBLIC_PROCEDURES, unpolicedNote, validInput } from "../../security/procedures";

let t: TestDb;
let w: World;
let planted: Planted;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  planted = await plantCanaries(w);
  useTestDbInApp(t);
});
afterAll(async () => t?.close());

/** The policy's input, and the same aimed at each of the three ollas when it names one. */
async function inputsFor(path: string): Promise<unknown[]> {
  const base = await validInput(path, w);
  if (!base || typeof base !== "object" || !("ollaId" in base)) return [base];
  return [base, ...[w.ollas.b, w.ollas.c].map((ollaId) => ({ ...(base as object), ollaId }))];
}

describe("private-data canaries", () => {
  it("every canary is really stored (so a miss below means something)", async () => {
    const stored = await databaseText(t.db);
    const missing = planted.values.filter((v) => !stored.includes(v) && !/^session id|password|invitation code/.test(planted.labels[v]!));
    expect(missing.map((v) => planted.labels[v])).toEqual([]);
    expect(planted.values.length).toBeGreaterThan(20);
  });

  it("0 canary hits in any answer to a signed-out caller, over every procedure", async () => {
    const hits: string[] = [];
    let responses = 0;
    // Every procedure, not only the public ones: refusals must not leak either.
    for (const p of PROCEDURES) {
      for (const input of await inputsFor(p.path)) {
        const res = await trpcHttp(p.path, p.type, input);
        responses++;
        for (const h of canaryHits(res.text, planted)) hits.push(`${p.path} (HTTP ${res.status}): ${h}`);
      }
    }
    console.info(
      `canaries: ${hits.length} hits over ${responses} anonymous tRPC responses (${PUBLIC_PROCEDURES.length} public procedures of ${PROCEDURES.length}), ${planted.values.length} canaries${unpolicedNote()}`,
    );
    expect(hits).toEqual([]);
  });

  it("public procedures really answer the anonymous caller (the check above is not vacuous)", async () => {
    const refused: string[] = [];
    for (const p of PUBLIC_PROCEDURES) {
      const res = await trpcHttp(p.path, p.type, await policyFor(p.path).input(w));
      if (res.status !== 200) refused.push(`${p.path}: HTTP ${res.status}`);
    }
    expect(refused).toEqual([]);
    const profile = await trpcHttp("olla.publicProfile", "query", { ollaId: w.ollas.a });
    expect(profile.text).toContain("Olla A Virgen de Guadalupe");
  });

  it("0 canary hits in every open-data export and public route handler", async () => {
    const hits: string[] = [];
    let fetched = 0;
    for (const route of apiRouteFiles()) {
      const ids = route.dynamic.length ? [w.ollas.a, w.ollas.b, w.ollas.c] : [""];
      for (const id of ids) {
        const params = Object.fromEntries(route.dynamic.map((d) => [d, id]));
        const url = route.urlPath.replace(/\[+\.*[^\]]+\]+/g, id);
        const res = await getRoute(route, url, params);
        if (res.status === 405) continue;
        fetched++;
        for (const h of canaryHits(res.text, planted)) hits.push(`${url}: ${h}`);
      }
    }
    console.info(`canaries: ${hits.length} hits over ${fetched} public route responses (${apiRouteFiles().map((r) => r.urlPath).join(", ")})`);
    expect(hits).toEqual([]);
    expect(fetched).toBeGreaterThan(0);
  });
});
