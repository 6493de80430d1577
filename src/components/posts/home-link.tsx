import { ChevronRight, Newspaper } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** Her olla's home → novedades: one tap to the composer and her olla's feed. */
export async function PostsHomeLink({ ollaId }: { ollaId: string }) {
  const t = await getTranslations("posts.pages");
  return (
    <Link prefetch={false} href={`/mi-olla/${ollaId}/novedades`} className="card flex min-h-14 items-center justify-between gap-2 font-semibold text-inherit no-underline" data-testid="posts-home-link">
      <span className="flex items-center gap-3">
        <Newspaper aria-hidden="true" size={22} />
        <span className="flex flex-col">
          {t("homeLink")}
          <span className="text-sm font-normal">{t("homeLead")}</span>
        </span>
      </span>
      <ChevronRight aria-hidden="true" size={18} />
    </Link>
  );
}
