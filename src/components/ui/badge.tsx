/**
 * Small labels. Never colour alone: a tone comes with a word, and usually an icon.
 *
 *   <Badge>Pública</Badge>                          neutral
 *   <Badge tone="level-0" icon={<LevelIcon level={0} />}>Crítico</Badge>
 *   <Badge tone="brand" | "success" | "info" | "danger">…</Badge>
 *   <UrgencyBadge urgency="critical" label={t("urgency.critical")} />
 *   <CategoryBadge category="water" label={t("category.water")} />
 */
import { CircleAlert, Clock, Flame, Minus } from "lucide-react";
import type { ReactNode } from "react";
import { cx } from "./cx";
import { CategoryIcon } from "./icons";

export type BadgeTone = "neutral" | "brand" | "success" | "info" | "danger" | "level-0" | "level-1" | "level-2" | "level-3";

const TONE: Record<BadgeTone, string> = {
  neutral: "text-muted border-line-strong",
  brand: "text-brand-dark bg-brand-soft",
  success: "text-success bg-success-soft",
  info: "text-info bg-info-soft",
  danger: "text-danger bg-danger-soft",
  "level-0": "level-0",
  "level-1": "level-1",
  "level-2": "level-2",
  "level-3": "level-3",
};

export function Badge({ tone = "neutral", icon, className, children, ...rest }: { tone?: BadgeTone; icon?: ReactNode; className?: string; children: ReactNode; "data-level"?: number }) {
  return (
    <span className={cx("badge", TONE[tone], className)} {...rest}>
      {icon}
      {children}
    </span>
  );
}

export type Urgency = "low" | "medium" | "high" | "critical";
const URGENCY_TONE: Record<Urgency, BadgeTone> = { critical: "level-0", high: "level-1", medium: "level-2", low: "neutral" };
const URGENCY_ICON = { critical: Flame, high: CircleAlert, medium: Clock, low: Minus } as const;

export function UrgencyBadge({ urgency, label }: { urgency: Urgency; label: ReactNode }) {
  const Icon = URGENCY_ICON[urgency] ?? Minus;
  return (
    <Badge tone={URGENCY_TONE[urgency] ?? "neutral"} icon={<Icon aria-hidden="true" size={14} strokeWidth={2.5} />}>
      {label}
    </Badge>
  );
}

/** A category as icon + word, in ink (the icon carries the colour). */
export function CategoryBadge({ category, label, className }: { category: string; label: string; className?: string }) {
  return (
    <span className={cx("inline-flex items-center gap-1.5 text-sm font-bold text-ink", className)}>
      <CategoryIcon category={category} size={18} />
      {label}
    </span>
  );
}
