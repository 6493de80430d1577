import { LOCALE_COOKIE } from "~/i18n/config";
import { sessionIdFromHeaders } from "~/server/auth/token";
import { getDb } from "~/server/db";
import { localeFrom } from "~/server/request-context";
import { appRouter } from "./root";
import { createTRPCContext } from "./trpc";

function cookieValue(h: Headers, name: string): string | undefined {
  return (h.get("cookie") ?? "").split(";").map((s) => s.trim().split("=")).find(([k]) => k === name)?.[1];
}

/**
 * The tRPC caller for a plain route handler's request (photo upload and download): the same
 * context as /api/trpc (session from the signed cookie, roles from the database, locale), so
 * the route goes through the same procedures and authorization.
 */
export async function callerForRequest(req: Request) {
  const ctx = await createTRPCContext({
    headers: req.headers,
    db: await getDb(),
    locale: localeFrom(req.headers, cookieValue(req.headers, LOCALE_COOKIE)),
    sessionId: await sessionIdFromHeaders(req.headers),
  });
  return { caller: appRouter.createCaller(ctx), ctx };
}
