import { getTranslations } from "next-intl/server";
import { NEED_CATEGORIES, NEED_URGENCIES, NEED_VISIBILITIES, type NeedCategory, type NeedUrgency, type NeedVisibility } from "~/shared/needs";
import { FormChoices, FormInput, FormSelect, FormTextarea, type Option } from "./form";

/**
 * The fields of a need (new or edited): one-tap category, urgency and visibility. With `items`
 * (her olla's catalogue) the need may name an item: its quantity is then in the item's unit and
 * offers, deliveries and progress count in it; without one, quantity and unit stay free text.
 */
export async function NeedFields({
  defaults,
  items,
}: {
  defaults?: { category?: NeedCategory; description?: string; quantity?: number | null; unit?: string | null; itemId?: string | null; urgency?: NeedUrgency; visibility?: NeedVisibility };
  items?: Option[];
}) {
  const t = await getTranslations("needs");
  const to = await getTranslations("offers");
  return (
    <>
      <FormChoices name="category" legend={t("fields.category")} options={NEED_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} defaultValue={defaults?.category} summary />
      <FormTextarea name="description" label={t("fields.description")} rows={3} maxLength={500} defaultValue={defaults?.description} />
      {items && (
        <FormSelect name="itemId" label={to("needItem")} hint={to("needItemHint")} options={[{ value: "", label: to("needNoItem") }, ...items]} defaultValue={defaults?.itemId ?? ""} summary />
      )}
      <div className="grid grid-cols-2 gap-2">
        <FormInput name="quantity" label={t("fields.quantity")} inputMode="decimal" defaultValue={defaults?.quantity == null ? "" : String(defaults.quantity)} />
        <FormInput name="unit" label={t("fields.unit")} maxLength={20} placeholder={t("fields.unitHint")} defaultValue={defaults?.unit ?? ""} />
      </div>
      <FormChoices name="urgency" legend={t("fields.urgency")} options={NEED_URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))} defaultValue={defaults?.urgency ?? "medium"} columns={4} />
      <FormChoices name="visibility" legend={t("fields.visibility")} options={NEED_VISIBILITIES.map((v) => ({ value: v, label: t(`visibility.${v}`) }))} defaultValue={defaults?.visibility ?? "public"} columns={1} />
    </>
  );
}
