import { ImageIcon, Link2, MessageCircle, Pencil } from "lucide-react";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Badge } from "~/components/ui/badge";
import type { PostVisibility } from "~/shared/posts";

export interface PostItem {
  id: string;
  ollaId: string;
  ollaName: string;
  body: string;
  visibility: PostVisibility;
  categories: string[];
  createdAt: Date;
  commentCount: number;
  /** Written by the viewer (her "Editar" link). */
  mine?: boolean;
  photos: { thumb: string; display: string; width: number; height: number }[];
  /** The need or plan module of her olla it is about, as the viewer may read it. */
  about?: { kind: "need" | "plan"; label: string | { es: string; en: string }; href: string | null } | null;
}

/** A need's description or a module's name in the page's language, short enough for one line. */
export function aboutLabel(label: string | { es: string; en: string }, locale: string): string {
  const text = typeof label === "string" ? label : locale === "en" ? label.en : label.es;
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * A feed, rendered on the server: text first, thumbnails (WebP, ~10–15 KB) lazy-loaded with their
 * size reserved, the display size one tap away. Text is plain React text: never HTML, links shown
 * as text. With data saver on, photos wait inside a closed "Ver fotos" until tapped.
 */
export async function PostList({
  items,
  dataSaver,
  showOlla = true,
  linkTo,
  editTo,
}: {
  items: PostItem[];
  dataSaver: boolean;
  showOlla?: boolean;
  linkTo?: (id: string) => string;
  /** Her own posts' edit page (only on hers: another's post is not hers to change). */
  editTo?: (id: string) => string;
}) {
  const t = await getTranslations("posts");
  const tn = await getTranslations("needs");
  const f = await getFormatter();
  const locale = await getLocale();
  if (items.length === 0) return <p data-testid="feed-empty">{t("feed.empty")}</p>;
  return (
    <ul className="flex flex-col gap-3" data-testid="feed">
      {items.map((p) => {
        const photos = (
          <ul className="grid grid-cols-2 gap-2">
            {p.photos.map((ph, i) => (
              <li key={ph.thumb}>
                <a href={ph.display} className="block" aria-label={t("feed.openPhoto", { n: i + 1 })}>
                  <img src={ph.thumb} alt="" loading="lazy" decoding="async" width={Math.min(320, ph.width)} height={Math.round((Math.min(320, ph.width) * ph.height) / ph.width)} className="h-auto w-full rounded bg-stone-100" />
                </a>
              </li>
            ))}
          </ul>
        );
        return (
          <li key={p.id} className="card flex flex-col gap-2" data-testid="post">
            <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
              {showOlla ? <strong>{p.ollaName}</strong> : <span />}
              <time dateTime={p.createdAt.toISOString()}>{f.dateTime(p.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
            </div>
            {p.body && (
              <p className="whitespace-pre-wrap break-words" data-testid="post-body">
                {p.body}
              </p>
            )}
            {p.about && (
              <p className="flex items-center gap-1 text-sm" data-testid="post-about">
                <Link2 aria-hidden="true" size={16} />
                {p.about.href ? (
                  <Link prefetch={false} href={p.about.href} className="inline-flex min-h-tap items-center">
                    {t("feed.about", { label: aboutLabel(p.about.label, locale) })}
                  </Link>
                ) : (
                  <span>{t("feed.about", { label: aboutLabel(p.about.label, locale) })}</span>
                )}
              </p>
            )}
            {p.photos.length > 0 &&
              (dataSaver ? (
                <details>
                  <summary className="flex min-h-tap cursor-pointer items-center gap-2 font-semibold">
                    <ImageIcon aria-hidden="true" size={18} />
                    {t("feed.showPhotos", { count: p.photos.length })}
                  </summary>
                  {photos}
                </details>
              ) : (
                photos
              ))}
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <Badge>{t(`visibility.${p.visibility}`)}</Badge>
              {p.categories.map((c) => (
                <Badge key={c}>{tn(`category.${c}` as "category.water")}</Badge>
              ))}
              {editTo && p.mine && (
                <Link prefetch={false} href={editTo(p.id)} className="ml-auto inline-flex min-h-tap min-w-tap items-center gap-1" data-testid="post-edit-link">
                  <Pencil aria-hidden="true" size={16} />
                  {t("feed.edit")}
                </Link>
              )}
              {linkTo && (
                <Link prefetch={false} href={linkTo(p.id)} className={`${editTo && p.mine ? "" : "ml-auto "}inline-flex min-h-tap items-center gap-1`}>
                  <MessageCircle aria-hidden="true" size={16} />
                  {t("feed.comments", { count: p.commentCount })}
                </Link>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** `?antes=<iso>~<id>` ↔ the feed's keyset cursor. */
export function parseCursor(raw: string | undefined): { at: Date; id: string } | undefined {
  if (!raw) return undefined;
  const [iso, id] = raw.split("~");
  const at = new Date(iso ?? "");
  if (Number.isNaN(at.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return { at, id };
}
export const cursorParam = (c: { at: Date; id: string }) => `${c.at.toISOString()}~${c.id}`;
