import { TRPCError } from "@trpc/server";
import { randomUUID } from "node:crypto";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { createOfferAction } from "~/app/oferta/actions";
import { NeedProgressView } from "~/components/offers/need-progress";
import { OfferForm } from "~/components/offers/offer-form";
import { CategoryBadge, UrgencyBadge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { addDays, limaToday } from "~/shared/lima-day";
import { DELIVERY_MODES, OFFER_MAX_AHEAD_DAYS, SUPPORTER_KINDS } from "~/shared/offers";
import { serverCaller } from "~/trpc/caller";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("offers"))("form.title") };
}

/**
 * A public need, for anyone: what the olla asks, how far it got (received and committed, in the
 * item's unit), the donors who asked to be thanked by name, and the offer form. Public fields
 * only; a private, closed or unknown need is "not found". Server-rendered: the page reads
 * without JavaScript; the form needs it only for its proof of work.
 */
export default async function PublicNeedPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await serverCaller();
  let need: Awaited<ReturnType<typeof caller.offer.publicNeed>>;
  try {
    need = await caller.offer.publicNeed({ needId: id });
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) notFound();
    throw err;
  }
  const challenge = await caller.offer.challenge();
  const t = await getTranslations("offers");
  const tn = await getTranslations("needs");
  const f = await getFormatter();
  const num = (n: number) => f.number(n, { maximumFractionDigits: 3 });
  const unitWord = need.itemUnit ? t(`unit.${need.itemUnit}`) : (need.unit ?? "");
  const category = tn(`category.${need.category}`);
  const today = limaToday();
  const itemNamed = Boolean(need.itemId);

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <Link prefetch={false} href="/necesidades" className="back-link self-start">
        ← {t("need.back")}
      </Link>
      <article className="flex flex-col gap-2" data-testid="public-need-page">
        <h1>{t("need.title", { category, olla: need.ollaName })}</h1>
        <p className="flex flex-wrap items-center gap-2">
          <CategoryBadge category={need.category} label={category} />
          <UrgencyBadge urgency={need.urgency} label={`${tn("fields.urgency")}: ${tn(`urgency.${need.urgency}`)}`} />
        </p>
        <p>{need.description}</p>
        {need.itemId && need.quantity !== null && <p className="font-semibold">{t("need.asks", { quantity: num(need.quantity), unit: unitWord, item: need.itemName ?? "" })}</p>}
        {!need.itemId && need.quantity !== null && <p className="hint">{t("need.asksFree", { quantity: num(need.quantity), unit: unitWord })}</p>}
        <p className="text-sm text-muted">
          <Link prefetch={false} href={`/ollas/${need.ollaId}`} className="font-bold">
            {need.ollaName}
          </Link>{" "}
          · {t("need.district", { district: need.districtName })} · {t("need.published", { date: f.dateTime(new Date(`${need.publishedOn}T12:00:00`), { dateStyle: "medium" }) })}
        </p>
        {need.progress ? <NeedProgressView progress={need.progress} unit={unitWord} /> : <p className="hint">{t("progress.none")}</p>}
        {need.thanks.length > 0 && <p data-testid="need-thanks">{t("need.thanks", { names: need.thanks.join(", ") })}</p>}
      </article>
      <Card as="section" title={t("form.title")}>
        <p className="mb-3 hint">{t("form.lead")}</p>
        <OfferForm
          action={createOfferAction}
          needId={need.id}
          formKey={randomUUID()}
          challenge={challenge}
          itemNamed={itemNamed}
          today={today}
          maxDate={addDays(today, OFFER_MAX_AHEAD_DAYS)}
          kinds={SUPPORTER_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          modes={DELIVERY_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
          noScript={t("form.noScript")}
          labels={{
            what: t("form.what"),
            whatHint: t("form.whatHint"),
            fixedWhat: itemNamed ? t("form.fixedWhat", { item: need.itemName ?? "", unit: unitWord }) : undefined,
            quantity: itemNamed ? t("form.quantity", { unit: unitWord }) : t("form.quantityFree"),
            availableOn: t("form.availableOn"),
            deliveryMode: t("form.deliveryMode"),
            supporterName: t("form.supporterName"),
            supporterKind: t("form.supporterKind"),
            contact: t("form.contact"),
            contactHint: t("form.contactHint"),
            message: t("form.message"),
            thankByName: t("form.thankByName"),
            honeypot: t("form.honeypot"),
            submit: t("form.submit"),
            sending: t("form.sending"),
            solving: t("form.solving"),
            powFailed: t("form.powFailed"),
          }}
        />
      </Card>
    </div>
  );
}
