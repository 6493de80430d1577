import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LIMA_TIME_ZONE } from "~/shared/lima-day";
import { LOCALE_COOKIE, toLocale } from "./config";
import { getMessages } from "./messages";

// No locale in the URL: the choice lives in a cookie, Spanish by default, so links
// shared between delegates work whatever language each one reads.
export default getRequestConfig(async () => {
  const store = await cookies();
  let locale = toLocale(store.get(LOCALE_COOKIE)?.value);
  if (!store.get(LOCALE_COOKIE)) {
    const accept = (await headers()).get("accept-language") ?? "";
    // Spanish first: English only when the browser prefers it and did not ask for Spanish first.
    if (/^en\b/i.test(accept.trim())) locale = "en";
  }
  return { locale, messages: getMessages(locale), timeZone: LIMA_TIME_ZONE };
});
