import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";
import { authSessions, memberships, ollas, passwordResets, users } from "../schema";
import type { TargetMembership } from "~/server/domain/password-reset";

/** The active delegate behind a membership of this olla, or null. */
export async function findActiveDelegate(db: DbOrTx, ollaId: string, membershipId: string) {
  const rows = await db
    .select({ userId: users.id, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.ollaId, ollaId), eq(memberships.role, "delegate"), eq(memberships.active, true), eq(users.active, true)))
    .limit(1);
  return rows[0] ?? null;
}

/** Every active role of a person, with the zone it lies in (a delegate's: her olla's zone). */
export async function activeRolesWithZone(db: DbOrTx, userId: string): Promise<TargetMembership[]> {
  return db
    .select({ role: memberships.role, ollaId: memberships.ollaId, zoneId: sql<string | null>`coalesce(${memberships.zoneId}, ${ollas.zoneId})` })
    .from(memberships)
    .leftJoin(ollas, eq(ollas.id, memberships.ollaId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true)));
}

/**
 * Serialises one coordinator's issues (a transaction-scoped advisory lock), then counts her
 * codes of the last hour: the limit holds under concurrency and a refusal writes nothing.
 */
export async function lockAndCountIssuedLastHour(tx: DbOrTx, issuerId: string): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`password-reset-issue:${issuerId}`}, 0))`);
  const res = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from ${passwordResets}
    where issued_by = ${issuerId} and created_at > now() - interval '1 hour'`);
  return Number(rowsOf<{ n: number }>(res)[0]!.n);
}

/** Earlier open codes of this person stop working when a new one is issued or one is used. */
export async function revokeOpenResets(tx: DbOrTx, userId: string): Promise<void> {
  await tx
    .update(passwordResets)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)));
}

export async function insertReset(tx: DbOrTx, v: { codeHash: string; userId: string; ollaId: string; issuedBy: string; expiresAt: Date }) {
  const [row] = await tx.insert(passwordResets).values(v).returning({ id: passwordResets.id, expiresAt: passwordResets.expiresAt });
  return row!;
}

/** An open (unused, unrevoked, unexpired) code, with the olla's public name. */
export async function findOpenReset(db: DbOrTx, codeHash: string) {
  const rows = await db
    .select({ id: passwordResets.id, ollaName: ollas.name, expiresAt: passwordResets.expiresAt })
    .from(passwordResets)
    .innerJoin(ollas, eq(ollas.id, passwordResets.ollaId))
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.codeHash, codeHash),
        isNull(passwordResets.usedAt),
        isNull(passwordResets.revokedAt),
        gt(passwordResets.expiresAt, sql`now()`),
        eq(users.active, true),
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

/** Claims an open code: of two simultaneous redeems only one gets the row. */
export async function claimReset(tx: DbOrTx, codeHash: string) {
  const [row] = await tx
    .update(passwordResets)
    .set({ usedAt: sql`now()` })
    .where(and(eq(passwordResets.codeHash, codeHash), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .returning({ id: passwordResets.id, userId: passwordResets.userId, ollaId: passwordResets.ollaId });
  return row ?? null;
}

/** Sets a new password hash and ends every session of the person (someone else may have had the old one). */
export async function setPasswordAndRevokeSessions(tx: DbOrTx, userId: string, passwordHash: string): Promise<number> {
  await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
  const revoked = await tx
    .update(authSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt)))
    .returning({ id: authSessions.id });
  return revoked.length;
}
