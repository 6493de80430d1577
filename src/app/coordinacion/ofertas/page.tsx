import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { StackedBars } from "~/components/dashboard/charts";
import { ONE_COLOR } from "~/components/dashboard/chart-colors";
import { DataTable } from "~/components/dashboard/data-table";
import { FilterSelect } from "~/components/forms/filter-select";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { TableScroll } from "~/components/ui/table-scroll";
import { formatPeruMobile } from "~/server/domain/phone";
import { OFFER_VIEW_STATUSES, SUPPORTER_KINDS } from "~/shared/offers";
import { ZOffersInScopeInput } from "~/validation/offers";
import { serverCaller } from "~/trpc/caller";
import { coordinatorPageAccess } from "~/trpc/server";

export const dynamic = "force-dynamic";
const PAGE = 50;

export async function generateMetadata() {
  return { title: (await getTranslations("offers"))("coord.title") };
}

/**
 * Offers and deliveries of the ollas in her scope (contacts included: coordination may help an
 * olla reach a supporter), and how much of the inflow of the last 90 days came through offers,
 * by kind of supporter, in kg — the same window and measure as the dependency indicator, which
 * counts these deliveries under their source. Server-rendered: table, chart (HTML boxes), a GET
 * form for the filters.
 */
export default async function CoordinatorOffersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const me = await coordinatorPageAccess("/coordinacion/ofertas");
  const sp = await searchParams;
  const caller = await serverCaller();
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const parsed = ZOffersInScopeInput.safeParse({ zoneId: sp.zone || undefined, status: sp.status || undefined, limit: PAGE, offset: (page - 1) * PAGE });
  const input = parsed.success ? parsed.data : { limit: PAGE, offset: 0 };
  const [data, zones] = await Promise.all([caller.offer.inScope(input), me.city ? caller.reference.zones() : Promise.resolve(me.zones as { id: string; name: string }[])]);
  const t = await getTranslations("offers");
  const td = await getTranslations("dashboard");
  const f = await getFormatter();
  const kg = (n: number) => f.number(n, { maximumFractionDigits: 1 });
  const pct = (n: number) => f.number(n, { style: "percent", maximumFractionDigits: 1 });
  const day = (iso: string) => f.dateTime(new Date(`${iso}T12:00:00`), { dateStyle: "medium" });
  const { share } = data;
  const byKind = SUPPORTER_KINDS.map((k) => {
    const r = share.byKind.find((x) => x.kind === k);
    return { kind: k, kg: r?.kg ?? 0, deliveries: r?.deliveries ?? 0 };
  });
  const offersKg = byKind.reduce((s, r) => s + r.kg, 0);
  const shareOf = (x: number) => (share.totalKg > 0 ? x / share.totalKg : 0);
  const qs = (extra: Record<string, string>) => new URLSearchParams({ ...(sp.zone ? { zone: sp.zone } : {}), ...(sp.status ? { status: sp.status } : {}), ...extra }).toString();

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("coord.title")}</h1>
      <p className="hint">{t("coord.lead")}</p>
      <form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-3 sm:items-end" role="search" aria-label={t("coord.filter")}>
        <FilterSelect id="o-zone" name="zone" label={t("coord.zone")} allLabel={t("coord.allZones")} options={zones.map((z) => ({ value: z.id, label: z.name }))} defaultValue={sp.zone ?? ""} />
        <FilterSelect id="o-status" name="status" label={t("coord.colStatus")} allLabel={t("coord.allStatuses")} options={OFFER_VIEW_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} defaultValue={sp.status ?? ""} />
        <button className="btn" type="submit">
          {t("coord.filter")}
        </button>
      </form>
      {!parsed.success && (
        <p role="alert" className="alert">
          {t("coord.badFilter")}
        </p>
      )}

      <Card as="section" title={t("coord.shareTitle", { days: share.windowDays })} className="flex flex-col gap-3">
        <p data-testid="offers-share-total">
          {t("coord.shareTotal", { kg: kg(share.totalKg) })} · {t("coord.shareOffers", { kg: kg(offersKg), share: pct(shareOf(offersKg)) })}
        </p>
        {offersKg === 0 ? (
          <p>{t("coord.shareNone")}</p>
        ) : (
          <>
            <StackedBars
              label={t("coord.shareChart")}
              series={[{ key: "kg", label: "kg", color: ONE_COLOR }]}
              rows={byKind.map((r) => ({ key: r.kind, label: t(`kind.${r.kind}`), values: [r.kg] }))}
              format={kg}
            />
            <DataTable
              id="offers-share"
              caption={t("coord.shareTitle", { days: share.windowDays })}
              rowHeader={t("coord.colKind")}
              columns={[t("coord.colKg"), t("coord.colShare"), t("coord.colDeliveries")]}
              rows={byKind.map((r) => ({ key: r.kind, label: t(`kind.${r.kind}`), cells: [Math.round(r.kg * 10) / 10, Math.round(shareOf(r.kg) * 1000) / 10, r.deliveries] }))}
              csvName="ofrecimientos-por-tipo"
            />
          </>
        )}
        <Link prefetch={false} href="/coordinacion/panel#dependency" className="inline-flex min-h-tap items-center font-bold">
          {td("dependency.title")}
        </Link>
      </Card>

      <section className="flex flex-col gap-2" aria-labelledby="offers-list-title">
        <h2 id="offers-list-title" className="text-lg font-bold">
          {t("title")}
        </h2>
        {data.items.length === 0 ? (
          <EmptyState title={t("coord.none")} />
        ) : (
          <TableScroll label={t("title")}>
            <table className="data" data-testid="coord-offers">
              <thead>
                <tr>
                  <th scope="col">{t("coord.colOlla")}</th>
                  <th scope="col">{t("coord.colNeed")}</th>
                  <th scope="col">{t("coord.colWho")}</th>
                  <th scope="col">{t("coord.colWhat")}</th>
                  <th scope="col">{t("coord.colStatus")}</th>
                  <th scope="col">{t("coord.colContact")}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((o) => {
                  const unit = o.unit ? t(`unit.${o.unit}`) : "";
                  const what = [o.quantity !== null ? `${f.number(o.quantity, { maximumFractionDigits: 3 })} ${unit}`.trim() : null, o.itemName ?? o.what].filter(Boolean).join(" ");
                  return (
                    <tr key={o.id}>
                      <th scope="row">
                        <Link prefetch={false} href={`/coordinacion/ollas/${o.ollaId}`}>
                          {o.ollaName}
                        </Link>
                      </th>
                      <td>{o.needDescription}</td>
                      <td>
                        {o.supporterName} <span className="text-muted">({t(`kind.${o.supporterKind}`)})</span>
                      </td>
                      <td>
                        {what}
                        {o.viewStatus === "delivered" && o.deliveredQuantity !== null && o.deliveredOn && (
                          <div className="text-sm">{t("followUp.delivered", { quantity: f.number(o.deliveredQuantity, { maximumFractionDigits: 3 }), unit, date: day(o.deliveredOn) })}</div>
                        )}
                      </td>
                      <td>
                        <Badge tone={o.viewStatus === "delivered" ? "success" : o.viewStatus === "offered" ? "brand" : "neutral"}>{t(`status.${o.viewStatus}`)}</Badge>
                      </td>
                      <td>{o.contactPhone ? <a href={`tel:${o.contactPhone}`}>{formatPeruMobile(o.contactPhone)}</a> : o.contactEmail ? <a href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a> : null}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableScroll>
        )}
        <nav aria-label={t("coord.pages")} className="flex items-center justify-between gap-2">
          {page > 1 ? (
            <Link prefetch={false} className="btn btn-secondary" href={`/coordinacion/ofertas?${qs({ page: String(page - 1) })}`}>
              {t("coord.previous")}
            </Link>
          ) : (
            <span />
          )}
          {data.items.length === PAGE ? (
            <Link prefetch={false} className="btn btn-secondary" href={`/coordinacion/ofertas?${qs({ page: String(page + 1) })}`}>
              {t("coord.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      </section>
    </div>
  );
}
