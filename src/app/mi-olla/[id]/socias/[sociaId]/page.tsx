import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { endTermAction, updateSociaAction } from "~/app/mi-olla/actions";
import { DelegateForm, FormCheckbox, FormInput, SubmitButton } from "~/components/delegate/form";
import { delegatePage, formKey } from "~/components/delegate/server";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { limaToday } from "~/shared/lima-day";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("labour"))("roles.editTitle") };
}

/**
 * One socia: her name (private to the olla), the day she joined and whether she is still active,
 * saved against the version she loaded; and the roles she holds today, each of which she can end
 * on a chosen date (a refusal — before it began, or crossing another term — comes back on the date).
 * From her olla's home: "Socias y cargos" (1), "Editar" (2), save (3).
 */
export default async function SociaPage({ params }: { params: Promise<{ id: string; sociaId: string }> }) {
  const { id, sociaId } = await params;
  const base = `/mi-olla/${id}`;
  const { caller, canEdit } = await delegatePage(id, `${base}/socias/${sociaId}`);
  if (!canEdit) notFound();
  const l = await caller.labour.leadership({ ollaId: id });
  const socia = l.socias.find((s) => s.id === sociaId);
  if (!socia) notFound();
  const t = await getTranslations("labour");
  const td = await getTranslations("delegate");
  const tc = await getTranslations("common");
  const f = await getFormatter();
  const date = (iso: string) => f.dateTime(new Date(`${iso}T12:00:00`), { dateStyle: "medium" });
  const roleName = (c: { kind: string; label: string | null }) => (c.kind === "other" ? (c.label ?? "") : t(`cargo.${c.kind}` as "cargo.other"));
  const held = l.cargos.flatMap((c) => c.seats.flatMap((s) => (s.term && s.term.sociaId === socia.id ? [{ cargo: c, term: s.term }] : [])));
  const today = limaToday();

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("roles.editTitle")}</h1>
      <p className="hint">{t("roles.namesPrivate")}</p>
      <Card>
        <DelegateForm action={updateSociaAction} procedure="labour.updateSocia" ollaId={id} initialKey={formKey()} title={t("roles.editTitle")} savedMessage={td("saved.labour_updateSocia")} testId="socia-edit-form">
          <input type="hidden" name="sociaId" value={socia.id} />
          <input type="hidden" name="version" value={socia.version} />
          <FormInput name="name" label={t("roles.name")} defaultValue={socia.name} autoComplete="off" summary />
          <FormInput name="joinedOn" type="date" label={t("roles.joinedOn")} defaultValue={socia.joinedOn} />
          <FormCheckbox name="active" label={t("roles.active")} defaultChecked={socia.active} />
          <p className="hint">{t("roles.activeHint")}</p>
          <SubmitButton block pendingLabel={tc("saving")}>
            {t("roles.editSave")}
          </SubmitButton>
        </DelegateForm>
      </Card>

      <Card as="section" title={t("roles.currentRoles")}>
        {held.length === 0 ? (
          <p>{t("roles.noCurrentRoles")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-200" data-testid="current-roles">
            {held.map(({ cargo, term }) => (
              <li key={term.id} className="flex flex-col gap-2 py-2">
                <strong>{t("roles.termOption", { role: roleName(cargo), name: socia.name, date: date(term.startsOn) })}</strong>
                <DelegateForm action={endTermAction} procedure="labour.endTerm" ollaId={id} initialKey={formKey()} title={t("roles.endTerm")} savedMessage={td("saved.labour_endTerm")} testId={`end-term-${cargo.kind}`}>
                  <input type="hidden" name="term" value={`${term.id}:${term.version}`} />
                  <FormInput name="endsOn" type="date" label={t("roles.endTermOn")} defaultValue={today} summary />
                  <SubmitButton block variant="secondary" pendingLabel={tc("saving")}>
                    {t("roles.endTermSave")}
                  </SubmitButton>
                </DelegateForm>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <ButtonLink href={`${base}/socias`} variant="quiet" className="self-start">
        ← {t("roles.title")}
      </ButtonLink>
    </div>
  );
}
