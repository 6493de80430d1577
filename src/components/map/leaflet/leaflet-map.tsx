"use client";

/**
 * The only module that imports Leaflet (window at import time): loaded through
 * dynamic(..., { ssr: false }) by ../map-view.tsx. Every marker is a divIcon whose DOM is
 * built with createElement/textContent: no HTML string ever reaches the page.
 */
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { AttributionControl, GeoJSON, MapContainer, Marker, Polyline, TileLayer, Tooltip, useMap, useMapEvents, ZoomControl } from "react-leaflet";
import { TILE_ATTRIBUTION, TILE_URL } from "../tiles";
import { asLevel, CATEGORIES, clusterSize, levelClasses, MAP_START } from "../symbols";
import type { AreaState, ClusterTuple, Focus, LeafletMapProps, NearPair, PointTuple, Viewport } from "../types";

/** The smallest target a thumb must hit (WCAG 2.5.5). */
const HIT = 44;

function el(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function ollaIcon(id: string, w: number, urgent: 0 | 1, exact: 0 | 1, abbr: string, mine: boolean, selected: boolean): L.DivIcon {
  const level = asLevel(w);
  // A followed network's olla (README "Federation"): a dashed ring and an arrow badge, its panel says whose it is.
  const peer = id.startsWith("peer:");
  const root = el("div", `olla-marker ${levelClasses(level)}${mine ? " mine-ring" : ""}${peer ? " peer-ring" : ""}${selected ? " selected-ring" : ""}`);
  Object.assign(root.dataset, { kind: "olla", ollaId: id, level: String(level), urgent: String(urgent), exact: String(exact), mine: String(mine), peer: String(peer) });
  root.append(el("span", "abbr", abbr));
  if (peer) root.append(el("span", "peer-badge", "↗"));
  if (urgent) root.append(el("span", "urgent-badge", "!"));
  if (mine) root.append(el("span", "mine-badge", "★"));
  // The visible marker is 30 px; the element a finger or a keyboard reaches is 44 px around it.
  return L.divIcon({ html: root, className: "map-divicon", iconSize: [HIT, HIT], iconAnchor: [HIT / 2, HIT / 2] });
}

function clusterIcon(count: number, w: number, urgent: number): L.DivIcon {
  const level = asLevel(w);
  const size = clusterSize(count);
  const root = el("div", `cluster-marker mk-${level}`);
  root.style.width = root.style.height = `${size}px`;
  Object.assign(root.dataset, { kind: "cluster", count: String(count), level: String(level), urgent: String(urgent) });
  root.append(el("span", "count", String(count)));
  root.append(el("span", `worst-shape shape-${level === 4 ? 2 : level}`));
  if (urgent > 0) root.append(el("span", "urgent-badge", "!"));
  const hit = Math.max(size, HIT);
  return L.divIcon({ html: root, className: "map-divicon", iconSize: [hit, hit], iconAnchor: [hit / 2, hit / 2] });
}

/**
 * Gives the marker's focusable element (role=button, set by Leaflet) a spoken name. Runs
 * after react-leaflet's own effects, and again whenever the icon (hence the element) is replaced.
 */
function useMarkerLabel(label: string, icon: L.DivIcon) {
  const ref = useRef<L.Marker>(null);
  useEffect(() => {
    ref.current?.getElement()?.setAttribute("aria-label", label);
  }, [label, icon]);
  return ref;
}

/**
 * Leaflet gives markers role="button" and a tab stop, but Enter only opens a bound popup (there is
 * none): Enter and Space do what a click does, as on any button.
 */
function onActivateKey(action: () => void) {
  return (e: L.LeafletKeyboardEvent) => {
    if (e.originalEvent.key !== "Enter" && e.originalEvent.key !== " ") return;
    e.originalEvent.preventDefault();
    action();
  };
}

function OllaMarker({ p, mine, selected, onSelect }: { p: PointTuple; mine: boolean; selected: boolean; onSelect: (id: string) => void }) {
  const t = useTranslations("map");
  const tl = useTranslations("assessment");
  const tf = useTranslations("federation");
  const [id, lat, lng, w, c, urgent, exact] = p;
  const category = c >= 0 ? CATEGORIES[c] : undefined;
  const abbr = category ? t(`abbr.${category}`) : "–";
  const icon = useMemo(() => ollaIcon(id, w, urgent, exact, abbr, mine, selected), [id, w, urgent, exact, abbr, mine, selected]);
  const state = category && w < 4 ? t("marker.state", { level: tl(`level.${w}` as "level.0"), category: tl(`category.${category}`) }) : t("marker.notAssessed");
  // The name starts with the letters the marker shows, so what is seen is what is said (WCAG 2.5.3).
  const label = [abbr !== "–" ? `${abbr}.` : null, t("marker.label", { state }), urgent ? t("marker.urgent") : null, mine ? t("marker.mine") : null, id.startsWith("peer:") ? tf("mapPeer") : null, exact ? t("marker.exact") : null].filter(Boolean).join(" ");
  const ref = useMarkerLabel(label, icon);
  const handlers = useMemo(() => ({ click: () => onSelect(id), keydown: onActivateKey(() => onSelect(id)) }), [id, onSelect]);
  return <Marker ref={ref} position={[lat, lng]} icon={icon} title={label} keyboard eventHandlers={handlers} />;
}

function ClusterMarker({ c }: { c: ClusterTuple }) {
  const t = useTranslations("map");
  const tl = useTranslations("assessment");
  const map = useMap();
  const [lat, lng, count, w, urgent, expansion] = c;
  const icon = useMemo(() => clusterIcon(count, w, urgent), [count, w, urgent]);
  const level = w < 4 ? tl(`level.${w}` as "level.0") : t("marker.notAssessed");
  const label = t("cluster.label", { count, level, urgent });
  const ref = useMarkerLabel(label, icon);
  const handlers = useMemo(() => {
    const open = () => map.setView([lat, lng], Math.max(expansion, map.getZoom() + 1));
    return { click: open, keydown: onActivateKey(open) };
  }, [map, lat, lng, expansion]);
  return <Marker ref={ref} position={[lat, lng]} icon={icon} title={label} keyboard eventHandlers={handlers} />;
}

/** Reports the visible area after every move (and once at start), so the server clusters just that. */
function ViewportReporter({ onViewport }: { onViewport: (v: Viewport) => void }) {
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  const map = useMapEvents({ moveend: () => report() });
  function report() {
    const b = map.getBounds();
    onViewport({ bbox: { west: r4(b.getWest()), south: r4(b.getSouth()), east: r4(b.getEast()), north: r4(b.getNorth()) }, zoom: map.getZoom() });
  }
  useEffect(() => {
    report();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the map is ready
  }, []);
  return null;
}

function FocusOn({ focus }: { focus: Focus | null }) {
  const map = useMap();
  useEffect(() => {
    if (focus) map.setView([focus.lat, focus.lng], Math.max(map.getZoom(), focus.zoom));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when a new focus is asked for
  }, [focus?.seq]);
  return null;
}

/** A map hidden while the list was shown has a stale size: measure again when it comes back. */
function ResizeOnShow({ visible }: { visible: boolean }) {
  const map = useMap();
  useEffect(() => {
    if (visible) map.invalidateSize();
  }, [visible, map]);
  return null;
}

/** Fill by the share of assessed ollas in a critical or precarious state; the label says the numbers. */
function areaFill(a: AreaState): string {
  const assessed = a.total - a.notAssessed;
  if (assessed === 0) return "#a8a29e";
  const bad = (a.levels[0] + a.levels[1]) / assessed;
  return bad >= 0.6 ? "#b91c1c" : bad >= 0.4 ? "#ea580c" : bad >= 0.2 ? "#ca8a04" : "#15803d";
}

function AreaLayer({ areas, category }: { areas: AreaState[]; category: string }) {
  const t = useTranslations("map");
  return (
    <>
      {areas
        .filter((a) => a.boundary)
        .map((a) => (
          <GeoJSON
            key={`${a.id}:${category}:${a.total}:${a.levels.join(",")}`}
            data={a.boundary!}
            style={{ color: "#44403c", weight: 2, fillColor: areaFill(a), fillOpacity: 0.3, className: "zone-area" }}
          >
            <Tooltip permanent direction="center" className="zone-label">
              {t("layers.areaLabel", { name: a.name, critical: a.levels[0], precarious: a.levels[1], total: a.total })}
            </Tooltip>
          </GeoJSON>
        ))}
    </>
  );
}

function PairLayer({ pairs }: { pairs: NearPair[] }) {
  const t = useTranslations("map");
  return (
    <>
      {pairs.map((p) => (
        <Polyline
          key={`${p.a.id}:${p.b.id}`}
          positions={[
            [p.a.lat, p.a.lng],
            [p.b.lat, p.b.lng],
          ]}
          // className is a creation option (pathOptions only go through setStyle, which ignores it).
          className="near-pair"
          pathOptions={{ color: "#7c3aed", weight: 4, dashArray: "6 6" }}
        >
          <Tooltip>{t("layers.pairLabel", { a: p.a.name, b: p.b.name, distance: p.distanceM })}</Tooltip>
        </Polyline>
      ))}
    </>
  );
}

/**
 * On a touch screen one finger scrolls the page, not the map (a map as tall as the screen would
 * otherwise trap it): the map moves with two fingers (Leaflet's pinch also pans), or with one
 * after a tap on it, until the next touch outside it. A one-finger swipe over a map that is not
 * active says so for a moment.
 */
function TouchGestures({ coarse }: { coarse: boolean }) {
  const map = useMap();
  const t = useTranslations("mapUi");
  const [hint, setHint] = useState(false);
  useEffect(() => {
    if (!coarse) return;
    const box = map.getContainer();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const activate = () => map.dragging.enable();
    const outside = (e: TouchEvent) => {
      if (!box.contains(e.target as Node)) map.dragging.disable();
    };
    const swipe = (e: TouchEvent) => {
      if (e.touches.length !== 1 || map.dragging.enabled()) return;
      setHint(true);
      clearTimeout(timer);
      timer = setTimeout(() => setHint(false), 1500);
    };
    map.on("click", activate);
    document.addEventListener("touchstart", outside, { passive: true });
    box.addEventListener("touchmove", swipe, { passive: true });
    return () => {
      map.off("click", activate);
      document.removeEventListener("touchstart", outside);
      box.removeEventListener("touchmove", swipe);
      clearTimeout(timer);
    };
  }, [map, coarse]);
  return hint ? (
    <div className="map-touch-hint" aria-hidden="true">
      {t("twoFingers")}
    </div>
  ) : null;
}

/** A coarse pointer (a finger) as the main input: phones and tablets. */
function useCoarsePointer() {
  return useMemo(() => typeof window !== "undefined" && window.matchMedia("(pointer: coarse)").matches, []);
}

export default function LeafletMap(props: LeafletMapProps) {
  const mine = useMemo(() => new Set(props.myOllaIds), [props.myOllaIds]);
  const t = useTranslations("mapUi");
  const coarse = useCoarsePointer();
  return (
    <MapContainer
      center={[MAP_START.center.lat, MAP_START.center.lng]}
      zoom={MAP_START.zoom}
      minZoom={8}
      maxZoom={18}
      scrollWheelZoom
      dragging={!coarse}
      zoomControl={false}
      attributionControl={false}
    >
      {/* Leaflet's own buttons say "Zoom in" in English: these are translated. */}
      <ZoomControl position="topleft" zoomInTitle={t("zoomIn")} zoomOutTitle={t("zoomOut")} />
      {/* No "Leaflet" prefix link: a link inside the attribution text that looked like text (axe link-in-text-block). */}
      <AttributionControl position="bottomright" prefix={false} />
      <TouchGestures coarse={coarse} />
      {/* Standard-density tiles even on high-density screens: sharper ones (detectRetina) take about
          four times the tiles, and most of our users pay for data by the megabyte. Lighthouse's
          image-size-responsive on /mapa (the tiles) is accepted for that reason. */}
      <TileLayer url={props.tileUrl ?? TILE_URL} attribution={TILE_ATTRIBUTION} />
      <ViewportReporter onViewport={props.onViewport} />
      <FocusOn focus={props.focus} />
      <ResizeOnShow visible={props.visible} />
      {props.areas && props.areaCategory && <AreaLayer areas={props.areas} category={props.areaCategory} />}
      {props.pairs && <PairLayer pairs={props.pairs} />}
      {props.clusters.map((c) => (
        <ClusterMarker key={`c${c[6]}`} c={c} />
      ))}
      {props.points.map((p) => (
        <OllaMarker key={p[0]} p={p} mine={mine.has(p[0])} selected={props.selectedId === p[0]} onSelect={props.onSelect} />
      ))}
    </MapContainer>
  );
}
