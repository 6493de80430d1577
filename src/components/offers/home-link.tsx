import { ChevronRight, HandHeart } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge } from "~/components/ui/badge";
import { serverCaller } from "~/trpc/caller";

/** Her olla's home → ofrecimientos: how many wait for her answer, one tap to the list. */
export async function OffersHomeLink({ ollaId }: { ollaId: string }) {
  const [t, count] = await Promise.all([getTranslations("offers.delegate"), (await serverCaller()).offer.newCount({ ollaId })]);
  return (
    <Link prefetch={false} href={`/mi-olla/${ollaId}/ofertas`} className="card flex min-h-14 items-center justify-between gap-2 font-semibold text-inherit no-underline" data-testid="offers-home-link">
      <span className="flex items-center gap-3">
        <HandHeart aria-hidden="true" size={22} />
        <span className="flex flex-col">
          {t("homeTitle")}
          <span className="text-sm font-normal" data-testid="offers-new-count">
            {count > 0 ? <Badge tone="brand">{t("newCount", { count })}</Badge> : t("newCount", { count })}
          </span>
        </span>
      </span>
      <ChevronRight aria-hidden="true" size={18} />
    </Link>
  );
}
