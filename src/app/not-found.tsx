import { ButtonLink } from "~/components/ui/button";
import { getTranslations } from "next-intl/server";

/** "Not found": a wrong address, or another olla's or a coordinator's page (the server says the same). */
export default async function NotFound() {
  const t = await getTranslations("notFoundPage");
  return (
    <section className="flex flex-col gap-3" data-testid="not-found">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("lead")}</p>
      <p className="flex flex-wrap gap-2">
        <ButtonLink href="/">{t("home")}</ButtonLink>
        <ButtonLink href="/mapa" variant="secondary">
          {t("map")}
        </ButtonLink>
      </p>
    </section>
  );
}
