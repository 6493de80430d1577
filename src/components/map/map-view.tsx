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
const LeafletMap = dynamic(() => import("./leaflet/leaflet-map"), { ssr: false, loading: Loading });

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
