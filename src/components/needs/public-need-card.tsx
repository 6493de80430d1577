import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { CategoryBadge, UrgencyBadge, type Urgency } from "~/components/ui/badge";
import { cx } from "~/components/ui/cx";

export type PublicNeed = {
  id: string;
  category: string;
  urgency: Urgency;
  description: string;
  quantity: string | number | null;
  unit: string | null;
  districtName: string;
  createdAt: Date;
  ollaId: string;
  ollaName: string;
};

/**
 * One public need, as a card: category (icon + word), urgency (icon + word), what is missing,
 * and the olla it is for (the card's link). Server-rendered: no client code.
 */
export function PublicNeedCard({ need: n, compact = false, as: Tag = "li" }: { need: PublicNeed; compact?: boolean; as?: "li" | "div" }) {
  const t = useTranslations("publicNeeds");
  const tn = useTranslations("needs");
  const to = useTranslations("offers");
  const f = useFormatter();
  return (
    <Tag className={cx("card flex flex-col gap-1.5", compact ? "p-3" : "p-3 sm:p-4")} data-testid="public-need">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <CategoryBadge category={n.category} label={tn(`category.${n.category}` as "category.water")} />
        <UrgencyBadge
          urgency={n.urgency}
          label={
            <>
              <span className="sr-only">{tn("fields.urgency")}: </span>
              {tn(`urgency.${n.urgency}`)}
            </>
          }
        />
      </div>
      <p className={cx(compact && "line-clamp-1")}>{n.description}</p>
      {n.quantity !== null && !compact && <p className="hint">{t("quantity", { quantity: f.number(Number(n.quantity), { maximumFractionDigits: 3 }), unit: n.unit ?? "" })}</p>}
      <Link prefetch={false} href={`/necesidades/${n.id}`} className="inline-flex min-h-tap items-center font-bold" data-testid="need-offer-link" aria-label={to("need.offerLink", { need: n.description })}>
        {to("need.offer")}
      </Link>
      <p className="flex flex-wrap items-center justify-between gap-x-3 text-sm">
        <Link prefetch={false} href={`/ollas/${n.ollaId}`} className="inline-flex min-h-tap items-center font-bold">
          {n.ollaName}
        </Link>
        <span className="text-muted">
          {n.districtName}
          {!compact && <> · {t("since", { date: f.dateTime(n.createdAt, { dateStyle: "medium" }) })}</>}
        </span>
      </p>
    </Tag>
  );
}
