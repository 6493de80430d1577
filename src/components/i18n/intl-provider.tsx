import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages } from "next-intl/server";

/**
 * next-intl's client provider, for the sections whose client components call useTranslations
 * (sign-in, invitation, password reset, the maps, the dashboards, coordination). It is not in the
 * root layout: pages rendered on the server (the home, the public lists, her olla's pages) do not
 * ship it; her olla's client components take their words from the server instead
 * (src/components/delegate/words.tsx).
 */
export async function IntlProvider({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  return (
    <NextIntlClientProvider locale={locale} messages={messages}>
      {children}
    </NextIntlClientProvider>
  );
}

/** A section layout that only adds the provider. */
export default function IntlLayout({ children }: { children: React.ReactNode }) {
  return <IntlProvider>{children}</IntlProvider>;
}
