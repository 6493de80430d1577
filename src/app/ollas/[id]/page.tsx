import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { LevelBadge } from "~/components/olla/level-badge";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";
import { serverCaller } from "~/trpc/server";

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

/** The public face of an olla: public facts only (no address, contact, people or exact point). */
export default async function PublicOllaPage({ params }: { params: Promise<{ id: string }> }) {
  const o = await load((await params).id);
  const t = await getTranslations("olla");
  const ta = await getTranslations("assessment");
  const f = await getFormatter();
  const byCat = new Map(o.assessments.map((a) => [a.category, a]));
  return (
    <article className="flex flex-col gap-4" data-testid="public-olla">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold">{o.name}</h1>
        <p className="text-stone-700">
          {t("district", { name: o.districtName })} · <span className="badge">{t(`status.${o.status}`)}</span>
        </p>
      </header>
      <dl className="card grid grid-cols-1 gap-2 sm:grid-cols-2">
        <div>
          <dt className="label">{t("fields.rationsPerDay")}</dt>
          <dd data-testid="rations">{t("rationsPerDay", { count: o.rationsPerDay })}</dd>
        </div>
        <div>
          <dt className="label">{t("fields.rationPrice")}</dt>
          <dd>{o.rationPriceCents === 0 ? t("free") : t("price", { price: f.number(o.rationPriceCents / 100, { minimumFractionDigits: 2 }) })}</dd>
        </div>
        {o.cookingDays.length > 0 && (
          <div>
            <dt className="label">{t("fields.cookingDays")}</dt>
            <dd>{o.cookingDays.map((d) => t(`days.${d}` as "days.mon")).join(", ")}</dd>
          </div>
        )}
        <div>
          <dt className="label">{t("fields.location")}</dt>
          <dd>
            {o.exactLocation ? t("exactLocation") : t("approxLocation")}: {o.lat.toFixed(4)}, {o.lng.toFixed(4)}
          </dd>
          {!o.exactLocation && (
            <dd className="hint" data-testid="approx-location-hint">
              {t("approxLocationHint")}
            </dd>
          )}
        </div>
      </dl>
      <section aria-labelledby="infra-h" className="card">
        <h2 id="infra-h" className="mb-2 text-lg font-semibold">
          {ta("title")}
        </h2>
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {PROBLEM_CATEGORIES.map((c) => {
            const a = byCat.get(c);
            return (
              <li key={c} className="flex items-center justify-between gap-2" data-testid={`public-assessment-${c}`}>
                <span>{ta(`category.${c}`)}</span>
                {a ? <LevelBadge level={a.level} /> : <span className="hint">{ta("notAssessed")}</span>}
              </li>
            );
          })}
        </ul>
      </section>
    </article>
  );
}
