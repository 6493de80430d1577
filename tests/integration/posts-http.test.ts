import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limaToday } from "~/shared/lima-day";
import { createTestDb, type TestDb } from "../helpers/db";
import { cameraJpeg, hasGpsTag, pngPhoto } from "../helpers/photos";
import { buildWorld, type World } from "../helpers/world";
import { BASE, sessionCookie, useTestDbInApp } from "../security/http";

let t: TestDb;
let w: World;
type Handler = (req: Request, ctx?: unknown) => Promise<Response>;
let upload: Handler;
let uploadWorkshop: Handler;
let photo: (req: Request, ctx: { params: Promise<{ file: string }> }) => Promise<Response>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
  useTestDbInApp(t);
  upload = (await import("~/app/api/novedades/route")).POST;
  uploadWorkshop = (await import("~/app/api/talleres/route")).POST;
  photo = (await import("~/app/api/fotos/[file]/route")).GET;
});
afterAll(async () => t?.close());

async function post(cookie: string | null, fields: Record<string, string>, files: { name: string; type: string; bytes: Uint8Array }[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append("photos", new File([f.bytes as BlobPart], f.name, { type: f.type }));
  const headers = new Headers({ host: new URL(BASE).host, origin: BASE });
  if (cookie) headers.set("cookie", cookie);
  const res = await upload(new Request(`${BASE}/api/novedades`, { method: "POST", body: form, headers }));
  return { status: res.status, json: (await res.json()) as { id?: string; error?: string } };
}
async function get(url: string, cookie: string | null) {
  const headers = new Headers({ host: new URL(BASE).host });
  if (cookie) headers.set("cookie", cookie);
  const file = url.split("/").pop()!;
  return photo(new Request(`${BASE}${url}`, { headers }), { params: Promise.resolve({ file }) });
}

describe("POST /api/novedades and GET /api/fotos", () => {
  it("a delegate uploads a post with photos; a PNG named .jpg is served as PNG; a private photo is 404 to others", async () => {
    const a = await sessionCookie(w.sessions.delegateA!.sessionId);
    const b = await sessionCookie(w.sessions.delegateB!.sessionId);
    const jpg = await cameraJpeg({ width: 1200, height: 900 });
    const png = await pngPhoto();
    const key = randomUUID();
    const fields = { ollaId: w.ollas.a, idempotencyKey: key, body: "Llegó el tanque", visibility: "olla", categories: "water" };
    const files = [
      { name: "IMG_0001.jpg", type: "image/jpeg", bytes: new Uint8Array(jpg) },
      { name: "captura.jpg", type: "image/jpeg", bytes: new Uint8Array(png) },
    ];
    const r = await post(a, fields, files);
    expect(r.status).toBe(200);
    // The phone retries after a lost answer: the same post.
    expect((await post(a, fields, files)).json.id).toBe(r.json.id);
    const { items } = await w.caller("delegateA").post.ollaFeed({ ollaId: w.ollas.a });
    expect(items.filter((i) => i.body === "Llegó el tanque")).toHaveLength(1);
    const [p1, p2] = items[0]!.photos;
    expect(p2!.display).toMatch(/\.png$/);
    const served = await get(p2!.display, a);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    const jpgServed = await get(p1!.display, a);
    const m = await sharp(Buffer.from(await jpgServed.arrayBuffer())).metadata();
    expect(m.exif).toBeUndefined();
    expect(hasGpsTag(m.exif)).toBe(false);
    for (const url of [p1!.thumb, p1!.display, p2!.thumb]) {
      expect((await get(url, null)).status).toBe(404);
      expect((await get(url, b)).status).toBe(404);
    }
    expect((await get(`/api/fotos/${"0".repeat(64)}.webp`, a)).status).toBe(404);
  });

  it("refuses a text file named .jpg with a message in Spanish, and a visitor", async () => {
    const a = await sessionCookie(w.sessions.delegateA!.sessionId);
    const fields = { ollaId: w.ollas.a, idempotencyKey: randomUUID(), body: "x", visibility: "public" };
    const bad = await post(a, fields, [{ name: "foto.jpg", type: "image/jpeg", bytes: new TextEncoder().encode("hola, no soy una foto") }]);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain("JPEG, PNG o WebP");
    expect((await post(null, fields, [])).status).toBe(401);
  });

  it("a post about her plan module travels with its photo; another olla's module is refused with 404", async () => {
    const a = await sessionCookie(w.sessions.delegateA!.sessionId);
    const mod = await w.caller("city").planModule.create({ idempotencyKey: randomUUID(), code: `h-${randomUUID().slice(0, 8)}`, nameEs: "Cocina mejorada", nameEn: "Improved stove", category: "cooking", costMinCents: 100, costMaxCents: 200 });
    const mine = await w.caller("delegateA").plan.addModule({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), moduleId: mod.id });
    const theirs = await w.caller("delegateB").plan.addModule({ ollaId: w.ollas.b, idempotencyKey: randomUUID(), moduleId: mod.id });
    const jpg = { name: "obra.jpg", type: "image/jpeg", bytes: new Uint8Array(await cameraJpeg({ width: 640, height: 480, seed: 3 })) };
    const fields = { ollaId: w.ollas.a, body: "Ya tenemos la cocina", visibility: "network", categories: "cooking" };
    const refused = await post(a, { ...fields, idempotencyKey: randomUUID(), planItemId: theirs.id }, [jpg]);
    expect(refused.status).toBe(404);
    expect(refused.json.error).toBeTruthy();
    const ok = await post(a, { ...fields, idempotencyKey: randomUUID(), planItemId: mine.id }, [jpg]);
    expect(ok.status).toBe(200);
    const { items } = await w.caller("delegateA").post.ollaFeed({ ollaId: w.ollas.a, planItemId: mine.id });
    expect(items.map((i) => [i.id, i.about?.kind, i.photos.length])).toEqual([[ok.json.id, "plan", 1]]);
  });

  it("POST /api/talleres: a zone coordinator records a workshop with a photo; a delegate is refused", async () => {
    const today = limaToday(); // Lima's day: after 19:00 there the UTC date is already tomorrow
    const workshop = { zoneId: w.zones.north, idempotencyKey: randomUUID(), heldOn: today, place: "Local comunal", facilitators: "", ollaIds: [w.ollas.a], problems: [{ category: "water", note: "" }], agreements: "", followUps: [] };
    const send = async (cookie: string, fields: Record<string, unknown>) => {
      const form = new FormData();
      form.append("workshop", JSON.stringify(fields));
      form.append("photos", new File([(await cameraJpeg({ width: 800, height: 600, seed: 5 })) as BlobPart], "taller.jpg", { type: "image/jpeg" }));
      const res = await uploadWorkshop(new Request(`${BASE}/api/talleres`, { method: "POST", body: form, headers: new Headers({ host: new URL(BASE).host, origin: BASE, cookie }) }));
      return { status: res.status, json: (await res.json()) as { id?: string; code?: string } };
    };
    const ok = await send(await sessionCookie(w.sessions.zoneNorth!.sessionId), workshop);
    expect(ok.status).toBe(200);
    const got = await w.caller("zoneNorth").workshop.get({ workshopId: ok.json.id! });
    expect(got.photos).toHaveLength(1);
    const denied = await send(await sessionCookie(w.sessions.delegateA!.sessionId), { ...workshop, idempotencyKey: randomUUID() });
    expect([denied.status, denied.json.code]).toEqual([403, "FORBIDDEN"]);
  });
});
