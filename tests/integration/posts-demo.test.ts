import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "~/server/api/root";
import { createCallerFactory, createInnerContext } from "~/server/api/trpc";
import { createSession, loadSessionUser } from "~/server/db/queries/sessions";
import { images, memberships } from "~/server/db/schema";
import { seedDemo } from "~/server/db/seed/demo";
import type { DemoContext } from "~/server/db/seed/seeders";
import { createTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
let ctx: DemoContext;
beforeAll(async () => {
  t = await createTestDb();
  ctx = await t.db.transaction(async (tx) => seedDemo(tx as never));
  // The whole demo seed (every domain's): minutes when seven builds share two cores.
}, 600_000);
afterAll(async () => t?.close());

const callerOf = async (userId: string | null) =>
  createCallerFactory(appRouter)(createInnerContext({ db: t.db, session: userId ? await loadSessionUser(t.db, await createSession(t.db, userId, 3600)) : null }));

describe("demo novedades and talleres", () => {
  it("a newcomer sees posts with real small photos (no metadata), comments, and three workshops on the demo delegate's home", async () => {
    const anon = await callerOf(null);
    const pub = await anon.post.publicFeed({});
    expect(pub.items.length).toBeGreaterThan(3);
    const withPhoto = pub.items.find((p) => p.photos.length > 0)!;
    const thumb = await anon.post.photo({ hash: /([0-9a-f]{64})/.exec(withPhoto.photos[0]!.thumb)![1]! });
    const m = await sharp(Buffer.from(thumb.bytes)).metadata();
    expect([m.format, m.exif]).toEqual(["webp", undefined]);
    expect(thumb.bytes.byteLength).toBeLessThanOrEqual(30 * 1024);
    expect((await t.db.select().from(images)).length).toBe(6);

    const [mine] = await t.db.select().from(memberships).where(eq(memberships.userId, ctx.delegateUserIds[0]!));
    const delegate = await callerOf(ctx.delegateUserIds[0]!);
    const feed = await delegate.post.ollaFeed({ ollaId: mine!.ollaId! });
    expect(feed.items.length).toBeGreaterThanOrEqual(5);
    expect(feed.items.some((p) => p.commentCount > 0)).toBe(true);
    const ws = await delegate.workshop.forOlla({ ollaId: mine!.ollaId! });
    expect(ws).toHaveLength(3);
    const pending = ws.flatMap((w) => w.followUps).filter((f) => f.ollaId === mine!.ollaId && f.status === "pending");
    expect(pending.map((f) => f.what)).toEqual(["Cotizar un tanque de 1100 litros"]);
    expect(ws.every((w) => w.facilitators === null)).toBe(true);
  });
});
