import { ChevronRight, Minus, Plus } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { resolveNeedAction } from "~/app/mi-olla/actions";
import { DelegateForm, SubmitButton } from "~/components/delegate/form";
import { delegatePage, formKey, stockWords } from "~/components/delegate/server";
import { PendingBalance } from "~/components/delegate/shell";
import { OllaStanding } from "~/components/dashboard/olla-standing";
import { LabourHomeCard } from "~/components/labour/home-card";
import { WorkshopsHomeCard } from "~/components/workshops/home-card";
import { MapHomeLink } from "~/components/map/home-link";
import { PostsHomeLink } from "~/components/posts/home-link";
import { NearbyBuilders } from "~/components/plans/nearby-builders";
import { LevelBadge } from "~/components/olla/level-badge";
import { Badge, UrgencyBadge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CategoryIcon } from "~/components/ui/icons";
import { PROBLEM_CATEGORIES } from "~/shared/assessment";

export const dynamic = "force-dynamic";

/** The staples she records most (last 60 movements), then the network's staples: one row of quick buttons each. */
function quickItems<T extends { itemId: string; staple: boolean; own: boolean }>(items: T[], recent: { itemId: string }[], n = 3): T[] {
  const uses = new Map<string, number>();
  for (const m of recent) uses.set(m.itemId, (uses.get(m.itemId) ?? 0) + 1);
  return [...items].sort((a, b) => (uses.get(b.itemId) ?? 0) - (uses.get(a.itemId) ?? 0) || Number(b.staple) - Number(a.staple)).slice(0, n);
}

/**
 * Her olla's home, the app's first screen: every daily task within 3 taps — an entry or exit of
 * the staples she uses most (item chosen), a new need, "Resolver" on each open need, and each
 * infrastructure area. Rendered on the server; the forms work before the page's JavaScript loads.
 */
