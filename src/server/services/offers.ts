/**
 * Ofrecimientos: supporters offer toward public needs; the olla accepts, declines or receives.
 *
 * Abuse: a proof of work (altcha-lib, v1 challenge: SHA-256(salt + n) with n below maxnumber,
 * HMAC-signed, expiring in 10 minutes, each solution spent once), a honeypot field, per-address
 * and per-contact counters in PostgreSQL (request_limits, written in the offer's own transaction:
 * a refused offer rolls its count back, so of any flood at most the limit is written, across app
 * servers), a cap on open offers per contact. A phone retrying the same form (same formKey) gets
 * the same offer and link back, and nothing new is written.
 *
 * The follow-up link is a capability: 256 bits, HMAC(server key, formKey), so a retry answers the
 * same link; only its SHA-256 is stored. Wrong links cost one hash and one indexed read.
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createChallenge, verifySolution } from "altcha-lib/v1";
import type { z } from "zod";
import type { Db } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import type { OllaRow } from "~/server/db/queries/ollas";
import { countHit } from "~/server/db/queries/request-limits";
import {
  findOfferableNeed,
  findOfferByFormKey,
  findOfferByLink,
  inflowShareByKind,
  insertOffer,
  listOffersInScope,
  lockOfferForm,
  listOllaOffers,
  lockOffer,
  newOfferCount,
  openOffersOfContact,
  progressRows,
  prunePowSpent,
  spendPow,
  updateOffer,
  type OfferRow,
} from "~/server/db/queries/offers";
import { findItemForOlla, insertMovement, itemBalance, lockItem } from "~/server/db/queries/stock";
import { entrySourceId } from "./stock";
import type { Actor } from "~/server/domain/actor";
import { DEPENDENCY_WINDOW_DAYS } from "~/server/domain/dependency";
import { canDo, needProgress, sourceAllowed, viewStatus, type NeedProgress } from "~/server/domain/offers";
import type { Scope } from "~/server/domain/scope";
import { isWholeIfCounted, quantityText } from "~/server/domain/stock";
import { AppError, badInput, conflict, forbidden, notFound } from "~/server/errors";
import { limaToday } from "~/shared/lima-day";
import type { OfferViewStatus } from "~/shared/offers";
import type {
  ZAcceptOfferInput,
  ZCreateOfferInput,
  ZDeclineOfferInput,
  ZDeliverOfferInput,
  ZOfferRefInput,
  ZOffersInScopeInput,
  ZOllaOffersInput,
} from "~/validation/offers";
import { idempotent, requestHash } from "./idempotency";

/** Offers one network address may make per hour. */
export const OFFER_ADDRESS_LIMIT = 10;
/** Offers one contact (phone or e-mail) may make per day. */
export const OFFER_CONTACT_LIMIT = 5;
/** Offers one contact may have open (offered or accepted) at once. */
export const OFFER_OPEN_CAP = 3;
const POW_TTL_SECONDS = 600;

/**
 * The proof-of-work and follow-up-link keys derive from the session secret (every app server
 * shares it, so a challenge made by one is verified by another). Outside production without
 * NEXTAUTH_SECRET (tests, development) a fixed development key, read per call like locationKey().
 */
function rootKey(): string {
  // process.env, not ~/env: importing ~/env here would freeze the environment for tests that set theirs later.
  const e = process.env;
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  if (e.NODE_ENV !== "production") return "dev-only-offer-key-not-for-production-use";
  if (e.DATABASE_URL) throw new Error("NEXTAUTH_SECRET must be set when DATABASE_URL is set in production");
  // The embedded database in production: the secret src/server/auth/secret.ts generated beside it.
  const file = path.join(path.resolve(path.dirname(e.PGLITE_DIR || ".data/pglite")), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
  }
  return readFileSync(file, "utf8").trim();
}
const derivedKey = (purpose: string) => createHmac("sha256", rootKey()).update(purpose).digest("hex");
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** The follow-up token of the offer made with this form key (256 bits, base64url). */
function linkToken(formKey: string): string {
  return createHmac("sha256", derivedKey("offer-link")).update(formKey).digest("base64url");
}
export const linkHash = (token: string) => sha256(`offer-link:${token}`);

/** Cost of the proof of work: numbers to try at most (the average is half). Read per call: tests lower it. */
function powMaxNumber(): number {
  const n = Number(process.env.OFFER_POW_MAX_NUMBER);
  return Number.isInteger(n) && n >= 10 ? n : 50_000;
}

/** A fresh challenge for the offer form (altcha v1 shape). */
export async function offerChallenge(now = new Date()) {
  const c = await createChallenge({ hmacKey: derivedKey("altcha"), maxnumber: powMaxNumber(), expires: new Date(now.getTime() + POW_TTL_SECONDS * 1000) });
  return { algorithm: c.algorithm, challenge: c.challenge, maxnumber: c.maxnumber ?? powMaxNumber(), salt: c.salt, signature: c.signature };
}

