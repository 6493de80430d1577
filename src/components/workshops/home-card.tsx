import "server-only";
import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { acceptFollowUpAsNeedAction, acceptFollowUpAsPlanModuleAction, markFollowUpAction } from "~/app/mi-olla/actions";
import { DelegateForm, FormSelect, SubmitButton } from "~/components/delegate/form";
import { formKey } from "~/components/delegate/server";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { NEED_CATEGORIES } from "~/shared/needs";
import { limaToday } from "~/shared/lima-day";
import { serverCaller } from "~/trpc/caller";

/**
 * Her home's talleres: the workshops her olla joined (newest three), what they named and agreed,
 * and her olla's follow-ups. She marks one done, and accepts one into her olla, as a need or as a
 * module of its infrastructure plan: the workshop proposes, the olla decides — nothing becomes
 * her olla's until she taps it here. Server-rendered delegate forms (outbox when offline).
 */
export async function WorkshopsHomeCard({ ollaId, canEdit }: { ollaId: string; canEdit: boolean }) {
  const caller = await serverCaller();
  const workshops = (await caller.workshop.forOlla({ ollaId })).slice(0, 3);
  if (workshops.length === 0) return null;
  const t = await getTranslations("workshops.home");
  const tn = await getTranslations("needs");
  const f = await getFormatter();
  const locale = await getLocale();
  const today = limaToday();
  const date = (d: string) => f.dateTime(new Date(`${d}T12:00:00`), { dateStyle: "medium" });
  const mayAccept = canEdit && workshops.some((w) => w.followUps.some((x) => x.ollaId === ollaId && x.status !== "dropped" && !x.planItemId));
  const modules = mayAccept ? await caller.planModule.list({}) : [];
  const moduleOptions = modules.map((m) => ({ value: m.id, label: locale === "en" ? m.nameEn : m.nameEs }));
  const categoryOptions = NEED_CATEGORIES.map((c) => ({ value: c, label: tn(`category.${c}`) }));
  const base = `/mi-olla/${ollaId}`;

  return (
    <Card as="section" title={t("title")}>
      <ul className="flex flex-col gap-4" data-testid="home-workshops">
        {workshops.map((w) => {
          const ours = w.followUps.filter((x) => x.ollaId === ollaId);
          const coordination = w.followUps.filter((x) => x.ollaId === null);
          const firstCategory = w.problems[0]?.category ?? "other";
          return (
            <li key={w.id} className="flex flex-col gap-2 border-t border-stone-200 pt-2 first:border-t-0 first:pt-0" data-testid="home-workshop">
              <h3 className="font-bold">
                {w.place} · {date(w.heldOn)}
              </h3>
              {w.problems.length > 0 && (
                <p className="text-sm">
                  <strong>{t("problems")}:</strong> {w.problems.map((p) => tn(`category.${p.category}`)).join(", ")}
                </p>
              )}
              {w.agreements && (
                <details>
                  <summary className="flex min-h-tap cursor-pointer items-center font-semibold">{t("agreements")}</summary>
                  <p className="whitespace-pre-line">{w.agreements}</p>
                </details>
              )}
              {ours.length > 0 && (
                <ul className="flex flex-col gap-3" aria-label={t("ours")}>
                  {ours.map((x) => {
                    const overdue = x.status === "pending" && x.dueOn < today;
                    return (
                      <li key={x.id} className="flex flex-col gap-2 rounded border border-stone-200 p-2" data-testid="home-follow-up">
                        <span>{x.what}</span>
                        <span className="flex flex-wrap items-center gap-2 text-sm">
                          <Badge tone={x.status === "done" ? "success" : overdue ? "danger" : "neutral"}>{t(`status.${x.status}`)}</Badge>
                          {t("due", { date: date(x.dueOn) })}
                          {overdue && <span>{t("overdue")}</span>}
                        </span>
                        {x.needId && (
                          <Link prefetch={false} href={`${base}/necesidades`} className="flex min-h-tap items-center justify-between gap-2" data-testid="follow-up-need">
                            {t("isNeed")}
                            <ChevronRight aria-hidden="true" size={18} />
                          </Link>
                        )}
                        {x.planItemId && (
                          <Link prefetch={false} href={`${base}/plan`} className="flex min-h-tap items-center justify-between gap-2" data-testid="follow-up-plan">
                            {t("inPlan")}
                            <ChevronRight aria-hidden="true" size={18} />
                          </Link>
                        )}
                        {canEdit && x.status === "pending" && (
                          <DelegateForm
                            action={markFollowUpAction}
                            procedure="workshop.markFollowUp"
                            ollaId={ollaId}
                            initialKey={formKey()}
                            title={t("markDone")}
                            savedMessage={t("markedDone")}
                            editable={false}
                            aria-label={t("markDoneLabel", { what: x.what })}
                          >
                            <input type="hidden" name="followUpId" value={x.id} />
                            <input type="hidden" name="status" value="done" />
                            <input type="hidden" value={x.what} data-summary="" />
                            <SubmitButton variant="secondary" className="self-start" aria-label={t("markDoneLabel", { what: x.what })} data-testid="mark-done">
                              {t("markDone")}
                            </SubmitButton>
                          </DelegateForm>
                        )}
                        {canEdit && x.status !== "dropped" && (!x.needId || !x.planItemId) && (
                          <details data-testid="accept-follow-up">
                            <summary className="flex min-h-tap cursor-pointer items-center font-semibold">{t("accept")}</summary>
                            <p className="text-sm">{t("acceptLead")}</p>
                            {!x.needId && (
                              <DelegateForm
                                action={acceptFollowUpAsNeedAction}
                                procedure="workshop.acceptAsNeed"
                                ollaId={ollaId}
                                initialKey={formKey()}
                                title={t("makeNeed")}
                                savedMessage={t("acceptedAsNeed")}
                                className="mt-2"
                                aria-label={t("makeNeedLabel", { what: x.what })}
                                testId="accept-as-need"
                              >
                                <input type="hidden" name="followUpId" value={x.id} />
                                <FormSelect name="category" label={t("needCategory")} options={categoryOptions} defaultValue={firstCategory} summary />
                                <SubmitButton className="self-start" data-testid="make-need">
                                  {t("makeNeed")}
                                </SubmitButton>
                              </DelegateForm>
                            )}
                            {!x.planItemId && moduleOptions.length > 0 && (
                              <DelegateForm
                                action={acceptFollowUpAsPlanModuleAction}
                                procedure="workshop.acceptAsPlanModule"
                                ollaId={ollaId}
                                initialKey={formKey()}
                                title={t("makePlan")}
                                savedMessage={t("acceptedAsPlan")}
                                className="mt-2"
                                aria-label={t("makePlanLabel", { what: x.what })}
                                testId="accept-as-plan"
                              >
                                <input type="hidden" name="followUpId" value={x.id} />
                                <FormSelect name="moduleId" label={t("module")} options={moduleOptions} placeholder={t("chooseModule")} summary />
                                <SubmitButton variant="secondary" className="self-start" data-testid="make-plan">
                                  {t("makePlan")}
                                </SubmitButton>
                              </DelegateForm>
                            )}
                          </details>
                        )}
                      </li>
                    );
                  })}
                </ul>
              )}
              {coordination.length > 0 && (
                <p className="text-sm">
                  <strong>{t("coordination")}:</strong> {coordination.map((x) => `${x.what} (${t(`status.${x.status}`)})`).join("; ")}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
