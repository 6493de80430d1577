import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Db } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import { findIdempotencyKey } from "~/server/db/queries/idempotency";
import { insertNeed } from "~/server/db/queries/needs";
import type { OllaRow } from "~/server/db/queries/ollas";
import {
  coordinatorWorkshopWhere,
  insertWorkshop,
  listWorkshops,
  ollasNamingCategories,
  ollasOfZone,
  ollaWorkshopIds,
  openFollowUpsByZone,
  publicWorkshopFigures,
  publicWorkshopVersion,
  setFollowUp,
  workshopDetails,
  listWorkshopsByIds,
  type FollowUpRow,
  type WorkshopRow,
} from "~/server/db/queries/workshops";
import type { Actor } from "~/server/domain/actor";
import { coordinatesZone, isDelegateOf, type Scope } from "~/server/domain/scope";
import { badInput, conflict, forbidden } from "~/server/errors";
import { isDisclosive } from "~/server/domain/suppression";
import { limaToday } from "~/shared/lima-day";
import { NEED_CATEGORIES } from "~/shared/needs";
import { workshopPeriod, type FollowUpStatus } from "~/shared/posts";
import type { ZAcceptFollowUpAsPlanModuleInput, ZAcceptFollowUpInput, ZCreateWorkshopInput } from "~/validation/workshops";
import { idempotent } from "./idempotency";
import { processPhotos } from "./images/pipeline";
import { addPlanModule } from "./plans";
import { photoUrl } from "./posts";
import { postgresImageStore, type ImageStore } from "./images/store";
import { publicCache } from "./shared-cache";

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A coordinator records a workshop of one of her zones: participants from that zone, follow-ups for them or the coordination. */
export async function createWorkshop(db: Db, actor: Actor, input: z.output<typeof ZCreateWorkshopInput>, store: ImageStore = postgresImageStore(db)) {
  const { photos, ...fields } = input;
  const req = { userId: actor.userId, procedure: "workshop.create", input: { ...fields, photos: photos.map(sha256) } };
  // Like a post: a retry with the same key answers the first workshop without decoding the photos again.
  if (photos.length && (await db.transaction((tx) => findIdempotencyKey(tx, actor.userId, input.idempotencyKey)))) {
    return idempotent(db, req, async () => {
      throw conflict("errors.retry");
    });
  }
  // Every photo is checked and re-encoded (metadata stripped) before anything is written: one bad file refuses the workshop.
  const processed = await processPhotos(photos);
  await store.put(processed.flatMap((p) => [p.thumb, p.display]));
  return idempotent(db, req, async (tx) => {
    const ids = [...new Set(input.ollaIds)];
    const inZone = await ollasOfZone(tx, input.zoneId, ids);
    if (inZone.length !== ids.length) throw badInput("ollaIds", "workshops.errors.ollaOutsideZone");
    for (const f of input.followUps) if (f.ollaId && !ids.includes(f.ollaId)) throw badInput("followUps", "workshops.errors.followUpOlla");
    const cats = input.problems.map((p) => p.category);
    if (new Set(cats).size !== cats.length) throw badInput("problems", "workshops.errors.repeatedProblem");
    const row = await insertWorkshop(
      tx,
      { zoneId: input.zoneId, heldOn: input.heldOn, place: input.place, facilitators: input.facilitators ?? null, agreements: input.agreements, createdBy: actor.userId },
      ids,
      input.problems,
      input.followUps,
      processed.map((p, position) => ({ position, thumbHash: p.thumb.hash, displayHash: p.display.hash, width: p.display.width, height: p.display.height })),
    );
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "workshop", entityId: row.id, after: { ...row, ollaIds: ids, photos: processed.map((p) => p.display.hash) } });
    return { id: row.id };
  });
}

