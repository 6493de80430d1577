import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { LevelBadge } from "~/components/olla/level-badge";
import { LEVELS } from "~/shared/assessment";
import { serverCaller } from "~/trpc/caller";

/**
 * On an olla's home: where it stands against its zone and the city, who nearby already
 * improved its worst problems, and how much its store depends on one institution.
 * Plain HTML rendered on the server (no chart library, no client data layer): this page must
 * stay small for prepaid phones. It streams after the rest of the home (its own Suspense), so
 * the forms above it are usable first; the page is rendered again after each save.
 */
export function OllaStanding({ ollaId }: { ollaId: string }) {
  return (
    <Suspense fallback={null}>
      <OllaDependency ollaId={ollaId} />
      <WhereYouStand ollaId={ollaId} />
    </Suspense>
  );
}

export async function WhereYouStand({ ollaId }: { ollaId: string }) {
  const t = await getTranslations("dashboard.stand");
  const td = await getTranslations("dashboard");
  const ta = await getTranslations("assessment");
  const f = await getFormatter();
  const caller = await serverCaller();
  const d = await caller.dashboard.whereYouStand({ ollaId }).catch(() => null);
  if (!d) return null;
  const topic = (c: string) => t(`topic.${c}` as "topic.water");
  return (
    <section aria-labelledby="stand-h" className="card flex flex-col gap-3" data-testid="where-you-stand">
      <h2 id="stand-h" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="hint">{t("lead", { area: d.areaName })}</p>
      <ul className="flex flex-col divide-y divide-stone-200">
        {d.categories.map((c) => (
          <li key={c.category} className="flex flex-col gap-1 py-2">
            <p data-testid={`stand-sentence-${c.category}`}>
              {c.level === null
                ? t("notAssessed", { category: ta(`category.${c.category}`) })
                : c.level <= 1
                  ? t("shares", { category: topic(c.category), zone: c.zoneSharing, city: c.citySharing, area: d.areaName })
                  : t("notShared", { category: ta(`category.${c.category}`), level: td(`level.${c.level}` as "level.0"), zone: c.zoneSharing, city: c.citySharing, area: d.areaName })}
            </p>
            <details>
              <summary className="min-h-tap cursor-pointer py-2.5 text-sm">{t("tableCaption", { category: topic(c.category) })}</summary>
              <table className="data mt-1">
                <caption className="sr-only">{t("tableCaption", { category: topic(c.category) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("levelCol")}</th>
                    <th scope="col">{t("zoneCol", { area: d.areaName })}</th>
                    <th scope="col">{t("cityCol")}</th>
                  </tr>
                </thead>
                <tbody>
                  {LEVELS.map((l) => (
                    <tr key={l} aria-current={c.level === l ? "true" : undefined}>
                      <th scope="row" className="font-normal">
                        <LevelBadge level={l} /> {c.level === l && <strong>← {t("yourLevel")}</strong>}
                      </th>
                      <td className="tabular-nums">{f.number(c.zone[l])}</td>
                      <td className="tabular-nums">{f.number(c.city[l])}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </li>
        ))}
      </ul>
      {d.worst.length === 0 && d.categories.some((c) => c.level !== null) && <p className="notice">{t("noProblems")}</p>}
      {d.improvedNearby.map((g) => (
        <div key={g.category} className="flex flex-col gap-1" data-testid={`improved-${g.category}`}>
          <h3 className="font-semibold">{t("improvedTitle", { category: topic(g.category) })}</h3>
          {g.ollas.length === 0 ? (
            <p className="hint">{t("noneNearby", { category: topic(g.category), months: d.windowMonths })}</p>
          ) : (
            <>
              <p className="hint">{t("improvedLead", { km: d.radiusKm, months: d.windowMonths })}</p>
              <ul className="flex flex-col gap-1">
                {g.ollas.map((o) => (
                  <li key={o.ollaId}>
                    <Link prefetch={false} className="inline-flex min-h-tap items-center" href={`/ollas/${o.ollaId}`}>{o.name}</Link>{" "}
                    <span className="hint">
                      ({o.districtName}) · {t("improvedItem", { from: td(`level.${o.fromLevel}` as "level.0"), to: td(`level.${o.toLevel}` as "level.0") })} ·{" "}
                      {t("distance", { km: f.number(o.distanceKm, { maximumFractionDigits: 1 }) })}
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      ))}
    </section>
  );
}

const KINDS = ["own", "institution", "individual", "transfer"] as const;

export async function OllaDependency({ ollaId }: { ollaId: string }) {
  const t = await getTranslations("dashboard.dependency");
  const f = await getFormatter();
  const caller = await serverCaller();
  const d = await caller.dashboard.ollaDependency({ ollaId }).catch(() => null);
  if (!d || d.totalKg <= 0) return null;
  const threshold = Math.round(d.threshold * 100);
  const share = f.number(Math.round(d.topShare * 1000) / 10);
  return (
    <section aria-labelledby="dep-h" className="card flex flex-col gap-2" data-testid="olla-dependency">
      <h2 id="dep-h" className="text-lg font-semibold">
        {t("ollaTitle")}
      </h2>
      <p>{d.topSourceId ? t("ollaShare", { days: d.windowDays, share, name: d.topSourceName ?? "" }) : t("ollaShareNone", { days: d.windowDays })}</p>
      {d.warning ? (
        <p className="alert font-semibold" data-testid="dependency-warning">
          {t("ollaWarning", { threshold })}
        </p>
      ) : (
        <p className="hint">{t("ollaOk", { threshold })}</p>
      )}
      <p className="hint">{t("hhi", { points: f.number(Math.round(d.hhi * 10_000)) })}</p>
      <details>
        <summary className="min-h-tap cursor-pointer py-2.5 text-sm">{t("ollaBreakdown")}</summary>
        <table className="data mt-1">
          <caption className="sr-only">{t("ollaBreakdown")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("kindCol")}</th>
              <th scope="col">{t("kgCol")}</th>
              <th scope="col">{t("shareCol")}</th>
            </tr>
          </thead>
          <tbody>
            {KINDS.map((k) => (
              <tr key={k}>
                <th scope="row" className="font-normal">
                  {t(`kind.${k}`)}
                </th>
                <td className="tabular-nums">{f.number(d.byKind[k], { maximumFractionDigits: 1 })}</td>
                <td className="tabular-nums">{f.number(d.byKind[k] / d.totalKg, { style: "percent", maximumFractionDigits: 1 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}
