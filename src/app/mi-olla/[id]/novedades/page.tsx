import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { delegatePage } from "~/components/delegate/server";
import { dataSaverOn, DataSaverToggle } from "~/components/posts/data-saver";
import { PostComposer, type AboutOption, type ComposerLabels } from "~/components/posts/post-composer";
import { aboutLabel, cursorParam, parseCursor, PostList } from "~/components/posts/post-list";
import { Card } from "~/components/ui/card";
import { NEED_CATEGORIES } from "~/shared/needs";
import { POST_VISIBILITIES } from "~/shared/posts";
import { UUID } from "~/shared/uuid";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("posts.pages"))("ollaTitle") };
}

/**
 * Her olla's novedades: the composer on top (home → Novedades → write, add a photo → Publicar:
 * within 3 taps), then her olla's feed, newest first. Rendered on the server; the composer alone
 * is a client component (photos are downscaled on the phone).
 */

export default async function OllaPostsPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ antes?: string; necesidad?: string; plan?: string }> }) {
  const { id } = await params;
  const sp = await searchParams;
  // ?necesidad=<id> / ?plan=<id>: only the posts about that need or plan module (its "N novedades" link).
  const needId = sp.necesidad && UUID.test(sp.necesidad) ? sp.necesidad : undefined;
  const planItemId = !needId && sp.plan && UUID.test(sp.plan) ? sp.plan : undefined;
  const base = `/mi-olla/${id}/novedades`;
  const { caller, canEdit } = await delegatePage(id, base);
  const [page, targets] = await Promise.all([
    caller.post.ollaFeed({ ollaId: id, before: parseCursor(sp.antes), needId, planItemId }),
    caller.post.linkTargets({ ollaId: id }),
  ]);
  const locale = await getLocale();
  const needOptions: AboutOption[] = targets.needs.map((n) => ({ value: `need:${n.id}`, label: aboutLabel(n.description, locale), category: n.category }));
  const planOptions: AboutOption[] = targets.planItems.map((p) => ({ value: `plan:${p.id}`, label: aboutLabel({ es: p.nameEs, en: p.nameEn }, locale), category: p.category }));
  const filterKey = needId ? `need:${needId}` : planItemId ? `plan:${planItemId}` : "";
  const filterLabel = filterKey ? [...needOptions, ...planOptions].find((o) => o.value === filterKey)?.label : undefined;
  const filterQuery = needId ? `necesidad=${needId}&` : planItemId ? `plan=${planItemId}&` : "";
  const saver = await dataSaverOn();
  const t = await getTranslations("posts");
  const tn = await getTranslations("needs");
  const c = (k: string) => t(`composer.${k}` as "composer.text");
  const labels: ComposerLabels = {
    text: c("text"),
    textHint: c("textHint"),
    addPhoto: c("addPhoto"),
    takePhoto: c("takePhoto"),
    removePhoto: c("removePhoto"),
    photoCount: c("photoCount"),
    visibility: c("visibility"),
    visibilityOption: Object.fromEntries(POST_VISIBILITIES.map((v) => [v, t(`visibility.${v}`)])) as ComposerLabels["visibilityOption"],
    visibilityHint: Object.fromEntries(POST_VISIBILITIES.map((v) => [v, t(`visibilityHint.${v}`)])) as ComposerLabels["visibilityHint"],
    publish: c("publish"),
    uploading: c("uploading"),
    cancel: c("cancel"),
    cancelled: c("cancelled"),
    retry: c("retry"),
    failed: c("failed"),
    offline: c("offline"),
    published: c("published"),
    waitForPage: c("waitForPage"),
    about: c("about"),
    aboutNone: c("aboutNone"),
    aboutNeeds: c("aboutNeeds"),
    aboutPlan: c("aboutPlan"),
    tags: c("tags"),
    category: Object.fromEntries(NEED_CATEGORIES.map((k) => [k, tn(`category.${k}`)])),
    queued: c("queued"),
    kind: c("kind"),
    photosOnly: c("photosOnly"),
    fixing: c("fixing"),
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("pages.ollaTitle")}</h1>
      {canEdit && (
        <Card as="section" title={t("composer.title")}>
          <PostComposer ollaId={id} labels={labels} needs={needOptions} planItems={planOptions} initialAbout={filterLabel ? filterKey : ""} />
        </Card>
      )}
      <section className="flex flex-col gap-2" aria-labelledby="olla-feed">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="olla-feed" className="text-lg font-bold">
            {filterLabel ? t("feed.aboutTitle", { label: filterLabel }) : t("pages.ollaFeed")}
          </h2>
          <DataSaverToggle on={saver} />
        </div>
        {filterKey && (
          <Link prefetch={false} href={base} className="inline-flex min-h-tap items-center">
            {t("feed.aboutAll")}
          </Link>
        )}
        <PostList items={page.items} dataSaver={saver} showOlla={false} linkTo={(p) => `/novedades/${p}`} editTo={canEdit ? (p) => `${base}/${p}` : undefined} />
        {page.next && (
          <Link prefetch={false} href={`${base}?${filterQuery}antes=${encodeURIComponent(cursorParam(page.next))}`} className="inline-flex min-h-tap items-center">
            {t("feed.more")}
          </Link>
        )}
      </section>
    </div>
  );
}
