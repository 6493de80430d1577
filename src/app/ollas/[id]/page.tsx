import { TRPCError } from "@trpc/server";
import { CalendarDays, Coins, MapPin, Soup } from "lucide-react";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { LevelBadge } from "~/components/olla/level-badge";
import { PublicPlan } from "~/components/plans/public-plan";
import { OllaPublicPosts } from "~/components/posts/olla-public-posts";
import { Badge, CategoryBadge, UrgencyBadge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { CategoryIcon } from "~/components/ui/icons";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { serverCaller } from "~/trpc/caller";

export const dynamic = "force-dynamic";

async function load(id: string) {
  try {
    return await (await serverCaller()).olla.publicProfile({ ollaId: id });
  } catch (e) {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  }
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const o = await load((await params).id);
  return { title: o.name };
}

/**
 * The public face of an olla: public facts, its public needs and its infrastructure (no address,
 * contact, people or point: where it is, is told in words and shown on the map).
 */
export default async function PublicOllaPage({ params }: { params: Promise<{ id: string }> }) {
  const o = await load((await params).id);
  const t = await getTranslations("olla");
  const ta = await getTranslations("assessment");
  const tn = await getTranslations("needs");
  const tp = await getTranslations("ollaPage");
  const tpn = await getTranslations("publicNeeds");
  const f = await getFormatter();
  const byCat = new Map(o.assessments.map((a) => [a.category, a]));
  const facts = [
    { icon: Soup, label: t("fields.rationsPerDay"), value: t("rationsPerDay", { count: o.rationsPerDay }), testId: "rations" },
    { icon: Coins, label: t("fields.rationPrice"), value: o.rationPriceCents === 0 ? t("free") : t("price", { price: f.number(o.rationPriceCents / 100, { minimumFractionDigits: 2 }) }) },
    ...(o.cookingDays.length > 0 ? [{ icon: CalendarDays, label: t("fields.cookingDays"), value: o.cookingDays.map((d) => t(`days.${d}` as "days.mon")).join(", ") }] : []),
  ];
  return (
    <article className="flex flex-col gap-4 sm:gap-5" data-testid="public-olla">
      <header className="flex flex-col gap-1">
        <h1>{o.name}</h1>
        <p className="flex flex-wrap items-center gap-2 text-muted">
          <MapPin aria-hidden="true" size={18} className="text-brand" />
          {t("district", { name: o.districtName })}
          <Badge tone={o.status === "active" ? "success" : "neutral"}>{t(`status.${o.status}`)}</Badge>
        </p>
      </header>

      <dl className="card grid grid-cols-1 gap-3 p-3 sm:grid-cols-3 sm:p-4" aria-label={tp("facts")}>
        {facts.map((x) => (
          <div key={x.label}>
            <dt className="flex items-center gap-2 text-sm font-bold text-muted">
              <x.icon aria-hidden="true" size={20} className="shrink-0 text-brand" />
              {x.label}
            </dt>
            <dd className="pl-7 font-bold" data-testid={x.testId}>
              {x.value}
            </dd>
          </div>
        ))}
      </dl>

      <div className="grid gap-5 lg:grid-cols-2 lg:items-start">
        <section aria-labelledby="needs-h" className="flex flex-col gap-3">
          <h2 id="needs-h">{tp("needsTitle")}</h2>
          {o.needs.length === 0 ? (
            <p className="card text-muted">{tp("needsEmpty")}</p>
          ) : (
            <ul className="flex flex-col gap-2" data-testid="olla-needs">
              {o.needs.map((n) => (
                <li key={n.id} className="card flex flex-col gap-2 p-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <CategoryBadge category={n.category} label={tn(`category.${n.category}` as "category.water")} />
                    <UrgencyBadge
                      urgency={n.urgency}
                      label={
                        <>
                          <span className="sr-only">{tn("fields.urgency")}: </span>
                          {tn(`urgency.${n.urgency}`)}
                        </>
                      }
                    />
                  </div>
                  <p>{n.description}</p>
                  {n.quantity !== null && <p className="hint">{tpn("quantity", { quantity: f.number(Number(n.quantity), { maximumFractionDigits: 3 }), unit: n.unit ?? "" })}</p>}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section aria-labelledby="infra-h" className="card flex flex-col gap-2">
          <h2 id="infra-h">{ta("title")}</h2>
          <ul className="flex flex-col divide-y divide-line">
            {PROBLEM_CATEGORIES.map((c) => {
              const a = byCat.get(c);
              return (
                <li key={c} className="flex min-h-tap items-center justify-between gap-2 py-1" data-testid={`public-assessment-${c}`}>
                  <span className="flex items-center gap-2">
                    <CategoryIcon category={c} />
                    {ta(`category.${c}`)}
                  </span>
                  {a ? <LevelBadge level={a.level} /> : <span className="hint">{ta("notAssessed")}</span>}
                </li>
              );
            })}
          </ul>
        </section>
      </div>

      <PublicPlan ollaId={o.id} />
      <OllaPublicPosts ollaId={o.id} />

      <section aria-labelledby="where-h" className="card flex flex-col items-start gap-2">
        <h2 id="where-h">{tp("whereTitle")}</h2>
        <p>{o.exactLocation ? tp("whereExact", { district: o.districtName }) : tp("whereApprox", { district: o.districtName })}</p>
        {!o.exactLocation && (
          <p className="hint" data-testid="approx-location-hint">
            {t("approxLocationHint")}
          </p>
        )}
        <ButtonLink href={`/mapa?olla=${o.id}`} variant="secondary" icon={<MapPin aria-hidden="true" size={18} />}>
          {tp("seeOnMap")}
        </ButtonLink>
      </section>
      <p className="hint">{tp("moreSoon")}</p>
    </article>
  );
}
