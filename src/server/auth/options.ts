import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { env } from "~/env";
import { getDb } from "~/server/db";
import { revokeSession } from "~/server/db/queries/sessions";
import { clientAddress } from "~/server/http/peer-address";
import { attemptLogin, safeRedirectUrl, SESSION_MAX_AGE_SECONDS } from "./login";
import { authSecret } from "./secret";

export const THROTTLED = "TOO_MANY_REQUESTS";

/**
 * Sessions are signed JWTs carrying only a server-side session id (`sid`). Roles are
 * never in the token: tRPC reads them from the database on every request.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/ingresar", error: "/ingresar" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { identifier: { type: "text" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const db = await getDb();
          const headers = new Headers(req.headers as Record<string, string>);
          const result = await attemptLogin(db, {
            identifier: credentials?.identifier ?? "",
            password: credentials?.password ?? "",
            clientAddress: clientAddress(headers, env.TRUST_PROXY === "1"),
          });
          if (result.status === "throttled") throw new Error(THROTTLED);
          if (result.status !== "ok") return null;
          return { id: result.user.id, name: result.user.name, sid: result.sessionId };
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sid = (user as { sid?: string }).sid;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { name: token.name ?? "" };
        return session;
      },
      // Never redirect off-site, whatever callbackUrl was asked for.
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
    },
    events: {
      async signOut({ token }) {
        if (token?.sid) await revokeSession(await getDb(), String(token.sid));
      },
    },
  };
}
