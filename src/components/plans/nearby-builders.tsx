import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "~/components/ui/card";
import { CategoryIcon } from "~/components/ui/icons";
import { serverCaller } from "~/trpc/caller";

/**
 * "Who nearby already built it": ollas within 3 km that finished a module of the categories of
 * her pending steps and her worst problems, linked to their public pages. Beside the dashboard's
 * improved-nearby list, which stays defined by assessments. A server component: no client code.
 */
export async function NearbyBuilders({ ollaId }: { ollaId: string }) {
  const caller = await serverCaller();
  const r = await caller.plan.nearbyBuilders({ ollaId });
  if (r.categories.length === 0) return null;
  const t = await getTranslations("plans.nearby");
  const ta = await getTranslations("assessment");
  const locale = await getLocale();
  const km = (n: number) => n.toLocaleString(locale === "en" ? "en-GB" : "es-PE", { maximumFractionDigits: 1 });
  return (
    <Card as="section" title={t("title")}>
      <p className="hint mb-2">{t("lead", { km: r.radiusKm })}</p>
      <ul className="flex flex-col gap-3" data-testid="nearby-builders">
        {r.categories.map((c) => (
          <li key={c.category} className="flex flex-col gap-1">
            <strong className="flex items-center gap-2">
              <CategoryIcon category={c.category} />
              {ta(`category.${c.category}`)}
            </strong>
            {c.ollas.length === 0 ? (
              <span className="text-sm">{t("none")}</span>
            ) : (
              <ul className="flex flex-col">
                {c.ollas.map((o) => (
                  <li key={o.ollaId}>
                    <Link prefetch={false} href={`/ollas/${o.ollaId}`} className="inline-flex min-h-tap items-center">
                      {o.name}
                    </Link>{" "}
                    <span className="text-sm">
                      ({o.districtName}) · {t("item", { module: locale === "en" ? o.moduleNameEn : o.moduleNameEs, km: km(o.distanceKm) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
