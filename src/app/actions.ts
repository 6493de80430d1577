"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { LOCALE_COOKIE, toLocale } from "~/i18n/config";
import { revokeRequestSession } from "~/server/auth/sign-out";
import { SESSION_COOKIE_NAMES } from "~/server/auth/token";

/** Remembers the reader's language for a year. Works as a plain form post, without JavaScript. */
export async function setLocale(formData: FormData) {
  const locale = toLocale(String(formData.get("locale") ?? ""));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: false });
}

/**
 * Signs out: the server-side session is revoked (so a copy of the cookie is refused from the
 * next request on) and the cookie is cleared. A plain form post, without JavaScript, so no page
 * ships next-auth's client library for one button; Next checks the Origin of server actions.
 */
export async function logout() {
  await revokeRequestSession(await headers());
  const store = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    if (store.get(name)) store.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  }
  redirect("/");
}
