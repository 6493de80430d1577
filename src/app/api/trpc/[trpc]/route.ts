import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "~/server/api/root";
import { createTRPCContext } from "~/server/api/trpc";
import { sessionIdFromHeaders } from "~/server/auth/token";
import { getDb } from "~/server/db";
import { LOCALE_COOKIE } from "~/i18n/config";
import { localeFrom } from "~/server/request-context";
import { isCrossSiteRequest } from "~/server/http/origin";
import { internalErrorLine } from "~/server/http/log";
import { toTRPCError } from "~/server/errors";
import { limitBody, TRPC_BODY_LIMIT } from "~/server/http/body-limit";

export const dynamic = "force-dynamic";

function cookieValue(h: Headers, name: string): string | undefined {
  return (h.get("cookie") ?? "").split(";").map((s) => s.trim().split("=")).find(([k]) => k === name)?.[1];
}

const handler = async (incoming: Request) => {
  // Mutations from another site are refused before anything runs (CSRF defence in depth).
  if (incoming.method !== "GET" && isCrossSiteRequest(incoming)) {
    return Response.json({ error: { message: "cross-site request refused", code: "FORBIDDEN" } }, { status: 403 });
  }
  // At most 64 KB is read: a bigger body answers 413 before it is parsed.
  const req = await limitBody(incoming, TRPC_BODY_LIMIT, (url, init) => new Request(url, init));
  if (req instanceof Response) return req;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    allowMethodOverride: false,
    createContext: async ({ info }) => {
      try {
        return await createTRPCContext({
          headers: req.headers,
          db: await getDb(),
          locale: localeFrom(req.headers, cookieValue(req.headers, LOCALE_COOKIE)),
          sessionId: await sessionIdFromHeaders(req.headers),
          // The olla the calls name is loaded with the session (one round trip fewer).
          calls: info.calls,
        });
      } catch (err) {
        // The session is read from the database first: with the database down, say 503 (retry), not 500.
        throw toTRPCError(err) ?? err;
      }
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(internalErrorLine(path, error));
      }
    },
    responseMeta() {
      return { headers: new Headers({ "cache-control": "no-store" }) };
    },
  });
};

export { handler as GET, handler as POST };
