/**
 * The federation feed's format (v1): one strict schema that the publisher checks every page
 * against before signing it and the subscriber checks every verified page against before
 * applying it. Anything outside it is refused. Published as JSON Schema at
 * /api/federation/v1/schema.json (z.toJSONSchema).
 *
 * Field names follow Open Referral HSDS 3.0 where they fit: an olla is a `service` (id, name,
 * status, schedules with RRULE `byday`, service_at_locations → location with location_type,
 * latitude, longitude). Everything HSDS has no field for is an extension, prefixed `x_` inside
 * HSDS objects; needs and district aggregates are extension objects of their own (`need`,
 * `aggregates`), documented in README ("Federation").
 *
 * Snapshots (README "Snapshots"): a page may carry `snapshot: {upto}`; then it holds only
 * upserts (what is public now, latest change ≤ upto), no aggregates, and always has more. The
 * field is optional, so every page of this format without it validates as before.
 */
import { z } from "zod";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { NEED_CATEGORIES, NEED_URGENCIES } from "~/shared/needs";
import { WEEKDAYS } from "~/shared/olla";

export const FEED_FORMAT = "red-de-ollas/federation/v1";
/** Items per page the publisher sends by default, and the most a subscriber accepts. */
export const FEED_PAGE_ITEMS = 500;
export const FEED_MAX_ITEMS = 1000;
/** The most bytes of one page (the signed envelope) a subscriber reads; past it the page is refused. */
export const FEED_MAX_PAGE_BYTES = 4 * 1024 * 1024;
/** Most pages one pull reads (1,000 changes each as a subscriber asks them: 400,000); the rest waits for the next pull. */
export const MAX_PAGES_PER_PULL = 400;
/**
 * Feed pages one address may fetch a minute (FEDERATION_FEED_RATE_LIMIT): a subscriber's largest
 * pull (MAX_PAGES_PER_PULL pages, pulled once per FEDERATION_PULL_MINUTES ≥ 1) fits twice, so a
 * coordinator's "pull now" during a full resync is not refused either; a flood is.
 */
export const FEED_RATE_LIMIT_PER_MINUTE = 2 * MAX_PAGES_PER_PULL;

// Any id PostgreSQL's uuid type holds, not only RFC 9562 versions: ids made by md5(…)::uuid (the
// scale generator, imports) made the publisher refuse its own page, and the whole feed stalled there.
const uuid = z.guid();
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().min(1).max(max);
const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);

/** RFC 5545 BYDAY codes, as HSDS 3.0 schedules use them. */
export const BYDAY = { mon: "MO", tue: "TU", wed: "WE", thu: "TH", fri: "FR", sat: "SA", sun: "SU" } as const satisfies Record<(typeof WEEKDAYS)[number], string>;

export const ZFeedLocation = z
  .object({
    location_type: z.literal("physical"),
    latitude: lat,
    longitude: lng,
    x_location_precision: z.enum(["approximate", "exact"]),
    x_district_ubigeo: z.string().regex(/^\d{6}$/),
    x_district_name: text(120),
    x_zone_name: text(120).nullable(),
  })
  .strict();

/** An olla as an HSDS 3.0 service, public fields only. */
export const ZFeedService = z
  .object({
    id: uuid,
    name: text(120),
    // HSDS service status: an active olla is "active", a paused one "temporarily closed".
    status: z.enum(["active", "temporarily closed"]),
    schedules: z
      .array(
        z
          .object({
            freq: z.literal("WEEKLY"),
            byday: z.string().regex(/^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU)){0,6}$/),
          })
          .strict(),
      )
      .max(1),
    service_at_locations: z.array(z.object({ location: ZFeedLocation }).strict()).length(1),
    x_rations_per_day: z.number().int().min(0).max(5000),
    x_ration_price_pen: z.number().min(0).max(50),
    x_worst_level: z.number().int().min(0).max(3).nullable(),
    x_worst_categories: z.array(z.enum(PROBLEM_CATEGORIES)).max(PROBLEM_CATEGORIES.length),
    x_urgent_public_needs: z.boolean(),
  })
  .strict();

/** Extension: an open public need of an olla (a service of the same feed). */
export const ZFeedNeed = z
  .object({
    id: uuid,
    service_id: uuid,
    category: z.enum(NEED_CATEGORIES),
    description: z.string().min(3).max(500),
    quantity: z
      .string()
      .regex(/^\d{1,7}(\.\d{1,3})?$/)
      .nullable(),
    unit: z.string().min(1).max(20).nullable(),
    urgency: z.enum(NEED_URGENCIES),
    created_at: z.iso.datetime({ offset: true }),
  })
  .strict();

const cell = z.number().int().min(0).nullable();
/** Extension: the publisher's anonymous district aggregates, small cells already hidden (null). */
export const ZFeedAggregates = z
  .object({
    as_of: z.iso.date(),
    months: z.number().int().min(1).max(36),
    problems: z
      .array(
        z
          .object({
            category: z.enum(PROBLEM_CATEGORIES),
            // Levels 0 critical, 1 precarious, 2 adequate, 3 good: ollas per level.
            city: z.object({ cells: z.array(cell).length(4), total: cell }).strict(),
            districts: z
              .array(
                z
                  .object({
                    // null: the merged row of districts too small to publish on their own.
                    district_ubigeo: z.string().regex(/^\d{6}$/).nullable(),
                    district_name: z.string().max(120),
                    merged: z.array(z.string().max(120)).max(100),
                    cells: z.array(cell).length(4),
                    total: cell,
                  })
                  .strict(),
              )
              .max(100),
          })
          .strict(),
      )
      .max(PROBLEM_CATEGORIES.length),
    // Infrastructure plans, network-wide only: per category, ollas with a module of it still
    // planned and with one done (no olla, no money; 1–2 ollas hidden). Optional: a publisher
    // from before plan counts still validates.
    plan_modules: z
      .array(z.object({ category: z.enum(PROBLEM_CATEGORIES), planned: cell, done: cell }).strict())
      .max(PROBLEM_CATEGORIES.length)
      .optional(),
  })
  .strict();

