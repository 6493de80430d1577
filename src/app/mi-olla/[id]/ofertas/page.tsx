import { getTranslations } from "next-intl/server";
import { delegatePage } from "~/components/delegate/server";
import { DelegateOffer } from "~/components/offers/delegate-offer";
import { NeedMetPrompt } from "~/components/offers/need-met-prompt";
import { ButtonLink } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("offers"))("title") };
}

/**
 * Her olla's offers, one tap from her home: the new ones to answer first, then those to receive,
 * then the rest; each with the need it answers and a one-tap call or WhatsApp to the supporter.
 * When what arrived for a need reaches what it asked, a prompt to mark it met.
 */
export default async function OllaOffersPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const base = `/mi-olla/${id}`;
  const { olla, caller, canEdit } = await delegatePage(id, `${base}/ofertas`);
  const [{ items }, needs] = await Promise.all([caller.offer.list({ ollaId: id, limit: 200 }), caller.need.list({ ollaId: id, limit: 200 })]);
  const needsItemless = items.some((o) => !o.itemId && (o.viewStatus === "accepted" || o.viewStatus === "released"));
  const [sources, catalogue] = await Promise.all([
    canEdit && items.some((o) => o.viewStatus === "accepted" || o.viewStatus === "released") ? caller.stock.sources({ ollaId: id }) : Promise.resolve([]),
    canEdit && needsItemless ? caller.stock.catalogue({ ollaId: id }) : Promise.resolve([]),
  ]);
  const t = await getTranslations("offers");

  // Received per need (deliveries in the need's unit): the prompt to mark it met.
  const received = new Map<string, number>();
  for (const o of items) if (o.viewStatus === "delivered" && o.itemId && o.deliveredQuantity !== null) received.set(o.needId, (received.get(o.needId) ?? 0) + o.deliveredQuantity);
  const reached = needs.items.filter((n) => (n.status === "open" || n.status === "in_progress") && n.itemId && n.quantity !== null && (received.get(n.id) ?? 0) >= n.quantity);

  const sections = [
    { key: "new", title: t("delegate.sectionNew"), rows: items.filter((o) => o.viewStatus === "offered") },
    { key: "accepted", title: t("delegate.sectionAccepted"), rows: items.filter((o) => o.viewStatus === "accepted" || o.viewStatus === "released") },
    { key: "others", title: t("delegate.sectionOthers"), rows: items.filter((o) => !["offered", "accepted", "released"].includes(o.viewStatus)) },
  ];
  const row = (o: (typeof items)[number]) => (
    <DelegateOffer key={o.id} offer={o} ollaId={id} ollaName={olla.profile.name} canEdit={canEdit} sources={sources} catalogue={catalogue} />
  );

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="hint">{t("delegate.lead")}</p>
      {canEdit && reached.map((n) => <NeedMetPrompt key={n.id} ollaId={id} need={n} />)}
      {items.length === 0 ? (
        <EmptyState title={t("delegate.none")} />
      ) : (
        sections
          .filter((s) => s.rows.length > 0)
          .map((s) => (
            <section key={s.key} className="flex flex-col gap-2" aria-labelledby={`offers-${s.key}`} data-testid={`offers-${s.key}`}>
              <h2 id={`offers-${s.key}`} className="text-lg font-bold">
                {s.title} ({s.rows.length})
              </h2>
              <ul className="flex flex-col gap-2">{s.rows.map(row)}</ul>
            </section>
          ))
      )}
      <ButtonLink href={base} variant="quiet" className="self-start">
        ← {t("delegate.home")}
      </ButtonLink>
    </div>
  );
}
