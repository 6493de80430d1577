"use client";

import "./map.css";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { FormError } from "~/components/forms/errors";
import type { ZMapFilter } from "~/validation/map";
import type { z } from "zod";
import dynamic from "next/dynamic";
import type { LayerState } from "./coord-layers";
import { MapLegend } from "./legend";
import { MapView } from "./map-view";
import { invalidate, useApi } from "./use-api";
import { CATEGORIES, LIST_PAGE } from "./symbols";
import type { ClustersAnswer, Focus, ListItem, NearPair, AreaState, OllaSummary, Viewport } from "./types";
import { FilterSelect } from "~/components/forms/filter-select";
import { FilterChips, type Chip } from "~/components/forms/filter-sheet";
import { Download, List, LocateFixed, MapIcon, RefreshCw, SlidersHorizontal } from "lucide-react";

type Filter = z.input<typeof ZMapFilter>;
const PAGE = LIST_PAGE;
/** Before Leaflet reports its real bounds: the metropolis at zoom 10. */
const START: Viewport = { bbox: { west: -77.35, south: -12.4, east: -76.65, north: -11.7 }, zoom: 10 };
/** Past the last cluster zoom: an olla asked for is shown as itself. */
const FOCUS_ZOOM = 17;
// The coordinator's layers (and their client data layer) load only on her map, never on the public one.
const CoordLayers = dynamic(() => import("./coord-layers").then((m) => m.CoordLayers));
// An olla's panel and the list load when first shown (the list view's page renders it on the
// server, so its chunk comes with that page): with Leaflet, the public map's first visit stays
// within its 200 KB gz of JavaScript (tests/e2e/public-budget.spec.ts).
const OllaPanel = dynamic(() => import("./olla-panel").then((m) => m.OllaPanel));
const PeerOllaPanel = dynamic(() => import("~/components/federation/peer-olla-panel").then((m) => m.PeerOllaPanel));
const OllaList = dynamic(() => import("./olla-list").then((m) => m.OllaList));
/** federation's isPeerMapId, restated so that its module (the peer panel) is not in the first load. */
const isPeerMapId = (id: string) => id.startsWith("peer:");

/**
 * The city map: filters, count, map (clusters from the server for the visible area),
 * the opened olla's panel, the same ollas as a list, and for coordinators the extra layers.
 */
