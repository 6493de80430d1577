/**
 * /api/trpc loads the olla a request names together with the session, in one statement
 * (createTRPCContext), and the olla-scoped procedures check that row instead of loading it again.
 * The whole authorization matrix again through that context: the shortcut never widens what
 * anyone reaches. (Its own database: the offers' per-address limit counts every cell.)
 */
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTRPCContext } from "~/server/api/trpc";
import { createSession, revokeSession } from "~/server/db/queries/sessions";
import { createTestDb, type TestDb } from "../../helpers/db";
import { buildWorld, type World } from "../../helpers/world";
import { sessionCookie, trpcErrorCode, trpcHttp, useTestDbInApp, type HttpResult } from "../../security/http";
import { runMatrix } from "../../security/matrix";
import { observe } from "../../security/outcome";
import { callPath } from "../../security/procedures";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

describe("authorization matrix through the request context", () => {
  it("0 unexpected allows or denials for every procedure × actor, the named olla loaded with the session", async () => {
    const { unexpected, summary } = await runMatrix(w, (who, path, input) => observe(async () => callPath(await w.requestCaller(who, input), path, input)));
    console.info(`authz matrix (request contexts): ${summary}`);
    expect(unexpected).toEqual([]);
  });
});

describe("the olla named by a request, over the real /api/trpc route", () => {
  const batch = (calls: { path: string; ollaId: string }[]) =>
    `?batch=1&input=${encodeURIComponent(JSON.stringify(Object.fromEntries(calls.map((c, i) => [i, superjson.serialize({ ollaId: c.ollaId })]))))}`;
  const codes = (r: HttpResult) => (r.json as { error?: { json: { data: { code: string } } } }[]).map((x) => x.error?.json.data.code ?? "ok");

  it("is loaded with the session, and only for a request that names one olla", async () => {
    const sessionId = w.sessions.delegateA!.sessionId;
    const ctx = (ids: string[]) =>
      createTRPCContext({ headers: new Headers(), db: t.db, locale: "es", sessionId, calls: ids.map((ollaId) => ({ getRawInput: async () => ({ ollaId }) })) });
    expect((await ctx([w.ollas.b])).namedOlla?.row?.id).toBe(w.ollas.b);
    expect((await ctx([w.ollas.a.toUpperCase(), w.ollas.a])).namedOlla?.row?.id).toBe(w.ollas.a);
    expect((await ctx([w.ollas.a, w.ollas.b])).namedOlla).toBeUndefined();
    expect((await ctx(["00000000-0000-4000-8000-000000000000"])).namedOlla).toEqual({ id: "00000000-0000-4000-8000-000000000000", row: null });
    expect((await ctx([w.ollas.a])).session?.id).toBe(w.userIds.delegateA);
  });

  it("answers her own olla, and NOT_FOUND for another olla and for one that does not exist, in one batch", async () => {
    useTestDbInApp(t);
    const cookie = await sessionCookie(w.sessions.delegateA!.sessionId);
    const own = await trpcHttp("plan.get", "query", { ollaId: w.ollas.a }, { cookie });
    expect(own.status).toBe(200);
    expect((own.json as { result: { data: { json: { canEdit: boolean } } } }).result.data.json.canEdit).toBe(true);
    for (const other of [w.ollas.b, w.ollas.c, "00000000-0000-4000-8000-000000000000"]) {
      expect(trpcErrorCode(await trpcHttp("plan.get", "query", { ollaId: other }, { cookie })), other).toBe("NOT_FOUND");
    }
    const mixed = await trpcHttp("plan.get,labour.olla,plan.get", "query", undefined, {
      cookie,
      rawQuery: batch([
        { path: "plan.get", ollaId: w.ollas.a },
        { path: "labour.olla", ollaId: w.ollas.a },
        { path: "plan.get", ollaId: w.ollas.b },
      ]),
    });
    expect(codes(mixed)).toEqual(["ok", "ok", "NOT_FOUND"]);
    // Her zone's coordinator reaches both; the other zone's neither.
    const north = await sessionCookie(w.sessions.zoneNorth!.sessionId);
    expect(trpcErrorCode(await trpcHttp("plan.get", "query", { ollaId: w.ollas.b }, { cookie: north }))).toBeNull();
    const south = await sessionCookie(w.sessions.zoneSouth!.sessionId);
    expect(trpcErrorCode(await trpcHttp("plan.get", "query", { ollaId: w.ollas.a }, { cookie: south }))).toBe("NOT_FOUND");
  });

  it("a revoked session naming her own olla answers UNAUTHORIZED", async () => {
    useTestDbInApp(t);
    const sid = await createSession(t.db, w.userIds.delegateA, 3600);
    const cookie = await sessionCookie(sid);
    expect(trpcErrorCode(await trpcHttp("plan.get", "query", { ollaId: w.ollas.a }, { cookie }))).toBeNull();
    await revokeSession(t.db, sid);
    expect(trpcErrorCode(await trpcHttp("plan.get", "query", { ollaId: w.ollas.a }, { cookie }))).toBe("UNAUTHORIZED");
  });
});
