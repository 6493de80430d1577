import { sql, type SQL } from "drizzle-orm";
import type { Scope } from "~/server/domain/scope";
import { ERASED_NAME, type PersonKind } from "~/shared/personal-data";
import { rowsOf, type DbOrTx } from "../client";

export interface PersonRow {
  kind: PersonKind;
  id: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  erasedAt: Date | null;
  active: boolean;
  ollas: string[];
  ollaId: string | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const list = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

/** The ollas a coordinator reaches: every one for the city, her zones' otherwise. */
function ollaInScope(scope: Scope, alias: SQL): SQL {
  if (scope.city) return sql`true`;
  if (scope.zoneIds.length === 0) return sql`false`;
  return sql`${alias}.zone_id in (${list(scope.zoneIds)})`;
}

/**
 * Accounts a coordinator may correct and erase: for the city, every account; for a zone,
 * the people who were delegates of an olla of her zone and hold no coordinator role (a
 * coordinator's own data is the city's to handle).
 */
function userInScope(scope: Scope): SQL {
  if (scope.city) return sql`true`;
  return sql`exists (select 1 from memberships m join ollas o on o.id = m.olla_id
      where m.user_id = u.id and m.role = 'delegate' and ${ollaInScope(scope, sql`o`)})
    and not exists (select 1 from memberships m where m.user_id = u.id and m.role <> 'delegate' and m.active)`;
}

/**
 * People whose personal data the coordinator's scope holds, one row each: accounts
 * (delegates), invitees who have not accepted, and ollas' contact persons. Scope is in every
 * branch's WHERE; `ref` narrows to one person (for correct/erase: absent means NOT_FOUND).
 */
export async function peopleInScope(
  db: DbOrTx,
  scope: Scope,
  opts: { q?: string; limit: number; ref?: { kind: PersonKind; id: string } },
): Promise<PersonRow[]> {
  const only = (kind: PersonKind, idCol: SQL) => (opts.ref ? (opts.ref.kind === kind ? sql`${idCol} = ${opts.ref.id}::uuid` : sql`false`) : sql`true`);
  const q = opts.q?.trim();
  // Only a query that looks like a phone number ("987 654 321", "+51 987…") searches phones:
  // a name with digits in it ("Rosa 2") must not match every phone that holds those digits.
  const digits = q && /^[\d\s+().-]+$/.test(q) ? q.replace(/\D/g, "") : "";
  const match = (name: SQL, phone: SQL, email: SQL) =>
    q
      ? sql`(${name} ilike ${`%${escapeLike(q)}%`} or ${email} ilike ${`%${escapeLike(q)}%`}${digits.length >= 3 ? sql` or ${phone} like ${`%${digits}%`}` : sql``})`
      : sql`true`;
  const res = await db.execute(sql`
    select * from (
      select 'user' as kind, u.id::text as id, u.name, u.phone, u.email, u.erased_at as "erasedAt",
        (u.active and exists (select 1 from memberships m where m.user_id = u.id and m.active)) as active,
        coalesce((select array_agg(distinct o.name) from memberships m join ollas o on o.id = m.olla_id
          where m.user_id = u.id and ${ollaInScope(scope, sql`o`)}), '{}') as ollas,
        null::text as "ollaId", u.created_at as since
      from users u
      where ${userInScope(scope)} and ${only("user", sql`u.id`)} and ${match(sql`u.name`, sql`u.phone`, sql`u.email`)}
      union all
      select 'invitee', i.id::text, i.invitee_name, i.invitee_phone, i.invitee_email, i.erased_at,
        (i.used_at is null and i.revoked_at is null and i.expires_at > now()), array[o.name], o.id::text, i.created_at
      from invitations i join ollas o on o.id = i.olla_id
      where i.used_by is null and ${ollaInScope(scope, sql`o`)} and ${only("invitee", sql`i.id`)}
        and ${match(sql`i.invitee_name`, sql`i.invitee_phone`, sql`i.invitee_email`)}
      union all
      select 'contact', o.id::text, o.contact_name, o.contact_phone, null, null, o.status <> 'closed', array[o.name], o.id::text, o.updated_at
      from ollas o
      where (o.contact_name is not null or o.contact_phone is not null) and ${ollaInScope(scope, sql`o`)}
        and ${only("contact", sql`o.id`)} and ${match(sql`o.contact_name`, sql`o.contact_phone`, sql`null::text`)}
      union all
      select 'socia', s.id::text, s.name, null, null, s.erased_at, s.active and o.status <> 'closed', array[o.name], o.id::text, s.created_at
      from socias s join ollas o on o.id = s.olla_id
      where ${ollaInScope(scope, sql`o`)} and ${only("socia", sql`s.id`)} and ${match(sql`s.name`, sql`null::text`, sql`null::text`)}
      union all
      select 'supporter', f.id::text, f.supporter_name, f.contact_phone, f.contact_email, f.contact_erased_at,
        f.status in ('offered', 'accepted'), array[o.name], o.id::text, f.created_at
      from offers f join ollas o on o.id = f.olla_id
      where ${ollaInScope(scope, sql`o`)} and ${only("supporter", sql`f.id`)}
        and ${match(sql`f.supporter_name`, sql`f.contact_phone`, sql`f.contact_email`)}
    ) p
    order by p."erasedAt" nulls first, p.since desc, p.id
    limit ${opts.limit}`);
  return rowsOf<PersonRow & { since: unknown; erasedAt: Date | string | null }>(res).map((r) => ({
    kind: r.kind,
    id: r.id,
    name: r.name,
    phone: r.phone,
    email: r.email,
    erasedAt: r.erasedAt == null ? null : new Date(r.erasedAt),
    active: Boolean(r.active),
    ollas: r.ollas ?? [],
    ollaId: r.ollaId,
  }));
}

export async function phoneTakenByOtherUser(db: DbOrTx, phone: string, userId: string): Promise<boolean> {
  const res = await db.execute(sql`select 1 from users where phone = ${phone} and id <> ${userId}::uuid limit 1`);
  return rowsOf(res).length > 0;
}

/** Locks and reads the erasable state of one person (inside the erasing transaction). */
export async function lockPerson(db: DbOrTx, kind: PersonKind, id: string) {
  const q =
    kind === "user"
      ? sql`select name, phone, email, erased_at as "erasedAt", null::text as "ollaId" from users where id = ${id}::uuid for update`
      : kind === "invitee"
        ? sql`select invitee_name as name, invitee_phone as phone, invitee_email as email, erased_at as "erasedAt", olla_id::text as "ollaId" from invitations where id = ${id}::uuid for update`
        : kind === "socia"
          ? sql`select name, null::text as phone, null::text as email, erased_at as "erasedAt", olla_id::text as "ollaId" from socias where id = ${id}::uuid for update`
        : kind === "supporter"
          ? sql`select supporter_name as name, contact_phone as phone, contact_email as email, contact_erased_at as "erasedAt", olla_id::text as "ollaId" from offers where id = ${id}::uuid for update`
          : sql`select contact_name as name, contact_phone as phone, null::text as email, null::timestamptz as "erasedAt", id::text as "ollaId" from ollas where id = ${id}::uuid for update`;
  const [row] = rowsOf<{ name: string | null; phone: string | null; email: string | null; erasedAt: unknown; ollaId: string | null }>(await db.execute(q));
  return row ?? null;
}

export async function correctUserRow(db: DbOrTx, id: string, v: { name?: string; phone?: string | null }) {
  await db.execute(sql`update users set
      name = coalesce(${v.name ?? null}::text, name),
      phone = case when ${v.phone !== undefined} then ${v.phone ?? null}::text else phone end,
      updated_at = now()
    where id = ${id}::uuid`);
}

export async function correctInviteeRow(db: DbOrTx, id: string, v: { name?: string; phone?: string | null }) {
  await db.execute(sql`update invitations set
      invitee_name = coalesce(${v.name ?? null}::text, invitee_name),
      invitee_phone = case when ${v.phone !== undefined} then ${v.phone ?? null}::text else invitee_phone end
    where id = ${id}::uuid`);
}

export async function correctContactRow(db: DbOrTx, ollaId: string, v: { name?: string; phone?: string | null }) {
  await db.execute(sql`update ollas set
      contact_name = coalesce(${v.name ?? null}::text, contact_name),
      contact_phone = case when ${v.phone !== undefined} then ${v.phone ?? null}::text else contact_phone end,
      version = version + 1, updated_at = now()
    where id = ${ollaId}::uuid`);
}

/** A socia's name corrected on request (her own olla's page edits it too, with its version). */
export async function correctSociaRow(db: DbOrTx, id: string, name: string): Promise<void> {
  await db.execute(sql`update socias set name = ${name}, version = version + 1 where id = ${id}::uuid`);
}

/**
 * Erases a socia's name: "—" in her row, and her name wherever the olla typed it into a
 * shift's free-text names. Her terms, learning and the olla's hours stay (they name her by id;
 * the audit copies of a socia never carried her name).
 */
export async function eraseSociaRow(db: DbOrTx, id: string, was: { name: string | null; ollaId: string | null }): Promise<void> {
  await db.execute(sql`update socias set name = ${ERASED_NAME}, active = false, erased_at = now(), version = version + 1 where id = ${id}::uuid`);
  if (was.name && was.name !== ERASED_NAME && was.ollaId) {
    await db.execute(sql`update shifts set names = nullif(btrim(replace(names, ${was.name}, ${ERASED_NAME})), '')
      where olla_id = ${was.ollaId}::uuid and names is not null and strpos(names, ${was.name}) > 0`);
  }
}

/**
 * Erases an account's personal data: name to the neutral placeholder, phone, email and
 * password and known sign-in addresses gone, every role ended and every session revoked. The row stays, so the ledger's
 * and the audit's `created_by`/`actor_user_id` keep naming who did what by id.
 * Returns the invitations she accepted (their copy of her data goes too).
 */
export async function eraseUserRow(db: DbOrTx, id: string): Promise<string[]> {
  await db.execute(sql`update users set name = ${ERASED_NAME}, phone = null, email = null,
      password_hash = '!erased', active = false, erased_at = now(), updated_at = now()
    where id = ${id}::uuid`);
  await db.execute(sql`update memberships set active = false, deactivated_at = coalesce(deactivated_at, now()) where user_id = ${id}::uuid`);
  await db.execute(sql`update auth_sessions set revoked_at = now() where user_id = ${id}::uuid and revoked_at is null`);
  // The addresses she signed in from (kept to let her in past the lock-out) are personal data too.
  await db.execute(sql`delete from login_known_addresses where user_id = ${id}::uuid`);
  const res = await db.execute(sql`select id::text as id from invitations where used_by = ${id}::uuid and erased_at is null`);
  return rowsOf<{ id: string }>(res).map((r) => r.id);
}

/** Erases an invitee's name and contact, here and in the audit trail's copy of the invitation. */
export async function eraseInviteeRow(db: DbOrTx, id: string): Promise<void> {
  await db.execute(sql`update invitations set invitee_name = ${ERASED_NAME}, invitee_phone = null, invitee_email = null,
      erased_at = now(), revoked_at = case when used_at is null then coalesce(revoked_at, now()) else revoked_at end
    where id = ${id}::uuid`);
  const blank = sql`jsonb_build_object('inviteeName', ${ERASED_NAME}::text, 'inviteePhone', null, 'inviteeEmail', null)`;
  await db.execute(sql`update audit_log set
      before = case when before ? 'inviteeName' then before || ${blank} else before end,
      after = case when after ? 'inviteeName' then after || ${blank} else after end
    where entity = 'invitation' and entity_id = ${id}`);
}

/**
 * Erases an olla's contact person (name and phone), and the same values from the olla's
 * audit trail (its before/after copies of the profile); the olla's other facts stay.
 */
export async function eraseContactRow(db: DbOrTx, ollaId: string, was: { name: string | null; phone: string | null }): Promise<void> {
  await db.execute(sql`update ollas set contact_name = null, contact_phone = null, version = version + 1, updated_at = now() where id = ${ollaId}::uuid`);
  const scrub = (col: SQL) => sql`case when ${col} is null then null else ${col}
      || case when ${col}->>'contactName' = ${was.name ?? ""} then '{"contactName": null}'::jsonb else '{}'::jsonb end
      || case when ${col}->>'contactPhone' = ${was.phone ?? ""} then '{"contactPhone": null}'::jsonb else '{}'::jsonb end end`;
  await db.execute(sql`update audit_log set before = ${scrub(sql`before`)}, after = ${scrub(sql`after`)}
    where entity = 'olla' and entity_id = ${ollaId} and (before is not null or after is not null)`);
}

/** Corrects a supporter's name or phone on one offer (the per-contact limits' hash follows the phone). */
export async function correctSupporterRow(db: DbOrTx, id: string, v: { name?: string; phone?: string | null }) {
  const sets: SQL[] = [];
  if (v.name !== undefined) sets.push(sql`supporter_name = ${v.name}`);
  if (v.phone !== undefined) sets.push(sql`contact_phone = ${v.phone}`);
  if (v.phone) sets.push(sql`contact_hash = encode(sha256(convert_to(${`contact:${v.phone}`}, 'UTF8')), 'hex')`);
  if (sets.length === 0) return;
  await db.execute(sql`update offers set ${sql.join(sets, sql`, `)} where id = ${id}::uuid`);
}

/**
 * Erases a supporter's data from one offer: name, phone, e-mail and message (her own words);
 * the limits' hash becomes random. What was offered, answered and received stays (the ledger's
 * source is the delegate's choice, never her name). The offer's audit rows never held them.
 */
export async function eraseSupporterRow(db: DbOrTx, id: string): Promise<void> {
  await db.execute(sql`update offers set supporter_name = ${ERASED_NAME}, contact_phone = null, contact_email = null, message = null,
      thank_by_name = false, contact_hash = md5(random()::text || ${id}), contact_erased_at = now() where id = ${id}::uuid`);
}

/**
 * People who left longer ago than the retention period (cutoff), whose data is still there:
 * accounts with no active role (or deactivated), counted from when the last role ended;
 * invitations closed (accepted, revoked or expired); contacts of closed ollas.
 */
export async function retentionExpired(db: DbOrTx, cutoff: Date) {
  const at = cutoff.toISOString();
  const users = rowsOf<{ id: string }>(
    await db.execute(sql`select u.id::text as id from users u
      where u.erased_at is null
        and not (u.active and exists (select 1 from memberships m where m.user_id = u.id and m.active))
        and greatest((select max(m.deactivated_at) from memberships m where m.user_id = u.id),
                     case when not u.active then u.updated_at end) < ${at}::timestamptz
      order by u.id`),
  ).map((r) => r.id);
  const invitees = rowsOf<{ id: string }>(
    await db.execute(sql`select id::text as id from invitations
      where erased_at is null and coalesce(used_at, revoked_at, expires_at) < ${at}::timestamptz order by id`),
  ).map((r) => r.id);
  const contacts = rowsOf<{ id: string }>(
    await db.execute(sql`select id::text as id from ollas
      where status = 'closed' and updated_at < ${at}::timestamptz
        and (contact_name is not null or contact_phone is not null) order by id`),
  ).map((r) => r.id);
  // Socias who left (not active, or of a closed olla) and whose last trace — a term ending, her
  // record's last change in the audit, the day she was added — is older than the cutoff.
  const sociasDue = rowsOf<{ id: string }>(
    await db.execute(sql`select s.id::text as id from socias s join ollas o on o.id = s.olla_id
      where s.erased_at is null and (not s.active or o.status = 'closed')
        and not exists (select 1 from cargo_terms t where t.socia_id = s.id and (t.ends_on is null or t.ends_on >= ${at}::timestamptz::date))
        and greatest(s.created_at, (select max(a.created_at) from audit_log a where a.entity = 'socia' and a.entity_id = s.id::text)) < ${at}::timestamptz
      order by s.id`),
  ).map((r) => r.id);
  // Supporters: offers settled (received, declined, withdrawn, never answered) or accepted with their date long past.
  const supporters = rowsOf<{ id: string }>(
    await db.execute(sql`select id::text as id from offers
      where contact_erased_at is null
        and greatest(created_at, coalesce(decided_at, created_at), coalesce(delivered_at, created_at), coalesce(withdrawn_at, created_at)) < ${at}::timestamptz
        and (status <> 'accepted' or coalesce(agreed_on, available_on) < (${at}::timestamptz)::date)
      order by id`),
  ).map((r) => r.id);
  return { users, invitees, contacts, socias: sociasDue, supporters };
}

/** The names typed into shifts older than the cutoff: cleared (the hours stay). Returns how many shifts. */
export async function clearOldShiftNames(db: DbOrTx, cutoff: Date): Promise<number> {
  const res = await db.execute(sql`update shifts set names = null where names is not null and worked_on < ${cutoff.toISOString()}::timestamptz::date returning id`);
  return rowsOf(res).length;
}

/** Serialises purges across app servers: held until the purging transaction ends. */
const PURGE_LOCK = 29_733_001; // Ley 29733

export async function tryPurgeLock(db: DbOrTx): Promise<boolean> {
  const [row] = rowsOf<{ ok: boolean }>(await db.execute(sql`select pg_try_advisory_xact_lock(${PURGE_LOCK}) as ok`));
  return Boolean(row?.ok);
}

export async function lastPurge(db: DbOrTx): Promise<{ purgedAt: Date | null; months: number }> {
  const [row] = rowsOf<{ purgedAt: string | Date | null; months: number }>(
    await db.execute(sql`select personal_data_purged_at as "purgedAt", personal_data_retention_months as months from network_settings where id = 1`),
  );
  return { purgedAt: row?.purgedAt ? new Date(row.purgedAt) : null, months: Number(row?.months ?? 24) };
}

export async function markPurged(db: DbOrTx, at: Date): Promise<void> {
  await db.execute(sql`update network_settings set personal_data_purged_at = ${at.toISOString()}::timestamptz where id = 1`);
}

export async function updateRetentionRow(db: DbOrTx, version: number, months: number, userId: string) {
  const res = await db.execute(sql`update network_settings set personal_data_retention_months = ${months},
      version = version + 1, updated_by = ${userId}::uuid, updated_at = now()
    where id = 1 and version = ${version} returning version`);
  return rowsOf<{ version: number }>(res)[0] ?? null;
}