/** The solved challenge's id and expiry when the solution is valid and unexpired; null otherwise. */
async function verifyPow(payload: string | undefined): Promise<{ challenge: string; expiresAt: Date } | null> {
  if (!payload) return null;
  let parsed: { challenge?: unknown; salt?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as typeof parsed;
  } catch {
    return null;
  }
  if (typeof parsed.challenge !== "string" || typeof parsed.salt !== "string" || parsed.challenge.length > 128) return null;
  if (!(await verifySolution(payload, derivedKey("altcha"), true))) return null;
  const expires = Number(new URLSearchParams(parsed.salt.split("?")[1] ?? "").get("expires"));
  return { challenge: parsed.challenge, expiresAt: new Date((Number.isFinite(expires) && expires > 0 ? expires : Date.now() / 1000 + POW_TTL_SECONDS) * 1000) };
}

const tooMany = (key: string) => new AppError("TOO_MANY_REQUESTS", key);

type CreateInput = z.output<typeof ZCreateOfferInput>;

/** What the supporter gets back: the offer and its private follow-up link's token. */
export interface CreatedOffer {
  offerId: string;
  token: string;
}

export async function createOffer(db: Db, input: CreateInput, clientAddress: string, now = new Date()): Promise<CreatedOffer> {
  // A person never sees the honeypot; a form filler does. Refused like any bad form, nothing written.
  if (input.website && input.website.trim() !== "") throw badInput("website", "offers.errors.rejected");
  const { altcha: _a, website: _w, formKey, ...rest } = input;
  const hash = requestHash("offer.create", { ...rest, idempotencyKey: formKey });
  const done = (o: OfferRow): CreatedOffer => ({ offerId: o.id, token: linkToken(o.formKey) });

  // A retry of the same form (its answer was lost): the same offer, no new proof of work needed.
  const prev = await findOfferByFormKey(db, formKey);
  if (prev) {
    if (prev.requestHash !== hash) throw conflict("idempotency.mismatch");
    return done(prev);
  }
  const need = await findOfferableNeed(db, input.needId);
  if (!need) throw notFound("offers.errors.needNotOpen");
  if (need.itemId && need.quantity !== null && input.quantity == null) throw badInput("quantity", "offers.validation.quantityRequired");
  if (need.itemId && need.itemUnit && input.quantity != null && !isWholeIfCounted(need.itemUnit, input.quantity)) throw badInput("quantity", "stock.validation.wholeUnits");
  if (!need.itemId && !input.what) throw badInput("what", "offers.validation.whatRequired");
  const pow = await verifyPow(input.altcha);
  if (!pow) throw badInput("altcha", "offers.errors.pow");
  const contactHash = sha256(`contact:${input.contact.value}`);
  const today = limaToday(now);

  const row = await db.transaction(async (tx) => {
    // Two retries of one form at the same moment: the second waits and finds the first.
    await lockOfferForm(tx, formKey);
    const again = await findOfferByFormKey(tx, formKey);
    if (again) {
      if (again.requestHash !== hash) throw conflict("idempotency.mismatch");
      return again;
    }
    if (!(await spendPow(tx, pow.challenge, pow.expiresAt))) throw badInput("altcha", "offers.errors.powReplayed");
    if ((await countHit(tx, `offer:addr:${clientAddress}`, 3600)) > OFFER_ADDRESS_LIMIT) throw tooMany("offers.errors.tooManyFromAddress");
    if ((await countHit(tx, `offer:contact:${contactHash}`, 86_400)) > OFFER_CONTACT_LIMIT) throw tooMany("offers.errors.tooManyFromContact");
    if ((await openOffersOfContact(tx, contactHash, today)) >= OFFER_OPEN_CAP) throw tooMany("offers.errors.tooManyOpen");
    const offer = await insertOffer(tx, {
      needId: need.id,
      ollaId: need.ollaId,
      itemId: need.itemId,
      unit: need.itemId ? need.itemUnit : null,
      what: input.what ?? null,
      quantity: input.quantity == null ? null : quantityText(input.quantity),
      availableOn: input.availableOn,
      deliveryMode: input.deliveryMode,
      supporterName: input.supporterName,
      supporterKind: input.supporterKind,
      contactPhone: input.contact.kind === "phone" ? input.contact.value : null,
      contactEmail: input.contact.kind === "email" ? input.contact.value : null,
      contactHash,
      message: input.message ?? null,
      thankByName: input.thankByName,
      formKey,
      requestHash: hash,
      linkHash: linkHash(linkToken(formKey)),
    });
    // The audit row names the offer, never the supporter's contact.
    await writeAudit(tx, { actorUserId: null, action: "create", entity: "offer", entityId: offer.id, ollaId: offer.ollaId, after: { needId: offer.needId, status: offer.status } });
    return offer;
  });
  if (Math.random() < 0.02) await prunePowSpent(db);
  return done(row);
}

