import type { DbOrTx } from "~/server/db/client";
import { countAttempt, createSession, findUserForLogin, isKnownAddress, releaseAttempt, rememberKnownAddress } from "~/server/db/queries/sessions";
import { UNKNOWN_ADDRESS } from "~/server/http/peer-address";
import { normalizeLoginIdentifier } from "~/server/domain/phone";
import { dummyHash, verifyPassword } from "./password";

export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Per account, from addresses it has not signed in from lately: 10 per 15 minutes, however many addresses try. */
export const ACCOUNT_LIMIT = 10;
/** Per account and address (a known address too): 10 per 15 minutes. */
export const ACCOUNT_ADDRESS_LIMIT = 10;
/** Per client address: 60 per 15 minutes (a shared phone or a parish computer logs several people in). */
export const ADDRESS_LIMIT = 60;
/** An address from which the account signed in successfully stays "known" this long (a session lasts as long). */
export const KNOWN_ADDRESS_DAYS = 30;
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

export type LoginResult =
  | { status: "ok"; user: { id: string; name: string }; sessionId: string }
  | { status: "invalid" }
  | { status: "throttled" };

/**
 * Checks a login. Every attempt is counted first (atomically, in PostgreSQL, shared by every
 * app server) against the client address, the account at that address and, unless the
 * account signed in from that address in the last 30 days, the account as a whole; over any
 * limit the password is not even checked. So a stranger's wrong guesses stop guessing (10 per
 * 15 minutes from all new addresses together) without locking the delegate out: from her own
 * known address her right password still gets in. A successful attempt is given back.
 */
export async function attemptLogin(
  db: DbOrTx,
  input: { identifier: string; password: string; clientAddress: string },
): Promise<LoginResult> {
  const ident = normalizeLoginIdentifier(String(input.identifier ?? "").slice(0, 300));
  // The account counter belongs to the person, not to how she typed her login: phone and
  // email of one account share it (otherwise each identifier would get its own 10).
  const user = ident ? await findUserForLogin(db, ident) : null;
  const account = user ? `user:${user.id}` : ident ? ident.value : String(input.identifier ?? "").trim().toLowerCase().slice(0, 300);
  const address = input.clientAddress || UNKNOWN_ADDRESS;
  const known = !!user && address !== UNKNOWN_ADDRESS && (await isKnownAddress(db, user.id, address, KNOWN_ADDRESS_DAYS));
  const limits: [key: string, limit: number][] = [
    [`addr:${address}`, ADDRESS_LIMIT],
    [`acct+addr:${account}|${address}`, ACCOUNT_ADDRESS_LIMIT],
    ...(known ? [] : [[`acct:${account}`, ACCOUNT_LIMIT] as [string, number]]),
  ];
  let over = false;
  for (const [key, limit] of limits) if ((await countAttempt(db, key, LOGIN_WINDOW_SECONDS)) > limit) over = true;
  if (over) return { status: "throttled" };

  const password = String(input.password ?? "");
  const usable = password.length > 0 && password.length <= 200;
  const ok = user && usable ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false);
  if (!user || !ok || !user.active) return { status: "invalid" };

  for (const [key] of limits) await releaseAttempt(db, key, LOGIN_WINDOW_SECONDS);
  await rememberKnownAddress(db, user.id, address, KNOWN_ADDRESS_DAYS);
  const sessionId = await createSession(db, user.id, SESSION_MAX_AGE_SECONDS);
  return { status: "ok", user: { id: user.id, name: user.name }, sessionId };
}

/** Only same-site paths: refuses "//evil", "/\\evil", absolute URLs and control characters. */
export function safeCallbackPath(raw: string | null | undefined, fallback = "/"): string {
  if (!raw) return fallback;
  let value = raw;
  try {
    // Absolute URLs on our own origin are reduced to their path by the caller; here anything with a scheme is refused.
    value = decodeURIComponent(raw);
  } catch {
    return fallback;
  }
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\") || /[\u0000-\u001f\u007f]/.test(value)) {
    return fallback;
  }
  return raw.startsWith("/") && !raw.startsWith("//") && !raw.includes("\\") ? raw : fallback;
}

/**
 * next-auth's redirect target (sign-in and sign-out answers, the callback-url cookie): a
 * same-site URL or the site's root. Control characters are refused first: a CR/LF copied
 * into the Location header or a cookie made Node throw, and the request answered 500.
 */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (typeof url !== "string" || /[\u0000-\u001f\u007f]/.test(url)) return baseUrl;
  if (url.startsWith("/") && !url.startsWith("//") && !url.includes("\\")) return `${baseUrl}${url}`;
  try {
    if (new URL(url).origin === baseUrl) return url;
  } catch {
    /* not a URL: the root */
  }
  return baseUrl;
}
