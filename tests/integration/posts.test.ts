import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { images, postPhotos, posts } from "~/server/db/schema";
import { createTestDb, type TestDb } from "../helpers/db";
import { bombPng, cameraJpeg, hasGpsTag, pngPhoto } from "../helpers/photos";
import { buildWorld, type World } from "../helpers/world";
import { diffCounts, tableCounts } from "../security/procedures";

let t: TestDb;
let w: World;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildWorld(t.db);
});
afterAll(async () => t?.close());

type PostIn = Parameters<ReturnType<World["caller"]>["post"]["create"]>[0];
const postOfA = (over: Partial<PostIn> = {}): PostIn => ({
  ollaId: w.ollas.a,
  idempotencyKey: randomUUID(),
  body: "Hoy cocinamos 120 raciones de arroz con pollo.",
  visibility: "network",
  categories: ["cooking"],
  ...over,
});
const hashOf = (url: string) => /([0-9a-f]{64})\.\w+$/.exec(url)![1]!;

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (e) {
    return e instanceof TRPCError ? e.code : String(e);
  }
}

describe("photos: re-encoded, upright, no metadata", () => {
  it("strips EXIF (GPS included) from every stored and served image, and turns it upright", async () => {
    const input = await cameraJpeg({ width: 1600, height: 1200, orientation: 6 });
    const inMeta = await sharp(input).metadata();
    expect(hasGpsTag(inMeta.exif)).toBe(true);
    expect(inMeta.orientation).toBe(6);

    const created = await w.caller("delegateA").post.create(postOfA({ visibility: "public", photos: [new Uint8Array(input)] }));
    const stored = await t.db.select().from(postPhotos).where(eq(postPhotos.postId, created.id));
    expect(stored).toHaveLength(1);
    const rows = await t.db.select().from(images);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      const m = await sharp(Buffer.from(r.bytes)).metadata();
      expect(m.exif, r.mime).toBeUndefined();
      expect(m.xmp).toBeUndefined();
      expect(m.iptc).toBeUndefined();
      expect(Buffer.from(r.bytes).includes("CANARYCAM")).toBe(false);
    }
    const { items } = await w.caller("anon").post.publicFeed({ ollaId: w.ollas.a });
    const photo = items.find((p) => p.id === created.id)!.photos[0]!;
    const thumb = await w.caller("anon").post.photo({ hash: hashOf(photo.thumb) });
    const display = await w.caller("anon").post.photo({ hash: hashOf(photo.display) });
    for (const served of [thumb, display]) {
      const m = await sharp(Buffer.from(served.bytes)).metadata();
      expect(m.exif).toBeUndefined();
      expect(hasGpsTag(m.exif)).toBe(false);
    }
    const tm = await sharp(Buffer.from(thumb.bytes)).metadata();
    expect(tm.format).toBe("webp");
    expect(Math.max(tm.width!, tm.height!)).toBeLessThanOrEqual(320);
    expect(thumb.bytes.byteLength).toBeLessThanOrEqual(30 * 1024);
    // Orientation 6 (the phone held upright): stored portrait, 1024 high.
    const dm = await sharp(Buffer.from(display.bytes)).metadata();
    expect([dm.format, dm.width, dm.height]).toEqual(["jpeg", 768, 1024]);
    expect(display.public).toBe(true);
  });

  it("stores a PNG as the PNG it is, whatever it was called", async () => {
    const png = await pngPhoto();
    const created = await w.caller("delegateA").post.create(postOfA({ photos: [new Uint8Array(png)] }));
    const [pp] = await t.db.select().from(postPhotos).where(eq(postPhotos.postId, created.id));
    expect(pp!.sourceType).toBe("png");
    const [img] = await t.db.select().from(images).where(eq(images.hash, pp!.displayHash));
    expect(img!.mime).toBe("image/png");
    expect((await sharp(Buffer.from(img!.bytes)).metadata()).format).toBe("png");
  });

  it("refuses a text file, a 20,000 × 20,000 image and a truncated JPEG, writing nothing", async () => {
    const text = new TextEncoder().encode("esto no es una foto, aunque se llame foto.jpg\n");
    const bomb = await bombPng(20000, 20000);
    const good = await cameraJpeg({ width: 800, height: 600 });
    const truncated = good.subarray(0, Math.floor(good.length / 2));
    const heic = new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode("ftypheic"), 0, 0, 0, 0, 0, 0, 0, 0]);
    const before = await tableCounts(t.db);
    for (const [bad, key] of [
      [text, "posts.errors.notAPhoto"],
      [bomb, "posts.errors.tooManyPixels"],
      [truncated, "posts.errors.unreadablePhoto"],
      [heic, "posts.errors.heic"],
    ] as const) {
      // A good photo beside the bad one: still nothing is written.
      const err = await w
        .caller("delegateA")
        .post.create(postOfA({ photos: [new Uint8Array(good), new Uint8Array(bad)] }))
        .then(() => null, (e: unknown) => e as TRPCError);
      expect(err?.code).toBe("BAD_REQUEST");
      expect(err?.message).toBe(key);
    }
    expect(diffCounts(before, await tableCounts(t.db), ["audit_log(denied)"])).toEqual([]);
  });
});

