import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { copyLastWeekAction, logShiftAction, removeShiftAction } from "~/app/mi-olla/actions";
import { DelegateForm, FormChoices, FormInput, SubmitButton } from "~/components/delegate/form";
import { delegatePage, formKey } from "~/components/delegate/server";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { TableScroll } from "~/components/ui/table-scroll";
import { hoursText, SHIFT_TASKS, soles } from "~/shared/labour";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("labour"))("shifts.title") };
}

/**
 * Turnos: log the day's work (today and her last task by default: one tap on Guardar), copy
 * last week, and the hours and value per month with the method stated.
 */
export default async function ShiftsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const base = `/mi-olla/${id}`;
  const { caller, canEdit } = await delegatePage(id, `${base}/turnos`);
  const labour = await caller.labour.olla({ ollaId: id });
  const t = await getTranslations("labour");
  const td = await getTranslations("delegate");
  const tc = await getTranslations("common");
  const f = await getFormatter();
  const locale = await getLocale();
  const d = labour.defaults;
  const day = (iso: string) => f.dateTime(new Date(`${iso}T12:00:00`), { weekday: "short", day: "numeric", month: "short" });
  const monthName = (ym: string) => f.dateTime(new Date(`${ym}-15T12:00:00`), { month: "long", year: "numeric" });
  const taskOptions = SHIFT_TASKS.map((k) => ({ value: k, label: t(`task.${k}`) }));
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("shifts.title")}</h1>
      <p className="hint">{t("shifts.lead")}</p>
      {canEdit && (
        <Card>
          <DelegateForm action={logShiftAction} procedure="labour.logShift" ollaId={id} initialKey={formKey()} title={t("shifts.title")} savedMessage={td("saved.labour_logShift")} testId="shift-form">
            <FormChoices name="task" legend={t("shifts.task")} options={taskOptions} defaultValue={d.task} summary />
            <div className="grid grid-cols-2 gap-3">
              <FormInput name="people" label={t("shifts.people")} inputMode="numeric" defaultValue={String(d.people)} summary={t("shifts.people")} />
              <FormInput name="hours" label={t("shifts.hours")} inputMode="decimal" defaultValue={String(d.hours).replace(".", locale === "es" ? "," : ".")} summary="h" />
            </div>
            <FormChoices
              name="hoursMode"
              legend={t("shifts.hoursMode")}
              options={[
                { value: "each", label: t("shifts.each") },
                { value: "total", label: t("shifts.total") },
              ]}
              defaultValue="each"
            />
            <FormInput name="workedOn" type="date" label={t("shifts.workedOn")} defaultValue={d.workedOn} max={d.workedOn} summary />
            <FormInput name="rations" label={t("shifts.rations")} inputMode="numeric" optionalLabel={tc("optional")} hint={t("shifts.rationsHint")} />
            <FormInput name="names" label={t("shifts.names")} optionalLabel={tc("optional")} hint={t("shifts.namesHint")} autoComplete="off" />
            <SubmitButton block pendingLabel={tc("saving")} data-testid="save-shift">
              {t("shifts.save")}
            </SubmitButton>
          </DelegateForm>
          <DelegateForm
            action={copyLastWeekAction}
            procedure="labour.copyLastWeek"
            ollaId={id}
            initialKey={formKey()}
            title={t("shifts.copy")}
            savedMessage={td("saved.labour_copyLastWeek")}
            editable={false}
            className="mt-4 border-t border-stone-200 pt-4"
            testId="copy-week-form"
          >
            <p className="hint">{t("shifts.copyHint")}</p>
            <SubmitButton variant="secondary" block>
              {t("shifts.copy")}
            </SubmitButton>
          </DelegateForm>
        </Card>
      )}

      <Card as="section" title={t("shifts.months")}>
        {labour.months.length === 0 ? (
          <p>{t("shifts.none")}</p>
        ) : (
          <TableScroll label={`${t("shifts.hoursCol")} · ${t("shifts.valueCol")}`}>
            <table className="w-full text-left" data-testid="labour-months">
              <thead>
                <tr>
                  <th scope="col">{t("shifts.month")}</th>
                  <th scope="col" className="text-right">
                    {t("shifts.hoursCol")}
                  </th>
                  <th scope="col" className="text-right">
                    {t("shifts.valueCol")}
                  </th>
                  <th scope="col" className="text-right">
                    {t("shifts.perRationCol")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...labour.months].reverse().map((m) => (
                  <tr key={m.month}>
                    <th scope="row" className="font-normal">
                      {monthName(m.month)}
                    </th>
                    <td className="text-right">{hoursText(m.hours, locale)}</td>
                    <td className="text-right">{soles(m.valueCents, locale)}</td>
                    <td className="text-right">
                      {m.valuePerRationCents === null ? "—" : soles(m.valuePerRationCents, locale, 2)}
                      {m.estimatedDays > 0 && <span className="block text-xs">{t("shifts.estimatedMark")}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {labour.wage && (
          <p className="hint mt-2" data-testid="labour-method">
            {t("shifts.method", { monthly: soles(labour.wage.monthlyCents, locale), hourly: soles(Math.round(labour.wage.hourlyCents), locale, 2) })}
          </p>
        )}
      </Card>

      <Card as="section" title={t("shifts.recent")}>
        {labour.recent.length === 0 ? (
          <p>{t("shifts.none")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-200" data-testid="recent-shifts">
            {labour.recent.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="flex flex-col">
                  <strong>{day(s.workedOn)}</strong>
                  <span>{t("shifts.row", { task: t(`task.${s.task}`), people: s.people, hours: hoursText(s.hours, locale) })}</span>
                  {s.names && <span className="text-sm">{s.names}</span>}
                </span>
                {canEdit && (
                  <DelegateForm
                    action={removeShiftAction}
                    procedure="labour.removeShift"
                    ollaId={id}
                    initialKey={formKey()}
                    title={t("shifts.delete")}
                    savedMessage={td("saved.labour_removeShift")}
                    editable={false}
                  >
                    <input type="hidden" name="shiftId" value={s.id} />
                    <SubmitButton variant="quiet" aria-label={t("shifts.deleteLabel", { task: t(`task.${s.task}`), date: day(s.workedOn) })}>
                      {t("shifts.delete")}
                    </SubmitButton>
                  </DelegateForm>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <ButtonLink href={base} variant="quiet" className="self-start">
        ← {t("shifts.back")}
      </ButtonLink>
    </div>
  );
}
