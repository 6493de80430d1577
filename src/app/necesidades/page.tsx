import { Download, HandHeart } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ZPublicNeedsInput } from "~/validation/needs";
import { NEED_CATEGORIES, NEED_URGENCIES } from "~/shared/needs";
import { serverCaller } from "~/trpc/caller";
import { FilterSelect } from "~/components/forms/filter-select";
import { FilterChips, FilterSheet } from "~/components/forms/filter-sheet";
import { PublicNeedCard } from "~/components/needs/public-need-card";
import { EmptyState } from "~/components/ui/empty-state";
import { PeerNeedsSection } from "~/components/federation/peer-sections";

export const dynamic = "force-dynamic";
const PAGE = 30;

export async function generateMetadata() {
  return { title: (await getTranslations("publicNeeds"))("title") };
}

/**
 * Open public needs of the ollas, for anyone: public fields only. Content first on a phone: the
 * filters fold into a sheet, the active ones show as chips. A GET form: works without JavaScript.
 */
export default async function PublicNeedsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const t = await getTranslations("publicNeeds");
  const tn = await getTranslations("needs");
  const tc = await getTranslations("common");
  const tf = await getTranslations("filterSheet");
  const caller = await serverCaller();
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const filters = { district: sp.district || undefined, category: sp.category || undefined, urgency: sp.urgency || undefined };
  const parsed = ZPublicNeedsInput.safeParse({ districtUbigeo: filters.district, category: filters.category, urgency: filters.urgency, limit: PAGE, offset: (page - 1) * PAGE });
  const input = parsed.success ? parsed.data : { limit: PAGE, offset: 0 };
  const [list, districts] = await Promise.all([caller.need.publicList(input), caller.reference.districts()]);
  const pages = Math.max(1, Math.ceil(list.total / PAGE));
  const active = (parsed.success ? Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) : {}) as Record<string, string>;
  const qs = (extra: Record<string, string>, without?: string) => {
    const p = new URLSearchParams({ ...active, ...extra });
    if (without) p.delete(without);
    return p.toString();
  };
  const chipLabel = (k: string, v: string) =>
    k === "district" ? (districts.find((d) => d.ubigeo === v)?.name ?? v) : k === "category" ? tn(`category.${v}` as "category.water") : tn(`urgency.${v}` as "urgency.low");
  const chips = Object.entries(active).map(([k, v]) => {
    const label = chipLabel(k, v);
    const rest = qs({}, k);
    return { key: k, label, removeLabel: tf("remove", { label }), href: `/necesidades${rest ? `?${rest}` : ""}` };
  });
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <h1>{t("title")}</h1>
        <p className="hidden sm:block">{t("lead")}</p>
      </div>
      <div className="grid gap-4 lg:grid-cols-[16rem_minmax(0,1fr)] lg:items-start">
        <div className="flex flex-col gap-3 lg:sticky lg:top-20">
          <FilterSheet label={tf("open")} activeLabel={chips.length > 0 ? tf("active", { count: chips.length }) : undefined} openOnDesktop>
            <form method="get" className="card flex flex-col gap-3" role="search" aria-label={t("filter")}>
              <FilterSelect id="district" label={t("district")} allLabel={t("allDistricts")} options={districts.map((d) => ({ value: d.ubigeo, label: d.name }))} name="district" defaultValue={sp.district ?? ""} />
              <FilterSelect id="category" label={t("category")} allLabel={t("allCategories")} options={NEED_CATEGORIES.map((c) => ({ value: c, label: tn(`category.${c}`) }))} name="category" defaultValue={sp.category ?? ""} />
              <FilterSelect id="urgency" label={t("urgency")} allLabel={t("allUrgencies")} options={NEED_URGENCIES.map((u) => ({ value: u, label: tn(`urgency.${u}`) }))} name="urgency" defaultValue={sp.urgency ?? ""} />
              <button className="btn w-full" type="submit">
                {t("filter")}
              </button>
            </form>
          </FilterSheet>
          <FilterChips label={tf("chipsLabel")} chips={chips} clearAll={{ key: "all", label: tf("clearAll"), removeLabel: tf("clearAll"), href: "/necesidades" }} />
        </div>
        <div className="flex flex-col gap-3">
          {!parsed.success && (
            <p role="alert" className="alert">
              {t("badFilter")}
            </p>
          )}
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p role="status" className="font-bold" data-testid="needs-count">
              {tc("results", { count: list.total })}
            </p>
            <a href={`/api/public/v1/needs.csv?${qs({})}`} download className="btn btn-quiet btn-sm">
              <Download aria-hidden="true" size={18} />
              {t("downloadCsv")}
            </a>
          </div>
          {list.items.length === 0 ? (
            <EmptyState icon={HandHeart} title={t("empty")} />
          ) : (
            <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2">
              {list.items.map((n) => (
                <PublicNeedCard key={n.id} need={n} />
              ))}
            </ul>
          )}
          {pages > 1 && (
            <nav aria-label={tc("page", { page, pages })} className="flex items-center justify-between gap-2">
              {page > 1 ? (
                <Link prefetch={false} className="btn btn-secondary" href={`/necesidades?${qs({ page: String(page - 1) })}`}>
                  {tc("previous")}
                </Link>
              ) : (
                <span />
              )}
              <span>{tc("page", { page, pages })}</span>
              {page < pages ? (
                <Link prefetch={false} className="btn btn-secondary" href={`/necesidades?${qs({ page: String(page + 1) })}`}>
                  {tc("next")}
                </Link>
              ) : (
                <span />
              )}
            </nav>
          )}
        </div>
      </div>
      <PeerNeedsSection />
    </div>
  );
}
