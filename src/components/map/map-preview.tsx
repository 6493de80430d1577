import { getTranslations } from "next-intl/server";
import { asLevel, CATEGORIES, centralTiles, clusterSize, levelClasses, MAP_START, pixelOffset } from "./symbols";
import { TILE_ATTRIBUTION, tileUrl } from "./tiles";
import type { ClustersAnswer } from "./types";

/**
 * The area the preview is drawn for: wider than the widest map box (1024 × 480 px at zoom 10),
 * so whatever the screen, the box is covered; what falls outside is clipped by the box.
 */
export const PREVIEW_BBOX = { west: -77.75, south: -12.5, east: -76.25, north: -11.6 } as const;

/**
 * The city map's first picture, drawn by the server into the page's HTML: the same cluster
 * and olla markers, at the pixels where Leaflet will draw them, before any JavaScript arrives
 * (on a slow connection Leaflet and the data take seconds more). It is a picture, not the map:
 * hidden from assistive technology (the list view and the count are the accessible ways in)
 * and removed once Leaflet shows its own markers.
 *
 * It also draws the base map's tiles that Leaflet draws in any box of at least 320 × 320 px (the
 * map box's smallest), at the same URLs and pixels: a phone shows the map as soon as the HTML
 * arrives rather than after Leaflet's ~45 KB, and Leaflet's own requests for those tiles are then
 * answered by the browser's cache. No tile is fetched that Leaflet would not fetch anyway.
 */
export async function MapPreview({ answer }: { answer: Pick<ClustersAnswer, "clusters" | "points"> }) {
  const t = await getTranslations("map");
  const at = (lat: number, lng: number) => {
    const { x, y } = pixelOffset(lat, lng, MAP_START.center, MAP_START.zoom);
    return { left: `calc(50% + ${Math.round(x)}px)`, top: `calc(50% + ${Math.round(y)}px)` };
  };
  return (
    <div className="map-preview" aria-hidden="true" data-testid="map-preview">
      {centralTiles(MAP_START.center, MAP_START.zoom, { width: 320, height: 320 }).map(({ x, y, left, top }) => (
        <img
          key={`t${x}.${y}`}
          className="map-preview-tile"
          src={tileUrl(MAP_START.zoom, x, y)}
          alt=""
          width={256}
          height={256}
          decoding="async"
          style={{ left: `calc(50% + ${Math.round(left)}px)`, top: `calc(50% + ${Math.round(top)}px)` }}
        />
      ))}
      {/* The tiles' attribution while Leaflet's is not there yet; text only (nothing to focus in a hidden picture). */}
      <span className="map-preview-attribution">{attributionText(TILE_ATTRIBUTION)}</span>
      {answer.clusters.map(([lat, lng, count, w, urgent], i) => {
        const level = asLevel(w);
        const size = clusterSize(count);
        return (
          <div key={`c${i}`} className={`map-preview-marker cluster-marker mk-${level}`} style={{ ...at(lat, lng), width: size, height: size }}>
            <span className="count">{count}</span>
            <span className={`worst-shape shape-${level === 4 ? 2 : level}`} />
            {urgent > 0 && <span className="urgent-badge">!</span>}
          </div>
        );
      })}
      {answer.points.map(([id, lat, lng, w, c, urgent]) => {
        const category = c >= 0 ? CATEGORIES[c] : undefined;
        return (
          <div key={id} className={`map-preview-marker olla-marker ${levelClasses(asLevel(w))}`} style={at(lat, lng)}>
            <span className="abbr">{category ? t(`abbr.${category}`) : "–"}</span>
            {urgent ? <span className="urgent-badge">!</span> : null}
          </div>
        );
      })}
    </div>
  );
}

/** The attribution's words without its markup: "&copy; OpenStreetMap contributors" → "© OpenStreetMap contributors". */
export function attributionText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&copy;/g, "©")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&");
}
