import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { districts, invitations, memberships, ollas, users, zones } from "../schema";

/** Ollas where the user is an active delegate. */
export async function listMyOllas(db: DbOrTx, userId: string) {
  return db
    .select({ id: ollas.id, name: ollas.name, status: ollas.status, districtName: districts.name, zoneName: zones.name })
    .from(memberships)
    .innerJoin(ollas, eq(ollas.id, memberships.ollaId))
    .innerJoin(districts, eq(districts.ubigeo, ollas.districtUbigeo))
    .innerJoin(zones, eq(zones.id, ollas.zoneId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true), eq(memberships.role, "delegate")))
    .orderBy(asc(ollas.name));
}

export async function zoneNames(db: DbOrTx, zoneIds: string[]) {
  if (zoneIds.length === 0) return [];
  return db.select({ id: zones.id, name: zones.name }).from(zones).where(inArray(zones.id, zoneIds)).orderBy(asc(zones.name));
}

// ---- Invitations and delegates

export async function insertInvitation(tx: DbOrTx, v: typeof invitations.$inferInsert) {
  const [row] = await tx.insert(invitations).values(v).returning();
  return row!;
}

/** An olla's latest invitations (never the code hash). */
export async function listOllaInvitations(db: DbOrTx, ollaId: string, limit = 100) {
  return db
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
    .limit(limit);
}

/** Revokes an invitation of this olla that is neither used nor revoked; null when there is none. */
export async function revokeOpenInvitation(tx: DbOrTx, ollaId: string, invitationId: string) {
  const [row] = await tx
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(invitations.id, invitationId), eq(invitations.ollaId, ollaId), isNull(invitations.usedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return row ?? null;
}

/** The invitation with this code hash and its olla's name (the preview shows nothing else). */
export async function findInvitationPreview(db: DbOrTx, codeHash: string) {
  const [row] = await db
    .select({ ollaName: ollas.name, inviteeName: invitations.inviteeName, expiresAt: invitations.expiresAt, usedAt: invitations.usedAt, revokedAt: invitations.revokedAt })
    .from(invitations)
    .innerJoin(ollas, eq(ollas.id, invitations.ollaId))
    .where(eq(invitations.codeHash, codeHash))
    .limit(1);
  return row ?? null;
}

/** Marks an open invitation used in one UPDATE: of two simultaneous claims only one gets the row. */
export async function claimOpenInvitation(tx: DbOrTx, codeHash: string) {
  const [row] = await tx
    .update(invitations)
    .set({ usedAt: sql`now()` })
    .where(and(eq(invitations.codeHash, codeHash), isNull(invitations.usedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`)))
    .returning();
  return row ?? null;
}

export async function setInvitationUsedBy(tx: DbOrTx, invitationId: string, userId: string): Promise<void> {
  await tx.update(invitations).set({ usedBy: userId }).where(eq(invitations.id, invitationId));
}

/** Whether an account already uses this phone or e-mail (either may be absent). */
export async function accountExists(db: DbOrTx, contact: { phone: string | null; email: string | null }): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(or(contact.phone ? eq(users.phone, contact.phone) : sql`false`, contact.email ? eq(users.email, contact.email) : sql`false`))
    .limit(1);
  return rows.length > 0;
}

export async function insertUser(tx: DbOrTx, v: typeof users.$inferInsert) {
  const [row] = await tx.insert(users).values(v).returning({ id: users.id, name: users.name });
  return row!;
}

export async function insertMembership(tx: DbOrTx, v: typeof memberships.$inferInsert) {
  const [row] = await tx.insert(memberships).values(v).returning();
  return row!;
}

/** The delegates of an olla (private: names and phones), active first. */
export async function listOllaDelegates(db: DbOrTx, ollaId: string) {
  return db
    .select({ membershipId: memberships.id, userId: users.id, name: users.name, phone: users.phone, email: users.email, active: memberships.active, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.ollaId, ollaId), eq(memberships.role, "delegate")))
    .orderBy(desc(memberships.active), users.name);
}

/** Deactivates an active delegate membership of this olla; null when there is none. */
export async function deactivateDelegateMembership(tx: DbOrTx, ollaId: string, membershipId: string) {
  const [row] = await tx
    .update(memberships)
    .set({ active: false, deactivatedAt: sql`now()` })
    .where(and(eq(memberships.id, membershipId), eq(memberships.ollaId, ollaId), eq(memberships.role, "delegate"), eq(memberships.active, true)))
    .returning();
  return row ?? null;
}
