import { getTranslations } from "next-intl/server";
import { offerTransferAction } from "~/app/mi-olla/actions";
import { DelegateForm, FormInput, FormSelect, FormTextarea, SubmitButton } from "~/components/delegate/form";
import { delegatePage, formKey, stockWords } from "~/components/delegate/server";
import { Button, ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Input } from "~/components/ui/field";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("transfers"))("offerTitle") };
}

/** Offers surplus of a network item to another olla; nothing moves until that olla accepts. The search is a plain GET of a name. */
export default async function TransferRoute({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ q?: string }> }) {
  const { id } = await params;
  const { q } = await searchParams;
  const base = `/mi-olla/${id}`;
  const { caller, canEdit } = await delegatePage(id, `${base}/almacen/transferir`);
  const search = (q ?? "").trim().slice(0, 120);
  const [levels, ollas] = await Promise.all([caller.stock.levels({ ollaId: id }), caller.olla.publicList({ q: search || undefined, limit: 30, offset: 0 })]);
  const w = await stockWords();
  const t = await getTranslations("transfers");
  const td = await getTranslations("delegate");
  const tc = await getTranslations("common");
  // Only the network's catalogue travels between ollas, and only what is on hand.
  const items = levels.items.filter((i) => !i.own && i.balance > 0);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("offerTitle")}</h1>
      <p className="hint">{t("offerLead")}</p>
      <form method="get" className="flex items-end gap-2" role="search">
        <Input name="q" type="search" label={t("searchOlla")} defaultValue={search} maxLength={120} className="flex-1" />
        <Button type="submit" variant="secondary">
          {tc("search")}
        </Button>
      </form>
      {canEdit && (
        <Card>
          <DelegateForm action={offerTransferAction} procedure="transfer.offer" ollaId={id} initialKey={formKey()} title={t("offer")} savedMessage={td("saved.transfer_offer")}>
            <FormSelect
              name="toOllaId"
              label={t("toOlla")}
              placeholder={t("chooseOlla")}
              options={ollas.items.filter((o) => o.id !== id).map((o) => ({ value: o.id, label: `${o.name} · ${o.districtName}` }))}
              summary
            />
            <FormSelect name="item" label={w.t("fields.item")} placeholder={w.t("fields.chooseItem")} options={items.map((i) => ({ value: `${i.itemId}:${i.unit}`, label: `${w.label(i)} (${w.qty(i.balance, i.unit)})` }))} summary />
            <FormInput name="quantity" label={w.t("fields.quantity")} inputMode="decimal" autoComplete="off" summary />
            <FormTextarea name="note" label={w.t("fields.note")} rows={2} maxLength={300} />
            <SubmitButton block pendingLabel={tc("saving")}>
              {t("offer")}
            </SubmitButton>
          </DelegateForm>
        </Card>
      )}
      <ButtonLink href={`${base}/almacen`} variant="quiet" className="self-start">
        ← {w.t("backToStock")}
      </ButtonLink>
    </div>
  );
}
