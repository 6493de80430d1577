import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { SiteHeader } from "~/components/site-header";
import { ToastRegion } from "~/components/ui/toast";
// Self-hosted font (Latin, upright, variable weight: one ~34 KB woff2); no font service at build or run time.
// fonts.css declares it from the @fontsource-variable files with font-display: optional (no layout shift).
import "./fonts.css";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: t("appName"), template: `%s · ${t("appName")}` }, description: t("tagline") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#9a3412" };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  const tu = await getTranslations("ui");
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <a href="#main" className="sr-only-focusable btn m-2">
          {t("skipToContent")}
        </a>
        {/* No next-intl client provider here: the sections whose client components translate add
            it in their own layout (src/components/i18n/intl-provider.tsx), so server-rendered
            pages (her olla's, the public lists) do not ship it. */}
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-6xl px-3 py-4 sm:px-6">
          {children}
        </main>
        <ToastRegion closeLabel={tu("close")} />
      </body>
    </html>
  );
}
