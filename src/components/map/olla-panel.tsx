"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { X } from "lucide-react";
import { FormError } from "~/components/forms/errors";
import { LevelBadge } from "~/components/olla/level-badge";
import type { OllaSummary } from "./types";
import { useApi } from "./use-api";

/** The opened olla: loaded when opened (the map itself carries no names or details). Text nodes only. */
export function OllaPanel({ ollaId, mine, onClose }: { ollaId: string; mine: boolean; onClose: () => void }) {
  const t = useTranslations("map");
  const ta = useTranslations("assessment");
  const tc = useTranslations("common");
  const to = useTranslations("olla");
  const tof = useTranslations("offers");
  const q = useApi<OllaSummary>("map.ollaSummary", { ollaId });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (q.data) heading.current?.focus();
  }, [q.data?.id]); // eslint-disable-line react-hooks/exhaustive-deps -- focus once per opened olla

  return (
    <section
      className="card flex flex-col gap-3"
      aria-label={t("panel.label")}
      data-testid="olla-panel"
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
          {mine && <p className="badge self-start">★ {t("panel.mine")}</p>}
          <dl className="grid grid-cols-1 gap-1 sm:grid-cols-2">
            <div>
              <dt className="label">{t("panel.district")}</dt>
              <dd>{q.data.districtName}</dd>
            </div>
            <div>
              <dt className="label">{t("panel.zone")}</dt>
              <dd>{q.data.zoneName}</dd>
            </div>
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
                    <span className="badge">{t(`urgency.${n.urgency}`)}</span> <strong>{t(`needCategory.${n.category}`)}</strong>: {n.description}
                    {n.quantity && n.unit ? ` (${t("panel.quantity", { quantity: Number(n.quantity), unit: n.unit })})` : null}{" "}
                    <Link prefetch={false} href={`/necesidades/${n.id}`} className="inline-flex min-h-tap items-center font-bold" data-testid="panel-need-offer">
                      {tof("need.offer")}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
          {q.data.private && (
            <div className="notice flex flex-col gap-1" data-testid="panel-private">
              <p className="font-semibold">{t("panel.private")}</p>
              {q.data.private.addressReference && (
                <p>
                  {t("panel.address")}: {q.data.private.addressReference}
                </p>
              )}
              {(q.data.private.contactName || q.data.private.contactPhone) && (
                <p>
                  {t("panel.contact")}: {q.data.private.contactName}{" "}
                  {q.data.private.contactPhone && <a href={`tel:${q.data.private.contactPhone}`}>{q.data.private.contactPhone}</a>}
                </p>
              )}
              <p>
                {t("panel.exactPoint")}: {q.data.point.lat.toFixed(6)}, {q.data.point.lng.toFixed(6)}
              </p>
            </div>
          )}
          <p className="flex flex-wrap gap-2">
            <Link prefetch={false} href={`/ollas/${q.data.id}`} data-testid="panel-public-link" className="btn btn-secondary btn-sm">
              {t("panel.openPublic")}
            </Link>
            {q.data.private && !mine && <Link prefetch={false} className="btn btn-quiet btn-sm" href={`/coordinacion/ollas/${q.data.id}`}>{t("panel.openCoord")}</Link>}
            {q.data.private && mine && <Link prefetch={false} className="btn btn-quiet btn-sm" href={`/mi-olla/${q.data.id}`}>{t("panel.openCoord")}</Link>}
          </p>
        </>
      )}
    </section>
  );
}
