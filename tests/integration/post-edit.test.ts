import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callDelegateProcedure, outcomeOf } from "~/server/api/delegate";
import { memberships, posts } from "~/server/db/schema";
import { formToInput, recordSource, toFormErrors } from "~/shared/delegate-forms";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { diffCounts, tableCounts } from "../security/procedures";

/**
 * Her post's edit page (/mi-olla/[id]/novedades/[postId]) sends its two forms through the delegate
 * form path (server action or outbox, one mapping: formToInput): she edits her own post's text,
 * audience, topics and what it is about, and deletes it; the public feed follows. Anyone else —
 * another olla's delegate, a second delegate of her own olla, a coordinator — changes nothing, and
 * another olla's post answers NOT_FOUND (its existence is not revealed).
 */
let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

const key = () => randomUUID();
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}
type Who = Parameters<World["caller"]>[0];
/** What the edit form posts (FormData as a record), through the same dispatch as the server action and the outbox route. */
const submitEdit = (who: Who, fields: Record<string, string | string[]>) => callDelegateProcedure(w.caller(who), "post.update", formToInput("post.update", recordSource({ idempotencyKey: key(), ...fields })));
const submitDelete = (who: Who, fields: Record<string, string>) => callDelegateProcedure(w.caller(who), "post.delete", formToInput("post.delete", recordSource({ idempotencyKey: key(), ...fields })));
const postOfA = (body: string, visibility: "olla" | "network" | "public" = "public") =>
  w.caller("delegateA").post.create({ ollaId: w.ollas.a, idempotencyKey: key(), body, visibility, categories: ["cooking"] });
const publicBodies = async () => (await w.caller("anon").post.publicFeed({ ollaId: w.ollas.a })).items.map((p) => p.body);
const rowOf = async (id: string) => (await t.db.select().from(posts).where(eq(posts.id, id)))[0];

