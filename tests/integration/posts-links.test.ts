import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../helpers/db";
import { buildWorld, type World } from "../helpers/world";
import { freshModule } from "../security/policy-plans";
import { diffCounts, tableCounts } from "../security/procedures";

/** A post about one of her olla's needs or plan modules (issue 15): hers only, shown both ways. */
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
    return e instanceof TRPCError ? `${e.code} ${e.message}` : String(e);
  }
}
const needOf = (who: "delegateA" | "delegateB", ollaId: string, visibility: "public" | "network", description: string) =>
  w.caller(who).need.create({ ollaId, idempotencyKey: key(), category: "water", description, urgency: "high", visibility });
async function planItemOf(who: "delegateA" | "delegateB", ollaId: string, nameEs: string) {
  const m = await freshModule(w, { nameEs, nameEn: `${nameEs} (en)` });
  return w.caller(who).plan.addModule({ ollaId, idempotencyKey: key(), moduleId: m.id });
}
const postOfA = (over: Record<string, unknown>) => ({ ollaId: w.ollas.a, idempotencyKey: key(), body: "Avance de la obra", visibility: "network" as const, categories: [], ...over });

describe("what a post is about", () => {
  it("offers her composer only her own olla's open needs and plan modules; another olla's delegate gets NOT_FOUND", async () => {
    const mine = await needOf("delegateA", w.ollas.a, "network", "Tanque de agua para la cocina");
    const theirs = await needOf("delegateB", w.ollas.b, "network", "Cocina mejorada de la olla B");
    const item = await planItemOf("delegateA", w.ollas.a, "Tanque de agua");
    const targets = await w.caller("delegateA").post.linkTargets({ ollaId: w.ollas.a });
    expect(targets.needs.map((n) => n.id)).toContain(mine.id);
    expect(targets.needs.map((n) => n.id)).not.toContain(theirs.id);
    expect(targets.planItems.find((p) => p.id === item.id)?.nameEs).toBe("Tanque de agua");
    expect(await codeOf(w.caller("delegateA").post.linkTargets({ ollaId: w.ollas.b }))).toMatch(/^NOT_FOUND/);
  });

  it("refuses another olla's need or plan module with NOT_FOUND, writing nothing", async () => {
    const theirNeed = await needOf("delegateB", w.ollas.b, "public", "Necesidad de la olla B");
    const theirItem = await planItemOf("delegateB", w.ollas.b, "Estante de B");
    const before = await tableCounts(t.db);
    expect(await codeOf(w.caller("delegateA").post.create(postOfA({ needId: theirNeed.id })))).toMatch(/^NOT_FOUND/);
    expect(await codeOf(w.caller("delegateA").post.create(postOfA({ planItemId: theirItem.id })))).toMatch(/^NOT_FOUND/);
    expect(await codeOf(w.caller("delegateA").post.create(postOfA({ planItemId: randomUUID() })))).toMatch(/^NOT_FOUND/);
    expect(diffCounts(before, await tableCounts(t.db), ["audit_log(denied)"])).toEqual([]);
    // Editing her post onto another olla's plan module: refused the same way, the post unchanged.
    const p = await w.caller("delegateA").post.create(postOfA({}));
    expect(await codeOf(w.caller("delegateA").post.update({ ollaId: w.ollas.a, idempotencyKey: key(), postId: p.id, version: p.version, body: "x", visibility: "network", categories: [], planItemId: theirItem.id }))).toMatch(
      /^NOT_FOUND/,
    );
    const { post } = await w.caller("delegateA").post.get({ postId: p.id });
    expect([post.version, post.planItemId]).toEqual([1, null]);
  });

  it("refuses a post about a need and a plan module at once, with a translated message", async () => {
    const n = await needOf("delegateA", w.ollas.a, "network", "Agua potable");
    const i = await planItemOf("delegateA", w.ollas.a, "Filtro de agua");
    expect(await codeOf(w.caller("delegateA").post.create(postOfA({ needId: n.id, planItemId: i.id })))).toMatch(/^BAD_REQUEST/);
  });

  it("round trip: the post shows what it is about, and her plan module counts and lists the posts about it", async () => {
    const item = await planItemOf("delegateA", w.ollas.a, "Tanque elevado");
    const p1 = await w.caller("delegateA").post.create(postOfA({ body: "Llegó el tanque", planItemId: item.id, visibility: "public" }));
    const p2 = await w.caller("delegateA").post.create(postOfA({ body: "Ya está instalado", planItemId: item.id }));
    await w.caller("delegateA").post.create(postOfA({ body: "Otra cosa" }));

    const feed = await w.caller("delegateA").post.ollaFeed({ ollaId: w.ollas.a });
    const shown = feed.items.find((x) => x.id === p1.id)!;
    expect(shown.about).toEqual({ kind: "plan", label: { es: "Tanque elevado", en: "Tanque elevado (en)" }, href: `/mi-olla/${w.ollas.a}/plan#plan-item-${item.id}` });
    expect(shown.planItemId).toBe(item.id);

    const counts = await w.caller("delegateA").post.countsAbout({ ollaId: w.ollas.a });
    expect(counts.planItems[item.id]).toBe(2);
    const about = await w.caller("zoneNorth").post.ollaFeed({ ollaId: w.ollas.a, planItemId: item.id });
    expect(about.items.map((x) => x.id).sort()).toEqual([p1.id, p2.id].sort());
    expect(await codeOf(w.caller("delegateB").post.countsAbout({ ollaId: w.ollas.a }))).toMatch(/^NOT_FOUND/);

    // A visitor sees the public post's module (the plan is public) with the olla's public page as its link.
    const pub = await w.caller("anon").post.publicFeed({ ollaId: w.ollas.a });
    expect(pub.items.find((x) => x.id === p1.id)!.about).toEqual({ kind: "plan", label: { es: "Tanque elevado", en: "Tanque elevado (en)" }, href: `/ollas/${w.ollas.a}` });

    // She unlinks it by editing: it no longer counts.
    await w.caller("delegateA").post.update({ ollaId: w.ollas.a, idempotencyKey: key(), postId: p2.id, version: p2.version, body: "Ya está instalado", visibility: "network", categories: [], planItemId: null });
    expect((await w.caller("delegateA").post.countsAbout({ ollaId: w.ollas.a })).planItems[item.id]).toBe(1);
  });

  it("never shows a visitor a network-only need or a hidden plan through a public post", async () => {
    const secret = await needOf("delegateA", w.ollas.a, "network", "CANARY-need-network-only");
    const onNeed = await w.caller("delegateA").post.create(postOfA({ body: "Sobre la necesidad", needId: secret.id, visibility: "public" }));
    const item = await planItemOf("delegateA", w.ollas.a, "CANARY-hidden-module");
    const onItem = await w.caller("delegateA").post.create(postOfA({ body: "Sobre el plan", planItemId: item.id, visibility: "public" }));
    const plan = await w.caller("delegateA").plan.get({ ollaId: w.ollas.a });
    await w.caller("delegateA").plan.updateSettings({ ollaId: w.ollas.a, idempotencyKey: key(), version: plan.settings.version, monthlyCapacityCents: 0, savingsCents: 0, showAmounts: false, hidden: true });

    const pub = await w.caller("anon").post.publicFeed({ ollaId: w.ollas.a });
    for (const id of [onNeed.id, onItem.id]) {
      const x = pub.items.find((i) => i.id === id)!;
      expect([x.about, x.needId, x.planItemId]).toEqual([null, null, null]);
    }
    expect(JSON.stringify(pub)).not.toContain("CANARY");
    const single = await w.caller("anon").post.get({ postId: onNeed.id });
    expect(JSON.stringify(single)).not.toContain("CANARY");
    // A member of the network reads the network-only need; her own people read both, linked to her pages.
    const member = await w.caller("delegateB").post.networkFeed({});
    expect(member.items.find((i) => i.id === onNeed.id)!.about).toEqual({ kind: "need", label: "CANARY-need-network-only", href: null });
    expect(member.items.find((i) => i.id === onItem.id)!.about).toBeNull();
    const own = await w.caller("delegateA").post.ollaFeed({ ollaId: w.ollas.a });
    expect(own.items.find((i) => i.id === onNeed.id)!.about?.href).toBe(`/mi-olla/${w.ollas.a}/necesidades#need-${secret.id}`);
    expect(own.items.find((i) => i.id === onItem.id)!.about?.kind).toBe("plan");
    await w.caller("delegateA").plan.updateSettings({ ollaId: w.ollas.a, idempotencyKey: key(), version: plan.settings.version + 1, monthlyCapacityCents: 0, savingsCents: 0, showAmounts: false, hidden: false });
  });
});
