import { getFormatter, getTranslations } from "next-intl/server";

/**
 * A need's progress in its item's unit: "30 de 50 kg recibidos, 10 comprometidos", with a bar of
 * what was received. Server-rendered; totals only, never who gave.
 */
export async function NeedProgressView({ progress: p, unit }: { progress: { asked: number; committed: number; received: number; reached: boolean }; unit: string }) {
  const t = await getTranslations("offers.progress");
  const f = await getFormatter();
  const num = (n: number) => f.number(n, { maximumFractionDigits: 3 });
  const text = t("received", { received: num(p.received), asked: num(p.asked), unit });
  return (
    <div className="flex flex-col gap-1" data-testid="need-progress">
      <p className="font-semibold">
        {text}
        {p.committed > 0 && <>, {t("committed", { committed: num(p.committed) })}</>}
      </p>
      <progress className="h-3 w-full accent-[var(--color-brand)]" max={p.asked} value={Math.min(p.received, p.asked)} aria-label={t("label")}>
        {text}
      </progress>
      {p.reached && <p className="hint">{t("reached")}</p>}
    </div>
  );
}
