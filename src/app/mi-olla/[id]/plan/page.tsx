import { ArrowDown, ArrowUp, Check, Newspaper, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import {
  addPlanModuleAction,
  movePlanItemAction,
  removePlanItemAction,
  setExistingModuleAction,
  updatePlanItemAction,
  updatePlanSettingsAction,
} from "~/app/mi-olla/actions";
import { DelegateForm, FormCheckbox, FormInput, FormSelect, SubmitButton } from "~/components/delegate/form";
import { delegatePage, formKey } from "~/components/delegate/server";
import { NearbyBuilders } from "~/components/plans/nearby-builders";
import { planWords } from "~/components/plans/words";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { CategoryIcon } from "~/components/ui/icons";
import { limaToday } from "~/shared/lima-day";
import { PLAN_FUNDING, PLAN_ITEM_STATUSES } from "~/shared/plans";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("plans"))("title") };
}

/** Soles for an input's default value ("100", "99.5"). */
const solesInput = (cents: number) => String(cents / 100);

/**
 * Her olla's infrastructure plan (home → Plan: one tap): her modules in her order, each a tap
 * from moving, finishing or editing; the planner's suggestion with months and reasons; her
 * capacity and savings; what the olla already has; and who nearby already built the same.
 */
export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const base = `/mi-olla/${id}`;
  const { olla, caller, canEdit } = await delegatePage(id, `${base}/plan`);
  const [p, about, tpo] = await Promise.all([caller.plan.get({ ollaId: id }), caller.post.countsAbout({ ollaId: id }), getTranslations("posts.feed")]);
  const w = await planWords(p.modules);
  const { t } = w;
  const tc = await getTranslations("common");
  const td = await getTranslations("delegate");
  const inPlan = new Set(p.items.map((i) => i.moduleId));
  const addable = p.modules.filter((m) => m.active && !inPlan.has(m.id));
  const byCat = new Map(olla.assessments.map((a) => [a.category, a.assessedOn]));
  // Done, and the category's self-assessment is older than that: invite her to update it.
  const invites = canEdit ? p.items.filter((i) => i.status === "done" && i.doneOn && (byCat.get(i.category) ?? "") < i.doneOn) : [];
  // Modules that meet another's prerequisite: the ones worth saying "we already have it" about.
  const prereqIds = new Set(p.modules.flatMap((m) => m.prerequisites.flat()));
  const hasCandidates = p.modules.filter((m) => prereqIds.has(m.id) && !p.items.some((i) => i.moduleId === m.id && i.status === "done"));
  const statusTone = { planned: "neutral", saving: "info", in_progress: "brand", done: "success" } as const;
  const today = limaToday();

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="hint">{t("lead")}</p>

      {invites.map((i) => (
        <p key={i.id} role="status" className="notice flex flex-col gap-2" data-testid="assess-invite">
          <span>{t("doneInvite", { module: w.name(i), category: w.ta(`category.${i.category}`) })}</span>
          <ButtonLink href={`${base}/evaluar/${i.category}`} variant="secondary" className="self-start">
            {t("doneInviteLink", { category: w.ta(`category.${i.category}`) })}
          </ButtonLink>
        </p>
      ))}

      <Card as="section" title={t("yourPlan")}>
        {p.items.length === 0 ? (
          <EmptyState title={t("empty")} />
        ) : (
          <ol className="flex flex-col divide-y divide-stone-200" data-testid="plan-items">
            {p.items.map((i, n) => (
              <li key={i.id} id={`plan-item-${i.id}`} className="flex flex-col gap-2 py-3" data-testid="plan-item" data-module={i.code}>
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-bold">
                    {n + 1}. {w.name(i)}
                  </span>
                  <Badge tone={statusTone[i.status]}>{t(`status.${i.status}`)}</Badge>
                  {!i.active && <Badge>{t("retired")}</Badge>}
                </div>
                <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                  <span className="flex items-center gap-1">
                    <CategoryIcon category={i.category} />
                    {w.ta(`category.${i.category}`)}
                  </span>
                  <span>{w.range(i.costMinCents, i.costMaxCents)}</span>
                  <span>{t(`funding.${i.funding}`)}</span>
                  {i.savedCents > 0 && <span>{t("savedOf", { saved: w.soles(i.savedCents) })}</span>}
                  {i.doneOn && <span>{t("doneOnDate", { date: w.day(i.doneOn) })}</span>}
                </p>
                {about.planItems[i.id] ? (
                  <Link prefetch={false} href={`${base}/novedades?plan=${i.id}`} className="inline-flex min-h-tap items-center gap-1 self-start text-sm" data-testid="plan-item-posts">
                    <Newspaper aria-hidden="true" size={16} />
                    {tpo("aboutCount", { count: about.planItems[i.id]! })}
                  </Link>
                ) : null}
                {canEdit && (
                  <div className="flex flex-wrap items-start gap-2">
                    {(["up", "down"] as const).map((dir) =>
                      (dir === "up" ? n > 0 : n < p.items.length - 1) ? (
                        <DelegateForm key={dir} action={movePlanItemAction} procedure="plan.moveItem" ollaId={id} initialKey={formKey()} title={t(dir)} savedMessage={t("saved.plan_moveItem")} editable={false}>
                          <input type="hidden" name="itemId" value={i.id} />
                          <input type="hidden" name="version" value={i.version} />
                          <input type="hidden" name="direction" value={dir} data-summary="" />
                          <SubmitButton variant="secondary" icon={dir === "up" ? <ArrowUp aria-hidden="true" size={18} /> : <ArrowDown aria-hidden="true" size={18} />} aria-label={t(`${dir}Label`, { module: w.name(i) })}>
                            {t(dir)}
                          </SubmitButton>
                        </DelegateForm>
                      ) : null,
                    )}
                    {i.status !== "done" && (
                      <DelegateForm action={updatePlanItemAction} procedure="plan.updateItem" ollaId={id} initialKey={formKey()} title={t("markDone")} savedMessage={t("saved.plan_updateItem")} editable={false}>
                        <input type="hidden" name="itemId" value={i.id} />
                        <input type="hidden" name="version" value={i.version} />
                        <input type="hidden" name="status" value="done" />
                        <input type="hidden" name="funding" value={i.funding} />
                        <input type="hidden" name="saved" value={solesInput(i.savedCents)} />
                        <input type="hidden" name="module" value={w.name(i)} data-summary="" disabled />
                        <SubmitButton variant="secondary" icon={<Check aria-hidden="true" size={18} />} aria-label={t("markDoneLabel", { module: w.name(i) })}>
                          {t("markDone")}
                        </SubmitButton>
                      </DelegateForm>
                    )}
                    <details className="w-full">
                      <summary className="btn btn-quiet cursor-pointer">{t("edit")}</summary>
                      <DelegateForm action={updatePlanItemAction} procedure="plan.updateItem" ollaId={id} initialKey={formKey()} title={w.name(i)} savedMessage={t("saved.plan_updateItem")} className="mt-2 rounded-[var(--radius-control)] bg-stone-50 p-2">
                        <input type="hidden" name="itemId" value={i.id} />
                        <input type="hidden" name="version" value={i.version} />
                        <FormSelect name="status" label={t("fields.status")} options={PLAN_ITEM_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} defaultValue={i.status} summary />
                        <FormSelect name="funding" label={t("fields.funding")} options={PLAN_FUNDING.map((s) => ({ value: s, label: t(`funding.${s}`) }))} defaultValue={i.funding} />
                        <FormInput name="saved" label={t("fields.saved")} inputMode="decimal" defaultValue={solesInput(i.savedCents)} />
                        <FormInput name="doneOn" type="date" label={t("fields.doneOn")} defaultValue={i.doneOn ?? ""} max={today} />
                        <SubmitButton className="self-start" pendingLabel={tc("saving")}>
                          {tc("save")}
                        </SubmitButton>
                      </DelegateForm>
                      <DelegateForm action={removePlanItemAction} procedure="plan.removeItem" ollaId={id} initialKey={formKey()} title={t("remove")} savedMessage={t("saved.plan_removeItem")} editable={false} className="mt-2">
                        <input type="hidden" name="itemId" value={i.id} />
                        <input type="hidden" name="version" value={i.version} />
                        <input type="hidden" name="module" value={w.name(i)} data-summary="" disabled />
                        <SubmitButton variant="danger" className="self-start" icon={<Trash2 aria-hidden="true" size={18} />} aria-label={t("removeLabel", { module: w.name(i) })}>
                          {t("remove")}
                        </SubmitButton>
                      </DelegateForm>
                    </details>
                  </div>
                )}
              </li>
            ))}
          </ol>
        )}
        {canEdit && addable.length > 0 && (
          <DelegateForm action={addPlanModuleAction} procedure="plan.addModule" ollaId={id} initialKey={formKey()} title={t("add")} savedMessage={t("saved.plan_addModule")} className="mt-3 border-t border-stone-200 pt-3" testId="plan-add">
            <FormSelect
              name="moduleId"
              label={t("add")}
              placeholder={t("chooseModule")}
              options={addable.map((m) => ({ value: m.id, label: `${w.name(m)} · ${w.ta(`category.${m.category}`)} · ${w.range(m.costMinCents, m.costMaxCents)}` }))}
              summary
            />
            <FormSelect name="funding" label={t("fields.funding")} options={PLAN_FUNDING.map((s) => ({ value: s, label: t(`funding.${s}`) }))} defaultValue="own_savings" />
            <SubmitButton className="self-start" icon={<Plus aria-hidden="true" size={18} />} pendingLabel={tc("saving")}>
              {t("addButton")}
            </SubmitButton>
          </DelegateForm>
        )}
      </Card>

      {p.suggestion.warnings.length > 0 && (
        <Card as="section" title={t("warnings")}>
          <ul className="flex list-disc flex-col gap-1 pl-5" data-testid="plan-warnings">
            {p.suggestion.warnings.map((x) => (
              <li key={`${x.moduleId}-${x.alternatives.join()}`}>{t("warning", { module: w.moduleName(x.moduleId), alternatives: w.alternatives(x.alternatives) })}</li>
            ))}
          </ul>
        </Card>
      )}

      <Card as="section" title={t("settings")}>
        {canEdit ? (
          <DelegateForm action={updatePlanSettingsAction} procedure="plan.updateSettings" ollaId={id} initialKey={formKey()} title={t("settings")} savedMessage={t("saved.plan_updateSettings")} testId="plan-settings">
            <input type="hidden" name="version" value={p.settings.version} />
            <FormInput name="capacity" label={t("fields.capacity")} hint={t("fields.capacityHint")} inputMode="decimal" defaultValue={solesInput(p.settings.monthlyCapacityCents)} summary="S/" />
            <FormInput name="savings" label={t("fields.savings")} inputMode="decimal" defaultValue={solesInput(p.settings.savingsCents)} />
            <FormCheckbox name="showAmounts" label={t("fields.showAmounts")} defaultChecked={p.settings.showAmounts} />
            <FormCheckbox name="hidden" label={t("fields.hidden")} defaultChecked={p.settings.hidden} />
            <SubmitButton className="self-start" pendingLabel={tc("saving")}>
              {t("saveSettings")}
            </SubmitButton>
          </DelegateForm>
        ) : (
          <p>
            {t("fields.capacity")}: S/ {w.soles(p.settings.monthlyCapacityCents)} · {t("fields.savings")}: S/ {w.soles(p.settings.savingsCents)}
          </p>
        )}
      </Card>

      <Card as="section" title={t("suggestion")}>
        <p className="hint mb-2">{t("suggestionLead")}</p>
        {p.suggestion.steps.length + p.suggestion.blocked.length === 0 ? (
          <p>{t("suggestionEmpty")}</p>
        ) : (
          <ol className="flex flex-col divide-y divide-stone-200" data-testid="plan-suggestion">
            {p.suggestion.steps.map((s, n) => (
              <li key={s.moduleId} className="flex flex-col gap-1 py-2" data-testid="suggested-step">
                <span className="flex flex-wrap items-center justify-between gap-2">
                  <strong>
                    {n + 1}. {w.moduleName(s.moduleId)}
                  </strong>
                  <span data-testid="suggested-month">
                    {t("monthLabel")}: {s.month === null ? t("noMonth") : s.monthOffset === 0 ? t("thisMonth") : w.month(s.month)}
                  </span>
                </span>
                <span className="text-sm">{w.range(s.costMinCents, s.costMaxCents)}</span>
                <ul className="text-sm">
                  {s.reasons.map((r, k) => (
                    <li key={k}>{w.reason(r)}</li>
                  ))}
                </ul>
              </li>
            ))}
            {p.suggestion.blocked.map((s) => (
              <li key={s.moduleId} className="flex flex-col gap-1 py-2" data-testid="blocked-step">
                <span className="flex flex-wrap items-center gap-2">
                  <strong>{w.moduleName(s.moduleId)}</strong>
                  <Badge tone="danger">{t("blocked")}</Badge>
                </span>
                <ul className="text-sm">
                  {s.reasons.map((r, k) => (
                    <li key={k}>{w.reason(r)}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </Card>

      {canEdit && hasCandidates.length > 0 && (
        <Card as="section" title={t("hasTitle")}>
          <p className="hint mb-2">{t("hasLead")}</p>
          <ul className="flex flex-col divide-y divide-stone-200">
            {hasCandidates.map((m) => {
              const has = p.existing.includes(m.id);
              return (
                <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span className="flex items-center gap-2">
                    {w.name(m)}
                    {has && <Badge tone="success">{t("has")}</Badge>}
                  </span>
                  <DelegateForm action={setExistingModuleAction} procedure="plan.setExisting" ollaId={id} initialKey={formKey()} title={t("hasTitle")} savedMessage={t("saved.plan_setExisting")} editable={false}>
                    <input type="hidden" name="moduleId" value={m.id} />
                    <input type="hidden" name="has" value={has ? "" : "on"} />
                    <input type="hidden" name="module" value={w.name(m)} data-summary="" disabled />
                    <SubmitButton variant="secondary" size="sm" className="min-h-tap">
                      {has ? t("hasUnmark") : t("hasMark")}
                    </SubmitButton>
                  </DelegateForm>
                </li>
              );
            })}
          </ul>
        </Card>
      )}

      <NearbyBuilders ollaId={id} />

      <ButtonLink href={base} variant="quiet" className="self-start">
        ← {td("nav.home")}
      </ButtonLink>
    </div>
  );
}