describe("her post, edited and deleted from its page", () => {
  it("saves text, audience, topics and what it is about from the form; the public feed follows", async () => {
    const p = await postOfA("Hoy llegó el balón de gas");
    const need = await w.caller("delegateA").need.create({ ollaId: w.ollas.a, idempotencyKey: key(), category: "storage", description: "Estantes para el almacén", urgency: "high", visibility: "public" });
    await submitEdit("delegateA", { ollaId: w.ollas.a, postId: p.id, version: String(p.version), body: "Hoy llegaron dos balones de gas", visibility: "public", about: `need:${need.id}`, categories: ["cooking", "storage"] });
    expect(await publicBodies()).toContain("Hoy llegaron dos balones de gas");
    const { post } = await w.caller("anon").post.get({ postId: p.id });
    expect(post.categories.sort()).toEqual(["cooking", "storage"]);
    expect(post.needId).toBe(need.id);
    expect(post.version).toBe(p.version + 1);

    // "Mi olla" only: gone from the public feed, still in her olla's.
    await submitEdit("delegateA", { ollaId: w.ollas.a, postId: p.id, version: String(post.version), body: "Hoy llegaron dos balones de gas", visibility: "olla", about: "", categories: "cooking" });
    expect(await publicBodies()).not.toContain("Hoy llegaron dos balones de gas");
    expect(await codeOf(w.caller("anon").post.get({ postId: p.id }))).toBe("NOT_FOUND");
    const mine = (await w.caller("delegateA").post.ollaFeed({ ollaId: w.ollas.a })).items.find((x) => x.id === p.id)!;
    expect(mine.visibility).toBe("olla");
    expect(mine.needId, "about nothing in particular now").toBeNull();
    expect(mine.mine, "her 'Editar' link shows on her own post").toBe(true);
  });

  it("deletes it after the confirmation: gone from every feed, its page answers NOT_FOUND", async () => {
    const p = await postOfA("Esta novedad se borra");
    expect(await publicBodies()).toContain("Esta novedad se borra");
    await submitDelete("delegateA", { ollaId: w.ollas.a, postId: p.id });
    expect(await publicBodies()).not.toContain("Esta novedad se borra");
    expect(await rowOf(p.id)).toBeUndefined();
    expect(await codeOf(w.caller("delegateA").post.get({ postId: p.id }))).toBe("NOT_FOUND");
    // Sent again (a lost answer, the outbox retrying with the same key): the first answer, nothing more.
    const again = { ollaId: w.ollas.a, postId: p.id, idempotencyKey: key() };
    expect(await codeOf(callDelegateProcedure(w.caller("delegateA"), "post.delete", formToInput("post.delete", recordSource(again))))).toBe("NOT_FOUND");
  });

  it("another olla's delegate gets NOT_FOUND through her own olla and through the post's, and nothing changes", async () => {
    const p = await postOfA("Solo la olla A puede cambiar esto");
    const before = await tableCounts(t.db);
    const edit = { postId: p.id, version: String(p.version), body: "Cambiado por B", visibility: "public", about: "" };
    expect(await codeOf(submitEdit("delegateB", { ...edit, ollaId: w.ollas.b }))).toBe("NOT_FOUND");
    expect(await codeOf(submitDelete("delegateB", { ollaId: w.ollas.b, postId: p.id }))).toBe("NOT_FOUND");
    expect(await codeOf(submitEdit("delegateB", { ...edit, ollaId: w.ollas.a }))).toBe("NOT_FOUND");
    expect(await codeOf(submitDelete("delegateB", { ollaId: w.ollas.a, postId: p.id }))).toBe("NOT_FOUND");
    // A coordinator of her zone reads it but may not change a delegate's words.
    expect(await codeOf(submitEdit("zoneNorth", { ...edit, ollaId: w.ollas.a }))).toBe("FORBIDDEN");
    expect(await codeOf(submitEdit("anon", { ...edit, ollaId: w.ollas.a }))).toBe("UNAUTHORIZED");
    expect(diffCounts(before, await tableCounts(t.db), ["audit_log(denied)"])).toEqual([]);
    expect((await rowOf(p.id))!.body).toBe("Solo la olla A puede cambiar esto");
  });

  it("a second delegate of the same olla cannot edit or delete a post she did not write (NOT_FOUND)", async () => {
    const p = await postOfA("Escrita por la delegada A");
    await t.db.insert(memberships).values({ userId: w.userIds.delegateB, role: "delegate", ollaId: w.ollas.a });
    await w.refreshSession("delegateB");
    try {
      expect(await codeOf(submitEdit("delegateB", { ollaId: w.ollas.a, postId: p.id, version: String(p.version), body: "Cambiado", visibility: "public", about: "" }))).toBe("NOT_FOUND");
      expect(await codeOf(submitDelete("delegateB", { ollaId: w.ollas.a, postId: p.id }))).toBe("NOT_FOUND");
      expect((await rowOf(p.id))!.body).toBe("Escrita por la delegada A");
    } finally {
      await t.db.delete(memberships).where(and(eq(memberships.userId, w.userIds.delegateB), eq(memberships.ollaId, w.ollas.a)));
      await w.refreshSession("delegateB");
    }
  });

  it("refuses bad input with a translated message on the field and changes nothing", async () => {
    const p = await postOfA("Texto que debe quedar");
    const base = { ollaId: w.ollas.a, postId: p.id, version: String(p.version), about: "" };
    // What her form shows, as the server action and the outbox word it (in her language, on the control).
    const refused = async (fields: Record<string, string>, locale: "es" | "en" = "es") => {
      try {
        await submitEdit("delegateA", { ...base, ...fields });
        return null;
      } catch (e) {
        const o = outcomeOf("k", e, locale);
        return o.status === "refused" ? { code: o.code, message: o.message, fields: toFormErrors(o.fieldErrors) } : { code: o.status, message: o.message, fields: {} };
      }
    };
    const empty = await refused({ body: "   ", visibility: "public" });
    expect(empty?.code).toBe("BAD_REQUEST");
    expect(empty?.fields.body).toBe("Escribe algo o agrega una foto.");
    expect((await refused({ body: "", visibility: "public" }, "en"))?.fields.body).toBe("Write something or add a photo.");
    const noAudience = await refused({ body: "Hola", visibility: "todos" });
    expect(noAudience?.code).toBe("BAD_REQUEST");
    expect(noAudience?.fields.visibility).toBe("Elige quién puede verla.");
    const stale = await refused({ body: "Hola", visibility: "public", version: "99" });
    expect(stale?.code).toBe("CONFLICT");
    expect(stale?.message).toMatch(/\S/);
    const row = (await rowOf(p.id))!;
    expect(row.body).toBe("Texto que debe quedar");
    expect(row.visibility).toBe("public");
    expect(row.version).toBe(p.version);
  });
});
