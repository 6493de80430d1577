import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { translate } from "~/i18n/translate";
import { LOCALE_COOKIE, toLocale } from "~/i18n/config";
import { authOptions, THROTTLED } from "~/server/auth/options";
import { isCrossSiteRequest } from "~/server/http/origin";
import { AUTH_BODY_LIMIT, limitBody } from "~/server/http/body-limit";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(incoming: Request, ctx: Ctx) {
  if (incoming.method === "POST" && isCrossSiteRequest(incoming)) {
    return Response.json({ error: "FORBIDDEN" }, { status: 403 });
  }
  // A login form is well under 1 KB: at most 16 KB is read, a bigger body answers 413.
  const req = await limitBody(incoming, AUTH_BODY_LIMIT, (url, init) => new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]));
  if (req instanceof Response) return req;
  const res: Response = await NextAuth(authOptions())(req, ctx);
  // next-auth reports a refused sign-in as a redirect with ?error=…; a throttled one
  // becomes an honest 429 with a translated message.
  const target = res.headers.get("location") ?? (res.headers.get("content-type")?.includes("json") ? ((await res.clone().json()) as { url?: string }).url : undefined);
  if (target && new URL(target, "http://x").searchParams.get("error") === THROTTLED) {
    const locale = toLocale((req.headers.get("cookie") ?? "").match(new RegExp(`${LOCALE_COOKIE}=(\\w+)`))?.[1]);
    return Response.json(
      { error: THROTTLED, message: translate(locale, "auth.throttled") },
      { status: 429, headers: { "retry-after": "900" } },
    );
  }
  return res;
}

export { handler as GET, handler as POST };
