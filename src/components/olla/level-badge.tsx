import { useTranslations } from "next-intl";

const SYMBOL = ["✖", "!", "●", "✔"] as const;

/** A state 0–3 shown with a symbol and a word, never by colour alone. */
export function LevelBadge({ level }: { level: number }) {
  const t = useTranslations("assessment.level");
  const l = Math.max(0, Math.min(3, level)) as 0 | 1 | 2 | 3;
  return (
    <span className={`badge level-${l}`} data-level={l}>
      <span aria-hidden="true">{SYMBOL[l]}</span>
      {t(String(l) as "0")}
    </span>
  );
}
