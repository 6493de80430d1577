import type { z } from "zod";
import type { Actor } from "~/server/domain/actor";
import type { Db } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import type { OllaRow } from "~/server/db/queries/ollas";
import {
  accountExists,
  claimOpenInvitation,
  deactivateDelegateMembership,
  findInvitationPreview,
  insertInvitation,
  insertMembership,
  insertUser,
  listOllaDelegates,
  listOllaInvitations,
  revokeOpenInvitation,
  setInvitationUsedBy,
} from "~/server/db/queries/people";
import { hashPassword } from "~/server/auth/password";
import { hashInvitationCode, invitationState, newInvitationCode } from "~/server/domain/invitation";
import { AppError, conflict, notFound } from "~/server/errors";
import type { ZAcceptInvitationInput, ZCreateInvitationInput } from "~/validation/people";

/** Creates a single-use invitation; the plain code is returned once and never stored. */
export async function createInvitation(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZCreateInvitationInput>) {
  const code = newInvitationCode();
  return db.transaction(async (tx) => {
    const row = await insertInvitation(tx, {
      codeHash: hashInvitationCode(code),
      ollaId: olla.id,
      inviteeName: input.inviteeName,
      inviteePhone: input.inviteePhone ?? null,
      inviteeEmail: input.inviteeEmail ?? null,
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 3600 * 1000),
    });
    const { codeHash: _omit, ...safe } = row;
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "invitation", entityId: row.id, ollaId: olla.id, after: safe });
    return { id: row.id, code, expiresAt: row.expiresAt };
  });
}

export async function listInvitations(db: Db, ollaId: string) {
  const rows = await listOllaInvitations(db, ollaId);
  return rows.map((r) => ({ ...r, state: invitationState(r) }));
}

export async function revokeInvitation(db: Db, actor: Actor, ollaId: string, invitationId: string) {
  return db.transaction(async (tx) => {
    const row = await revokeOpenInvitation(tx, ollaId, invitationId);
    if (!row) throw notFound();
    await writeAudit(tx, { actorUserId: actor.userId, action: "revoke", entity: "invitation", entityId: invitationId, ollaId });
    return { ok: true as const };
  });
}

/** What the invitee sees before setting her password: the olla's name, nothing else. */
export async function previewInvitation(db: Db, code: string) {
  const inv = await findInvitationPreview(db, hashInvitationCode(code));
  if (!inv || invitationState(inv) !== "open") throw notFound("errors.invitationInvalid");
  return { ollaName: inv.ollaName, inviteeName: inv.inviteeName, expiresAt: inv.expiresAt };
}

/** The invitee sets her own password; the invitation is consumed exactly once. */
export async function acceptInvitation(db: Db, input: z.output<typeof ZAcceptInvitationInput>) {
  // Hashing costs ~30 ms of CPU: an unknown or spent code is refused before it, so that
  // anonymous calls with made-up codes cannot keep the server busy.
  await previewInvitation(db, input.code);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Claim the invitation first: of two simultaneous accepts only one gets the row.
    const inv = await claimOpenInvitation(tx, hashInvitationCode(input.code));
    if (!inv) throw notFound("errors.invitationInvalid");
    if (await accountExists(tx, { phone: inv.inviteePhone, email: inv.inviteeEmail })) throw conflict("errors.accountExists");
    const user = await insertUser(tx, { name: input.name, phone: inv.inviteePhone, email: inv.inviteeEmail, passwordHash });
    const m = await insertMembership(tx, { userId: user.id, role: "delegate", ollaId: inv.ollaId });
    await setInvitationUsedBy(tx, inv.id, user.id);
    await writeAudit(tx, { actorUserId: user.id, action: "accept", entity: "invitation", entityId: inv.id, ollaId: inv.ollaId });
    await writeAudit(tx, { actorUserId: user.id, action: "create", entity: "membership", entityId: m.id, ollaId: inv.ollaId, after: m });
    return { userId: user.id, ollaId: inv.ollaId, login: inv.inviteePhone ?? inv.inviteeEmail };
  });
}

/** The delegates of an olla (private: names and phones), for its coordinators. */
export async function listDelegates(db: Db, ollaId: string) {
  return listOllaDelegates(db, ollaId);
}

/** Takes effect on the delegate's next request: roles are read from the database every time. */
export async function deactivateDelegate(db: Db, actor: Actor, ollaId: string, membershipId: string) {
  return db.transaction(async (tx) => {
    const m = await deactivateDelegateMembership(tx, ollaId, membershipId);
    if (!m) throw new AppError("NOT_FOUND", "errors.notFound");
    await writeAudit(tx, { actorUserId: actor.userId, action: "deactivate", entity: "membership", entityId: membershipId, ollaId, before: { ...m, active: true }, after: m });
    return { ok: true as const };
  });
}
