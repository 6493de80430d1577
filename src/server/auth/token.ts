import { decode } from "next-auth/jwt";
import { authSecret } from "./secret";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return out;
}

/** The server-side session id inside the signed session cookie, or null. */
export async function sessionIdFromHeaders(headers: Headers): Promise<string | null> {
  const cookies = parseCookies(headers.get("cookie"));
  for (const name of COOKIE_NAMES) {
    const raw = cookies.get(name);
    if (!raw) continue;
    try {
      const token = await decode({ token: raw, secret: authSecret() });
      if (token && typeof token.sid === "string") return token.sid;
    } catch {
      return null;
    }
  }
  return null;
}
