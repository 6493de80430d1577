/**
 * /api/trpc loads the olla a request names together with the session, in one statement
 * (createTRPCContext), and the olla-scoped procedures check that row instead of loading it again.
 * The whole authorization matrix again through that context: the shortcut never widens what
 * anyone reaches. (Its own database: the offers' per-address limit counts every cell.)
 */
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { createCallerFactory, createTRPCContext } from "~/server/api/trpc";
import { createSession, revokeSession } from "~/server/db/queries/sessions";
import { createTestDb, type TestDb } from "../../helpers/db";
import { buildWorld, profileInput, type World } from "../../helpers/world";
import { sessionCookie, trpcErrorCode, trpcHttp, useTestDbInApp, type HttpResult } from "../../security/http";
import { runMatrix } from "../../security/matrix";
import { observe } from "../../security/outcome";
import { callPath } from "../../security/procedures";

const createCaller = createCallerFactory(appRouter);
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
    const loaded = async (ids: string[]) => {
      const rows = (await ctx(ids)).ollaRows!;
      return Object.fromEntries(await Promise.all([...rows].map(async ([id, row]) => [id, (await row)?.name ?? null])));
    };
    expect(await loaded([w.ollas.b])).toEqual({ [w.ollas.b]: "Olla B Manos Unidas" });
    expect(await loaded([w.ollas.a.toUpperCase(), w.ollas.a])).toEqual({ [w.ollas.a]: "Olla A Virgen de Guadalupe" });
    expect(await loaded([w.ollas.a, w.ollas.b])).toEqual({});
    expect(await loaded(["00000000-0000-4000-8000-000000000000"])).toEqual({ "00000000-0000-4000-8000-000000000000": null });
    expect((await ctx([w.ollas.a])).session?.id).toBe(w.userIds.delegateA);
  });

  it("one request loads an olla once for all its calls, and after a mutation loads it again", async () => {
    // As a page renders: one context for every call of the request (src/server/request-context.ts).
    const ctx = await createTRPCContext({ headers: new Headers(), db: t.db, locale: "es", sessionId: w.sessions.delegateA!.sessionId });
    const caller = createCaller(ctx);
    const { profile } = await caller.olla.get({ ollaId: w.ollas.a });
    await caller.plan.get({ ollaId: w.ollas.a });
    expect([...ctx.ollaRows!.keys()]).toEqual([w.ollas.a]);
    // Still one row per id, and each call checks its own scope: another olla stays NOT_FOUND.
    await expect(caller.plan.get({ ollaId: w.ollas.b })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await caller.olla.update({ ...profileInput(profile), ollaId: w.ollas.a, version: profile.version, name: "Olla A renombrada" });
    expect(ctx.ollaRows!.size).toBe(0);
    const after = await caller.olla.get({ ollaId: w.ollas.a });
    expect(after.profile.name).toBe("Olla A renombrada");
    await caller.olla.update({ ...profileInput(after.profile), ollaId: w.ollas.a, version: after.profile.version, name: profile.name });
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
