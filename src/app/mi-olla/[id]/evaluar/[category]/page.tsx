import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { recordAssessmentAction } from "~/app/mi-olla/actions";
import { DelegateForm, FormChoices, FormInput, FormTextarea, SubmitButton } from "~/components/delegate/form";
import { delegatePage, formKey } from "~/components/delegate/server";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { limaToday } from "~/shared/lima-day";
import { PROBLEM_CATEGORIES, type ProblemCategory } from "~/shared/assessment";

export const dynamic = "force-dynamic";

/** Rates one infrastructure area today: from her home, the area (1), the level (2), save (3). */
export default async function AssessPage({ params }: { params: Promise<{ id: string; category: string }> }) {
  const { id, category } = await params;
  if (!(PROBLEM_CATEGORIES as readonly string[]).includes(category)) notFound();
  const c = category as ProblemCategory;
  const base = `/mi-olla/${id}`;
  const { olla, canEdit } = await delegatePage(id, `${base}/evaluar/${c}`);
  if (!canEdit) notFound();
  const t = await getTranslations("assessment");
  const td = await getTranslations("delegate");
  const tc = await getTranslations("common");
  const f = await getFormatter();
  const current = olla.assessments.find((a) => a.category === c);
  const today = limaToday();
  const levelName = (l: number) => t(`level.${l}` as "level.0");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{td("assess.title", { category: t(`category.${c}`) })}</h1>
      {current && <p>{td("assess.current", { level: levelName(current.level), date: f.dateTime(new Date(`${current.assessedOn}T12:00:00`), { dateStyle: "medium" }) })}</p>}
      <Card>
        <DelegateForm action={recordAssessmentAction} procedure="assessment.record" ollaId={id} initialKey={formKey()} title={t(`category.${c}`)} savedMessage={td("saved.assessment_record")} testId="assessment-form">
          <input type="hidden" name="category" value={c} />
          <FormChoices
            name="level"
            legend={td("assess.level")}
            options={[0, 1, 2, 3].map((l) => ({ value: String(l), label: levelName(l) }))}
            defaultValue={current ? String(current.level) : undefined}
            optionClasses={{ "0": "level-0", "1": "level-1", "2": "level-2", "3": "level-3" }}
            summary
          />
          <FormTextarea name="note" label={t("note")} rows={2} maxLength={500} />
          <FormInput name="assessedOn" type="date" label={t("date")} defaultValue={today} max={today} />
          <SubmitButton block pendingLabel={tc("saving")}>
            {td("assess.save")}
          </SubmitButton>
        </DelegateForm>
      </Card>
      <div className="flex flex-wrap gap-2">
        <ButtonLink href={`${base}/necesidades/nueva?categoria=${c}`} variant="secondary">
          {td("home.newNeed")}
        </ButtonLink>
        <ButtonLink href={base} variant="quiet">
          ← {td("nav.home")}
        </ButtonLink>
      </div>
    </div>
  );
}
