/**
 * POST /api/novedades as her outbox uses it (issue 12) and the post's tags (issue 15): a queued
 * post re-sent with its key makes one post; a post queued by another person on a shared phone is
 * never made under this session; tags are validated and stored; every refusal in her language and
 * writing nothing.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/db";
import { cameraJpeg } from "../helpers/photos";
import { buildWorld, type World } from "../helpers/world";
import { BASE, sessionCookie, useTestDbInApp } from "../security/http";

let t: TestDb;
let w: World;
let upload: (req: Request) => Promise<Response>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  useTestDbInApp(t);
  upload = (await import("~/app/api/novedades/route")).POST;
});
afterAll(async () => t?.close());

async function post(cookie: string, fields: Record<string, string | string[]>, photos: Uint8Array[] = [], body?: BodyInit) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) form.append(k, x);
  photos.forEach((p, i) => form.append("photos", new Blob([p as BlobPart], { type: "image/jpeg" }), `foto-${i + 1}.jpg`));
  const headers = new Headers({ host: new URL(BASE).host, origin: BASE, cookie });
  const res = await upload(new Request(`${BASE}/api/novedades`, { method: "POST", body: body ?? form, headers }));
  return { status: res.status, json: (await res.json()) as { id?: string; error?: string; code?: string; fieldErrors?: Record<string, string[]> | null } };
}

async function feed(body: string) {
  const { items } = await w.caller("delegateA").post.ollaFeed({ ollaId: w.ollas.a });
  return items.filter((i) => i.body === body);
}

describe("POST /api/novedades from her outbox", () => {
  it("a queued post with its photo and tags, sent three times with its key (answers lost), is one post with both tags", async () => {
    const a = await sessionCookie(w.sessions.delegateA!.sessionId);
    const jpg = new Uint8Array(await cameraJpeg({ width: 800, height: 600, seed: 7 }));
    const fields = { ollaId: w.ollas.a, idempotencyKey: randomUUID(), body: "Sin señal en el cerro", visibility: "network", categories: ["water", "storage", "water"], queuedBy: w.userIds.delegateA };
    const first = await post(a, fields, [jpg]);
    expect(first.status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await post(a, fields, [jpg])).json.id).toBe(first.json.id);
    const rows = await feed("Sin señal en el cerro");
    expect(rows.map((r) => [r.id, r.photos.length, [...r.categories].sort()])).toEqual([[first.json.id, 1, ["storage", "water"]]]);
  });

  it("queued by another person on this phone: refused as signed out, in her language, and nothing is posted", async () => {
    const a = await sessionCookie(w.sessions.delegateA!.sessionId);
    const r = await post(a, { ollaId: w.ollas.a, idempotencyKey: randomUUID(), body: "De otra persona", visibility: "olla", queuedBy: w.userIds.delegateB });
    expect(r.status).toBe(401);
    expect(r.json.error).toBe("Este cambio es de otra persona que usó este teléfono: se enviará cuando ella ingrese.");
    expect(await feed("De otra persona")).toHaveLength(0);
  });

  it("a tag that is not a category is refused with a translated field error, writing nothing", async () => {
    const a = await sessionCookie(w.sessions.delegateA!.sessionId);
    const r = await post(a, { ollaId: w.ollas.a, idempotencyKey: randomUUID(), body: "Tema raro", visibility: "olla", categories: ["water", "fuego"] });
    expect(r.status).toBe(400);
    expect(Object.values(r.json.fieldErrors ?? {}).flat()).toContain("Elige temas de la lista.");
    const en = await post(`${a}; NEXT_LOCALE=en`, { ollaId: w.ollas.a, idempotencyKey: randomUUID(), body: "Tema raro", visibility: "olla", categories: ["fuego"] });
    expect(Object.values(en.json.fieldErrors ?? {}).flat()).toContain("Choose topics from the list.");
    expect(await feed("Tema raro")).toHaveLength(0);
  });

  it("a body over the limit is refused with a reason she can act on (her outbox shows it), not a bare code", async () => {
    const a = await sessionCookie(w.sessions.delegateA!.sessionId);
    const big = new Uint8Array(4 * 8 * 1024 * 1024 + 128 * 1024);
    const form = new FormData();
    form.append("ollaId", w.ollas.a);
    form.append("photos", new Blob([big as BlobPart]), "grande.jpg");
    const r = await post(a, {}, [], form);
    expect(r.status).toBe(413);
    expect(r.json.error).toBe("Tu novedad pesa demasiado para enviarla. Quita una foto o elige fotos más livianas.");
  });
});
