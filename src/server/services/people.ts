import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Actor } from "~/server/domain/actor";
import type { Db } from "~/server/db/client";
import { invitations, memberships, ollas, users } from "~/server/db/schema";
import { writeAudit } from "~/server/db/queries/audit";
import type { OllaRow } from "~/server/db/queries/ollas";
import { hashPassword } from "~/server/auth/password";
import { hashInvitationCode, invitationState, newInvitationCode } from "~/server/domain/invitation";
import { AppError, conflict, notFound } from "~/server/errors";
import type { ZAcceptInvitationInput, ZCreateInvitationInput } from "~/validation/people";

/** Creates a single-use invitation; the plain code is returned once and never stored. */
export async function createInvitation(db: Db, actor: Actor, olla: OllaRow, input: z.output<typeof ZCreateInvitationInput>) {
  const code = newInvitationCode();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(invitations)
      .values({
        codeHash: hashInvitationCode(code),
        ollaId: olla.id,
        inviteeName: input.inviteeName,
        inviteePhone: input.inviteePhone ?? null,
        inviteeEmail: input.inviteeEmail ?? null,
        invitedBy: actor.userId,
        expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 3600 * 1000),
      })
      .returning();
    const { codeHash: _omit, ...safe } = row!;
    await writeAudit(tx, { actorUserId: actor.userId, action: "create", entity: "invitation", entityId: row!.id, ollaId: olla.id, after: safe });
    return { id: row!.id, code, expiresAt: row!.expiresAt };
  });
}

export async function listInvitations(db: Db, ollaId: string) {
  const rows = await db
    .select({
      id: invitations.id,
      inviteeName: invitations.inviteeName,
      inviteePhone: invitations.inviteePhone,
      inviteeEmail: invitations.inviteeEmail,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      revokedAt: invitations.revokedAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(eq(invitations.ollaId, ollaId))
    .orderBy(desc(invitations.createdAt))
    .limit(100);
  return rows.map((r) => ({ ...r, state: invitationState(r) }));
}

export async function revokeInvitation(db: Db, actor: Actor, ollaId: string, invitationId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(invitations.id, invitationId), eq(invitations.ollaId, ollaId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!row) throw notFound();
    await writeAudit(tx, { actorUserId: actor.userId, action: "revoke", entity: "invitation", entityId: invitationId, ollaId });
    return { ok: true as const };
  });
}

/** What the invitee sees before setting her password: the olla's name, nothing else. */
export async function previewInvitation(db: Db, code: string) {
  const rows = await db
    .select({ ollaName: ollas.name, inviteeName: invitations.inviteeName, expiresAt: invitations.expiresAt, usedAt: invitations.usedAt, revokedAt: invitations.revokedAt })
    .from(invitations)
    .innerJoin(ollas, eq(ollas.id, invitations.ollaId))
    .where(eq(invitations.codeHash, hashInvitationCode(code)))
    .limit(1);
  const inv = rows[0];
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
    const [inv] = await tx
      .update(invitations)
      .set({ usedAt: sql`now()` })
      .where(
        and(
          eq(invitations.codeHash, hashInvitationCode(input.code)),
          isNull(invitations.usedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, sql`now()`),
        ),
      )
      .returning();
    if (!inv) throw notFound("errors.invitationInvalid");
    const clash = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        or(
          inv.inviteePhone ? eq(users.phone, inv.inviteePhone) : sql`false`,
          inv.inviteeEmail ? eq(users.email, inv.inviteeEmail) : sql`false`,
        ),
      )
      .limit(1);
    if (clash.length > 0) throw conflict("errors.accountExists");
    const [user] = await tx
      .insert(users)
      .values({ name: input.name, phone: inv.inviteePhone, email: inv.inviteeEmail, passwordHash })
      .returning({ id: users.id, name: users.name });
    const [m] = await tx.insert(memberships).values({ userId: user!.id, role: "delegate", ollaId: inv.ollaId }).returning();
    await tx.update(invitations).set({ usedBy: user!.id }).where(eq(invitations.id, inv.id));
    await writeAudit(tx, { actorUserId: user!.id, action: "accept", entity: "invitation", entityId: inv.id, ollaId: inv.ollaId });
    await writeAudit(tx, { actorUserId: user!.id, action: "create", entity: "membership", entityId: m!.id, ollaId: inv.ollaId, after: m });
    return { userId: user!.id, ollaId: inv.ollaId, login: inv.inviteePhone ?? inv.inviteeEmail };
  });
}

/** The delegates of an olla (private: names and phones), for its coordinators. */
export async function listDelegates(db: Db, ollaId: string) {
  return db
    .select({ membershipId: memberships.id, userId: users.id, name: users.name, phone: users.phone, email: users.email, active: memberships.active, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.ollaId, ollaId), eq(memberships.role, "delegate")))
    .orderBy(desc(memberships.active), users.name);
}

/** Takes effect on the delegate's next request: roles are read from the database every time. */
export async function deactivateDelegate(db: Db, actor: Actor, ollaId: string, membershipId: string) {
  return db.transaction(async (tx) => {
    const [m] = await tx
      .update(memberships)
      .set({ active: false, deactivatedAt: sql`now()` })
      .where(and(eq(memberships.id, membershipId), eq(memberships.ollaId, ollaId), eq(memberships.role, "delegate"), eq(memberships.active, true)))
      .returning();
    if (!m) throw new AppError("NOT_FOUND", "errors.notFound");
    await writeAudit(tx, { actorUserId: actor.userId, action: "deactivate", entity: "membership", entityId: membershipId, ollaId, before: { ...m, active: true }, after: m });
    return { ok: true as const };
  });
}
