import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** "Not found": a wrong address, or another olla's or a coordinator's page (the server says the same). */
export default async function NotFound() {
  const t = await getTranslations("notFoundPage");
  return (
    <section className="flex flex-col gap-3" data-testid="not-found">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("lead")}</p>
      <p className="flex flex-wrap gap-4">
        <Link href="/">{t("home")}</Link>
        <Link href="/mapa">{t("map")}</Link>
      </p>
    </section>
  );
}
