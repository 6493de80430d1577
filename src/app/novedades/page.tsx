import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "~/components/ui/button";
import { FilterSelect } from "~/components/forms/filter-select";
import { dataSaverOn, DataSaverToggle } from "~/components/posts/data-saver";
import { cursorParam, parseCursor, PostList } from "~/components/posts/post-list";
import { NEED_CATEGORIES, type NeedCategory } from "~/shared/needs";
import { serverCaller, signedInMe } from "~/trpc/caller";
import { UUID } from "~/shared/uuid";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("posts.pages"))("publicTitle") };
}

/**
 * The city's feed. A member of the network (delegate or coordinator) reads the network's feed
 * (network and public posts, and olla posts of her scope), by zone; anyone else the public one.
 * Newest first, a topic filter (a GET form: works without JavaScript), "older" by keyset.
 */
export default async function PostsFeedPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const t = await getTranslations("posts");
  const tn = await getTranslations("needs");
  const caller = await serverCaller();
  const me = await signedInMe();
  const member = !!me && (me.city || me.zones.length > 0 || me.ollas.length > 0);
  const category = NEED_CATEGORIES.includes(sp.tema as NeedCategory) ? (sp.tema as NeedCategory) : undefined;
  const zoneId = sp.zona && UUID.test(sp.zona) ? sp.zona : undefined;
  const before = parseCursor(sp.antes);
  const [page, zones] = await Promise.all([
    member ? caller.post.networkFeed({ zoneId, category, before }) : caller.post.publicFeed({ category, before }),
    member ? caller.reference.zones() : Promise.resolve([]),
  ]);
  const saver = await dataSaverOn();
  const keep = new URLSearchParams(Object.entries({ tema: category, zona: zoneId }).filter(([, v]) => v) as [string, string][]);
  if (page.next) keep.set("antes", cursorParam(page.next));
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h1>{member ? t("pages.networkTitle") : t("pages.publicTitle")}</h1>
        {!member && <p>{t("pages.publicLead")}</p>}
      </div>
      <form method="get" className="card flex flex-wrap items-end gap-3" role="search" aria-label={t("feed.filter")}>
        <FilterSelect id="tema" name="tema" label={t("feed.filter")} allLabel={t("feed.allCategories")} options={NEED_CATEGORIES.map((c) => ({ value: c, label: tn(`category.${c}`) }))} defaultValue={category ?? ""} />
        {member && (
          <FilterSelect id="zona" name="zona" label={t("pages.zone")} allLabel={t("pages.allZones")} options={zones.map((z) => ({ value: z.id, label: z.name }))} defaultValue={zoneId ?? ""} />
        )}
        <Button type="submit" variant="secondary">
          {t("feed.filter")}
        </Button>
      </form>
      <DataSaverToggle on={saver} />
      <PostList items={page.items} dataSaver={saver} linkTo={member ? (id) => `/novedades/${id}` : undefined} />
      {page.next && (
        <Link prefetch={false} href={`/novedades?${keep.toString()}`} className="inline-flex min-h-tap items-center">
          {t("feed.more")}
        </Link>
      )}
    </div>
  );
}
