import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../client";
import { authSessions, loginKnownAddresses, loginThrottle, memberships, ollas, users } from "../schema";
import type { OllaRow } from "./ollas";
import type { MembershipRow } from "~/server/domain/scope";
import { UUID } from "~/shared/uuid";

export interface SessionUser {
  id: string;
  name: string;
  sessionId: string;
  memberships: MembershipRow[];
}

// The person and her active memberships: the select every signed-in request starts with.
const personColumns = {
  id: users.id,
  name: users.name,
  memberships: sql<MembershipRow[]>`coalesce((
    select json_agg(json_build_object('role', m.role, 'ollaId', m.olla_id, 'zoneId', m.zone_id) order by m.created_at, m.id)
    from ${memberships} m where m.user_id = ${users.id} and m.active), '[]'::json)`,
};
const liveSession = and(
  eq(authSessions.id, sql.placeholder("sessionId")),
  isNull(authSessions.revokedAt),
  gt(authSessions.expiresAt, sql`now()`),
  eq(users.active, true),
);

// Both statements are built once per database handle (or transaction): drizzle would otherwise
// render them again on every signed-in request.
const prepareSession = (db: DbOrTx) =>
  db.select(personColumns).from(authSessions).innerJoin(users, eq(users.id, authSessions.userId)).where(liveSession).limit(1).prepare("load_session_user");
const prepareSessionWithOlla = (db: DbOrTx) =>
  db
    .select({ ...personColumns, olla: ollas })
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .leftJoin(ollas, eq(ollas.id, sql.placeholder("ollaId")))
    .where(liveSession)
    .limit(1)
    .prepare("load_session_user_with_olla");
const sessionStatements = new WeakMap<DbOrTx, ReturnType<typeof prepareSession>>();
const sessionWithOllaStatements = new WeakMap<DbOrTx, ReturnType<typeof prepareSessionWithOlla>>();

/** The signed-in person behind a session id, or null if the session was revoked, expired or the user deactivated. */
export async function loadSessionUser(db: DbOrTx, sessionId: string): Promise<SessionUser | null> {
  if (!UUID.test(sessionId)) return null;
  let statement = sessionStatements.get(db);
  if (!statement) sessionStatements.set(db, (statement = prepareSession(db)));
  // One round trip on every signed-in request: the person and her active memberships together.
  const u = (await statement.execute({ sessionId }))[0];
  return u ? { id: u.id, name: u.name, sessionId, memberships: u.memberships } : null;
}

/**
 * The signed-in person and, in the same round trip, the olla her request names (null when no
 * olla has that id). The olla is loaded whoever asks: the authorization layer decides whether
 * she may see it (src/server/api/trpc.ts), exactly as after findOllaForScope.
 */
export async function loadSessionUserWithOlla(db: DbOrTx, sessionId: string, ollaId: string): Promise<{ session: SessionUser; olla: OllaRow | null } | null> {
  if (!UUID.test(ollaId)) {
    const session = await loadSessionUser(db, sessionId);
    return session && { session, olla: null };
  }
  if (!UUID.test(sessionId)) return null;
  let statement = sessionWithOllaStatements.get(db);
  if (!statement) sessionWithOllaStatements.set(db, (statement = prepareSessionWithOlla(db)));
  const u = (await statement.execute({ sessionId, ollaId }))[0];
  return u ? { session: { id: u.id, name: u.name, sessionId, memberships: u.memberships }, olla: u.olla } : null;
}

export async function createSession(db: DbOrTx, userId: string, maxAgeSeconds: number): Promise<string> {
  const [row] = await db
    .insert(authSessions)
    .values({ userId, expiresAt: new Date(Date.now() + maxAgeSeconds * 1000) })
    .returning({ id: authSessions.id });
  return row!.id;
}

export async function revokeSession(db: DbOrTx, sessionId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) return;
  await db.update(authSessions).set({ revokedAt: sql`now()` }).where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
}

/**
 * Atomically counts one attempt against `key` in the current fixed window and returns
 * the count after it. Shared by every app server, since it lives in PostgreSQL.
 */
export async function countAttempt(db: DbOrTx, key: string, windowSeconds: number): Promise<number> {
  const res = await db.execute<{ attempts: number }>(sql`
    insert into ${loginThrottle} (key, window_start, attempts)
    values (${key}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
    on conflict (key, window_start) do update set attempts = ${loginThrottle.attempts} + 1
    returning attempts`);
  return Number(rowsOf<{ attempts: number }>(res)[0]!.attempts);
}

/** A successful login gives its attempt back, so a person who types her password right is never locked out by herself. */
export async function releaseAttempt(db: DbOrTx, key: string, windowSeconds: number): Promise<void> {
  await db.execute(sql`
    update ${loginThrottle} set attempts = greatest(${loginThrottle.attempts} - 1, 0)
    where key = ${key} and window_start = to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds})`);
}

export async function findUserForLogin(db: DbOrTx, ident: { kind: "email" | "phone"; value: string }) {
  const rows = await db
    .select({ id: users.id, name: users.name, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(ident.kind === "email" ? eq(users.email, ident.value) : eq(users.phone, ident.value))
    .limit(1);
  return rows[0] ?? null;
}

/** True when the account signed in successfully from this address within the last `days`. */
export async function isKnownAddress(db: DbOrTx, userId: string, address: string, days: number): Promise<boolean> {
  const rows = await db
    .select({ userId: loginKnownAddresses.userId })
    .from(loginKnownAddresses)
    .where(
      and(
        eq(loginKnownAddresses.userId, userId),
        eq(loginKnownAddresses.address, address),
        gt(loginKnownAddresses.lastSuccessAt, sql`now() - make_interval(days => ${days})`),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Remembers a successful sign-in's address, and forgets every address older than `days` (personal data kept no longer than needed). */
export async function rememberKnownAddress(db: DbOrTx, userId: string, address: string, days: number): Promise<void> {
  await db
    .insert(loginKnownAddresses)
    .values({ userId, address })
    .onConflictDoUpdate({ target: [loginKnownAddresses.userId, loginKnownAddresses.address], set: { lastSuccessAt: sql`now()` } });
  await db
    .delete(loginKnownAddresses)
    .where(lt(loginKnownAddresses.lastSuccessAt, sql`now() - make_interval(days => ${days})`));
}
