import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { LOCALE_COOKIE, toLocale, type Locale } from "~/i18n/config";
import { createTRPCContext } from "~/server/api/trpc";
import { sessionIdFromHeaders } from "~/server/auth/token";
import { getDb } from "~/server/db";

/** The locale a request asked for (cookie first; Spanish unless the browser prefers English). */
export function localeFrom(h: Headers, cookieValue: string | undefined): Locale {
  if (cookieValue) return toLocale(cookieValue);
  return /^en\b/i.test((h.get("accept-language") ?? "").trim()) ? "en" : "es";
}

/** Context for server components: built once per request. */
export const rscContext = cache(async () => {
  const h = new Headers(await headers());
  const c = await cookies();
  return createTRPCContext({
    headers: h,
    db: await getDb(),
    locale: localeFrom(h, c.get(LOCALE_COOKIE)?.value),
    sessionId: await sessionIdFromHeaders(h),
  });
});
