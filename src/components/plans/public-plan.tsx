import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Badge } from "~/components/ui/badge";
import { CategoryIcon } from "~/components/ui/icons";
import { serverCaller } from "~/trpc/caller";

/**
 * An olla's plan on its public page: its modules in its order and their status. Amounts only
 * when the olla chose to show them; nothing but a sentence when it hides its plan.
 */
export async function PublicPlan({ ollaId }: { ollaId: string }) {
  const v = await (await serverCaller()).plan.publicView({ ollaId });
  const t = await getTranslations("plans");
  const ta = await getTranslations("assessment");
  const f = await getFormatter();
  const locale = await getLocale();
  const soles = (c: number) => f.number(c / 100, { maximumFractionDigits: 2 });
  const tone = { planned: "neutral", saving: "info", in_progress: "brand", done: "success" } as const;
  return (
    <section aria-labelledby="plan-h" className="card flex flex-col gap-2" data-testid="public-plan">
      <h2 id="plan-h">{t("public.title")}</h2>
      {v.hidden ? (
        <p className="hint">{t("public.hidden")}</p>
      ) : v.items.length === 0 ? (
        <p className="hint">{t("public.none")}</p>
      ) : (
        <>
          <p className="hint">{t("public.lead")}</p>
          {v.monthlyCapacityCents !== null && v.savingsCents !== null && <p>{t("public.capacity", { capacity: soles(v.monthlyCapacityCents), savings: soles(v.savingsCents) })}</p>}
          <ol className="flex flex-col divide-y divide-line">
            {v.items.map((i, n) => (
              <li key={i.moduleId} className="flex min-h-tap flex-wrap items-center justify-between gap-2 py-1">
                <span className="flex items-center gap-2">
                  <CategoryIcon category={i.category} />
                  {n + 1}. {locale === "en" ? i.nameEn : i.nameEs}
                  <span className="sr-only">({ta(`category.${i.category}`)})</span>
                </span>
                <span className="flex flex-wrap items-center gap-2">
                  {i.savedCents !== null && i.savedCents > 0 && <span className="text-sm">{t("savedOf", { saved: soles(i.savedCents) })}</span>}
                  <Badge tone={tone[i.status]}>{t(`status.${i.status}`)}</Badge>
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
