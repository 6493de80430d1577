import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { rscContext } from "~/server/request-context";
import { networkStats } from "~/server/db/queries/stats";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const t = await getTranslations("home");
  const td = await getTranslations("dashboard");
  const tm = await getTranslations("map");
  const ctx = await rscContext();
  const stats = await networkStats(ctx.db);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold sm:text-3xl">{t("title")}</h1>
      <p className="text-lg">{t("lead")}</p>
      <section className="card flex flex-col items-start gap-2 border-2" style={{ borderColor: "var(--color-brand)" }} aria-labelledby="home-map-h">
        <h2 id="home-map-h" className="text-lg font-semibold">
          {tm("title")}
        </h2>
        <p>{tm("homeLead")}</p>
        <Link className="btn" href="/mapa" data-testid="home-map-link">
          {tm("homeCta")}
        </Link>
      </section>
      <p className="card" data-testid="network-stats">
        {t("stats", { ollas: stats.activeOllas, rations: stats.rationsPerDay })}
      </p>
      <ul className="flex list-disc flex-col gap-1 pl-5">
        <li>{t("forDelegates")}</li>
        <li>{t("forCoordinators")}</li>
        <li>{t("forSupporters")}</li>
      </ul>
      <div className="flex flex-wrap gap-2">
        <Link className="btn" href="/ollas">
          {t("browseOllas")}
        </Link>
        <Link className="btn btn-secondary" href="/panel" data-testid="home-dashboard-link">
          {td("homeLink")}
        </Link>
      </div>
    </div>
  );
}
