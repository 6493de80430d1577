import { getFormatter, getTranslations } from "next-intl/server";
import { addCargoAction, addSociaAction, assignTermAction, endTermAction, markApoyoAction } from "~/app/mi-olla/actions";
import { DelegateForm, FormChoices, FormInput, FormSelect, SubmitButton } from "~/components/delegate/form";
import { delegatePage, formKey } from "~/components/delegate/server";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CARGO_KINDS } from "~/shared/labour";
import { limaToday } from "~/shared/lima-day";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("labour"))("roles.title") };
}

/**
 * Socias y cargos: who holds each role and since when, gentle prompts where a role has stayed
 * with one person past the network's recommended term, who is learning (apoyo), and the forms
 * to hand a role over, mark a learner, add a role or a member. Names are private to the olla.
 */
export default async function RolesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const base = `/mi-olla/${id}`;
  const { caller, canEdit } = await delegatePage(id, `${base}/socias`);
  const l = await caller.labour.leadership({ ollaId: id });
  const t = await getTranslations("labour");
  const td = await getTranslations("delegate");
  const tc = await getTranslations("common");
  const f = await getFormatter();
  const date = (iso: string) => f.dateTime(new Date(`${iso}T12:00:00`), { dateStyle: "medium" });
  const nameOf = new Map(l.socias.map((s) => [s.id, s.name]));
  const roleName = (c: { kind: string; label: string | null }) => (c.kind === "other" ? (c.label ?? "") : t(`cargo.${c.kind}` as "cargo.other"));
  const roleArea = (c: { kind: string; label: string | null }) => t(`cargoArea.${c.kind}` as "cargoArea.other", { label: c.label ?? "" });
  const active = l.socias.filter((s) => s.active);
  const sociaOptions = active.map((s) => ({ value: s.id, label: s.name }));
  const seatOptions = l.cargos.flatMap((c) =>
    Array.from({ length: c.seats.length }, (_, i) => ({ value: `${c.id}:${i + 1}`, label: c.seats.length > 1 ? `${roleName(c)} · ${t("roles.seat", { seat: i + 1 })}` : roleName(c) })),
  );
  // The terms running today, for "Terminar un periodo": the option carries the version she saw.
  const termOptions = l.cargos.flatMap((c) =>
    c.seats.flatMap((s) => (s.term ? [{ value: `${s.term.id}:${s.term.version}`, label: t("roles.termOption", { role: roleName(c), name: nameOf.get(s.term.sociaId) ?? "—", date: date(s.term.startsOn) }) }] : [])),
  );
  const present = new Set(l.cargos.filter((c) => c.kind !== "other").map((c) => c.kind));
  const kindOptions = CARGO_KINDS.filter((k) => k === "other" || !present.has(k)).map((k) => ({ value: k, label: t(`cargo.${k}`) }));

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("roles.title")}</h1>
      <p className="hint">{t("roles.lead")}</p>

      <Card as="section" title={t("roles.summary")}>
        <ul className="flex flex-col gap-1" data-testid="renewal-summary">
          <li data-testid="renewal-overdue">{t("roles.overdue", { count: l.summary.overdueRoles, max: l.maxMonths })}</li>
          <li data-testid="renewal-new">{t("roles.newPeople", { count: l.summary.newPeopleLastYear })}</li>
          <li>{t("roles.learnersCount", { count: l.summary.learners })}</li>
        </ul>
      </Card>

      <Card as="section" title={t("roles.cargos")}>
        {l.cargos.length === 0 ? (
          <p>{t("roles.noCargos")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-200" data-testid="cargos">
            {l.cargos.map((c) => (
              <li key={c.id} className="flex flex-col gap-1 py-2" data-testid={`cargo-${c.kind}`}>
                <strong>{roleName(c)}</strong>
                {c.seats.map((s) => (
                  <span key={s.seat} className="flex flex-wrap items-center gap-2" data-testid="seat">
                    {c.seats.length > 1 && <span>{t("roles.seat", { seat: s.seat })}:</span>}
                    {s.holderId ? (
                      <>
                        <span>{t("roles.holder", { name: nameOf.get(s.holderId) ?? "—", date: date(s.holderSince!) })}</span>
                        <Badge>{t("roles.months", { months: s.monthsHeld })}</Badge>
                      </>
                    ) : (
                      <span>{t("roles.vacant")}</span>
                    )}
                  </span>
                ))}
                {c.overdue && (
                  <p className="notice" data-testid="renewal-prompt">
                    {t("prompt.overdue", { role: roleArea(c), months: c.monthsHeld, learners: c.learners.length })}
                  </p>
                )}
                {c.learners.length > 0 && (
                  <div className="flex flex-col gap-1">
                    <span>{t("roles.learners", { names: c.learners.map((x) => nameOf.get(x) ?? "—").join(", ") })}</span>
                    {canEdit &&
                      c.learners.map((x) => (
                        <DelegateForm
                          key={x}
                          action={markApoyoAction}
                          procedure="labour.markApoyo"
                          ollaId={id}
                          initialKey={formKey()}
                          title={t("roles.stopLearning")}
                          savedMessage={td("saved.labour_markApoyo")}
                          editable={false}
                        >
                          <input type="hidden" name="cargoId" value={c.id} />
                          <input type="hidden" name="sociaId" value={x} />
                          <input type="hidden" name="learning" value="off" />
                          <SubmitButton variant="quiet" className="self-start" aria-label={t("roles.stopLearningLabel", { name: nameOf.get(x) ?? "—", role: roleName(c) })}>
                            {t("roles.stopLearning")}
                          </SubmitButton>
                        </DelegateForm>
                      ))}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>

      {canEdit && seatOptions.length > 0 && sociaOptions.length > 0 && (
        <Card as="section" title={t("roles.handover")}>
          <DelegateForm action={assignTermAction} procedure="labour.assignTerm" ollaId={id} initialKey={formKey()} title={t("roles.handover")} savedMessage={td("saved.labour_assignTerm")} testId="handover-form">
            <FormSelect name="cargoSeat" label={t("roles.cargoSeat")} options={seatOptions} placeholder={t("roles.choose")} summary />
            <FormSelect name="sociaId" label={t("roles.socia")} options={sociaOptions} placeholder={t("roles.choose")} />
            <FormInput name="startsOn" type="date" label={t("roles.startsOn")} defaultValue={limaToday()} />
            <FormInput name="endsOn" type="date" label={t("roles.endsOn")} optionalLabel={tc("optional")} hint={t("roles.endsOnHint")} />
            <SubmitButton block pendingLabel={tc("saving")}>
              {t("roles.handoverSave")}
            </SubmitButton>
          </DelegateForm>
        </Card>
      )}

      {canEdit && termOptions.length > 0 && (
        <Card as="section" title={t("roles.endTerm")}>
          <p className="hint mb-2">{t("roles.endTermLead")}</p>
          <DelegateForm action={endTermAction} procedure="labour.endTerm" ollaId={id} initialKey={formKey()} title={t("roles.endTerm")} savedMessage={td("saved.labour_endTerm")} testId="end-term-form">
            <FormSelect name="term" label={t("roles.endTermWhich")} options={termOptions} placeholder={t("roles.choose")} summary />
            <FormInput name="endsOn" type="date" label={t("roles.endTermOn")} defaultValue={limaToday()} summary />
            <SubmitButton block variant="secondary" pendingLabel={tc("saving")}>
              {t("roles.endTermSave")}
            </SubmitButton>
          </DelegateForm>
        </Card>
      )}

      {canEdit && l.cargos.length > 0 && sociaOptions.length > 0 && (
        <Card as="section" title={t("roles.apoyo")}>
          <DelegateForm action={markApoyoAction} procedure="labour.markApoyo" ollaId={id} initialKey={formKey()} title={t("roles.apoyo")} savedMessage={td("saved.labour_markApoyo")} testId="apoyo-form">
            <FormSelect name="cargoId" label={t("roles.cargoSeat")} options={l.cargos.map((c) => ({ value: c.id, label: roleName(c) }))} placeholder={t("roles.choose")} summary />
            <FormSelect name="sociaId" label={t("roles.socia")} options={sociaOptions} placeholder={t("roles.choose")} />
            <input type="hidden" name="learning" value="on" />
            <SubmitButton block variant="secondary" pendingLabel={tc("saving")}>
              {t("roles.apoyoSave")}
            </SubmitButton>
          </DelegateForm>
        </Card>
      )}

      <Card as="section" title={t("roles.socias")}>
        <p className="hint mb-2">{t("roles.namesPrivate")}</p>
        {l.socias.length === 0 ? (
          <p>{t("roles.noSocias")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-200" data-testid="socias">
            {l.socias.map((s) => (
              <li key={s.id} className="flex min-h-tap flex-wrap items-center gap-2 py-1" data-testid="socia">
                <strong>{s.name}</strong>
                <span className="text-sm">{t("roles.joined", { date: date(s.joinedOn) })}</span>
                {!s.active && <Badge>{t("roles.inactive")}</Badge>}
                {canEdit && (
                  <ButtonLink href={`${base}/socias/${s.id}`} variant="quiet" className="ml-auto" aria-label={t("roles.editLabel", { name: s.name })}>
                    {t("roles.edit")}
                  </ButtonLink>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit && (
          <DelegateForm action={addSociaAction} procedure="labour.addSocia" ollaId={id} initialKey={formKey()} title={t("roles.addSocia")} savedMessage={td("saved.labour_addSocia")} className="mt-4 border-t border-stone-200 pt-4" testId="socia-form">
            <FormInput name="name" label={t("roles.name")} autoComplete="off" summary />
            <FormInput name="joinedOn" type="date" label={t("roles.joinedOn")} defaultValue={limaToday()} />
            <SubmitButton block variant="secondary" pendingLabel={tc("saving")}>
              {t("roles.addSociaSave")}
            </SubmitButton>
          </DelegateForm>
        )}
      </Card>

      {canEdit && (
        <Card as="section" title={t("roles.addCargo")}>
          <DelegateForm action={addCargoAction} procedure="labour.addCargo" ollaId={id} initialKey={formKey()} title={t("roles.addCargo")} savedMessage={td("saved.labour_addCargo")} testId="cargo-form">
            <FormChoices name="kind" legend={t("roles.kind")} options={kindOptions} defaultValue={kindOptions[0]?.value} summary />
            <FormInput name="label" label={t("roles.label")} optionalLabel={tc("optional")} hint={t("roles.labelHint")} autoComplete="off" />
            <FormInput name="seats" label={t("roles.seats")} inputMode="numeric" defaultValue="1" />
            <SubmitButton block variant="secondary" pendingLabel={tc("saving")}>
              {t("roles.addCargoSave")}
            </SubmitButton>
          </DelegateForm>
        </Card>
      )}
      <ButtonLink href={base} variant="quiet" className="self-start">
        ← {t("shifts.back")}
      </ButtonLink>
    </div>
  );
}
