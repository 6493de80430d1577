/**
 * The feed publisher: `GET /api/federation/v1/feed?since=N[&epoch=E][&limit=L][&snapshot=1 | &upto=H]`
 * answers one page of changes after N in rising sequence order (or of a snapshot: see
 * buildFeedPage), signed (JWS, flattened JSON serialization,
 * Ed25519). Only public facts: ollas that are not closed with their public point and public
 * fields, open public needs, and the public dashboard's district aggregates (small cells
 * already hidden). An entity that stopped being public is sent as a removal. Every page is
 * checked against the published schema before it is signed: the publisher cannot emit a field
 * the schema does not have.
 */
import { FlattenedSign } from "jose";
import type { Db } from "~/server/db/client";
import { changesAfter, feedHead, instanceEpoch, publishedChangesAfter, publishedNeeds, publishedOllas } from "~/server/db/queries/federation";
import { countHit, pruneRequestLimits } from "~/server/db/queries/request-limits";
import { requestAddress } from "~/server/http/client-address";
import { markOver, overUntil, resetOverLimit } from "~/server/http/over-limit";
import {
  FEED_FORMAT,
  FEED_MAX_ITEMS,
  FEED_PAGE_ITEMS,
  FEED_RATE_LIMIT_PER_MINUTE,
  ZFeedPage,
  privateLookingKeys,
  scheduleOf,
  type FeedAggregates,
  type FeedItem,
  type FeedPage,
} from "~/server/domain/federation-feed";
import { OTHERS_KEY } from "~/shared/dashboard";
import { publicDashboard } from "../dashboard/public";
import { publicPlanCounts } from "../plans";
import { ALG, signingKey } from "./keys";

export const FEED_TYP = "red-de-ollas-feed+jws";

export interface Identity {
  name: string;
  url: string;
}

/** This instance's federation name and public base URL (FEDERATION_NAME, FEDERATION_URL). */
export function identity(): Identity {
  const url = (process.env.FEDERATION_URL || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, "");
  return { name: process.env.FEDERATION_NAME || "Red de Ollas", url };
}

async function aggregates(db: Db): Promise<FeedAggregates> {
  // The public dashboard's own figures, suppression already applied: nothing a visitor cannot read.
  const [d, plans] = await Promise.all([publicDashboard(db, { months: 12 }), publicPlanCounts(db)]);
  return {
    plan_modules: plans.categories.map((c) => ({ category: c.category, planned: c.planned, done: c.done })),
    as_of: d.asOf,
    months: d.period.months,
    problems: d.problems.map((p) => ({
      category: p.category,
      city: { cells: p.city.cells, total: p.city.total },
      districts: p.areas.rows.map((r) => ({
        district_ubigeo: r.key === OTHERS_KEY ? null : r.key,
        district_name: r.label,
        merged: r.merged,
        cells: r.cells,
        total: r.total,
      })),
    })),
  };
}

/** A query the feed cannot answer (a snapshot's `upto` beyond the head, `since` beyond `upto`): 400. */
export class FeedQueryError extends Error {}

type PublishedOlla = Awaited<ReturnType<typeof publishedOllas>>[number];
type PublishedNeed = Awaited<ReturnType<typeof publishedNeeds>>[number];

function serviceItem(s: number, o: PublishedOlla): FeedItem {
  return {
    seq: s,
    op: "upsert",
    type: "service",
    id: o.id,
    service: {
      id: o.id,
      name: o.name,
      status: o.status === "paused" ? "temporarily closed" : "active",
      schedules: scheduleOf(o.cooking_days),
      service_at_locations: [
        {
          location: {
            location_type: "physical",
            latitude: Number(o.public_lat),
            longitude: Number(o.public_lng),
            x_location_precision: o.publish_exact ? "exact" : "approximate",
            x_district_ubigeo: o.district_ubigeo,
            x_district_name: o.district_name,
            x_zone_name: o.zone_name,
          },
        },
      ],
      x_rations_per_day: Number(o.rations_per_day),
      x_ration_price_pen: Number(o.ration_price_cents) / 100,
      x_worst_level: o.worst_level === null ? null : Number(o.worst_level),
      x_worst_categories: o.worst_categories as never,
      x_urgent_public_needs: Boolean(o.urgent),
    },
  };
}

