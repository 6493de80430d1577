import NextAuth from "next-auth";
import { translate } from "~/i18n/translate";
import { LOCALE_COOKIE, toLocale } from "~/i18n/config";
import { authOptions, THROTTLED } from "~/server/auth/options";
import { isCrossSiteRequest } from "~/server/http/origin";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  if (req.method === "POST" && isCrossSiteRequest(req)) {
    return Response.json({ error: "FORBIDDEN" }, { status: 403 });
  }
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
