"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, toLocale } from "~/i18n/config";

/** Remembers the reader's language for a year. Works as a plain form post, without JavaScript. */
export async function setLocale(formData: FormData) {
  const locale = toLocale(String(formData.get("locale") ?? ""));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax", httpOnly: false });
}