const removal = z
  .object({ seq, op: z.literal("remove"), type: z.enum(["service", "need"]), id: uuid })
  .strict();
const serviceUpsert = z.object({ seq, op: z.literal("upsert"), type: z.literal("service"), id: uuid, service: ZFeedService }).strict();
const needUpsert = z.object({ seq, op: z.literal("upsert"), type: z.literal("need"), id: uuid, need: ZFeedNeed }).strict();
export const ZFeedItem = z.union([serviceUpsert, needUpsert, removal]);

export const ZFeedPage = z
  .object({
    format: z.literal(FEED_FORMAT),
    instance: z.object({ name: text(120), url: z.url({ protocol: /^https?$/ }).max(300) }).strict(),
    epoch: uuid,
    // Changes after `since` up to and including `next`, in rising order; ask `since=next` for more.
    since: seq,
    next: seq,
    has_more: z.boolean(),
    generated_at: z.iso.datetime({ offset: true }),
    items: z.array(ZFeedItem).max(FEED_MAX_ITEMS),
    // On the last page of a pull only (has_more false); null elsewhere.
    aggregates: ZFeedAggregates.nullable(),
    // Present on a page of a snapshot only (a subscriber starting from nothing asked for one):
    // the publisher's state of every entity still public whose latest change is at most `upto`,
    // with no removals. Optional: a change page carries none, and a subscriber that never asks
    // for a snapshot never sees it.
    snapshot: z.object({ upto: seq }).strict().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.next < p.since) ctx.addIssue({ code: "custom", message: "next before since", path: ["next"] });
    if (p.snapshot) {
      if (p.next > p.snapshot.upto) ctx.addIssue({ code: "custom", message: "snapshot page beyond its upto", path: ["next"] });
      // A snapshot is always followed by the change feed from `upto` (whose last page carries the aggregates).
      if (!p.has_more) ctx.addIssue({ code: "custom", message: "a snapshot page always has more", path: ["has_more"] });
      if (p.aggregates !== null) ctx.addIssue({ code: "custom", message: "no aggregates on a snapshot page", path: ["aggregates"] });
      if (p.items.some((it) => it.op !== "upsert")) ctx.addIssue({ code: "custom", message: "no removals in a snapshot", path: ["items"] });
    }
    let last = p.since;
    for (const [i, it] of p.items.entries()) {
      if (it.seq <= last) ctx.addIssue({ code: "custom", message: "sequence not rising", path: ["items", i, "seq"] });
      last = it.seq;
      if (it.seq > p.next) ctx.addIssue({ code: "custom", message: "item beyond next", path: ["items", i, "seq"] });
      if (it.op === "upsert" && it.type === "service" && it.service.id !== it.id) ctx.addIssue({ code: "custom", message: "id mismatch", path: ["items", i, "id"] });
      if (it.op === "upsert" && it.type === "need" && it.need.id !== it.id) ctx.addIssue({ code: "custom", message: "id mismatch", path: ["items", i, "id"] });
    }
  });

export type FeedPage = z.infer<typeof ZFeedPage>;
export type FeedItem = z.infer<typeof ZFeedItem>;
export type FeedService = z.infer<typeof ZFeedService>;
export type FeedNeed = z.infer<typeof ZFeedNeed>;
export type FeedAggregates = z.infer<typeof ZFeedAggregates>;

/** The published JSON Schema of a page (draft 2020-12). */
export function feedJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://redollas.pe/federation/v1/feed-page.schema.json",
    title: "Red de Ollas federation feed page (payload of the JWS)",
    ...z.toJSONSchema(ZFeedPage, { target: "draft-2020-12", unrepresentable: "any" }),
  };
}

/**
 * Keys that look like private data (phones, contacts, e-mail, addresses, document numbers, exact
 * points): a page carrying any of them is refused whole, whatever else it holds — a peer that
 * leaks its people's data must not make us a second copy of the leak.
 */
const PRIVATE_KEY = /(tel[eé]fono|phone|celular|movil|m[oó]vil|whatsapp|contact|contacto|e-?mail|correo|direcci[oó]n|address(?!_type)|dni|documento|password|clave|exact_?(lat|lng|point)|nombre_?(contacto|delegad)|delegad[ao]|person|persona)/i;

/** Every object key in `value` (any depth) that looks private, with its path. */
export function privateLookingKeys(value: unknown, path = "$", out: string[] = []): string[] {
  if (out.length >= 10) return out;
  if (Array.isArray(value)) value.forEach((v, i) => privateLookingKeys(v, `${path}[${i}]`, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (PRIVATE_KEY.test(k)) out.push(`${path}.${k}`);
      privateLookingKeys(v, `${path}.${k}`, out);
    }
  }
  return out;
}

/** Cooking days → an HSDS weekly schedule (none when she cooks no fixed day). */
export function scheduleOf(days: readonly string[]): { freq: "WEEKLY"; byday: string }[] {
  const codes = WEEKDAYS.filter((d) => days.includes(d)).map((d) => BYDAY[d]);
  return codes.length ? [{ freq: "WEEKLY", byday: codes.join(",") }] : [];
}

/** An HSDS schedule back to the olla's cooking days. */
export function daysOf(schedules: readonly { byday: string }[]): string[] {
  const codes = new Set((schedules[0]?.byday ?? "").split(",").filter(Boolean));
  return WEEKDAYS.filter((d) => codes.has(BYDAY[d]));
}
