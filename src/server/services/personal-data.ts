import type { Db, DbOrTx } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import {
  clearOldShiftNames,
  correctContactRow,
  correctSociaRow,
  correctSupporterRow,
  correctInviteeRow,
  correctUserRow,
  eraseContactRow,
  eraseInviteeRow,
  eraseSociaRow,
  eraseSupporterRow,
  eraseUserRow,
  lastPurge,
  lockPerson,
  markPurged,
  peopleInScope,
  type PersonRow,
  phoneTakenByOtherUser,
  retentionExpired,
  tryPurgeLock,
  updateRetentionRow,
} from "~/server/db/queries/personal-data";
import type { Actor } from "~/server/domain/actor";
import { retentionCutoff } from "~/server/domain/personal-data";
import type { Scope } from "~/server/domain/scope";
import { AppError, badInput, conflict, notFound } from "~/server/errors";
import type { PersonKind } from "~/shared/personal-data";
import type { CorrectPersonInput, PersonRef } from "~/validation/personal-data";

/** The audit trail names the record by id (never by the person's name or phone). */
const ENTITY: Record<PersonKind, string> = { user: "user", invitee: "invitation", contact: "olla_contact", socia: "socia", supporter: "offer_supporter" };

export function listPeople(db: Db, scope: Scope, input: { q?: string; limit: number }) {
  return peopleInScope(db, scope, input);
}

/**
 * A correction on request (Ley 29733, art. 20), for a person the procedure found in the
 * coordinator's scope: the new values replace the old; the audit says which fields, not what.
 */
export async function correctPerson(db: Db, actor: Actor, person: PersonRow, input: CorrectPersonInput) {
  const { kind, id } = person;
  return db.transaction(async (tx) => {
    const current = await lockPerson(tx, kind, id);
    if (!current) throw notFound();
    if (current.erasedAt) throw conflict("personalData.errors.erased");
    const v = { name: input.name, phone: input.phone };
    if (kind === "user") {
      if (v.phone === null && !current.email) throw badInput("phone", "personalData.validation.needsLogin");
      if (v.phone && (await phoneTakenByOtherUser(tx, v.phone, id))) throw badInput("phone", "personalData.validation.phoneTaken");
      await correctUserRow(tx, id, v);
    } else if (kind === "invitee") {
      if (v.phone === null && !current.email) throw badInput("phone", "personalData.validation.needsLogin");
      await correctInviteeRow(tx, id, v);
    } else if (kind === "socia") {
      // A socia's record holds her name only.
      if (v.phone) throw badInput("phone", "personalData.validation.noPhone");
      if (v.name === undefined) throw badInput("name", "personalData.validation.nothingToCorrect");
      await correctSociaRow(tx, id, v.name);
    } else if (kind === "supporter") {
      // Her contact is how the olla reaches her: a phone may go only when an e-mail stays.
      if (v.phone === null && !current.email) throw badInput("phone", "personalData.validation.needsContact");
      await correctSupporterRow(tx, id, v);
    } else {
      await correctContactRow(tx, id, v);
    }
    const fields = (["name", "phone"] as const).filter((f) => v[f] !== undefined);
    await writeAudit(tx, { actorUserId: actor.userId, action: "correct", entity: ENTITY[kind], entityId: id, ollaId: person.ollaId, after: { fields } });
    return { ok: true as const };
  });
}

/** Erases one person's data inside the caller's transaction; the facts she took part in stay. */
async function eraseInTx(tx: DbOrTx, actorUserId: string | null, ref: PersonRef, reason: "request" | "retention", ollaId: string | null) {
  const current = await lockPerson(tx, ref.kind, ref.id);
  if (!current) return false;
  if (current.erasedAt || (ref.kind === "contact" && current.name == null && current.phone == null)) return false;
  if (ref.kind === "user") {
    const accepted = await eraseUserRow(tx, ref.id);
    for (const inv of accepted) await eraseInviteeRow(tx, inv);
  } else if (ref.kind === "invitee") {
    await eraseInviteeRow(tx, ref.id);
  } else if (ref.kind === "socia") {
    await eraseSociaRow(tx, ref.id, current);
  } else if (ref.kind === "supporter") {
    await eraseSupporterRow(tx, ref.id);
  } else {
    await eraseContactRow(tx, ref.id, current);
  }
  await writeAudit(tx, { actorUserId, action: "erase", entity: ENTITY[ref.kind], entityId: ref.id, ollaId: ollaId ?? current.ollaId, after: { reason } });
  return true;
}

