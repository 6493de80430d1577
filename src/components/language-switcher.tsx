import { Languages } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { setLocale } from "~/app/actions";
import { locales } from "~/i18n/config";
import { cx } from "~/components/ui/cx";

/** One button per other language; a plain form, so it works before JavaScript loads. */
export async function LanguageSwitcher({ current, className }: { current: string; className?: string }) {
  const t = await getTranslations("lang");
  return (
    <form action={setLocale} className={cx("flex gap-1", className)}>
      {locales
        .filter((l) => l !== current)
        .map((l) => (
          <button key={l} type="submit" name="locale" value={l} lang={l} className="btn btn-quiet btn-sm w-full justify-start" aria-label={t("switchTo", { language: t(l) })}>
            <Languages aria-hidden="true" size={18} />
            {t(l)}
          </button>
        ))}
    </form>
  );
}
