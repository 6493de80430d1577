import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { signedInMe } from "~/trpc/server";
import { LanguageSwitcher } from "./language-switcher";
import { LogoutButton } from "./logout-button";

/**
 * The header is on every page: its links do not prefetch (on prepaid data in the hills, each
 * page load would otherwise also fetch the pages behind every link, before the page's own data).
 */
export async function SiteHeader() {
  const t = await getTranslations("nav");
  const tc = await getTranslations("common");
  const tpn = await getTranslations("publicNeeds");
  const td = await getTranslations("dashboard");
  const tm = await getTranslations("map");
  const locale = await getLocale();
  const me = await signedInMe();
  const myOlla = me?.ollas[0];
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-2 px-3 py-2 sm:px-6">
        <Link prefetch={false} href="/" className="text-lg font-bold no-underline" style={{ color: "var(--color-brand-dark)" }}>
          {tc("appName")}
        </Link>
        <nav aria-label={t("main")} className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <Link prefetch={false} href="/mapa">{tm("navLink")}</Link>
          <Link prefetch={false} href="/ollas">{t("publicOllas")}</Link>
          <Link prefetch={false} href={me && (me.city || me.zones.length > 0) ? "/coordinacion/necesidades" : "/necesidades"}>{tpn("nav")}</Link>
          <Link prefetch={false} href={me && (me.city || me.zones.length > 0) ? "/coordinacion/panel" : "/panel"}>{td("nav")}</Link>
          {myOlla && <Link prefetch={false} href={`/mi-olla/${myOlla.id}`}>{t("myOlla")}</Link>}
          {me && (me.city || me.zones.length > 0) && <Link prefetch={false} href="/coordinacion">{t("coordination")}</Link>}
          {me ? <LogoutButton label={t("logout")} /> : <Link prefetch={false} href="/ingresar">{t("login")}</Link>}
          <LanguageSwitcher current={locale} />
        </nav>
      </div>
    </header>
  );
}
