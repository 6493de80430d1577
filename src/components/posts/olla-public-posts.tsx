import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serverCaller } from "~/trpc/caller";
import { dataSaverOn } from "./data-saver";
import { PostList } from "./post-list";

/** An olla's public page: its latest public novedades (public posts only, whoever reads). */
export async function OllaPublicPosts({ ollaId }: { ollaId: string }) {
  const page = await (await serverCaller()).post.publicFeed({ ollaId, limit: 5 });
  if (page.items.length === 0) return null;
  const t = await getTranslations("posts");
  return (
    <section aria-labelledby="olla-posts-h" className="flex flex-col gap-2" data-testid="olla-public-posts">
      <h2 id="olla-posts-h">{t("pages.publicOnOlla")}</h2>
      <PostList items={page.items} dataSaver={await dataSaverOn()} showOlla={false} />
      <Link prefetch={false} href="/novedades" className="inline-flex min-h-tap items-center">
        {t("pages.publicTitle")}
      </Link>
    </section>
  );
}
