import "server-only";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { Reason } from "~/server/domain/planner";
import type { Level } from "~/shared/assessment";

/** Words the plan pages need, on the server: module names, soles, months, and the planner's reasons as sentences. */
export async function planWords(modules: readonly { id: string; nameEs: string; nameEn: string }[]) {
  const locale = await getLocale();
  const t = await getTranslations("plans");
  const ta = await getTranslations("assessment");
  const f = await getFormatter();
  const names = new Map(modules.map((m) => [m.id, locale === "en" ? m.nameEn : m.nameEs]));
  const name = (m: { nameEs: string; nameEn: string }) => (locale === "en" ? m.nameEn : m.nameEs);
  const moduleName = (id: string) => names.get(id) ?? "—";
  const soles = (cents: number) => f.number(cents / 100, { minimumFractionDigits: cents % 100 === 0 ? 0 : 2, maximumFractionDigits: 2 });
  const range = (min: number, max: number) => t("range", { min: soles(min), max: soles(max) });
  const month = (ym: string) => f.dateTime(new Date(`${ym}-15T12:00:00Z`), { month: "long", year: "numeric", timeZone: "UTC" });
  const day = (iso: string) => f.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
  const alternatives = (ids: readonly string[]) => ids.map(moduleName).join(t("or"));
  const levelName = (l: Level) => ta(`level.${l}` as "level.0").toLowerCase();
  const reason = (r: Reason): string => {
    switch (r.key) {
      case "prerequisiteFirst":
        return t("reason.prerequisiteFirst", { module: moduleName(r.module), dependent: moduleName(r.dependent) });
      case "worstCategory":
        return t("reason.worstCategory", { category: ta(`category.${r.category}`), level: levelName(r.level) });
      case "notAssessed":
        return t("reason.notAssessed", { category: ta(`category.${r.category}`) });
      case "yourOrder":
        return t("reason.yourOrder");
      case "externallyFunded":
        return t("reason.externallyFunded", { funding: t(`funding.${r.funding}`).toLowerCase() });
      case "alreadySaved":
        return t("reason.alreadySaved", { module: moduleName(r.module) });
      case "readyThisMonth":
        return t("reason.readyThisMonth", { module: moduleName(r.module), savings: soles(r.savingsCents) });
      case "readyInMonth":
        return t("reason.readyInMonth", { module: moduleName(r.module), capacity: soles(r.capacityCents), month: month(r.month) });
      case "needsPrerequisite":
        return t("reason.needsPrerequisite", { module: moduleName(r.module), alternatives: alternatives(r.alternatives) });
      case "noCapacity":
        return t("reason.noCapacity", { module: moduleName(r.module) });
      case "beyondHorizon":
        return t("reason.beyondHorizon", { module: moduleName(r.module), years: r.years });
    }
  };
  return { t, ta, f, locale, name, moduleName, soles, range, month, day, alternatives, reason };
}
