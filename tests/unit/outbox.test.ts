/**
 * The phone's outbox: its rules (order per olla and item, backoff, what each answer does) and
 * the sender over a real IndexedDB implementation (fake-indexeddb) with a scripted server.
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";
import { applyOutcomes, backoffMs, dueNow, latestQueued, nextBatch, resumeAfterSignIn, type Outcome, type QueuedChange } from "~/components/delegate/outbox-core";
import { flushEveryone, flushOutbox } from "~/components/delegate/outbox-sender";
import { getChange, listChanges, putChange, resetOutboxConnection } from "~/components/delegate/outbox-store";
import { formToInput, laneOf, pendingDelta, recordSource, toFormErrors } from "~/shared/delegate-forms";

const OLLA = "11111111-1111-4111-8111-111111111111";
const RICE = "22222222-2222-4222-8222-222222222222";
const OIL = "33333333-3333-4333-8333-333333333333";
let n = 0;

function change(over: Partial<QueuedChange> & { itemId?: string; quantity?: number } = {}): QueuedChange {
  n++;
  const key = `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
  const { itemId = RICE, quantity = 1, ...rest } = over;
  return {
    key,
    userId: "ana",
    ollaId: OLLA,
    procedure: "stock.recordEntry",
    input: { ollaId: OLLA, idempotencyKey: key, itemId, unit: "kg", quantity, occurredOn: "2026-12-01", sourceType: "purchase" },
    values: {},
    formPath: `/mi-olla/${OLLA}/almacen/entrada`,
    label: "Entrada",
    queuedAt: 1000 + n,
    seq: (1000 + n) * 1000,
    state: "pending",
    attempts: 0,
    nextAttemptAt: 0,
    ...rest,
  };
}

describe("outbox rules", () => {
  it("the last source she used is her newest queued entry's, if newer than the server's; a refused one, another olla's or an exit does not count", () => {
    const older = change({ values: { source: "purchase" } });
    const newer = change({ values: { source: "donation_institution:abc" } });
    const refused = change({ state: "refused", values: { source: "own_production" } });
    const elsewhere = change({ ollaId: "44444444-4444-4444-8444-444444444444", values: { source: "transfer_in" } });
    const exit = change({ procedure: "stock.recordExit", values: {} });
    const all = [newer, refused, older, elsewhere, exit];
    expect(latestQueued(all, "stock.recordEntry", OLLA, 0)?.key).toBe(newer.key);
    expect(latestQueued([older, { ...newer, state: "unauthorized" }], "stock.recordEntry", OLLA, 0)?.key).toBe(newer.key);
    // The server's last entry is newer than everything queued: the server's default stands.
    expect(latestQueued(all, "stock.recordEntry", OLLA, exit.queuedAt + 1)).toBeNull();
    expect(latestQueued([], "stock.recordEntry", OLLA, 0)).toBeNull();
  });

  it("sends her due changes oldest first; a change waiting to retry holds back only the later ones of its lane", () => {
    const a = change({ itemId: RICE, nextAttemptAt: 5000 });
    const b = change({ itemId: OIL });
    const c = change({ itemId: RICE });
    const d = change({ itemId: OIL, userId: "beto" });
    const e = change({ itemId: OIL, state: "refused" });
    expect(nextBatch([c, b, a, d, e], "ana", 1000).map((x) => x.key)).toEqual([b.key]);
    expect(nextBatch([c, b, a, d, e], "ana", 6000).map((x) => x.key)).toEqual([a.key, b.key, c.key]);
    expect(nextBatch([a, b, c], "ana", 6000, 2)).toHaveLength(2);
  });

  it("a refused change is parked with its reason and holds back nothing; ok removes; retry backs off; unauthorized waits for sign-in", () => {
    const [a, b, c, d] = [change(), change(), change(), change()];
    const outcomes: Outcome[] = [
      { key: a.key, status: "ok" },
      { key: b.key, status: "refused", code: "CONFLICT", message: "No alcanza: en el almacén quedan 2 kg.", fieldErrors: { quantity: ["No alcanza"] } },
      { key: c.key, status: "retry", message: "Servicio no disponible." },
      { key: d.key, status: "unauthorized", message: "Ingresa." },
    ];
    const eff = applyOutcomes([a, b, c, d], outcomes, 10_000, () => 0.5);
    expect(eff[0]).toEqual({ key: a.key, delete: true });
    const parked = (eff[1] as { change: QueuedChange }).change;
    expect(parked).toMatchObject({ state: "refused", code: "CONFLICT", error: "No alcanza: en el almacén quedan 2 kg." });
    const later = (eff[2] as { change: QueuedChange }).change;
    expect(later).toMatchObject({ state: "pending", attempts: 1, nextAttemptAt: 12_000 });
    expect((eff[3] as { change: QueuedChange }).change.state).toBe("unauthorized");
    // A later change of the refused one's lane is still sent.
    const next = change();
    expect(nextBatch([parked, next], "ana", 10_000).map((x) => x.key)).toEqual([next.key]);
    // Signed in again: the signed-out ones are due now.
    expect(resumeAfterSignIn([(eff[3] as { change: QueuedChange }).change], "ana", 20_000)[0]).toMatchObject({ state: "pending", nextAttemptAt: 20_000 });
  });

  it("backs off 2 s, 4 s, 8 s… up to 2 min with jitter, and forgets the backoff when the connection returns", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, () => 0.5))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(20, () => 0.5)).toBe(120_000);
    expect(backoffMs(1, () => 0)).toBe(1600);
    expect(backoffMs(1, () => 1)).toBe(2400);
    const waiting = change({ nextAttemptAt: 99_999 });
    expect(dueNow([waiting], "ana", 5)[0]!.nextAttemptAt).toBe(5);
  });

  it("turns her form into the procedure's input: decimal comma, item and unit in one control, source and institution in one", () => {
    const f = recordSource({ ollaId: OLLA, idempotencyKey: "k", item: `${RICE}:kg`, quantity: "25,5", occurredOn: "2026-12-01", source: `parish:${OIL}`, note: " ", value: "12,30" });
    expect(formToInput("stock.recordEntry", f)).toMatchObject({ itemId: RICE, unit: "kg", quantity: 25.5, sourceType: "parish", sourceId: OIL, newSourceName: null, note: null, valueCents: 1230 });
    expect(formToInput("stock.recordEntry", recordSource({ source: "parish:__new__", newSourceName: "Comedor San José", quantity: "" }))).toMatchObject({ sourceType: "parish", sourceId: null, newSourceName: "Comedor San José", quantity: undefined });
    expect(formToInput("stock.recordExit", recordSource({ item: "", quantity: "2x" }))).toMatchObject({ itemId: undefined, quantity: Number.NaN, reason: "cooked" });
    expect(toFormErrors({ itemId: ["Elige un producto."], "beneficiaries.children": ["x"], sourceId: ["y"] })).toEqual({ item: "Elige un producto.", "b-children": "x", source: "y" });
    expect(laneOf("stock.recordExit", { ollaId: OLLA, itemId: RICE })).toBe(laneOf("stock.recordEntry", { ollaId: OLLA, itemId: RICE }));
    expect(pendingDelta("stock.recordExit", { itemId: RICE, quantity: 3 })).toEqual({ itemId: RICE, delta: -3 });
  });
});

describe("outbox sender over IndexedDB", () => {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    resetOutboxConnection();
  });

  /** A server that applies each key once and can drop its answers. */
  function server(opts: { dropAnswers?: number; refuse?: (input: Record<string, unknown>) => string | null; userId?: string } = {}) {
    const applied = new Map<string, Record<string, unknown>>();
    let drops = opts.dropAnswers ?? 0;
    const calls: string[][] = [];
    const fetchImpl = (async (_url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { userId: string; items: { key: string; input: Record<string, unknown> }[] };
      calls.push(body.items.map((i) => i.key));
      const results = body.items.map((i) => {
        if (opts.userId && body.userId !== opts.userId) return { key: i.key, status: "unauthorized", message: "Ingresa de nuevo." };
        const why = opts.refuse?.(i.input);
        if (why) return { key: i.key, status: "refused", code: "CONFLICT", message: why, fieldErrors: null };
        if (!applied.has(i.key)) applied.set(i.key, i.input);
        return { key: i.key, status: "ok" };
      });
      if (drops > 0) {
        drops--;
        throw new TypeError("Failed to fetch");
      }
      return new Response(JSON.stringify({ results }), { status: 200, headers: { "content-type": "application/json" } });
    }) as unknown as typeof fetch;
    return { applied, calls, fetchImpl };
  }

  it("five changes queued offline survive a new connection (reload) and reach the server exactly once, even when the answers are lost", async () => {
    for (let i = 0; i < 5; i++) await putChange(change({ quantity: i + 1 }));
    resetOutboxConnection(); // a reload: a new page opens the same database
    expect(await listChanges("ana")).toHaveLength(5);
    const s = server({ dropAnswers: 1 });
    const first = await flushOutbox({ userId: "ana", fetchImpl: s.fetchImpl, force: true });
    expect(first?.unreachable).toBe(true);
    expect(s.applied.size).toBe(5); // the server committed; the phone did not hear it
    expect((await listChanges("ana")).every((c) => c.attempts === 1)).toBe(true);
    await flushOutbox({ userId: "ana", fetchImpl: s.fetchImpl, force: true });
    expect(s.applied.size).toBe(5);
    expect(await listChanges("ana")).toHaveLength(0);
  });

  it("a refused change stays, explained, and the rest are sent", async () => {
    const bad = change({ procedure: "stock.recordExit", quantity: 999 });
    const good = change({ quantity: 2 });
    await putChange(bad);
    await putChange(good);
    const s = server({ refuse: (i) => (i.quantity === 999 ? "No alcanza: en el almacén quedan 3 kg." : null) });
    await flushOutbox({ userId: "ana", fetchImpl: s.fetchImpl });
    const left = await listChanges("ana");
    expect(left.map((c) => [c.key, c.state, c.error])).toEqual([[bad.key, "refused", "No alcanza: en el almacén quedan 3 kg."]]);
    expect([...s.applied.keys()]).toEqual([good.key]);
  });

  it("another person's changes are never sent with her session; signed-out changes resume when she is back", async () => {
    await putChange(change({ userId: "beto" }));
    const mine = change();
    await putChange(mine);
    const s = server({ userId: "nobody" });
    await flushOutbox({ userId: "ana", fetchImpl: s.fetchImpl });
    expect(s.calls.flat()).toEqual([mine.key]);
    expect((await getChange(mine.key))?.state).toBe("unauthorized");
    // She signs in again: the page (rendered for her) sends them.
    const ok = server({ userId: "ana" });
    await flushOutbox({ userId: "ana", fetchImpl: ok.fetchImpl });
    expect(ok.applied.size).toBe(0); // without signedIn, a signed-out change waits
    await flushOutbox({ userId: "ana", fetchImpl: ok.fetchImpl, signedIn: true });
    expect([...ok.applied.keys()]).toEqual([mine.key]);
    expect((await listChanges()).map((c) => c.userId)).toEqual(["beto"]);
  });

  it("the service worker's wake-up sends every person's pending changes, each under her own name", async () => {
    await putChange(change({ userId: "ana" }));
    await putChange(change({ userId: "beto" }));
    const seen: string[] = [];
    const fetchImpl = (async (_u: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { userId: string; items: { key: string }[] };
      seen.push(body.userId);
      return new Response(JSON.stringify({ results: body.items.map((i) => ({ key: i.key, status: body.userId === "ana" ? "ok" : "unauthorized", message: "" })) }));
    }) as unknown as typeof fetch;
    await flushEveryone({ fetchImpl });
    expect(seen.sort()).toEqual(["ana", "beto"]);
    expect((await listChanges()).map((c) => [c.userId, c.state])).toEqual([["beto", "unauthorized"]]);
  });
});