/** Erasure on request (Ley 29733, art. 20), by a coordinator whose scope holds the person (personProcedure). */
export async function erasePerson(db: Db, actor: Actor, person: PersonRow) {
  if (person.kind === "user" && person.id === actor.userId) throw new AppError("BAD_REQUEST", "personalData.errors.self");
  return db.transaction(async (tx) => {
    const erased = await eraseInTx(tx, actor.userId, { kind: person.kind, id: person.id }, "request", person.ollaId);
    return { ok: true as const, erased };
  });
}

export interface PurgeResult {
  ran: boolean;
  users: number;
  invitees: number;
  contacts: number;
  socias: number;
  /** Shifts whose typed names were cleared (older than the retention period). */
  shiftNames: number;
  supporters: number;
}

/**
 * Erases the personal data of people who left longer ago than the network's retention period.
 * Safe with many app servers: one transaction-scoped advisory lock lets one purge run at a
 * time, and a purge that another server finished less than `minIntervalMs` ago is skipped.
 */
export async function purgePersonalData(db: Db, opts: { now?: Date; minIntervalMs?: number } = {}): Promise<PurgeResult> {
  const now = opts.now ?? new Date();
  const minIntervalMs = opts.minIntervalMs ?? 3_600_000;
  return db.transaction(async (tx) => {
    const none = { ran: false, users: 0, invitees: 0, contacts: 0, socias: 0, shiftNames: 0, supporters: 0 };
    if (!(await tryPurgeLock(tx))) return none;
    const { purgedAt, months } = await lastPurge(tx);
    if (purgedAt && now.getTime() - purgedAt.getTime() < minIntervalMs && now.getTime() >= purgedAt.getTime()) return none;
    const due = await retentionExpired(tx, retentionCutoff(now, months));
    const cutoff = retentionCutoff(now, months);
    const count = { users: 0, invitees: 0, contacts: 0, socias: 0, shiftNames: 0, supporters: 0 };
    for (const id of due.users) if (await eraseInTx(tx, null, { kind: "user", id }, "retention", null)) count.users++;
    for (const id of due.invitees) if (await eraseInTx(tx, null, { kind: "invitee", id }, "retention", null)) count.invitees++;
    for (const id of due.contacts) if (await eraseInTx(tx, null, { kind: "contact", id }, "retention", null)) count.contacts++;
    for (const id of due.socias) if (await eraseInTx(tx, null, { kind: "socia", id }, "retention", null)) count.socias++;
    count.shiftNames = await clearOldShiftNames(tx, cutoff);
    for (const id of due.supporters) if (await eraseInTx(tx, null, { kind: "supporter", id }, "retention", null)) count.supporters++;
    await markPurged(tx, now);
    return { ran: true, ...count };
  });
}

/** A city coordinator sets the retention period: versioned with the other settings, audited. */
export async function updateRetention(db: Db, actor: Actor, input: { version: number; personalDataRetentionMonths: number }) {
  return db.transaction(async (tx) => {
    const before = await lastPurge(tx);
    const row = await updateRetentionRow(tx, input.version, input.personalDataRetentionMonths, actor.userId);
    if (!row) throw conflict("errors.staleVersion");
    await writeAudit(tx, {
      actorUserId: actor.userId,
      action: "update",
      entity: "network_settings",
      entityId: "1",
      before: { personalDataRetentionMonths: before.months },
      after: { personalDataRetentionMonths: input.personalDataRetentionMonths },
    });
    return { version: Number(row.version), personalDataRetentionMonths: input.personalDataRetentionMonths };
  });
}
