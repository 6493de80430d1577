import Link from "next/link";
import { ChartColumn, CookingPot, HandHeart, LayoutDashboard, LogIn, MapIcon, Store, type LucideIcon } from "lucide-react";
import { getLocale, getTranslations } from "next-intl/server";
import { signedInMe } from "~/trpc/caller";
import { Logo } from "~/components/ui/logo";
import { HeaderMenu } from "./header-menu";
import { LanguageSwitcher } from "./language-switcher";
import { LogoutButton } from "./logout-button";
import "./site.css";

type NavItem = { href: string; label: string; icon: LucideIcon };

/**
 * The header is on every page: one compact row (logo, and on a phone a menu; on a desktop the
 * links inline). Language and sign-out sit apart from the main links: at the end of the row on a
 * desktop, at the bottom of the menu on a phone. Its links do not prefetch (on prepaid data in
 * the hills, each page load would otherwise also fetch the pages behind every link).
 */
export async function SiteHeader() {
  const t = await getTranslations("nav");
  const ts = await getTranslations("site");
  const tc = await getTranslations("common");
  const tpn = await getTranslations("publicNeeds");
  const td = await getTranslations("dashboard");
  const tm = await getTranslations("map");
  const locale = await getLocale();
  const me = await signedInMe();
  const myOlla = me?.ollas[0];
  const coordinator = !!me && (me.city || me.zones.length > 0);
  const items: NavItem[] = [
    { href: "/mapa", label: tm("navLink"), icon: MapIcon },
    { href: coordinator ? "/coordinacion/necesidades" : "/necesidades", label: tpn("nav"), icon: HandHeart },
    { href: "/ollas", label: t("publicOllas"), icon: CookingPot },
    { href: coordinator ? "/coordinacion/panel" : "/panel", label: td("nav"), icon: ChartColumn },
  ];
  const own: NavItem[] = [
    ...(myOlla ? [{ href: `/mi-olla/${myOlla.id}`, label: t("myOlla"), icon: Store }] : []),
    ...(coordinator ? [{ href: "/coordinacion", label: t("coordination"), icon: LayoutDashboard }] : []),
  ];
  const link = (i: NavItem, className: string) => (
    <li key={i.href}>
      <Link prefetch={false} href={i.href} className={className}>
        <i.icon aria-hidden="true" size={18} />
        {i.label}
      </Link>
    </li>
  );
  const account = me ? (
    <LogoutButton label={t("logout")} />
  ) : (
    <Link prefetch={false} href="/ingresar" className="btn btn-quiet btn-sm justify-start">
      <LogIn aria-hidden="true" size={18} />
      {t("login")}
    </Link>
  );
  return (
    <header className="site-header">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-3 sm:px-6">
        <Link prefetch={false} href="/" className="site-logo" aria-label={ts("homeLink")}>
          <Logo size={34} />
          <span>{tc("appName")}</span>
        </Link>

        {/* Desktop: the links inline, language and account at the end. */}
        <nav aria-label={t("main")} className="hidden xl:block">
          <ul className="flex items-center gap-1">{[...items, ...own].map((i) => link(i, "nav-link"))}</ul>
        </nav>
        <div className="hidden items-center gap-1 xl:flex" aria-label={ts("account")} role="group">
          <LanguageSwitcher current={locale} />
          {account}
        </div>

        {/* Phone and tablet: one menu button. */}
        <HeaderMenu label={ts("menu")}>
          <nav aria-label={t("main")}>
            <ul className="flex flex-col gap-1">{[...own, ...items].map((i) => link(i, "menu-link"))}</ul>
          </nav>
          <div className="mt-2 flex flex-col gap-1 border-t border-line pt-2" role="group" aria-label={ts("account")}>
            {account}
            <LanguageSwitcher current={locale} />
          </div>
        </HeaderMenu>
      </div>
    </header>
  );
}
