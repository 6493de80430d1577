import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ZPublicNeedsInput } from "~/validation/needs";
import { NEED_CATEGORIES, NEED_URGENCIES, type NeedUrgency } from "~/shared/needs";
import { serverCaller } from "~/trpc/server";
import { FilterSelect } from "~/components/forms/filter-select";

export const dynamic = "force-dynamic";
const PAGE = 30;
const URGENCY_CLASS: Record<NeedUrgency, string> = { critical: "level-0", high: "level-1", medium: "level-2", low: "level-3" };

export async function generateMetadata() {
  return { title: (await getTranslations("publicNeeds"))("title") };
}

/** Open public needs of the ollas, for anyone: public fields only. A GET form: works without JavaScript. */
export default async function PublicNeedsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const t = await getTranslations("publicNeeds");
  const tn = await getTranslations("needs");
  const tc = await getTranslations("common");
  const f = await getFormatter();
  const caller = await serverCaller();
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const filters = { district: sp.district || undefined, category: sp.category || undefined, urgency: sp.urgency || undefined };
  const parsed = ZPublicNeedsInput.safeParse({ districtUbigeo: filters.district, category: filters.category, urgency: filters.urgency, limit: PAGE, offset: (page - 1) * PAGE });
  const input = parsed.success ? parsed.data : { limit: PAGE, offset: 0 };
  const [list, districts] = await Promise.all([caller.need.publicList(input), caller.reference.districts()]);
  const pages = Math.max(1, Math.ceil(list.total / PAGE));
  const active = parsed.success ? Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) : {};
  const qs = (extra: Record<string, string>) => new URLSearchParams({ ...(active as Record<string, string>), ...extra }).toString();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p>{t("lead")}</p>
      <form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-4" role="search">
        <FilterSelect id="district" label={t("district")} allLabel={t("allDistricts")} options={districts.map((d) => ({ value: d.ubigeo, label: d.name }))} name="district" defaultValue={sp.district ?? ""} />
        <FilterSelect id="category" label={t("category")} allLabel={t("allCategories")} options={NEED_CATEGORIES.map((c) => ({ value: c, label: tn(`category.${c}`) }))} name="category" defaultValue={sp.category ?? ""} />
        <FilterSelect id="urgency" label={t("urgency")} allLabel={t("allUrgencies")} options={NEED_URGENCIES.map((u) => ({ value: u, label: tn(`urgency.${u}`) }))} name="urgency" defaultValue={sp.urgency ?? ""} />
        <div className="flex items-end">
          <button className="btn w-full" type="submit">
            {t("filter")}
          </button>
        </div>
      </form>
      {!parsed.success && (
        <p role="alert" className="alert">
          {t("badFilter")}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p role="status" data-testid="needs-count">
          {tc("results", { count: list.total })}
        </p>
        <a href={`/api/public/v1/needs.csv?${qs({})}`} download>
          {t("downloadCsv")}
        </a>
      </div>
      {list.items.length === 0 ? (
        <p className="card">{t("empty")}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {list.items.map((n) => (
            <li key={n.id} className="card flex flex-col gap-2" data-testid="public-need">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{tn(`category.${n.category}`)}</span>
                <span className={`badge ${URGENCY_CLASS[n.urgency]}`}>
                  {tn("fields.urgency")}: {tn(`urgency.${n.urgency}`)}
                </span>
              </div>
              <p>{n.description}</p>
              {n.quantity !== null && <p className="hint">{t("quantity", { quantity: f.number(n.quantity, { maximumFractionDigits: 3 }), unit: n.unit ?? "" })}</p>}
              <p className="hint">
                {n.districtName} · {t("since", { date: f.dateTime(n.createdAt, { dateStyle: "medium" }) })}
              </p>
              <Link href={`/ollas/${n.ollaId}`} className="font-semibold">
                {n.ollaName}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label={tc("page", { page, pages })} className="flex items-center justify-between">
          {page > 1 ? <Link href={`/necesidades?${qs({ page: String(page - 1) })}`}>{tc("previous")}</Link> : <span />}
          <span>{tc("page", { page, pages })}</span>
          {page < pages ? <Link href={`/necesidades?${qs({ page: String(page + 1) })}`}>{tc("next")}</Link> : <span />}
        </nav>
      )}
    </div>
  );
}
