import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** On the delegate's home: her olla on the city map, among the others (the map opens on it). Rendered on the server. */
export async function MapHomeLink({ ollaId }: { ollaId: string }) {
  const t = await getTranslations("map");
  return (
    <section className="card flex flex-col items-start gap-2" aria-labelledby="home-map-link-h">
      <h2 id="home-map-link-h" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="hint">{t("delegateLead")}</p>
      <Link className="btn btn-secondary" href={`/mapa?olla=${ollaId}`} data-testid="delegate-map-link">
        ★ {t("myOlla")}
      </Link>
    </section>
  );
}