describe("who sees a post and its photos", () => {
  it("answers an olla-only post's photo 404 to a visitor and to another olla's delegate", async () => {
    const jpg = await cameraJpeg({ width: 640, height: 480, seed: 7 });
    const p = await w.caller("delegateA").post.create(postOfA({ visibility: "olla", photos: [new Uint8Array(jpg)] }));
    const { items } = await w.caller("delegateA").post.ollaFeed({ ollaId: w.ollas.a });
    const photo = items.find((i) => i.id === p.id)!.photos[0]!;
    for (const url of [photo.thumb, photo.display]) {
      const hash = hashOf(url);
      expect(await codeOf(w.caller("anon").post.photo({ hash }))).toBe("NOT_FOUND");
      expect(await codeOf(w.caller("delegateB").post.photo({ hash }))).toBe("NOT_FOUND");
      expect(await codeOf(w.caller("zoneSouth").post.photo({ hash }))).toBe("NOT_FOUND");
      expect(await codeOf(w.caller("delegateA").post.photo({ hash }))).toBe("OK");
      expect(await codeOf(w.caller("zoneNorth").post.photo({ hash }))).toBe("OK");
      expect((await w.caller("city").post.photo({ hash })).public).toBe(false);
    }
  });

  it("shows an olla post to its coordinators and answers NOT_FOUND to another olla's delegate", async () => {
    const p = await w.caller("delegateA").post.create(postOfA({ visibility: "olla", body: "Solo para nuestra olla" }));
    expect((await w.caller("zoneNorth").post.get({ postId: p.id })).post.body).toBe("Solo para nuestra olla");
    expect((await w.caller("city").post.get({ postId: p.id })).post.id).toBe(p.id);
    expect(await codeOf(w.caller("delegateB").post.get({ postId: p.id }))).toBe("NOT_FOUND");
    expect(await codeOf(w.caller("zoneSouth").post.get({ postId: p.id }))).toBe("NOT_FOUND");
    expect(await codeOf(w.caller("anon").post.get({ postId: p.id }))).toBe("NOT_FOUND");
    expect((await w.caller("delegateB").post.networkFeed({})).items.map((i) => i.id)).not.toContain(p.id);
    expect((await w.caller("zoneNorth").post.networkFeed({})).items.map((i) => i.id)).toContain(p.id);
    expect(await codeOf(w.caller("delegateB").post.ollaFeed({ ollaId: w.ollas.a }))).toBe("NOT_FOUND");
  });

  it("network posts reach members, public posts everyone; the public feeds show public posts only", async () => {
    const net = await w.caller("delegateA").post.create(postOfA({ visibility: "network", body: "Para la red" }));
    const pub = await w.caller("delegateA").post.create(postOfA({ visibility: "public", body: "Para todos", categories: ["water"] }));
    expect((await w.caller("delegateB").post.get({ postId: net.id })).post.id).toBe(net.id);
    expect(await codeOf(w.caller("anon").post.get({ postId: net.id }))).toBe("NOT_FOUND");
    expect(await codeOf(w.caller("noRole").post.get({ postId: net.id }))).toBe("NOT_FOUND");
    expect(await codeOf(w.caller("noRole").post.networkFeed({}))).toBe("FORBIDDEN");
    const pubFeed = await w.caller("anon").post.publicFeed({});
    expect(pubFeed.items.every((i) => i.visibility === "public")).toBe(true);
    expect(pubFeed.items.map((i) => i.id)).toContain(pub.id);
    expect((await w.caller("anon").post.publicFeed({ category: "water" })).items.map((i) => i.id)).toEqual([pub.id]);
    expect((await w.caller("anon").post.publicFeed({ category: "storage" })).items).toEqual([]);
  });

  it("pages the feed newest first without repeating a post", async () => {
    for (let i = 0; i < 5; i++) await w.caller("delegateB").post.create({ ollaId: w.ollas.b, idempotencyKey: randomUUID(), body: `Novedad ${i}`, visibility: "network", categories: [] });
    const first = await w.caller("delegateB").post.ollaFeed({ ollaId: w.ollas.b, limit: 3 });
    const second = await w.caller("delegateB").post.ollaFeed({ ollaId: w.ollas.b, limit: 3, before: first.next! });
    expect(first.items.map((i) => i.body)).toEqual(["Novedad 4", "Novedad 3", "Novedad 2"]);
    expect(second.items.map((i) => i.body)).toEqual(["Novedad 1", "Novedad 0"]);
    expect(second.next).toBeNull();
  });
});

