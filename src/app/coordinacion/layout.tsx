import { getTranslations } from "next-intl/server";
import { CoordSideNav } from "~/components/coord/side-nav";
import { IntlProvider } from "~/components/i18n/intl-provider";
import { signedInMe } from "~/trpc/caller";

/**
 * Coordination pages share a side navigation (a column from 1024 px, a row of links above the
 * page on a phone). Access is checked by each page and, again, by every procedure.
 */
export default function CoordinationLayout({ children }: { children: React.ReactNode }) {
  // Its client components (lists, forms, maps, dashboards) translate with next-intl's provider.
  return (
    <IntlProvider>
      <CoordinationNav>{children}</CoordinationNav>
    </IntlProvider>
  );
}

async function CoordinationNav({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("site");
  const tp = await getTranslations("personalData");
  const tpl = await getTranslations("plans");
  const tf = await getTranslations("federation");
  const tw = await getTranslations("workshops");
  const me = await signedInMe();
  // Someone who coordinates nothing gets each page's "not found", without the coordination menu.
  if (!me || (!me.city && me.zones.length === 0)) return children;
  return (
    <div className="flex flex-col gap-4 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:items-start lg:gap-6">
      <div className="lg:sticky lg:top-20">
        <CoordSideNav
          label={t("coordNav")}
          items={[
            { href: "/coordinacion", label: t("coordOllas"), icon: "ollas" },
            { href: "/coordinacion/mapa", label: t("coordMap"), icon: "map" },
            { href: "/coordinacion/necesidades", label: t("coordNeeds"), icon: "needs" },
            { href: "/coordinacion/panel", label: t("coordPanel"), icon: "panel" },
            { href: "/coordinacion/plan", label: tpl("demand.title"), icon: "panel" },
            { href: "/coordinacion/talleres", label: tw("coord.navLabel"), icon: "workshops" },
            { href: "/coordinacion/ollas/nueva", label: t("coordNew"), icon: "new" },
            { href: "/coordinacion/datos-personales", label: tp("title"), icon: "privacy" },
            ...(me.city ? [{ href: "/coordinacion/redes", label: tf("navLabel"), icon: "peers" as const }] : []),
          ]}
        />
      </div>
      <div className="min-w-0">{children}</div>
    </div>
  );
}