type Details = Awaited<ReturnType<typeof workshopDetails>>;
/** A workshop as its readers see it; facilitators (people) only for its coordination. */
function view(w: Pick<WorkshopRow, "id" | "zoneId" | "heldOn" | "place" | "agreements"> & { facilitators?: string | null; zoneName?: string }, d: Details, scope: Scope, onlyOlla?: string) {
  const coord = coordinatesZone(scope, w.zoneId);
  return {
    id: w.id,
    heldOn: w.heldOn,
    place: w.place,
    zoneName: w.zoneName ?? null,
    agreements: w.agreements,
    facilitators: coord ? (w.facilitators ?? null) : null,
    ollas: d.ollas.filter((o) => o.workshopId === w.id).map((o) => ({ id: o.ollaId, name: o.name })),
    problems: d.problems.filter((p) => p.workshopId === w.id).map((p) => ({ category: p.category, note: p.note })),
    followUps: d.followUps
      .filter((f) => f.workshopId === w.id && (coord || !onlyOlla || f.ollaId === onlyOlla || f.ollaId === null))
      .filter((f) => coord || f.ollaId === null || scope.delegateOllaIds.includes(f.ollaId))
      .map((f) => ({ id: f.id, what: f.what, ollaId: f.ollaId, dueOn: f.dueOn, status: f.status, needId: f.needId, planItemId: f.planItemId })),
    photos: d.photos
      .filter((p) => p.workshopId === w.id)
      .map((p) => ({ thumb: photoUrl(p.thumbHash, "image/webp"), display: photoUrl(p.displayHash, "image/jpeg"), width: p.width, height: p.height })),
  };
}

export async function workshopsInScope(db: Db, scope: Scope, zoneId: string | undefined, limit: number) {
  const rows = await listWorkshops(db, coordinatorWorkshopWhere(scope, zoneId), limit);
  const d = await workshopDetails(db, rows.map((r) => r.id));
  return rows.map((r) => view(r, d, scope));
}

export async function workshopFor(db: Db, scope: Scope, w: WorkshopRow) {
  const d = await workshopDetails(db, [w.id]);
  return view(w, d, scope);
}

/** The workshops her olla joined and their follow-ups for her olla (and the coordination's), for her home. */
export async function ollaWorkshops(db: Db, scope: Scope, olla: OllaRow) {
  const ids = await ollaWorkshopIds(db, olla.id);
  if (!ids.length) return [];
  const rows = await listWorkshopsByIds(db, ids);
  const d = await workshopDetails(db, ids);
  return rows.map((r) => view(r, d, { ...scope, city: false, zoneIds: [] }, olla.id));
}

/** Marks a follow-up: its olla's delegate (her olla's ones), or the workshop's coordination (any). */
export async function setFollowUpStatus(db: Db, actor: Actor, scope: Scope, found: { followUp: FollowUpRow; zoneId: string }, status: FollowUpStatus) {
  const f = found.followUp;
  const coord = coordinatesZone(scope, found.zoneId);
  if (!coord && !(f.ollaId && isDelegateOf(scope, { id: f.ollaId }))) throw forbidden("workshops.errors.notYourFollowUp");
  return db.transaction(async (tx) => {
    const row = await setFollowUp(tx, f.id, { status });
    await writeAudit(tx, { actorUserId: actor.userId, action: "update", entity: "workshop_follow_up", entityId: f.id, ollaId: f.ollaId, before: f, after: row });
    return { id: f.id, status };
  });
}

/** Her olla's delegate marks one of her olla's follow-ups (her home); another olla's is refused as not hers. */
export async function markOllaFollowUp(db: Db, actor: Actor, scope: Scope, olla: OllaRow, found: { followUp: FollowUpRow; zoneId: string } | null, status: FollowUpStatus) {
  if (!found || found.followUp.ollaId !== olla.id) throw badInput("followUpId", "workshops.errors.notYourFollowUp");
  return setFollowUpStatus(db, actor, scope, found, status);
}

/**
 * Her olla accepts a follow-up as one of its needs (one tap on her home). Only her olla's
 * delegate may: a coordinator cannot turn a workshop's proposal into an olla's need.
 */