describe("writing posts", () => {
  it("a retried post with the same key makes one post; the same key with other text is a conflict", async () => {
    const jpg = new Uint8Array(await cameraJpeg({ width: 640, height: 480, seed: 3 }));
    const input = postOfA({ body: "Reintento", photos: [jpg] });
    const a = await w.caller("delegateA").post.create(input);
    const b = await w.caller("delegateA").post.create({ ...input, photos: [jpg] });
    expect(b.id).toBe(a.id);
    expect(await t.db.select().from(posts).where(eq(posts.body, "Reintento"))).toHaveLength(1);
    expect(await codeOf(w.caller("delegateA").post.create({ ...input, body: "Otro texto" }))).toBe("CONFLICT");
  });

  it("keeps hostile text as plain text", async () => {
    const body = `<img src=x onerror="alert(1)"> <script>alert(2)</script> =HYPERLINK("http://evil")`;
    const p = await w.caller("delegateA").post.create(postOfA({ body }));
    expect((await w.caller("delegateA").post.get({ postId: p.id })).post.body).toBe(body);
  });

  it("she edits and deletes her own post; a coordinator cannot", async () => {
    const p = await w.caller("delegateA").post.create(postOfA({ body: "Antes" }));
    const u = await w.caller("delegateA").post.update({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), postId: p.id, version: 1, body: "Después", visibility: "public", categories: [] });
    expect(u.version).toBe(2);
    expect(await codeOf(w.caller("delegateA").post.update({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), postId: p.id, version: 1, body: "Viejo", visibility: "public", categories: [] }))).toBe("CONFLICT");
    expect(await codeOf(w.caller("city").post.delete({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), postId: p.id }))).toBe("FORBIDDEN");
    await w.caller("delegateA").post.delete({ ollaId: w.ollas.a, idempotencyKey: randomUUID(), postId: p.id });
    expect(await codeOf(w.caller("delegateA").post.get({ postId: p.id }))).toBe("NOT_FOUND");
  });

  it("members comment on network posts; visitors never read comments; her olla deletes comments on its posts", async () => {
    const p = await w.caller("delegateA").post.create(postOfA({ visibility: "public", body: "¿Quién tiene un tanque?" }));
    const c = await w.caller("delegateB").post.comment({ postId: p.id, idempotencyKey: randomUUID(), body: "Nosotras, pásate el lunes" });
    expect(await codeOf(w.caller("anon").post.comment({ postId: p.id, idempotencyKey: randomUUID(), body: "hola" }))).toBe("UNAUTHORIZED");
    expect(await codeOf(w.caller("noRole").post.comment({ postId: p.id, idempotencyKey: randomUUID(), body: "hola" }))).toBe("FORBIDDEN");
    expect((await w.caller("anon").post.get({ postId: p.id })).comments).toEqual([]);
    const seen = await w.caller("zoneNorth").post.get({ postId: p.id });
    expect(seen.comments.map((x) => x.body)).toEqual(["Nosotras, pásate el lunes"]);
    const mine = await w.caller("delegateA").post.comment({ postId: p.id, idempotencyKey: randomUUID(), body: "Gracias" });
    expect(await codeOf(w.caller("delegateB").post.deleteComment({ postId: p.id, commentId: mine.id }))).toBe("FORBIDDEN");
    await w.caller("delegateA").post.deleteComment({ postId: p.id, commentId: c.id });
    expect((await w.caller("city").post.get({ postId: p.id })).comments.map((x) => x.id)).toEqual([mine.id]);
  });
});
