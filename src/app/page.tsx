import { ArrowRight, ChartColumn, HandHeart, LogIn, MapIcon } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PublicNeedCard } from "~/components/needs/public-need-card";
import { ButtonLink } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { serverCaller, signedInMe } from "~/trpc/caller";

export const dynamic = "force-dynamic";

/**
 * The home page says, in one phone screen: what the network is, how many ollas and rations, the
 * most urgent public needs (each with its 'Ofrecer ayuda' link), and what a visitor can do.
 * Server-rendered; it ships no client code of its own.
 */
export default async function HomePage() {
  const t = await getTranslations("home");
  const th = await getTranslations("homePage");
  const td = await getTranslations("dashboard");
  const tn = await getTranslations("nav");
  const f = await getFormatter();
  const caller = await serverCaller();
  const [stats, urgent, me] = await Promise.all([caller.reference.stats(), caller.need.publicList({ limit: 3, offset: 0 }), signedInMe()]);
  const figures = [
    { value: stats.activeOllas, label: th("statOllas", { count: stats.activeOllas }) },
    { value: stats.rationsPerDay, label: th("statRations") },
    { value: stats.districts, label: th("statDistricts", { count: stats.districts }) },
  ];
  return (
    <div className="flex flex-col gap-6">
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1.1fr)_minmax(0,1fr)] lg:items-start lg:gap-8">
        <section className="flex flex-col gap-3 sm:gap-4" aria-labelledby="home-h">
          <div className="flex flex-col gap-1 sm:gap-2">
            <p className="text-xs font-bold uppercase tracking-wide text-brand sm:text-sm">{th("eyebrow")}</p>
            <h1 id="home-h" className="text-3xl sm:text-4xl">
              {t("title")}
            </h1>
            <p className="sm:text-lg">{th("lead")}</p>
          </div>
          <dl className="grid grid-cols-3 gap-2" data-testid="network-stats" aria-label={th("statsTitle")}>
            {figures.map((x) => (
              <div key={x.label} className="card flex flex-col-reverse justify-end gap-0.5 px-3 py-2">
                <dt className="text-xs font-bold text-muted sm:text-sm">{x.label}</dt>
                <dd className="text-xl font-extrabold text-brand-dark sm:text-3xl">{f.number(x.value)}</dd>
              </div>
            ))}
          </dl>
          <div className="flex flex-wrap gap-2">
            <ButtonLink href="/mapa" data-testid="home-map-link" icon={<MapIcon aria-hidden="true" size={20} />}>
              {th("seeMap")}
            </ButtonLink>
            {/* A supporter's way in: the offer form is on each need's page (issue 17). */}
            <ButtonLink href="/necesidades" variant="secondary" data-testid="home-offer-help" icon={<HandHeart aria-hidden="true" size={20} />}>
              {th("offerHelp")}
            </ButtonLink>
          </div>
        </section>

        <section className="flex flex-col gap-3" aria-labelledby="home-urgent-h">
          <div className="flex items-center justify-between gap-2">
            <h2 id="home-urgent-h">{th("urgentTitle")}</h2>
            <Link prefetch={false} href="/necesidades" className="inline-flex min-h-tap shrink-0 items-center gap-1 whitespace-nowrap font-bold">
              <span className="sm:hidden">{th("allNeedsShort")}</span>
              <span className="hidden sm:inline">{th("allNeeds")}</span>
              <ArrowRight aria-hidden="true" size={18} />
            </Link>
          </div>
          {urgent.items.length === 0 ? (
            <EmptyState icon={HandHeart} title={th("urgentEmpty")} />
          ) : (
            <ul className="flex flex-col gap-2">
              {urgent.items.map((n) => (
                <PublicNeedCard key={n.id} need={n} compact />
              ))}
            </ul>
          )}
        </section>
      </div>

      <section aria-labelledby="home-do-h" className="flex flex-col gap-3">
        <h2 id="home-do-h">{th("doTitle")}</h2>
        <ul className="grid gap-3 sm:grid-cols-3">
          {[
            { href: "/mapa", icon: MapIcon, title: th("doMapTitle"), body: th("doMap"), testId: undefined },
            { href: "/necesidades", icon: HandHeart, title: th("doNeedsTitle"), body: th("doNeeds"), testId: "home-offer-how" },
            { href: "/panel", icon: ChartColumn, title: td("homeLink"), body: th("doData"), testId: "home-dashboard-link" },
          ].map((x) => (
            <li key={x.href}>
              <Link prefetch={false} href={x.href} className="card flex h-full gap-3 text-ink no-underline hover:shadow-[var(--shadow-raised)]" data-testid={x.testId}>
                <span className="flex size-11 shrink-0 items-center justify-center rounded-full bg-brand-soft text-brand">
                  <x.icon aria-hidden="true" size={22} />
                </span>
                <span className="flex flex-col gap-1">
                  <span className="font-bold text-brand-dark underline underline-offset-2">{x.title}</span>
                  <span className="text-sm text-muted">{x.body}</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
        {!me && (
        <div className="card flex flex-col gap-2 bg-brand-soft sm:flex-row sm:items-center sm:justify-between">
          <div>
            <p className="font-bold">{th("delegateTitle")}</p>
            <p className="text-sm">{th("delegate")}</p>
          </div>
          <ButtonLink href="/ingresar" variant="secondary" icon={<LogIn aria-hidden="true" size={20} />}>
            {tn("login")}
          </ButtonLink>
        </div>
        )}
      </section>
    </div>
  );
}
