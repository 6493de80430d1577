import { getTranslations } from "next-intl/server";
import { updateProfileAction } from "~/app/mi-olla/actions";
import { DelegateForm, FormCheckbox, FormInput, FormSelect, SubmitButton } from "~/components/delegate/form";
import { LocateButton } from "~/components/delegate/locate-button";
import { delegatePage, formKey } from "~/components/delegate/server";
import { ButtonLink } from "~/components/ui/button";
import { OLLA_STATUSES, WEEKDAYS } from "~/shared/olla";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("olla"))("profileTitle") };
}

/** Her olla's profile, saved against the version she loaded (a stale one is refused and she reloads). */
export default async function EditProfilePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const base = `/mi-olla/${id}`;
  const { olla, caller } = await delegatePage(id, `${base}/perfil`);
  const [districts, zones] = await Promise.all([caller.reference.districts(), caller.reference.zones()]);
  const t = await getTranslations("olla");
  const tc = await getTranslations("common");
  const td = await getTranslations("delegate");
  const p = olla.profile;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("profileTitle")}</h1>
      <DelegateForm action={updateProfileAction} procedure="olla.update" ollaId={id} initialKey={formKey()} title={t("profileTitle")} savedMessage={td("saved.olla_update")} testId="profile-form">
        <input type="hidden" name="version" value={p.version} />
        <fieldset className="card flex flex-col gap-3">
          <FormInput name="name" label={t("fields.name")} defaultValue={p.name} maxLength={120} required />
          <FormSelect name="districtUbigeo" label={t("fields.district")} options={districts.map((d) => ({ value: d.ubigeo, label: d.name }))} defaultValue={p.districtUbigeo} />
          <FormSelect name="zoneId" label={t("fields.zone")} options={zones.map((z) => ({ value: z.id, label: z.name }))} defaultValue={p.zoneId} />
          <FormSelect name="status" label={t("fields.status")} options={OLLA_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} defaultValue={p.status} />
          <FormInput name="foundedOn" type="date" label={t("fields.foundedOn")} defaultValue={p.foundedOn ?? ""} />
        </fieldset>
        <fieldset className="card flex flex-col gap-3">
          <legend className="label px-1">{t("fields.location")}</legend>
          <p className="hint">{t("private")}</p>
          <FormInput name="addressReference" label={t("fields.addressReference")} placeholder={t("fields.addressReferenceHint")} maxLength={300} defaultValue={p.addressReference ?? ""} />
          <div className="grid grid-cols-2 gap-2">
            <FormInput name="lat" label={t("fields.lat")} inputMode="decimal" defaultValue={String(p.location.lat)} />
            <FormInput name="lng" label={t("fields.lng")} inputMode="decimal" defaultValue={String(p.location.lng)} />
          </div>
          <LocateButton label={t("useMyLocation")} unavailable={t("locationUnavailable")} />
          <FormCheckbox name="publishExact" label={t("fields.publishExact")} defaultChecked={p.publishExact} />
        </fieldset>
        <fieldset className="card flex flex-col gap-3">
          <legend className="label px-1">{t("fields.beneficiaries")}</legend>
          <div className="grid grid-cols-2 gap-2">
            <FormInput name="rationsPerDay" label={t("fields.rationsPerDay")} type="number" inputMode="numeric" min={0} max={5000} defaultValue={String(p.rationsPerDay)} />
            <FormInput name="rationPrice" label={t("fields.rationPrice")} type="number" inputMode="decimal" step="0.10" min={0} max={50} defaultValue={String(p.rationPriceCents / 100)} />
            {(["children", "olderAdults", "pregnantNursing", "disabled"] as const).map((k) => (
              <FormInput key={k} name={`b-${k}`} label={t(`fields.${k}`)} type="number" inputMode="numeric" min={0} max={5000} defaultValue={String(p.beneficiaries[k])} />
            ))}
          </div>
          <fieldset>
            <legend className="label">{t("fields.cookingDays")}</legend>
            <div className="grid grid-cols-2 gap-x-3">
              {WEEKDAYS.map((d) => (
                <FormCheckbox key={d} name="cookingDays" value={d} label={t(`days.${d}`)} defaultChecked={p.cookingDays.includes(d)} />
              ))}
            </div>
          </fieldset>
        </fieldset>
        <fieldset className="card flex flex-col gap-3">
          <legend className="label px-1">{tc("optional")}</legend>
          <FormInput name="contactName" label={t("fields.contactName")} maxLength={120} defaultValue={p.contactName ?? ""} />
          <FormInput name="contactPhone" label={t("fields.contactPhone")} inputMode="tel" autoComplete="tel" defaultValue={p.contactPhone ?? ""} />
        </fieldset>
        <SubmitButton block pendingLabel={tc("saving")}>
          {tc("save")}
        </SubmitButton>
      </DelegateForm>
      <ButtonLink href={`${base}/mas`} variant="quiet" className="self-start">
        ← {tc("back")}
      </ButtonLink>
    </div>
  );
}
