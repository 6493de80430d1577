"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import type { LeafletMapProps } from "./types";

function Loading() {
  const t = useTranslations("map");
  return (
    <p className="map-loading" role="status">
      {t("loadingMap")}
    </p>
  );
}

// Leaflet touches `window` when imported: load it only in the browser, through this wrapper.
// Its download starts when this module runs in the browser, while the page hydrates, rather than
// when the map first renders after it: on a slow line the first map tile waits for those ~45 KB.
// (The map box is on the page in both views, so nothing is fetched that would not be anyway.)
const loadLeafletMap = () => import("./leaflet/leaflet-map");
const leafletEarly = typeof window === "undefined" ? null : loadLeafletMap();
const LeafletMap = dynamic(() => leafletEarly ?? loadLeafletMap(), { ssr: false, loading: Loading });

/** The map in a box of fixed size (no layout shift while Leaflet loads). */
export function MapView({ preview, ...props }: LeafletMapProps & { preview?: React.ReactNode }) {
  const t = useTranslations("map");
  return (
    <div className="map-box" role="region" aria-label={t("mapLabel")} data-testid="map-box" tabIndex={-1}>
      <LeafletMap {...props} />
      {preview}
    </div>
  );
}