function needItem(s: number, n: PublishedNeed): FeedItem {
  return {
    seq: s,
    op: "upsert",
    type: "need",
    id: n.id,
    need: {
      id: n.id,
      service_id: n.olla_id,
      category: n.category as never,
      description: n.description,
      quantity: n.quantity === null ? null : String(Number(n.quantity)),
      unit: n.unit,
      urgency: n.urgency as never,
      created_at: new Date(n.created_at).toISOString(),
    },
  };
}

/**
 * One page of the feed.
 *  - Changes (the default): the entities whose latest change is after `since`, each as an upsert
 *    of its public facts now, or as a removal when it is not public (any more).
 *  - A snapshot, for a subscriber that holds nothing (`snapshot` asked with `since` 0, or a
 *    subscriber on another epoch): the publisher fixes `upto` = its head, and pages through the
 *    entities whose latest change is at most `upto` that are public, without removals; the
 *    subscriber passes `upto` back for the next page and, once `next` reaches `upto`, goes on
 *    with the changes after `upto`. Correct because every commit after `upto` was fixed gets a
 *    number above it: an entity sent by an earlier snapshot page that changed since, and an
 *    entity not sent because it was not public, come again in the changes after `upto`; an
 *    entity still within (since, upto] has not changed, and the subscriber never held it.
 *    At 10,000 ollas most changes are removals of needs a new subscriber never saw (met,
 *    cancelled or network-only): a snapshot skips them.
 */
export async function buildFeedPage(
  db: Db,
  q: { since: number; epoch?: string; limit?: number; snapshot?: boolean; upto?: number },
  who: Identity = identity(),
): Promise<FeedPage> {
  const { epoch } = await instanceEpoch(db);
  // A subscriber still on an earlier epoch (this instance was restored) starts over from 0.
  const otherEpoch = q.epoch !== undefined && q.epoch !== epoch;
  const since = otherEpoch ? 0 : q.since;
  const limit = Math.min(Math.max(1, q.limit ?? FEED_PAGE_ITEMS), FEED_MAX_ITEMS);
  let upto: number | null = null;
  if (q.upto !== undefined && !otherEpoch) {
    if (q.upto > (await feedHead(db))) throw new FeedQueryError("upto beyond the feed's head");
    if (since > q.upto) throw new FeedQueryError("since beyond upto");
    upto = q.upto;
  } else if (since === 0 && (q.snapshot || q.upto !== undefined)) {
    upto = await feedHead(db);
  }
  const changes = upto === null ? await changesAfter(db, since, limit) : await publishedChangesAfter(db, since, upto, limit);
  const ollaIds = changes.filter((c) => c.kind === "olla").map((c) => c.entityId);
  const needIds = changes.filter((c) => c.kind === "need").map((c) => c.entityId);
  const [ollas, needs] = await Promise.all([publishedOllas(db, ollaIds), publishedNeeds(db, needIds)]);
  const ollaById = new Map(ollas.map((o) => [o.id, o]));
  const needById = new Map(needs.map((n) => [n.id, n]));

  const items: FeedItem[] = [];
  for (const c of changes) {
    const s = Number(c.seq);
    const found = c.kind === "olla" ? ollaById.get(c.entityId) : needById.get(c.entityId);
    if (found) items.push(c.kind === "olla" ? serviceItem(s, found as PublishedOlla) : needItem(s, found as PublishedNeed));
    // In a snapshot, an entity that stopped being public between the two reads changed after
    // `upto`: its removal comes with the changes after `upto`, and this subscriber never held it.
    else if (upto === null) items.push({ seq: s, op: "remove", type: c.kind === "olla" ? "service" : "need", id: c.entityId });
  }
  const full = changes.length === limit;
  const last = full ? Number(changes[changes.length - 1]!.seq) : null;
  const page: FeedPage =
    upto === null
      ? {
          format: FEED_FORMAT,
          instance: { name: who.name, url: who.url },
          epoch,
          since,
          next: items.length ? items[items.length - 1]!.seq : since,
          has_more: full,
          generated_at: new Date().toISOString(),
          items,
          aggregates: full ? null : await aggregates(db),
        }
      : {
          format: FEED_FORMAT,
          instance: { name: who.name, url: who.url },
          epoch,
          since,
          // Past the snapshot's last entity: up to `upto` itself, so the changes go on from there.
          next: last ?? upto,
          has_more: true,
          generated_at: new Date().toISOString(),
          items,
          aggregates: null,
          snapshot: { upto },
        };
  // The publisher's own guard: a page outside the schema, or with a private-looking key, is a bug here.
  const leaked = privateLookingKeys(page);
  if (leaked.length) throw new Error(`feed page carries private-looking keys: ${leaked.join(", ")}`);
  return ZFeedPage.parse(page);
}

