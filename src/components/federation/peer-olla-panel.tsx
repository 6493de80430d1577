"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { X } from "lucide-react";
import { FormError } from "~/components/forms/errors";
import { LevelBadge } from "~/components/olla/level-badge";
import { useApi } from "~/components/map/use-api";
import type { PeerMapOlla } from "./map-types";

/** A map id of a followed network's olla ("peer:<peer>:<its id>"), not one of this network's. */
export const isPeerMapId = (id: string) => id.startsWith("peer:");

/**
 * Where a followed network's olla comes from and how fresh it is: "de Red de Ollas de Villa El
 * Salvador, actualizado hace 2 h", and "Desactualizada" when its last pull failed or is old.
 */
export function PeerProvenance({ from }: { from: { peerName: string; updatedAt: string | null; stale: boolean } }) {
  const t = useTranslations("federation");
  const format = useFormatter();
  // The list may be drawn on the server: the exact time there and in hydration, the age once live.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => setNow(Date.now()), []);
  const at = from.updatedAt ? new Date(from.updatedAt) : null;
  const when = at ? (now === null ? format.dateTime(at, { dateStyle: "short", timeStyle: "short" }) : format.relativeTime(Math.min(at.getTime(), now), now)) : null;
  return (
    <span className="hint" data-testid="map-provenance" data-stale={String(from.stale)}>
      {when ? t("fromUpdated", { peer: from.peerName, when }) : t("from", { peer: from.peerName })}
      {from.stale && <span className="badge level-0 ml-2">{t("stale")}</span>}
    </span>
  );
}

/** The map's panel for a followed network's olla: its public facts as that network publishes them, with provenance. */
export function PeerOllaPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useTranslations("map");
  const ta = useTranslations("assessment");
  const tc = useTranslations("common");
  const to = useTranslations("olla");
  const q = useApi<PeerMapOlla>("federation.mapOlla", { id });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (q.data) heading.current?.focus();
  }, [q.data?.id]); // eslint-disable-line react-hooks/exhaustive-deps -- focus once per opened olla

  return (
    <section
      className="card flex flex-col gap-3"
      aria-label={t("panel.label")}
      data-testid="olla-panel"
      data-peer="true"
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
    >
      {q.isPending && <p role="status">{tc("loading")}</p>}
      {q.error && <FormError error={q.error} />}
      {q.data && (
        <>
          <div className="flex items-start justify-between gap-2">
            <h2 ref={heading} tabIndex={-1} className="text-lg font-bold" data-testid="panel-name">
              {q.data.name}
            </h2>
            <button type="button" className="btn btn-secondary" onClick={onClose}>
              <X aria-hidden="true" size={18} />
              {t("panel.close")}
            </button>
          </div>
          <PeerProvenance from={q.data.from} />
          <dl className="grid grid-cols-1 gap-1 sm:grid-cols-2">
            <div>
              <dt className="label">{t("panel.district")}</dt>
              <dd>{q.data.districtName}</dd>
            </div>
            {q.data.zoneName && (
              <div>
                <dt className="label">{t("panel.zone")}</dt>
                <dd>{q.data.zoneName}</dd>
              </div>
            )}
            <div>
              <dt className="label">{to("fields.rationsPerDay")}</dt>
              <dd data-testid="panel-rations">{t("panel.rations", { count: q.data.rationsPerDay })}</dd>
            </div>
            <div>
              <dt className="label">{to("fields.status")}</dt>
              <dd>{to(`status.${q.data.status}`)}</dd>
            </div>
          </dl>
          <div>
            <h3 className="label">{t("panel.worst")}</h3>
            {q.data.worst ? (
              <p className="flex flex-wrap items-center gap-2" data-testid="panel-worst">
                <LevelBadge level={q.data.worst.level} />
                <span>{q.data.worst.categories.map((c) => ta(`category.${c}`)).join(", ")}</span>
              </p>
            ) : (
              <p className="hint">{t("panel.noAssessment")}</p>
            )}
          </div>
          <div>
            <h3 className="label">{t("panel.needs")}</h3>
            {q.data.needs.length === 0 ? (
              <p className="hint">{t("panel.noNeeds")}</p>
            ) : (
              <ul className="flex flex-col gap-1" data-testid="panel-needs">
                {q.data.needs.map((n) => (
                  <li key={n.id}>
                    <span className="badge">{t(`urgency.${n.urgency as "low"}`)}</span> <strong>{t(`needCategory.${n.category as "water"}`)}</strong>: {n.description}
                    {n.quantity && n.unit ? ` (${t("panel.quantity", { quantity: Number(n.quantity), unit: n.unit })})` : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </section>
  );
}