export function CityMap({
  mode,
  myOllaIds,
  initialOllaId = null,
  preview = null,
  initialView = "map",
  initialList = null,
  districts,
  zones = [],
  tileUrl,
}: {
  mode: "public" | "coordinator";
  /** The tile URL the server drew the preview's tiles with (LeafletMapProps.tileUrl). */
  tileUrl?: string;
  myOllaIds: string[];
  /** The filters' choices, from the server page (no request from the browser for them). */
  districts: { ubigeo: string; name: string }[];
  zones?: { id: string; name: string }[];
  initialOllaId?: string | null;
  /** The server-drawn first picture of the unfiltered map and its count (map-preview.tsx), if any. */
  preview?: { node: React.ReactNode; total: number } | null;
  /** The view the URL asked for (?vista=lista): the list is then in the server's HTML. */
  initialView?: "map" | "list";
  /** A page of the unfiltered list, read by the server (?vista=lista&pagina=N), shown before any request. */
  initialList?: { offset: number; data: { items: ListItem[]; total: number } } | null;
}) {
  const coordinator = mode === "coordinator";
  const t = useTranslations("map");
  const ta = useTranslations("assessment");
  const tc = useTranslations("common");
  const tf = useTranslations("filterSheet");
  const tu = useTranslations("mapUi");

  const [filter, setFilterState] = useState<Filter>({});
  const [view, setViewState] = useState<"map" | "list">(initialView);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  // A link may open the map on one olla (/mapa?olla=…): selected and centred once loaded.
  const [selected, setSelected] = useState<string | null>(initialOllaId);
  const [focusSeq, setFocusSeq] = useState(initialOllaId ? 1 : 0);
  const [offset, setOffsetState] = useState(initialList?.offset ?? 0);
  const [layers, setLayers] = useState<LayerState>({ category: "", groupBy: "zone", pairs: false });

  // The view and the list's page live in the URL too (?vista=lista&pagina=2), as the server reads
  // them: a reload, a shared link or a phone without JavaScript gets the same list.
  const offsetRef = useRef(offset);
  const remember = useCallback((v: "map" | "list", off: number) => {
    const url = new URL(window.location.href);
    url.searchParams.delete("olla");
    if (v === "list") url.searchParams.set("vista", "lista");
    else url.searchParams.delete("vista");
    if (v === "list" && off > 0) url.searchParams.set("pagina", String(Math.floor(off / PAGE) + 1));
    else url.searchParams.delete("pagina");
    window.history.replaceState(window.history.state, "", url);
  }, []);
  const setView = useCallback(
    (v: "map" | "list") => {
      setViewState(v);
      if (!coordinator) remember(v, offsetRef.current);
    },
    [coordinator, remember],
  );
  const setOffset = (off: number) => {
    offsetRef.current = off;
    setOffsetState(off);
    if (!coordinator) remember(view, off);
  };
  const setFilter = (f: Filter) => {
    setFilterState(f);
    setOffset(0);
  };
  const unfiltered = Object.values(filter).every((v) => v === undefined);
  // The server's page of the list stands for the unfiltered list at that page: no request for it.
  const serverList = initialList && unfiltered && offset === initialList.offset ? initialList.data : undefined;

  // The last markers stay while the same filter loads for another viewport (panning), not while
  // another filter loads: its count and markers would stand for the new filter's. useApi drops
  // them too if that read fails.
  const clusters = useApi<ClustersAnswer>("map.clusters", { filter, bbox: (viewport ?? START).bbox, zoom: (viewport ?? START).zoom }, { enabled: viewport !== null && view === "map", keepPrevious: JSON.stringify(filter) });
  const list = useApi<{ items: ListItem[]; total: number }>("map.list", { filter, limit: PAGE, offset }, { enabled: view === "list" && !serverList, keepPrevious: true });
  const listData = serverList ?? list.data;
  // The list kept from an earlier filter or page while this one loads: shown busy, and its total is
  // not this filter's count.
  const listStale = !serverList && list.stale;
  // A followed network's olla (README "Federation") has its own panel procedure; its answer has the same id and mapPoint.
  // Read as soon as an olla is opened, not only when the map moves to it: the panel's own read of
  // the same URL (use-api.ts shares it) then starts while the panel's chunk is still loading.
  const peerSelected = selected !== null && isPeerMapId(selected);
  const summary = useApi<Pick<OllaSummary, "id" | "mapPoint">>(peerSelected ? "federation.mapOlla" : "map.ollaSummary", peerSelected ? { id: selected } : { ollaId: selected ?? "" }, { enabled: selected !== null });
  const areas = useApi<AreaState[]>("map.zoneLayer", { category: layers.category || "water", groupBy: layers.groupBy }, { enabled: coordinator && layers.category !== "" });
  const pairs = useApi<{ pairs: NearPair[]; total: number }>("map.nearPairs", {}, { enabled: coordinator && layers.pairs });

  // Moving the map to an olla is asked for explicitly (list, "my olla"); clicking a marker does not move it.
  const focus: Focus | null = useMemo(
    () => (focusSeq > 0 && summary.data && summary.data.id === selected ? { lat: summary.data.mapPoint.lat, lng: summary.data.mapPoint.lng, zoom: FOCUS_ZOOM, seq: focusSeq } : null),
    [focusSeq, summary.data, selected],
  );
  // Where keyboard focus goes back to when the panel closes: the marker that opened it, or the
  // map itself when the list did (the list is gone by then).
  const returnFocus = useRef<{ ollaId: string | null } | null>(null);
  const mapBox = useRef<HTMLDivElement>(null);
  const showOnMap = useCallback((id: string) => {
    returnFocus.current = { ollaId: null };
    setView("map");
    setSelected(id);
    setFocusSeq((s) => s + 1);
  }, [setView]);
  const onSelect = useCallback((id: string) => {
    const active = document.activeElement;
    returnFocus.current = active?.classList.contains("leaflet-marker-icon") ? { ollaId: id } : null;
    setSelected(id);
  }, []);
  const closePanel = useCallback(() => setSelected(null), []);
  useEffect(() => {
    // After the closing render: the marker's element was replaced (its look depends on `selected`).
    if (selected !== null || !returnFocus.current) return;
    const { ollaId } = returnFocus.current;
    returnFocus.current = null;
    const marker = ollaId ? mapBox.current?.querySelector(`[data-olla-id="${CSS.escape(ollaId)}"]`)?.closest<HTMLElement>(".leaflet-marker-icon") : null;
    (marker ?? mapBox.current?.querySelector<HTMLElement>("[data-testid=map-box]"))?.focus();
  }, [selected]);

  // The preview stands in until Leaflet has drawn the first answer; it only ever shows the unfiltered map.
  const showPreview = preview !== null && unfiltered && !clusters.data;
  const total = view === "map" ? (clusters.data?.total ?? (showPreview ? preview.total : undefined)) : listStale ? undefined : listData?.total;
  const error = view === "map" ? clusters.error : list.error;

  const chips: Chip[] = [];
  const remove = (label: string, next: Filter) => chips.push({ key: label, label, removeLabel: tf("remove", { label }), onRemove: () => setFilter(next) });
  if (filter.districtUbigeo) remove(districts.find((d) => d.ubigeo === filter.districtUbigeo)?.name ?? filter.districtUbigeo, { ...filter, districtUbigeo: undefined });
  if (filter.zoneId) remove(zones.find((z) => z.id === filter.zoneId)?.name ?? t("filters.zone"), { ...filter, zoneId: undefined });
  if (filter.category) remove(ta(`category.${filter.category}`), { ...filter, category: undefined, level: undefined });
  if (filter.level !== undefined) remove(ta(`level.${filter.level}` as "level.0"), { ...filter, level: undefined });
  if (filter.urgentNeeds) remove(t("filters.urgentNeeds"), { ...filter, urgentNeeds: undefined });

  const toolbar = (
    <div className="flex flex-wrap items-center gap-2">
      <div role="group" aria-label={t("views.label")} className="flex gap-1">
        {(["map", "list"] as const).map((v) => (
          <button key={v} type="button" className={view === v ? "btn" : "btn btn-secondary"} aria-pressed={view === v} onClick={() => setView(v)}>
            {v === "map" ? <MapIcon aria-hidden="true" size={18} /> : <List aria-hidden="true" size={18} />}
            {t(`views.${v}`)}
          </button>
        ))}
      </div>
      <button type="button" className="btn btn-secondary lg:hidden" aria-expanded={filtersOpen} aria-controls="map-filters" onClick={() => setFiltersOpen((o) => !o)} data-testid="filter-toggle">
        <SlidersHorizontal aria-hidden="true" size={18} />
        {tf("open")}
        {chips.length > 0 ? ` ${tf("active", { count: chips.length })}` : null}
      </button>
      {myOllaIds[0] && (
        <button type="button" className="btn btn-secondary" onClick={() => showOnMap(myOllaIds[0]!)}>
          <LocateFixed aria-hidden="true" size={18} />
          {t("myOlla")}
        </button>
      )}
    </div>
  );

  const filters = (
    <div id="map-filters" className={filtersOpen ? "" : "hidden lg:block"}>
      <form role="search" aria-label={t("filters.title")} className="card flex flex-col gap-3" onSubmit={(e) => e.preventDefault()}>
        <FilterSelect id="map-district" label={t("filters.district")} allLabel={t("filters.allDistricts")} options={districts.map((d) => ({ value: d.ubigeo, label: d.name }))} value={filter.districtUbigeo ?? ""} onChange={(v) => setFilter({ ...filter, districtUbigeo: v || undefined })} />
        {coordinator && (
          <FilterSelect id="map-zone" label={t("filters.zone")} allLabel={t("filters.allZones")} options={zones.map((z) => ({ value: z.id, label: z.name }))} value={filter.zoneId ?? ""} onChange={(v) => setFilter({ ...filter, zoneId: v || undefined })} />
        )}
        <div className="field">
          <label htmlFor="map-category">{t("filters.category")}</label>
          <select
            id="map-category"
            className="input"
            value={filter.category ?? ""}
            onChange={(e) => {
              const category = (e.target.value || undefined) as Filter["category"];
              setFilter({ ...filter, category, level: category ? filter.level : undefined });
            }}
          >
            <option value="">{t("filters.anyCategory")}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {ta(`category.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="map-level">{t("filters.level")}</label>
          <select
            id="map-level"
            className="input"
            disabled={!filter.category}
            value={filter.level === undefined ? "" : String(filter.level)}
            onChange={(e) => setFilter({ ...filter, level: e.target.value === "" ? undefined : Number(e.target.value) })}
          >
            <option value="">{t("filters.anyProblem")}</option>
            {[0, 1, 2, 3].map((l) => (
              <option key={l} value={l}>
                {ta(`level.${l}` as "level.0")}
              </option>
            ))}
          </select>
        </div>
        <label className="flex min-h-tap items-center gap-3">
          <input type="checkbox" className="size-5 shrink-0" checked={filter.urgentNeeds ?? false} onChange={(e) => setFilter({ ...filter, urgentNeeds: e.target.checked || undefined })} />
          {t("filters.urgentNeeds")}
        </label>
        <button type="button" className="btn btn-secondary w-full" onClick={() => setFilter({})}>
          {t("filters.clear")}
        </button>
      </form>
    </div>
  );

  return (
    <div className="flex flex-col gap-3">
      <header className="flex flex-col gap-1">
        <h1 className="text-xl sm:text-3xl">{coordinator ? t("coordTitle") : t("title")}</h1>
        <p className="hidden text-muted sm:block">{coordinator ? t("coordLead") : t("lead")}</p>
      </header>

      {/* Phone: toolbar, map (full width), count, then filters and the panel. Desktop: the map on the left, the rest beside it. */}
      <div className="grid grid-cols-1 gap-3 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)] lg:grid-rows-[auto_auto_auto_1fr] lg:items-start lg:gap-x-5">
        <div className="flex flex-col gap-2 lg:col-start-2 lg:row-start-1">
          {toolbar}
          <p role="status" className="font-bold" data-testid="map-count">
            {total !== undefined ? t("count", { count: total }) : error ? null : tc("loading")}
          </p>
          <FilterChips label={tf("chipsLabel")} chips={chips} />
        </div>

        <div className="lg:col-start-2 lg:row-start-2">{filters}</div>

        <div className="flex flex-col gap-2 lg:col-start-1 lg:row-span-4 lg:row-start-1">
          {error && (
            <div className="flex flex-col gap-2" data-testid="map-error">
              <FormError error={error} />
              <button type="button" className="btn btn-secondary self-start" onClick={() => invalidate(view === "map" ? "map.clusters" : "map.list")}>
                <RefreshCw aria-hidden="true" size={18} />
                {tc("retry")}
              </button>
            </div>
          )}
          {view === "map" && clusters.data?.truncated && (
            <p className="notice" role="status">
              {t("truncated")}
            </p>
          )}
          <div className={view === "map" ? "-mx-3 sm:mx-0" : "hidden"} ref={mapBox}>
            <MapView
              tileUrl={tileUrl}
              clusters={clusters.data?.clusters ?? []}
              points={clusters.data?.points ?? []}
              selectedId={selected}
              myOllaIds={myOllaIds}
              onViewport={setViewport}
              onSelect={onSelect}
              focus={focus}
              visible={view === "map"}
              areas={coordinator && layers.category ? (areas.data ?? null) : null}
              areaCategory={layers.category || null}
              pairs={coordinator && layers.pairs ? (pairs.data?.pairs ?? null) : null}
              preview={showPreview ? preview.node : null}
            />
          </div>
          {view === "map" && <p className="hint touch-only">{tu("touchHint")}</p>}
          {view === "map" && <p className="hint">{t("tilesNote")}</p>}
          {view === "list" && listData && (
            <OllaList stale={listStale} items={listData.items} total={listData.total} offset={offset} pageSize={PAGE} myOllaIds={myOllaIds} onPage={setOffset} onShowOnMap={showOnMap} pageHref={coordinator ? undefined : (n) => `/mapa?vista=lista&pagina=${n}`} />
          )}
        </div>

        <div className="flex flex-col gap-3 lg:col-start-2 lg:row-start-3">
          {selected ? peerSelected ? <PeerOllaPanel id={selected} onClose={closePanel} /> : <OllaPanel ollaId={selected} mine={myOllaIds.includes(selected)} onClose={closePanel} /> : null}
          <MapLegend coordinator={coordinator} showMine={myOllaIds.length > 0} showPeers={clusters.data?.points.some((p) => isPeerMapId(p[0])) ?? false} />
        </div>
      </div>

      {coordinator && (
        <CoordLayers state={layers} onChange={setLayers} areas={layers.category ? areas.data : undefined} pairs={layers.pairs ? pairs.data : undefined} onShowOnMap={showOnMap} />
      )}

      {!coordinator && (
        <section aria-labelledby="open-data-h" className="card flex flex-col gap-1">
          <h2 id="open-data-h" className="font-semibold">
            {t("exports.title")}
          </h2>
          <p className="hint">{t("exports.lead")}</p>
          <p className="flex flex-wrap gap-2">
            <a href="/api/public/v1/ollas.geojson" download className="btn btn-quiet btn-sm">
              <Download aria-hidden="true" size={18} />
              {t("exports.geojson")}
            </a>
            <a href="/api/public/v1/ollas.csv" download className="btn btn-quiet btn-sm">
              <Download aria-hidden="true" size={18} />
              {t("exports.csv")}
            </a>
          </p>
        </section>
      )}
    </div>
  );
}
