import { getFormatter, getTranslations } from "next-intl/server";
import { resolveNeedAction } from "~/app/mi-olla/actions";
import { DelegateForm, SubmitButton } from "~/components/delegate/form";
import { formKey } from "~/components/delegate/server";
import { resolveFields, type ResolvableNeed } from "~/shared/need-resolve";

type Need = ResolvableNeed & { description: string };

/**
 * What arrived for a need reached what it asked: she decides whether it is met (one tap, the
 * need's own fields kept — its item included — and status "met").
 */
export async function NeedMetPrompt({ ollaId, need: n }: { ollaId: string; need: Need }) {
  const t = await getTranslations("offers");
  const td = await getTranslations("delegate");
  const tn = await getTranslations("needs");
  const f = await getFormatter();
  return (
    <div className="notice flex flex-col gap-2" data-testid="need-met-prompt">
      <p>{t("delegate.reachedPromptFor", { need: n.description, quantity: f.number(n.quantity ?? 0, { maximumFractionDigits: 3 }), unit: n.unit ?? "" })}</p>
      <DelegateForm action={resolveNeedAction} procedure="need.update" ollaId={ollaId} initialKey={formKey()} title={tn("status.met")} savedMessage={td("saved.need_resolve")} editable={false}>
        {resolveFields(n).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name="description" value={n.description} data-summary="" />
        <SubmitButton variant="secondary" className="self-start" data-testid="need-met">
          {t("delegate.markMet")}
        </SubmitButton>
      </DelegateForm>
    </div>
  );
}