// ---- The supporter's follow-up link ---------------------------------------------------

/** The offer behind a follow-up link, public fields and the olla's reply; NOT_FOUND for any wrong or revoked link. */
export async function followUp(db: Db, token: string, now = new Date()) {
  const row = await findOfferByLink(db, linkHash(token));
  if (!row) throw notFound();
  const { status, createdAt, availableOn, agreedOn, ...rest } = row;
  return {
    ...rest,
    availableOn,
    agreedOn,
    createdAt,
    status: viewStatus({ status, createdAt, availableOn, agreedOn }, now),
    quantity: rest.quantity === null ? null : Number(rest.quantity),
    deliveredQuantity: rest.deliveredQuantity === null ? null : Number(rest.deliveredQuantity),
  };
}

/** The supporter withdraws her offer while nothing is settled; withdrawing twice answers the same. */
export async function withdrawOffer(db: Db, token: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const o = await lockOffer(tx, { linkHash: linkHash(token) });
    if (!o) throw notFound();
    if (o.status === "withdrawn") return { offerId: o.id, status: "withdrawn" as const };
    if (!canDo("withdraw", viewStatus(o, now))) throw conflict("offers.errors.cannotWithdraw");
    await updateOffer(tx, o.id, { status: "withdrawn", withdrawnAt: now });
    await writeAudit(tx, { actorUserId: null, action: "withdraw", entity: "offer", entityId: o.id, ollaId: o.ollaId, after: { status: "withdrawn" } });
    return { offerId: o.id, status: "withdrawn" as const };
  });
}

// ---- The olla decides --------------------------------------------------------------

function ensureOpen(olla: OllaRow) {
  if (olla.status === "closed") throw forbidden("errors.ollaClosed");
}

async function lockedOfferOf(tx: Parameters<Parameters<Db["transaction"]>[0]>[0], olla: OllaRow, offerId: string) {
  const o = await lockOffer(tx, { id: offerId, ollaId: olla.id });
  if (!o) throw notFound();
  return o;
}

const refusal = (s: OfferViewStatus) => conflict(s === "delivered" ? "offers.errors.alreadyDelivered" : "offers.errors.notNow", { status: s });

export async function acceptOffer(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZAcceptOfferInput>, now = new Date()) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "offer.accept", input }, async (tx) => {
    const o = await lockedOfferOf(tx, olla, input.offerId);
    const s = viewStatus(o, now);
    if (!canDo("accept", s)) throw refusal(s);
    const row = await updateOffer(tx, o.id, { status: "accepted", replyMessage: input.message ?? null, agreedOn: input.agreedOn ?? null, decidedBy: actor.userId, decidedAt: now });
    await writeAudit(tx, { actorUserId: actor.userId, action: "accept", entity: "offer", entityId: o.id, ollaId: olla.id, after: { status: row.status, agreedOn: row.agreedOn } });
    return { offerId: o.id, status: "accepted" as const };
  });
}

export async function declineOffer(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZDeclineOfferInput>, now = new Date()) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "offer.decline", input }, async (tx) => {
    const o = await lockedOfferOf(tx, olla, input.offerId);
    const s = viewStatus(o, now);
    if (!canDo("decline", s)) throw refusal(s);
    await updateOffer(tx, o.id, { status: "declined", declineReason: input.reason, declineNote: input.note ?? null, decidedBy: actor.userId, decidedAt: now });
    await writeAudit(tx, { actorUserId: actor.userId, action: "decline", entity: "offer", entityId: o.id, ollaId: olla.id, after: { status: "declined", reason: input.reason } });
    return { offerId: o.id, status: "declined" as const };
  });
}

/**
 * "Recibido": the stock entry is written with the offer's change in one transaction, under the
 * offer's row lock: of any number of simultaneous "delivered" (other keys, other phones), the
 * first writes the one entry and the rest find the offer delivered (CONFLICT); the same key
 * replays the first answer.
 */
