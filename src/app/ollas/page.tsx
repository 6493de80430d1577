import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ZPublicListInput } from "~/validation/olla";
import { serverCaller } from "~/trpc/caller";
import { FilterSelect } from "~/components/forms/filter-select";

export const dynamic = "force-dynamic";
const PAGE = 50;

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("publicOllas") };
}

/** Public list of ollas: works without JavaScript (a GET form), on any phone. */
export default async function PublicOllasPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const t = await getTranslations("publicList");
  const tc = await getTranslations("common");
  const caller = await serverCaller();
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const parsed = ZPublicListInput.safeParse({
    q: sp.q || undefined,
    districtUbigeo: sp.district || undefined,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
  const input = parsed.success ? parsed.data : { limit: PAGE, offset: 0 };
  const [list, districts] = await Promise.all([caller.olla.publicList(input), caller.reference.districts()]);
  const pages = Math.max(1, Math.ceil(list.total / PAGE));
  const qs = (p: number) => new URLSearchParams({ ...(sp.q ? { q: sp.q } : {}), ...(sp.district ? { district: sp.district } : {}), page: String(p) }).toString();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <form method="get" className="card grid grid-cols-1 gap-3 sm:grid-cols-3" role="search">
        <div className="field">
          <label htmlFor="q">{t("name")}</label>
          <input id="q" name="q" defaultValue={sp.q ?? ""} className="input" maxLength={120} />
        </div>
        <FilterSelect id="district" label={t("district")} allLabel={t("allDistricts")} options={districts.map((d) => ({ value: d.ubigeo, label: d.name }))} name="district" defaultValue={sp.district ?? ""} />
        <div className="flex items-end">
          <button className="btn w-full" type="submit">
            {tc("search")}
          </button>
        </div>
      </form>
      {!parsed.success && (
        <p role="alert" className="alert">
          {t("badFilter")}
        </p>
      )}
      <p role="status" data-testid="result-count">
        {tc("results", { count: list.total })}
      </p>
      {list.items.length === 0 ? (
        <p className="card">{t("empty")}</p>
      ) : (
        <ul className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {list.items.map((o) => (
            <li key={o.id} className="card flex flex-col gap-1">
              <Link prefetch={false} href={`/ollas/${o.id}`} className="inline-flex min-h-tap items-center font-bold">
                {o.name}
              </Link>
              <span className="hint">
                {o.districtName} · {t("rations", { count: o.rationsPerDay })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav aria-label={tc("page", { page, pages })} className="flex items-center justify-between">
          {page > 1 ? (
            <Link prefetch={false} className="btn btn-secondary" href={`/ollas?${qs(page - 1)}`}>
              {tc("previous")}
            </Link>
          ) : (
            <span />
          )}
          <span>{tc("page", { page, pages })}</span>
          {page < pages ? (
            <Link prefetch={false} className="btn btn-secondary" href={`/ollas?${qs(page + 1)}`}>
              {tc("next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      )}
    </div>
  );
}
