import type { z } from "zod";
import { KNOWN_ADDRESS_DAYS } from "~/server/auth/login";
import { hashPassword } from "~/server/auth/password";
import type { Db } from "~/server/db/client";
import { writeAudit } from "~/server/db/queries/audit";
import type { OllaRow } from "~/server/db/queries/ollas";
import {
  activeRolesWithZone,
  claimReset,
  findActiveDelegate,
  findOpenReset,
  insertReset,
  lockAndCountIssuedLastHour,
  revokeOpenResets,
  setPasswordAndRevokeSessions,
} from "~/server/db/queries/password-resets";
import type { Actor } from "~/server/domain/actor";
import { hashInvitationCode, newInvitationCode } from "~/server/domain/invitation";
import { mayResetPasswordOf, RESET_HOURS, RESET_ISSUE_LIMIT_PER_HOUR } from "~/server/domain/password-reset";
import type { Scope } from "~/server/domain/scope";
import { AppError, notFound } from "~/server/errors";
import { UNKNOWN_ADDRESS } from "~/server/http/peer-address";
import { rememberKnownAddress } from "~/server/db/queries/sessions";
import type { ZIssuePasswordResetInput, ZRedeemPasswordResetInput } from "~/validation/password-reset";

/**
 * A coordinator issues a one-time reset code for a delegate of an olla in her scope. The plain
 * code is returned once (to show and copy) and never stored. A person outside her scope —
 * including a delegate who also holds a role beyond it — answers NOT_FOUND.
 */
export async function issuePasswordReset(db: Db, actor: Actor, scope: Scope, olla: OllaRow, input: z.output<typeof ZIssuePasswordResetInput>) {
  const target = await findActiveDelegate(db, olla.id, input.membershipId);
  if (!target || !mayResetPasswordOf(scope, await activeRolesWithZone(db, target.userId))) throw notFound();
  const code = newInvitationCode();
  return db.transaction(async (tx) => {
    if ((await lockAndCountIssuedLastHour(tx, actor.userId)) >= RESET_ISSUE_LIMIT_PER_HOUR) {
      throw new AppError("TOO_MANY_REQUESTS", "errors.resetThrottled", { limit: RESET_ISSUE_LIMIT_PER_HOUR });
    }
    await revokeOpenResets(tx, target.userId);
    const row = await insertReset(tx, {
      codeHash: hashInvitationCode(code),
      userId: target.userId,
      ollaId: olla.id,
      issuedBy: actor.userId,
      expiresAt: new Date(Date.now() + RESET_HOURS * 3600 * 1000),
    });
    await writeAudit(tx, { actorUserId: actor.userId, action: "issue", entity: "password_reset", entityId: row.id, ollaId: olla.id, after: { userId: target.userId, expiresAt: row.expiresAt } });
    return { id: row.id, code, expiresAt: row.expiresAt, name: target.name };
  });
}

/** What the holder of a code sees: that it is valid, for which olla, until when. Nothing private. */
export async function previewPasswordReset(db: Db, code: string) {
  const r = await findOpenReset(db, hashInvitationCode(code));
  if (!r) throw notFound("errors.resetInvalid");
  return { ollaName: r.ollaName, expiresAt: r.expiresAt };
}

/**
 * Sets the new password; the code is consumed exactly once, and every old session ends. The
 * address she redeems from becomes one of her known sign-in addresses, so she gets in from it
 * even while strangers' guesses hold her account throttled elsewhere (her phone's address may
 * have changed since her last sign-in).
 */
export async function redeemPasswordReset(db: Db, input: z.output<typeof ZRedeemPasswordResetInput>, address: string) {
  // Argon2 costs ~30 ms of CPU: a made-up or spent code is refused before it.
  await previewPasswordReset(db, input.code);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const r = await claimReset(tx, hashInvitationCode(input.code));
    if (!r) throw notFound("errors.resetInvalid");
    await revokeOpenResets(tx, r.userId);
    const sessionsEnded = await setPasswordAndRevokeSessions(tx, r.userId, passwordHash);
    if (address !== UNKNOWN_ADDRESS) await rememberKnownAddress(tx, r.userId, address, KNOWN_ADDRESS_DAYS);
    await writeAudit(tx, { actorUserId: r.userId, action: "redeem", entity: "password_reset", entityId: r.id, ollaId: r.ollaId, after: { sessionsEnded } });
    return { ok: true as const };
  });
}
