import { getTranslations } from "next-intl/server";
import { setLocale } from "~/app/actions";
import { locales } from "~/i18n/config";

/** One button per other language; a plain form, so it works before JavaScript loads. */
export async function LanguageSwitcher({ current }: { current: string }) {
  const t = await getTranslations("lang");
  return (
    <form action={setLocale} className="flex gap-1">
      {locales
        .filter((l) => l !== current)
        .map((l) => (
          <button key={l} type="submit" name="locale" value={l} lang={l} className="underline" aria-label={t("switchTo", { language: t(l) })}>
            {t(l)}
          </button>
        ))}
    </form>
  );
}
