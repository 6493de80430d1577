import type { DbOrTx } from "~/server/db/client";
import { countAttempt, createSession, findUserForLogin, releaseAttempt } from "~/server/db/queries/sessions";
import { normalizeLoginIdentifier } from "~/server/domain/phone";
import { dummyHash, verifyPassword } from "./password";

export const LOGIN_WINDOW_SECONDS = 15 * 60;
/** Per account: 10 attempts per 15 minutes (at most 40 an hour). */
export const ACCOUNT_LIMIT = 10;
/** Per client address: 60 per 15 minutes (a shared phone or a parish computer logs several people in). */
export const ADDRESS_LIMIT = 60;
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

export type LoginResult =
  | { status: "ok"; user: { id: string; name: string }; sessionId: string }
  | { status: "invalid" }
  | { status: "throttled" };

/**
 * Checks a login. Every attempt is counted first (atomically, in PostgreSQL) against
 * the account and the client address; over either limit the password is not even
 * checked. A successful attempt is given back.
 */
export async function attemptLogin(
  db: DbOrTx,
  input: { identifier: string; password: string; clientAddress: string },
): Promise<LoginResult> {
  const ident = normalizeLoginIdentifier(String(input.identifier ?? "").slice(0, 300));
  // The account counter belongs to the person, not to how she typed her login: phone and
  // email of one account share it (otherwise each identifier would get its own 10).
  const user = ident ? await findUserForLogin(db, ident) : null;
  const accountKey = user ? `acct:user:${user.id}` : `acct:${ident ? ident.value : String(input.identifier ?? "").trim().toLowerCase().slice(0, 300)}`;
  const addressKey = `addr:${input.clientAddress || "unknown"}`;
  const [acct, addr] = [
    await countAttempt(db, accountKey, LOGIN_WINDOW_SECONDS),
    await countAttempt(db, addressKey, LOGIN_WINDOW_SECONDS),
  ];
  if (acct > ACCOUNT_LIMIT || addr > ADDRESS_LIMIT) return { status: "throttled" };

  const password = String(input.password ?? "");
  const usable = password.length > 0 && password.length <= 200;
  const ok = user && usable ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false);
  if (!user || !ok || !user.active) return { status: "invalid" };

  await releaseAttempt(db, accountKey, LOGIN_WINDOW_SECONDS);
  await releaseAttempt(db, addressKey, LOGIN_WINDOW_SECONDS);
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
