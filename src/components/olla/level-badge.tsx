import { useTranslations } from "next-intl";
import { Badge } from "~/components/ui/badge";
import { LevelIcon } from "~/components/ui/icons";

/** A state 0–3 shown with a shape (icon), a word and a colour, never by colour alone. */
export function LevelBadge({ level }: { level: number }) {
  const t = useTranslations("assessment.level");
  const l = Math.max(0, Math.min(3, level)) as 0 | 1 | 2 | 3;
  return (
    <Badge tone={`level-${l}`} data-level={l} icon={<LevelIcon level={l} size={14} />}>
      {t(String(l) as "0")}
    </Badge>
  );
}
