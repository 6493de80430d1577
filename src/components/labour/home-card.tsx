import "server-only";
import { ChevronRight, Clock, Users } from "lucide-react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { hoursText, soles } from "~/shared/labour";
import { serverCaller } from "~/trpc/caller";

/**
 * The olla home's labour line: this month's people, hours, their value at the minimum wage and
 * per ration ("Este mes 6 socias trabajaron 412 horas: S/ 1,940 al salario mínimo, S/ 0.86 por
 * ración"), the first renewal prompt, and the way to log a shift (2 taps: here, then Guardar).
 */
export async function LabourHomeCard({ ollaId, canEdit }: { ollaId: string; canEdit: boolean }) {
  const caller = await serverCaller();
  const [labour, leadership] = await Promise.all([caller.labour.olla({ ollaId }), caller.labour.leadership({ ollaId })]);
  const t = await getTranslations("labour");
  const locale = await getLocale();
  const m = labour.thisMonth;
  const base = `/mi-olla/${ollaId}`;
  const overdue = leadership.cargos.find((c) => c.overdue);
  const roleName = (c: { kind: string; label: string | null }) => t(`cargoArea.${c.kind}` as "cargoArea.other", { label: c.label ?? "" });
  return (
    <Card
      as="section"
      title={t("shifts.title")}
      action={
        canEdit ? (
          <ButtonLink href={`${base}/turnos`} size="sm" icon={<Clock aria-hidden="true" size={18} />} data-testid="log-shift">
            {t("home.log")}
          </ButtonLink>
        ) : undefined
      }
    >
      {m ? (
        <p data-testid="labour-line">
          {t("home.line", {
            people: m.people,
            hours: hoursText(m.hours, locale),
            value: soles(m.valueCents, locale),
            perRation: m.valuePerRationCents === null ? "none" : soles(m.valuePerRationCents, locale, 2),
          })}
          {m.estimatedDays > 0 && <span className="block text-sm">{t("home.estimated")}</span>}
        </p>
      ) : (
        <p data-testid="labour-line">{t("home.none")}</p>
      )}
      {overdue && (
        <p className="notice mt-2" data-testid="renewal-prompt">
          {t("prompt.overdue", { role: roleName(overdue), months: overdue.monthsHeld, learners: overdue.learners.length })}
        </p>
      )}
      <Link prefetch={false} href={`${base}/socias`} className="mt-2 flex min-h-tap items-center justify-between gap-2 font-semibold text-inherit no-underline" data-testid="roles-link">
        <span className="flex items-center gap-2">
          <Users aria-hidden="true" size={20} />
          {t("home.roles")}
        </span>
        <ChevronRight aria-hidden="true" size={18} />
      </Link>
    </Card>
  );
}
