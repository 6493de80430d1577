import { getTranslations } from "next-intl/server";
import { createNeedAction } from "~/app/mi-olla/actions";
import { DelegateForm, SubmitButton } from "~/components/delegate/form";
import { NeedFields } from "~/components/delegate/need-fields";
import { delegatePage, formKey, stockWords } from "~/components/delegate/server";
import { ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { NEED_CATEGORIES, type NeedCategory } from "~/shared/needs";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("needs"))("new") };
}

/** A new need. Opened from an infrastructure area (?categoria=water) it comes with that category chosen. */
export default async function NewNeedPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ categoria?: string }> }) {
  const { id } = await params;
  const { categoria } = await searchParams;
  const base = `/mi-olla/${id}`;
  const { canEdit, caller } = await delegatePage(id, `${base}/necesidades/nueva`);
  const [catalogue, w] = await Promise.all([caller.stock.catalogue({ ollaId: id }), stockWords()]);
  const items = catalogue.map((i) => ({ value: i.id, label: `${w.label(i)} (${w.unit(i.unit)})` }));
  const t = await getTranslations("needs");
  const td = await getTranslations("delegate");
  const tc = await getTranslations("common");
  const category = (NEED_CATEGORIES as readonly string[]).includes(categoria ?? "") ? (categoria as NeedCategory) : undefined;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("new")}</h1>
      <p className="hint">{t("lead")}</p>
      {canEdit && (
        <Card>
          <DelegateForm action={createNeedAction} procedure="need.create" ollaId={id} initialKey={formKey()} title={t("new")} savedMessage={td("saved.need_create")} testId="need-form">
            <NeedFields defaults={{ category }} items={items} />
            <SubmitButton block pendingLabel={tc("saving")}>
              {t("create")}
            </SubmitButton>
          </DelegateForm>
        </Card>
      )}
      <ButtonLink href={`${base}/necesidades`} variant="quiet" className="self-start">
        ← {t("title")}
      </ButtonLink>
    </div>
  );
}
