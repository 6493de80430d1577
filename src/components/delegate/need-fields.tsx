import { getTranslations } from "next-intl/server";
import { NEED_CATEGORIES, NEED_URGENCIES, NEED_VISIBILITIES, type NeedCategory, type NeedUrgency, type NeedVisibility } from "~/shared/needs";
import { FormChoices, FormInput, FormTextarea } from "./form";

/** The fields of a need (new or edited): one-tap category, urgency and visibility. */
export async function NeedFields({ defaults }: { defaults?: { category?: NeedCategory; description?: string; quantity?: number | null; unit?: string | null; urgency?: NeedUrgency; visibility?: NeedVisibility } }) {
  const t = await getTranslations("needs");
  return (
    <>
      <FormChoices name="category" legend={t("fields.category")} options={NEED_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} defaultValue={defaults?.category} summary />
      <FormTextarea name="description" label={t("fields.description")} rows={3} maxLength={500} defaultValue={defaults?.description} />
      <div className="grid grid-cols-2 gap-2">
        <FormInput name="quantity" label={t("fields.quantity")} inputMode="decimal" defaultValue={defaults?.quantity == null ? "" : String(defaults.quantity)} />
        <FormInput name="unit" label={t("fields.unit")} maxLength={20} placeholder={t("fields.unitHint")} defaultValue={defaults?.unit ?? ""} />
      </div>
      <FormChoices name="urgency" legend={t("fields.urgency")} options={NEED_URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} defaultValue={defaults?.urgency ?? "medium"} columns={4} />
      <FormChoices name="visibility" legend={t("fields.visibility")} options={NEED_VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))} defaultValue={defaults?.visibility ?? "public"} columns={1} />
    </>
  );
}
