import type { z } from "zod";
import type { Actor } from "~/server/domain/actor";
import type { Db, Tx } from "~/server/db/client";
import { idempotent } from "./idempotency";
import { writeAudit } from "~/server/db/queries/audit";
import { districtExists, insertAssessment, insertOlla, updateOllaAtVersion, zoneExists, type OllaRow } from "~/server/db/queries/ollas";
import { newLocationSeed, publicPoint } from "~/server/domain/public-point";
import { locationKey } from "~/server/location-key";
import { coordinatesZone, type Scope } from "~/server/domain/scope";
import { badInput, conflict, forbidden } from "~/server/errors";
import type { ZCreateOllaInput, ZRecordAssessmentInput, ZUpdateOllaInput } from "~/validation/olla";

type Profile = z.output<typeof ZCreateOllaInput>;

function columnsFrom(p: Profile, seed: number) {
  const pub = publicPoint(p.location, seed, p.publishExact, locationKey());
  return {
    name: p.name,
    districtUbigeo: p.districtUbigeo,
    zoneId: p.zoneId,
    status: p.status,
    addressReference: p.addressReference ?? null,
    lat: p.location.lat,
    lng: p.location.lng,
    publicLat: pub.lat,
    publicLng: pub.lng,
    publishExact: p.publishExact,
    foundedOn: p.foundedOn ?? null,
    cookingDays: [...new Set(p.cookingDays)],
    rationsPerDay: p.rationsPerDay,
    beneficiariesChildren: p.beneficiaries.children,
    beneficiariesOlderAdults: p.beneficiaries.olderAdults,
    beneficiariesPregnantNursing: p.beneficiaries.pregnantNursing,
    beneficiariesDisabled: p.beneficiaries.disabled,
    rationPriceCents: p.rationPriceCents,
    contactName: p.contactName ?? null,
    contactPhone: p.contactPhone ?? null,
  };
}

async function checkReferences(db: Db, p: Profile) {
  if (!(await districtExists(db, p.districtUbigeo))) throw badInput("districtUbigeo", "validation.unknownDistrict");
  if (!(await zoneExists(db, p.zoneId))) throw badInput("zoneId", "validation.unknownZone");
}

/** A coordinator creates an olla inside her own scope. */
export async function createOlla(db: Db, actor: Actor, scope: Scope, p: Profile): Promise<OllaRow> {
  await checkReferences(db, p);
  if (!coordinatesZone(scope, p.zoneId)) throw badInput("zoneId", "validation.zoneOutsideScope");
  return db.transaction(async (tx) => {
    const seed = newLocationSeed();
    const created = await insertOlla(tx, { ...columnsFrom(p, seed), locationSeed: seed });
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "olla", entityId: created.id, ollaId: created.id, after: created });
    return created;
  });
}

/**
 * Optimistic concurrency: the edit names the version it was based on and the UPDATE
 * only matches that version, so of N simultaneous edits exactly one wins.
 */
export async function updateOlla(
  db: Db,
  actor: Actor,
  scope: Scope,
  current: OllaRow,
  input: z.output<typeof ZUpdateOllaInput>,
): Promise<OllaRow> {
  const { ollaId, version, idempotencyKey, ...p } = input;
  await checkReferences(db, p);
  if (p.zoneId !== current.zoneId) {
    // Moving an olla between zones changes who coordinates it: only a coordinator of both may.
    if (!coordinatesZone(scope, current.zoneId) || !coordinatesZone(scope, p.zoneId)) {
      throw badInput("zoneId", "validation.zoneChangeNotAllowed");
    }
  }
  const write = async (tx: Tx) => {
    const updated = await updateOllaAtVersion(tx, { id: ollaId, version }, columnsFrom(p, current.locationSeed));
    if (!updated) throw conflict("errors.staleVersion");
    await writeAudit(tx, { actorUserId: actor.userId, action: "update", entity: "olla", entityId: ollaId, ollaId, before: current, after: updated });
    return updated;
  };
  return idempotencyKey ? idempotent(db, { userId: actor.userId, procedure: "olla.update", input: { ...input, idempotencyKey } }, write) : db.transaction(write);
}

export async function recordAssessment(
  db: Db,
  actor: Actor,
  olla: OllaRow,
  input: z.output<typeof ZRecordAssessmentInput>,
) {
  if (olla.status === "closed") throw forbidden("errors.ollaClosed");
  const write = async (tx: Tx) => {
    const row = await insertAssessment(tx, { ollaId: olla.id, category: input.category, level: input.level, note: input.note ?? null, assessedOn: input.assessedOn, createdBy: actor.userId });
    await writeAudit(tx, { actorUserId: actor.userId, action: "record", entity: "assessment", entityId: String(row.id), ollaId: olla.id, after: row });
    return row;
  };
  const key = input.idempotencyKey;
  return key ? idempotent(db, { userId: actor.userId, procedure: "assessment.record", input: { ...input, idempotencyKey: key } }, write) : db.transaction(write);
}