/** The page as a flattened JWS (RFC 7515 §7.2.2) signed by the current key. */
export async function signFeedPage(db: Db, page: FeedPage): Promise<{ payload: string; protected: string; signature: string }> {
  const k = await signingKey(db);
  const jws = await new FlattenedSign(new TextEncoder().encode(JSON.stringify(page))).setProtectedHeader({ alg: ALG, kid: k.kid, typ: FEED_TYP }).sign(k.key);
  return { payload: jws.payload, protected: jws.protected!, signature: jws.signature };
}

const LIMIT_WINDOW_SECONDS = 60;
const OVER_LIMIT = "federation-feed";

/** Forgets which addresses were over their limit (tests; a process starts empty anyway). */
export function resetFeedLimits(): void {
  resetOverLimit(OVER_LIMIT);
}

/** Pages one address may fetch a minute; read per request (tests set their own), 0 = no limit. */
export function feedRateLimit(): number {
  const n = Number(process.env.FEDERATION_FEED_RATE_LIMIT ?? FEED_RATE_LIMIT_PER_MINUTE);
  return Number.isInteger(n) && n >= 0 ? n : FEED_RATE_LIMIT_PER_MINUTE;
}

/**
 * The open-data limiter's shape for the feed: a fixed one-minute window per client address,
 * counted in PostgreSQL (request_limits: every app server shares the count); past the limit,
 * 429 with Retry-After until the window ends. Null when the request may go on.
 */
async function feedLimited(req: Request, db: Db): Promise<Response | null> {
  const perMinute = feedRateLimit();
  if (perMinute <= 0) return null;
  const key = `fed:feed:${requestAddress(req)}`;
  const until = overUntil(OVER_LIMIT, key);
  if (until !== null) return tooManyPages(perMinute, until);
  const hits = await countHit(db, key, LIMIT_WINDOW_SECONDS);
  if (Math.random() < 0.01) void pruneRequestLimits(db, 3600).catch(() => {});
  if (hits <= perMinute) return null;
  return tooManyPages(perMinute, markOver(OVER_LIMIT, key, LIMIT_WINDOW_SECONDS));
}

function tooManyPages(perMinute: number, windowEnd: number): Response {
  return Response.json(
    { error: "TOO_MANY_REQUESTS", message: `at most ${perMinute} feed pages a minute from one address` },
    { status: 429, headers: { "cache-control": "no-store", "retry-after": String(Math.max(1, Math.ceil((windowEnd - Date.now()) / 1000))) } },
  );
}

/** The route's answer: a signed page, 400 with the reason for a bad query, or 429 past the rate limit. */
export async function feedResponse(req: Request, db: Db): Promise<Response> {
  const limited = await feedLimited(req, db);
  if (limited) return limited;
  const url = new URL(req.url);
  const since = url.searchParams.get("since") ?? "0";
  const limit = url.searchParams.get("limit");
  const epoch = url.searchParams.get("epoch") ?? undefined;
  const snapshot = url.searchParams.get("snapshot");
  const upto = url.searchParams.get("upto");
  const usage = "bad query: since=<integer>[&limit=1..1000][&epoch=<uuid>][&snapshot=1 | &upto=<integer>]";
  if (
    !/^\d{1,15}$/.test(since) ||
    (limit !== null && !/^\d{1,4}$/.test(limit)) ||
    (epoch !== undefined && !/^[0-9a-f-]{36}$/i.test(epoch)) ||
    (snapshot !== null && snapshot !== "1") ||
    (upto !== null && !/^\d{1,15}$/.test(upto))
  ) {
    return Response.json({ error: usage }, { status: 400 });
  }
  let page: FeedPage;
  try {
    page = await buildFeedPage(db, {
      since: Number(since),
      epoch,
      limit: limit === null ? undefined : Number(limit),
      snapshot: snapshot === "1",
      upto: upto === null ? undefined : Number(upto),
    });
  } catch (err) {
    if (err instanceof FeedQueryError) return Response.json({ error: `${usage}: ${err.message}` }, { status: 400 });
    throw err;
  }
  const body = await signFeedPage(db, page);
  return new Response(JSON.stringify(body), {
    headers: { "content-type": "application/jose+json", "cache-control": "no-store" },
  });
}