export async function deliverOffer(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZDeliverOfferInput>, now = new Date()) {
  ensureOpen(olla);
  return idempotent(db, { userId: actor.userId, procedure: "offer.deliver", input }, async (tx) => {
    const o = await lockedOfferOf(tx, olla, input.offerId);
    const s = viewStatus(o, now);
    if (!canDo("deliver", s)) throw refusal(s);
    if (!sourceAllowed(o.supporterKind, input.sourceType)) throw badInput("sourceType", "offers.validation.sourceForKind");
    const itemId = o.itemId ?? input.itemId ?? null;
    let movementId: number | null = null;
    let balance: number | null = null;
    if (itemId) {
      const item = await findItemForOlla(tx, olla.id, itemId);
      if (!item) throw badInput("itemId", "stock.validation.unknownItem");
      if (input.unit && input.unit !== item.unit) throw badInput("unit", "stock.validation.unitMismatch", { unit: item.unit });
      if (!isWholeIfCounted(item.unit, input.quantity)) throw badInput("quantity", "stock.validation.wholeUnits");
      // The delegate names the institution; the supporter's own typed name never creates one.
      const sourceId = await entrySourceId(tx, actor, olla.id, input);
      await lockItem(tx, olla.id, item.id);
      const m = await insertMovement(tx, {
        ollaId: olla.id,
        itemId: item.id,
        unit: item.unit,
        direction: "in",
        quantity: quantityText(input.quantity),
        occurredOn: input.occurredOn,
        sourceType: input.sourceType,
        sourceId,
        createdBy: actor.userId,
      });
      await writeAudit(tx, { actorUserId: actor.userId, action: "record", entity: "stock_movement", entityId: String(m.id), ollaId: olla.id, after: m });
      movementId = m.id;
      balance = await itemBalance(tx, olla.id, item.id);
    }
    await updateOffer(tx, o.id, {
      status: "delivered",
      deliveredQuantity: quantityText(input.quantity),
      deliveredOn: input.occurredOn,
      movementId,
      deliveredBy: actor.userId,
      deliveredAt: now,
    });
    await writeAudit(tx, { actorUserId: actor.userId, action: "deliver", entity: "offer", entityId: o.id, ollaId: olla.id, after: { status: "delivered", movementId } });
    return { offerId: o.id, status: "delivered" as const, movementId, balance };
  });
}

/** The delegate cuts a follow-up link (forwarded to the wrong people): it answers 404 from now on. */
export async function revokeLink(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZOfferRefInput>, now = new Date()) {
  return idempotent(db, { userId: actor.userId, procedure: "offer.revokeLink", input }, async (tx) => {
    const o = await lockedOfferOf(tx, olla, input.offerId);
    if (!o.linkRevokedAt) {
      await updateOffer(tx, o.id, { linkRevokedAt: now });
      await writeAudit(tx, { actorUserId: actor.userId, action: "revoke", entity: "offer_link", entityId: o.id, ollaId: olla.id });
    }
    return { offerId: o.id, revoked: true as const };
  });
}

// ---- Reading -----------------------------------------------------------------------

export async function ollaOffers(db: Db, ollaId: string, input: z.output<typeof ZOllaOffersInput>, now = new Date()) {
  const today = limaToday(now);
  const [items, newCount] = await Promise.all([listOllaOffers(db, ollaId, input, today), newOfferCount(db, ollaId, today)]);
  return { items, newCount };
}

export const ollaNewOfferCount = (db: Db, ollaId: string, now = new Date()) => newOfferCount(db, ollaId, limaToday(now));

/** A coordinator's offers in scope, and the share of the inflow that came through offers by kind of supporter. */
export async function offersInScope(db: Db, scope: Scope, input: z.output<typeof ZOffersInScopeInput>, now = new Date()) {
  const today = limaToday(now);
  const [items, share] = await Promise.all([listOffersInScope(db, scope, input, today), inflowShareByKind(db, scope, input, today, DEPENDENCY_WINDOW_DAYS)]);
  return { items, share: { ...share, windowDays: DEPENDENCY_WINDOW_DAYS } };
}

/** Progress and public thanks per need (only needs that name an item and a quantity get progress). */
export async function progressOf(db: Db, needs: readonly { id: string; itemId: string | null; quantity: number | null }[], now = new Date()) {
  const rows = await progressRows(db, needs.map((n) => n.id));
  const out = new Map<string, { progress: NeedProgress | null; thanks: string[] }>();
  for (const n of needs) {
    const mine = rows.filter((r) => r.needId === n.id);
    const thanks = [...new Set(mine.filter((r) => r.thankByName && (r.status === "delivered" || viewStatus(r, now) === "accepted")).map((r) => r.supporterName))];
    out.set(n.id, { progress: n.itemId && n.quantity !== null ? needProgress(n.quantity, mine, now) : null, thanks });
  }
  return out;
}

/** A public need's page: public fields, progress, and the names of donors who asked to be thanked. */
export async function publicNeed(db: Db, needId: string, now = new Date()) {
  const need = await findOfferableNeed(db, needId);
  if (!need) throw notFound();
  const p = (await progressOf(db, [need], now)).get(need.id)!;
  const { createdAt, ...rest } = need;
  return { ...rest, publishedOn: limaToday(createdAt), progress: p.progress, thanks: p.thanks };
}
