"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { FormError } from "~/components/forms/errors";
import { OLLA_STATUSES } from "~/shared/olla";
import { useTRPC } from "~/trpc/react";
import { FilterSelect } from "~/components/forms/filter-select";
import { TableScroll } from "~/components/ui/table-scroll";

const PAGE = 25;

/** The ollas in the coordinator's scope, searchable; the server limits the rows to her scope. */
export function CoordinatorOllaList() {
  const t = useTranslations("coord");
  const to = useTranslations("olla");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const zones = useQuery(trpc.reference.zones.queryOptions());
  const [q, setQ] = useState("");
  const [zoneId, setZoneId] = useState("");
  const [status, setStatus] = useState("");
  const [page, setPage] = useState(0);
  const dq = useDeferredValue(q.trim());
  const list = useQuery({
    ...trpc.olla.list.queryOptions({
      q: dq || undefined,
      zoneId: zoneId || undefined,
      status: (status || undefined) as (typeof OLLA_STATUSES)[number] | undefined,
      limit: PAGE,
      offset: page * PAGE,
    }),
    placeholderData: keepPreviousData,
  });
  if (me.isError) return <FormError error={me.error} />;
  const myZones = me.data?.city ? (zones.data ?? []) : (me.data?.zones ?? []);
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / PAGE));
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <Link className="btn" href="/coordinacion/ollas/nueva">
          {t("newOlla")}
        </Link>
      </div>
      {me.data && <p className="hint">{me.data.city ? t("scopeCity") : t("scopeZones", { zones: me.data.zones.map((z) => z.name).join(", ") })}</p>}
      <div className="card grid grid-cols-1 gap-3 sm:grid-cols-3" role="search">
        <div className="field">
          <label htmlFor="coord-q">{tc("search")}</label>
          <input id="coord-q" className="input" value={q} placeholder={t("searchPlaceholder")} maxLength={120} onChange={(e) => (setQ(e.target.value), setPage(0))} />
        </div>
        <FilterSelect id="coord-zone" label={to("fields.zone")} allLabel={t("allZones")} options={myZones.map((z) => ({ value: z.id, label: z.name }))} value={zoneId} onChange={(v) => (setZoneId(v), setPage(0))} />
        <FilterSelect id="coord-status" label={to("fields.status")} allLabel={t("allStatuses")} options={OLLA_STATUSES.map((s) => ({ value: s, label: to(`status.${s}`) }))} value={status} onChange={(v) => (setStatus(v), setPage(0))} />
      </div>
      {list.isError && <FormError error={list.error} />}
      <p role="status" data-testid="coord-count">
        {list.data ? tc("results", { count: list.data.total }) : tc("loading")}
      </p>
      {list.data && list.data.items.length === 0 && <p className="card">{t("empty")}</p>}
      {list.data && list.data.items.length > 0 && (
        <TableScroll label={t("title")}>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{to("fields.name")}</th>
                <th scope="col">{to("fields.district")}</th>
                <th scope="col">{to("fields.rationsPerDay")}</th>
                <th scope="col">{t("contact")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((o) => (
                <tr key={o.id}>
                  <td>
                    <Link href={`/coordinacion/ollas/${o.id}`} className="inline-flex min-h-tap items-center font-bold">
                      {o.name}
                    </Link>
                    <div className="hint">{to(`status.${o.status}`)}</div>
                  </td>
                  <td>
                    {o.districtName}
                    <div className="hint">{o.zoneName}</div>
                  </td>
                  <td>{o.rationsPerDay}</td>
                  <td>
                    {o.contactName}
                    {o.contactPhone && (
                      <div>
                        <a href={`tel:${o.contactPhone}`} className="inline-flex min-h-tap items-center">
                          {o.contactPhone}
                        </a>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 && (
        <nav className="flex items-center justify-between" aria-label={tc("page", { page: page + 1, pages })}>
          <button type="button" className="btn btn-secondary" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
            {tc("previous")}
          </button>
          <span>{tc("page", { page: page + 1, pages })}</span>
          <button type="button" className="btn btn-secondary" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
            {tc("next")}
          </button>
        </nav>
      )}
    </div>
  );
}
