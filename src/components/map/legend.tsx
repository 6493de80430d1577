"use client";

import { useTranslations } from "next-intl";
import { CATEGORIES, levelClasses, type MarkerLevel } from "./symbols";

const LEVELS: MarkerLevel[] = [0, 1, 2, 3, 4];

/** The key to the markers: shape per level, letters per category, "!" for urgent needs, ★ for her own olla. */
export function MapLegend({ coordinator, showMine, showPeers = false }: { coordinator: boolean; showMine: boolean; showPeers?: boolean }) {
  const t = useTranslations("map");
  const tf = useTranslations("federation");
  const ta = useTranslations("assessment");
  return (
    <section aria-labelledby="map-legend-h" className="card flex flex-col gap-2" data-testid="map-legend">
      <h2 id="map-legend-h" className="font-semibold">
        {t("legend.title")}
      </h2>
      <p className="hint">{t("legend.worst")}</p>
      <ul className="legend-list">
        {LEVELS.map((l) => (
          <li key={l} className="legend-item">
            <span className={`olla-marker ${levelClasses(l)}`} aria-hidden="true">
              <span className="abbr">{l === 4 ? "–" : t("abbr.water")}</span>
            </span>
            <span>{l === 4 ? t("legend.notAssessed") : ta(`level.${l}` as "level.0")}</span>
          </li>
        ))}
      </ul>
      <ul className="legend-list">
        <li className="legend-item">
          <span className="urgent-badge" aria-hidden="true">
            !
          </span>
          <span>{t("legend.urgent")}</span>
        </li>
        <li className="legend-item">
          <span className="cluster-marker mk-0" aria-hidden="true">
            <span className="count">12</span>
          </span>
          <span>{t("legend.cluster")}</span>
        </li>
        {showMine && (
          <li className="legend-item">
            <span className="mine-badge" aria-hidden="true">
              ★
            </span>
            <span>{t("legend.mine")}</span>
          </li>
        )}
        {showPeers && (
          <li className="legend-item">
            <span className="olla-marker mk-4 shape-2 peer-ring" aria-hidden="true">
              <span className="peer-badge">↗</span>
            </span>
            <span>{tf("mapPeer")}</span>
          </li>
        )}
        {coordinator && (
          <li className="legend-item">
            <span className="legend-swatch-pair" aria-hidden="true" />
            <span>{t("legend.pair")}</span>
          </li>
        )}
      </ul>
      <p className="hint">
        {t("legend.abbrTitle")}: {CATEGORIES.map((c) => `${t(`abbr.${c}`)} = ${ta(`category.${c}`)}`).join(" · ")}
      </p>
    </section>
  );
}
