"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { LevelBadge } from "~/components/olla/level-badge";
import { PeerProvenance } from "~/components/federation/peer-olla-panel";
import type { ListItem } from "./types";

/** The same filtered ollas as the map, as a list: readable with a screen reader and on any phone. */
export function OllaList(props: {
  items: ListItem[];
  total: number;
  offset: number;
  pageSize: number;
  myOllaIds: string[];
  onPage: (offset: number) => void;
  onShowOnMap: (ollaId: string) => void;
  /** The address of page n of the list, where a page of it can be read without JavaScript. */
  pageHref?: (n: number) => string;
  /** These items answer an earlier filter or page; the asked-for one is loading. */
  stale?: boolean;
}) {
  const t = useTranslations("map");
  const ta = useTranslations("assessment");
  const tc = useTranslations("common");
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const page = Math.floor(props.offset / props.pageSize) + 1;
  return (
    <section aria-labelledby="map-list-h" aria-busy={props.stale || undefined} className="flex flex-col gap-2" data-testid="map-list" data-stale={props.stale || undefined}>
      <h2 id="map-list-h" className="text-lg font-semibold">
        {t("list.title")}
      </h2>
      {props.items.length === 0 ? (
        <p className="card">{t("list.empty")}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {props.items.map((o) => (
            <li key={o.id} className="card flex flex-col gap-1" data-testid="map-list-item" data-olla-id={o.id}>
              {o.from ? (
                // A followed network's olla: no page here, only where it comes from.
                <>
                  <span className="font-semibold">{o.name}</span>
                  <PeerProvenance from={o.from} />
                </>
              ) : (
                <Link href={`/ollas/${o.id}`} className="font-semibold">
                  {o.name}
                </Link>
              )}
              {props.myOllaIds.includes(o.id) && <span className="badge self-start">★ {t("legend.mine")}</span>}
              <span className="hint">
                {o.districtName} · {t("panel.rations", { count: o.rationsPerDay })}
              </span>
              <span className="flex flex-wrap items-center gap-2">
                <span className="sr-only">{t("list.worst")}:</span>
                {o.worstLevel === null ? (
                  <span className="hint">{t("legend.notAssessed")}</span>
                ) : (
                  <>
                    <LevelBadge level={o.worstLevel} />
                    <span>{o.worstCategories.map((c) => ta(`category.${c}`)).join(", ")}</span>
                  </>
                )}
                {o.urgent && <span className="badge level-0">! {t("marker.urgent")}</span>}
              </span>
              <button type="button" className="btn btn-secondary self-start" onClick={() => props.onShowOnMap(o.id)}>
                {t("list.showOnMap")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav className="flex items-center justify-between" aria-label={tc("page", { page, pages })}>
          <PageStep label={tc("previous")} to={page - 1} enabled={page > 1} href={props.pageHref} onPage={() => props.onPage(props.offset - props.pageSize)} />
          <span>{tc("page", { page, pages })}</span>
          <PageStep label={tc("next")} to={page + 1} enabled={page < pages} href={props.pageHref} onPage={() => props.onPage(props.offset + props.pageSize)} />
        </nav>
      )}
    </section>
  );
}

/**
 * "Previous" / "next": a link to that page of the list when it has an address (it works before
 * and without JavaScript; with it, the page changes in place), else a button.
 */
function PageStep({ label, to, enabled, href, onPage }: { label: string; to: number; enabled: boolean; href?: (n: number) => string; onPage: () => void }) {
  if (!href || !enabled) {
    return (
      <button type="button" className="btn btn-secondary" disabled={!enabled} onClick={onPage}>
        {label}
      </button>
    );
  }
  return (
    <a
      href={href(to)}
      className="btn btn-secondary"
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        onPage();
      }}
    >
      {label}
    </a>
  );
}
