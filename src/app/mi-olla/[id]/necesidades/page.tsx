import { Newspaper, Plus } from "lucide-react";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { resolveNeedAction, updateNeedAction } from "~/app/mi-olla/actions";
import { DelegateForm, FormSelect, SubmitButton } from "~/components/delegate/form";
import { NeedFields } from "~/components/delegate/need-fields";
import { delegatePage, formKey, stockWords } from "~/components/delegate/server";
import { Badge, UrgencyBadge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { NEED_STATUSES } from "~/shared/needs";
import { resolveFields } from "~/shared/need-resolve";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("needs"))("title") };
}

/** All of her olla's needs: "Resolver" in one tap on each open one, the full edit behind "Editar". */
export default async function OllaNeedsRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const base = `/mi-olla/${id}`;
  const { caller, canEdit } = await delegatePage(id, `${base}/necesidades`);
  const [{ items }, catalogue, w, about, tpo] = await Promise.all([
    caller.need.list({ ollaId: id, limit: 100 }),
    caller.stock.catalogue({ ollaId: id }),
    stockWords(),
    caller.post.countsAbout({ ollaId: id }),
    getTranslations("posts.feed"),
  ]);
  const itemOptions = catalogue.map((i) => ({ value: i.id, label: `${w.label(i)} (${w.unit(i.unit)})` }));
  const t = await getTranslations("needs");
  const td = await getTranslations("delegate");
  const tc = await getTranslations("common");
  const f = await getFormatter();
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="hint">{t("lead")}</p>
      {canEdit && (
        <ButtonLink href={`${base}/necesidades/nueva`} icon={<Plus aria-hidden="true" size={18} />} className="self-start">
          {t("new")}
        </ButtonLink>
      )}
      {items.length === 0 ? (
        <EmptyState title={t("none")} />
      ) : (
        <ul className="flex flex-col gap-2">
          {items.map((n) => {
            const open = n.status === "open" || n.status === "in_progress";
            return (
              <li key={n.id} id={`need-${n.id}`} className="card flex flex-col gap-2" data-testid="need">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold">{t(`category.${n.category}`)}</span>
                  <UrgencyBadge urgency={n.urgency} label={`${t("fields.urgency")}: ${t(`urgency.${n.urgency}`)}`} />
                  <Badge>{t(`status.${n.status}`)}</Badge>
                  <Badge>{t(`visibility.${n.visibility}`)}</Badge>
                </div>
                <p>{n.description}</p>
                {about.needs[n.id] ? (
                  <Link prefetch={false} href={`${base}/novedades?necesidad=${n.id}`} className="inline-flex min-h-tap items-center gap-1 self-start text-sm" data-testid="need-posts">
                    <Newspaper aria-hidden="true" size={16} />
                    {tpo("aboutCount", { count: about.needs[n.id]! })}
                  </Link>
                ) : null}
                {n.quantity !== null && (
                  <p className="hint">
                    {f.number(n.quantity, { maximumFractionDigits: 3 })} {n.unit}
                  </p>
                )}
                {canEdit && (
                  <div className="flex flex-wrap items-start gap-2">
                    {open && (
                      <DelegateForm action={resolveNeedAction} procedure="need.update" ollaId={id} initialKey={formKey()} title={t("status.met")} savedMessage={td("saved.need_resolve")} editable={false}>
                        {resolveFields(n).map(([k, v]) => (
                          <input key={k} type="hidden" name={k} value={v} />
                        ))}
                        <input type="hidden" name="description" value={n.description} data-summary="" />
                        <SubmitButton variant="secondary" aria-label={td("home.resolveLabel", { need: n.description })}>
                          {td("home.resolve")}
                        </SubmitButton>
                      </DelegateForm>
                    )}
                    <details className="w-full">
                      <summary className="btn btn-quiet btn-sm cursor-pointer">{t("edit")}</summary>
                      <DelegateForm action={updateNeedAction} procedure="need.update" ollaId={id} initialKey={formKey()} title={t("edit")} savedMessage={td("saved.need_update")} className="mt-2 rounded-[var(--radius-control)] bg-stone-50 p-2">
                        <input type="hidden" name="needId" value={n.id} />
                        <input type="hidden" name="version" value={n.version} />
                        <NeedFields defaults={n} items={itemOptions} />
                        <FormSelect name="status" label={t("fields.status")} options={NEED_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} defaultValue={n.status} />
                        <SubmitButton className="self-start" pendingLabel={tc("saving")}>
                          {tc("save")}
                        </SubmitButton>
                      </DelegateForm>
                    </details>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