export async function acceptFollowUpAsNeed(db: Db, actor: Actor, olla: OllaRow, found: { followUp: FollowUpRow } | null, input: z.output<typeof ZAcceptFollowUpInput>) {
  return idempotent(db, { userId: actor.userId, procedure: "workshop.acceptAsNeed", input }, async (tx) => {
    const f = found?.followUp;
    if (!f || f.ollaId !== olla.id) throw badInput("followUpId", "workshops.errors.notYourFollowUp");
    if (f.needId) throw conflict("workshops.errors.alreadyANeed");
    if (f.status === "dropped") throw conflict("workshops.errors.dropped");
    const need = await insertNeed(tx, {
      ollaId: olla.id,
      category: input.category,
      description: f.what,
      urgency: input.urgency,
      visibility: input.visibility,
      createdBy: actor.userId,
    });
    await setFollowUp(tx, f.id, { needId: need.id });
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "need", entityId: need.id, ollaId: olla.id, after: { ...need, fromFollowUp: f.id } });
    return { needId: need.id, followUpId: f.id };
  });
}

/**
 * Her olla accepts a follow-up into its infrastructure plan (one tap on her home): the module is
 * added through the plan's own path (addPlanModule: its checks, lock, audit and idempotency under
 * her key), then the follow-up points at that plan item. A retry with the same key replays the
 * add and finds the link already made: one plan item, one link.
 */
export async function acceptFollowUpAsPlanModule(
  db: Db,
  actor: Actor,
  olla: OllaRow,
  found: { followUp: FollowUpRow } | null,
  input: z.output<typeof ZAcceptFollowUpAsPlanModuleInput>,
) {
  const f = found?.followUp;
  if (!f || f.ollaId !== olla.id) throw badInput("followUpId", "workshops.errors.notYourFollowUp");
  if (f.status === "dropped") throw conflict("workshops.errors.dropped");
  const item = await addPlanModule(db, actor, olla, { ollaId: olla.id, idempotencyKey: input.idempotencyKey, moduleId: input.moduleId, funding: input.funding });
  if (f.planItemId === item.id) return { planItemId: item.id, followUpId: f.id };
  if (f.planItemId) throw conflict("workshops.errors.alreadyInPlan");
  await db.transaction(async (tx) => {
    const row = await setFollowUp(tx, f.id, { planItemId: item.id });
    await writeAudit(tx, { actorUserId: actor.userId, action: "update", entity: "workshop_follow_up", entityId: f.id, ollaId: olla.id, before: f, after: row });
  });
  return { planItemId: item.id, followUpId: f.id };
}

/** Dashboard figures of a coordinator's scope: ollas naming each category in the period; open and overdue follow-ups per zone. */
export async function workshopDashboard(db: Db, scope: Scope, input: { from: string; to: string; zoneId?: string }) {
  const where = coordinatorWorkshopWhere(scope, input.zoneId);
  const [named, followUps] = await Promise.all([ollasNamingCategories(db, where, input.from, input.to), openFollowUpsByZone(db, where, limaToday())]);
  return { named, followUps };
}

/**
 * Talleres on the public /panel, for anyone: per category, how many ollas named it in a workshop
 * of the period, and the city's open follow-ups and how many are overdue. Only aggregates, each
 * hidden ("—", null) when it rests on 1 or 2 ollas (domain/suppression.ts); no margin is published,
 * so nothing hidden can be recovered by subtraction. Shared by every visitor like the rest of /panel
 * (PUBLIC_CACHE_SECONDS), but recomputed as soon as a workshop or a follow-up changes.
 */
export async function publicWorkshopCounts(db: Db, input: { months: number }) {
  const today = limaToday();
  const { from, to } = workshopPeriod(input.months, today);
  return publicCache.get(db, JSON.stringify(["workshop-counts", input.months]), () => computePublicWorkshopCounts(db, from, to, today), await publicWorkshopVersion(db, today));
}

async function computePublicWorkshopCounts(db: Db, from: string, to: string, today: string) {
  const { named, followUps } = await publicWorkshopFigures(db, from, to, today);
  let hiddenCells = 0;
  const cell = (value: number, ollas: number) => {
    if (isDisclosive(ollas)) {
      hiddenCells++;
      return null;
    }
    return value;
  };
  const byCat = new Map(named.map((n) => [n.category, n.ollas]));
  return {
    from,
    to,
    categories: NEED_CATEGORIES.map((category) => {
      const n = byCat.get(category) ?? 0;
      return { category, named: cell(n, n) };
    }),
    open: cell(followUps.open, followUps.openOllas),
    overdue: cell(followUps.overdue, followUps.overdueOllas),
    hiddenCells,
  };
}