export default async function MyOllaHome({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const base = `/mi-olla/${id}`;
  const { olla, caller, canEdit } = await delegatePage(id, base);
  const [levels, needs, recent] = await Promise.all([
    caller.stock.levels({ ollaId: id }),
    caller.need.list({ ollaId: id, limit: 100 }),
    caller.stock.movements({ ollaId: id, limit: 60 }),
  ]);
  const t = await getTranslations("delegate");
  const to = await getTranslations("olla");
  const ta = await getTranslations("assessment");
  const tn = await getTranslations("needs");
  const tp = await getTranslations("plans");
  const f = await getFormatter();
  const w = await stockWords();
  const profile = olla.profile;
  const quick = quickItems(levels.items, recent);
  const open = needs.items.filter((n) => n.status === "open" || n.status === "in_progress");
  const byCat = new Map(olla.assessments.map((a) => [a.category, a]));
  const warned = levels.items.filter((i) => i.warnings.length > 0);

  return (
    <div className="flex flex-col gap-4">
      <header className="flex flex-col gap-1">
        <h1 className="text-2xl font-bold" data-testid="olla-name">
          {profile.name}
        </h1>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <Badge>{to(`status.${profile.status}`)}</Badge>
          <span data-testid="olla-rations">{to("rationsPerDay", { count: profile.rationsPerDay })}</span>
        </p>
      </header>

      <PostsHomeLink ollaId={id} />

      {canEdit && (
        <Card as="section" title={t("home.quickTitle")} className="flex flex-col gap-2">
          <ul className="flex flex-col gap-2" data-testid="quick-actions">
            {quick.map((i) => (
              <li key={i.itemId} className="flex flex-wrap items-center justify-between gap-2" data-testid={`quick-${i.code ?? i.itemId}`}>
                <span className="flex min-w-0 flex-col">
                  <strong>{w.label(i)}</strong>
                  <span className="text-sm" data-testid="balance">
                    {w.qty(i.balance, i.unit)}
                  </span>
                  <PendingBalance itemId={i.itemId} unitLabel={w.unit(i.unit)} />
                </span>
                <span className="flex gap-2">
                  <ButtonLink href={`${base}/almacen/entrada?item=${i.itemId}`} icon={<Plus aria-hidden="true" size={18} />} aria-label={t("home.quickEntry", { item: w.label(i) })}>
                    {w.t("in")}
                  </ButtonLink>
                  {i.balance > 0 && (
                    <ButtonLink href={`${base}/almacen/salida?item=${i.itemId}`} variant="secondary" icon={<Minus aria-hidden="true" size={18} />} aria-label={t("home.quickExit", { item: w.label(i) })}>
                      {w.t("out")}
                    </ButtonLink>
                  )}
                </span>
              </li>
            ))}
          </ul>
          <div className="grid grid-cols-2 gap-2">
            <ButtonLink href={`${base}/almacen/entrada`} variant="secondary">
              {t("home.otherEntry")}
            </ButtonLink>
            <ButtonLink href={`${base}/almacen/salida`} variant="secondary">
              {t("home.otherExit")}
            </ButtonLink>
          </div>
        </Card>
      )}

      {warned.length > 0 && (
        <Card as="section" title={w.t("itemsWithWarnings", { count: warned.length })}>
          <ul className="flex flex-col gap-1" data-testid="home-warnings">
            {warned.slice(0, 4).map((i) => (
              <li key={i.itemId}>
                <strong>{w.label(i)}:</strong> {w.warning(i.warnings[0]!, i.unit)}
              </li>
            ))}
          </ul>
        </Card>
      )}

      <Card
        as="section"
        title={t("home.openNeeds")}
        action={
          canEdit ? (
            <ButtonLink href={`${base}/necesidades/nueva`} size="sm" icon={<Plus aria-hidden="true" size={18} />}>
              {t("home.newNeed")}
            </ButtonLink>
          ) : undefined
        }
      >
        {open.length === 0 ? (
          <p>{t("home.noOpenNeeds")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-200" data-testid="home-needs">
            {open.slice(0, 5).map((n) => (
              <li key={n.id} className="flex flex-col gap-2 py-2" data-testid="need">
                <span className="flex flex-wrap items-center gap-2">
                  <strong>{tn(`category.${n.category}`)}</strong>
                  <UrgencyBadge urgency={n.urgency} label={tn(`urgency.${n.urgency}`)} />
                </span>
                <span>{n.description}</span>
                {canEdit && (
                  <DelegateForm
                    action={resolveNeedAction}
                    procedure="need.update"
                    ollaId={id}
                    initialKey={formKey()}
                    title={tn("status.met")}
                    savedMessage={t("saved.need_resolve")}
                    editable={false}
                    aria-label={t("home.resolveLabel", { need: n.description })}
                  >
                    <input type="hidden" name="needId" value={n.id} />
                    <input type="hidden" name="version" value={n.version} />
                    <input type="hidden" name="status" value="met" />
                    <input type="hidden" name="category" value={n.category} />
                    <input type="hidden" name="description" value={n.description} data-summary="" />
                    <input type="hidden" name="quantity" value={n.quantity ?? ""} />
                    <input type="hidden" name="unit" value={n.unit ?? ""} />
                    <input type="hidden" name="urgency" value={n.urgency} />
                    <input type="hidden" name="visibility" value={n.visibility} />
                    <SubmitButton variant="secondary" className="self-start" aria-label={t("home.resolveLabel", { need: n.description })}>
                      {t("home.resolve")}
                    </SubmitButton>
                  </DelegateForm>
                )}
              </li>
            ))}
          </ul>
        )}
        {open.length > 5 && (
          <Link prefetch={false} href={`${base}/necesidades`} className="mt-2 inline-flex min-h-tap items-center">
            {t("home.seeAll")}
          </Link>
        )}
      </Card>

      <LabourHomeCard ollaId={id} canEdit={canEdit} />
      <WorkshopsHomeCard ollaId={id} canEdit={canEdit} />

      <Card as="section" title={t("home.infraTitle")}>
        {canEdit && <p className="mb-2 text-sm">{t("home.infraLead")}</p>}
        <ul className="flex flex-col divide-y divide-stone-200" data-testid="home-infra">
          {PROBLEM_CATEGORIES.map((c) => {
            const a = byCat.get(c);
            const body = (
              <>
                <span className="flex items-center gap-2 font-semibold">
                  <CategoryIcon category={c} />
                  {ta(`category.${c}`)}
                </span>
                <span className="flex items-center gap-2">
                  {a ? <LevelBadge level={a.level} /> : <span className="text-sm">{ta("notAssessed")}</span>}
                  {a && <span className="sr-only">{ta("since", { date: f.dateTime(new Date(`${a.assessedOn}T12:00:00`), { dateStyle: "medium" }) })}</span>}
                  {canEdit && <ChevronRight aria-hidden="true" size={18} />}
                </span>
              </>
            );
            return (
              <li key={c} data-testid={`assessment-${c}`}>
                {canEdit ? (
                  <Link prefetch={false} href={`${base}/evaluar/${c}`} className="flex min-h-tap items-center justify-between gap-2 py-1 text-inherit no-underline">
                    {body}
                  </Link>
                ) : (
                  <div className="flex min-h-tap items-center justify-between gap-2 py-1">{body}</div>
                )}
              </li>
            );
          })}
        </ul>
        <Link prefetch={false} href={`${base}/plan`} className="mt-2 flex min-h-tap items-center justify-between gap-2 font-semibold" data-testid="home-plan">
          {tp("title")}
          <ChevronRight aria-hidden="true" size={18} />
        </Link>
      </Card>
      <OllaStanding ollaId={id} />
      <NearbyBuilders ollaId={id} />
      <MapHomeLink ollaId={id} />
    </div>
  );
}
