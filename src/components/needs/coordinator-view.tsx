"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "~/components/forms/errors";
import { useItemLabel } from "~/components/stock/shared";
import { NEED_CATEGORIES, NEED_URGENCIES, type NeedCategory, type NeedUrgency } from "~/shared/needs";
import { useTRPC } from "~/trpc/react";
import { UrgencyBadge } from "./needs-manager";
import { FilterSelect } from "~/components/forms/filter-select";
import { TableScroll } from "~/components/ui/table-scroll";

const PAGE = 50;

/** Needs and stock health of the ollas in the coordinator's scope (the server applies the scope). */
export function CoordinatorNeedsView() {
  const t = useTranslations("stock");
  const tn = useTranslations("needs");
  const tc = useTranslations("common");
  const tp = useTranslations("publicNeeds");
  const trpc = useTRPC();
  const f = useFormatter();
  const label = useItemLabel();
  const me = useQuery(trpc.me.get.queryOptions());
  const zones = useQuery(trpc.reference.zones.queryOptions());
  const [zoneId, setZoneId] = useState("");
  const [category, setCategory] = useState("");
  const [urgency, setUrgency] = useState("");
  const [maxDays, setMaxDays] = useState("");
  const [page, setPage] = useState(0);
  const days = Number.parseInt(maxDays, 10);
  const health = useQuery({
    ...trpc.stock.health.queryOptions({ zoneId: zoneId || undefined, maxDays: days >= 1 && days <= 60 ? days : undefined }),
    placeholderData: keepPreviousData,
  });
  const needs = useQuery({
    ...trpc.need.inScope.queryOptions({
      zoneId: zoneId || undefined,
      category: (category || undefined) as NeedCategory | undefined,
      urgency: (urgency || undefined) as NeedUrgency | undefined,
      limit: PAGE,
      offset: page * PAGE,
    }),
    placeholderData: keepPreviousData,
  });
  if (me.isError) return <FormError error={me.error} />;
  const myZones = me.data?.city ? (zones.data ?? []) : (me.data?.zones ?? []);
  const pages = Math.max(1, Math.ceil((needs.data?.total ?? 0) / PAGE));
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("health.title")}</h1>
      <p className="hint">{t("health.lead")}</p>
      <Link href="/necesidades" className="back-link">
        {tp("seePublic")}
      </Link>
      <div className="card grid grid-cols-1 gap-3 sm:grid-cols-4" role="search">
        <FilterSelect id="h-zone" label={t("health.zone")} allLabel={t("health.allZones")} options={myZones.map((z) => ({ value: z.id, label: z.name }))} value={zoneId} onChange={(v) => (setZoneId(v), setPage(0))} />
        <FilterSelect id="h-category" label={tn("fields.category")} allLabel={tn("allCategories")} options={NEED_CATEGORIES.map((c) => ({ value: c, label: tn(`category.${c}`) }))} value={category} onChange={(v) => (setCategory(v), setPage(0))} />
        <FilterSelect id="h-urgency" label={tn("fields.urgency")} allLabel={tn("allUrgencies")} options={NEED_URGENCIES.map((u) => ({ value: u, label: tn(`urgency.${u}`) }))} value={urgency} onChange={(v) => (setUrgency(v), setPage(0))} />
        <div className="field">
          <label htmlFor="h-days">{t("health.maxDays")}</label>
          <input id="h-days" className="input" inputMode="numeric" placeholder={String(health.data?.maxDays ?? 7)} value={maxDays} onChange={(e) => setMaxDays(e.target.value)} />
        </div>
      </div>

      <section aria-labelledby="health-h" className="card flex flex-col gap-2">
        <h2 id="health-h" className="text-lg font-semibold">
          {t("health.stockTitle")}
        </h2>
        {health.isPending && <p role="status">{tc("loading")}</p>}
        {health.isError && <FormError error={health.error} />}
        {health.data && (
          <p role="status" data-testid="health-summary">
            {t("health.summary", {
              flagged: health.data.items.length,
              total: health.data.ollasInScope,
              staples: health.data.staples.map((code) => label({ code, name: code })).join(", "),
            })}
          </p>
        )}
        {health.data && health.data.items.length === 0 && <p>{t("health.none")}</p>}
        {health.data && health.data.items.length > 0 && (
          <TableScroll label={t("health.title")}>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t("health.olla")}</th>
                  <th scope="col">{t("health.lowStaples")}</th>
                  <th scope="col">{t("health.criticalNeeds")}</th>
                </tr>
              </thead>
              <tbody>
                {health.data.items.map((r) => (
                  <tr key={r.ollaId} data-testid="health-row">
                    <td>
                      <Link href={`/coordinacion/ollas/${r.ollaId}`}>{r.name}</Link>
                      <div className="hint">
                        {r.districtName} · {r.zoneName}
                      </div>
                    </td>
                    <td>
                      {r.lowStaples.length === 0
                        ? "—"
                        : r.lowStaples.map((s) => t("health.stapleDays", { item: label(s), days: f.number(s.daysLeft, { maximumFractionDigits: 1 }) })).join(" · ")}
                    </td>
                    <td>{r.criticalNeeds}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="needs-h" className="card flex flex-col gap-2">
        <h2 id="needs-h" className="text-lg font-semibold">
          {tn("coordTitle")}
        </h2>
        <p className="hint">{tn("openStatuses")}</p>
        {needs.isError && <FormError error={needs.error} />}
        <p role="status">{needs.data ? tc("results", { count: needs.data.total }) : tc("loading")}</p>
        <ul className="flex flex-col divide-y divide-stone-200">
          {(needs.data?.items ?? []).map((n) => (
            <li key={n.id} className="flex flex-col gap-1 py-2" data-testid="scope-need">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{tn(`category.${n.category}`)}</span>
                <UrgencyBadge urgency={n.urgency} />
                <span className="badge">{tn(`status.${n.status}`)}</span>
                <span className="badge">{tn(`visibility.${n.visibility}`)}</span>
              </div>
              <p>{n.description}</p>
              <p className="hint">
                <Link href={`/coordinacion/ollas/${n.ollaId}`}>{n.ollaName}</Link> · {n.districtName} · {f.dateTime(n.createdAt, { dateStyle: "medium" })}
              </p>
            </li>
          ))}
        </ul>
        {pages > 1 && (
          <nav className="flex items-center justify-between" aria-label={tc("page", { page: page + 1, pages })}>
            <button type="button" className="btn btn-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {tc("previous")}
            </button>
            <span>{tc("page", { page: page + 1, pages })}</span>
            <button type="button" className="btn btn-secondary" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
              {tc("next")}
            </button>
          </nav>
        )}
      </section>
    </div>
  );
}
