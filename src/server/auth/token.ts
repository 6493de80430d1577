import { decode } from "next-auth/jwt";
import { authSecret } from "./secret";

/** next-auth's session cookie: the __Secure- name on https, the plain one on http. */
export const SESSION_COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

/**
 * Cookies already decrypted, with their session id and expiry: decrypting the cookie (a key
 * derivation and AES-GCM) was a visible share of every request's CPU. Only the cookie's own
 * contents are remembered; whether the session is still valid is asked of the database on
 * every request, as before. Bounded: the oldest entries go first.
 */
const decoded = new Map<string, { sid: string | null; exp: number }>();
const DECODED_MAX = 5_000;

async function sidOf(raw: string): Promise<string | null> {
  const now = Date.now() / 1000;
  const hit = decoded.get(raw);
  if (hit && hit.exp > now) return hit.sid;
  let sid: string | null = null;
  let exp = now + 60;
  try {
    const token = await decode({ token: raw, secret: authSecret() });
    if (token && typeof token.sid === "string") sid = token.sid;
    if (token && typeof token.exp === "number") exp = token.exp;
  } catch {
    return null;
  }
  if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
  decoded.set(raw, { sid, exp });
  return sid;
}

/** The server-side session id inside the signed session cookie, or null. */
export async function sessionIdFromHeaders(headers: Headers): Promise<string | null> {
  const cookies = parseCookies(headers.get("cookie"));
  for (const name of SESSION_COOKIE_NAMES) {
    const raw = cookies.get(name);
    if (!raw) continue;
    const sid = await sidOf(raw);
    if (sid) return sid;
  }
  return null;
}
