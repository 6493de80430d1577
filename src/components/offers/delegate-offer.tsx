import { Mail, MessageCircle, Phone } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import { acceptOfferAction, declineOfferAction, deliverOfferAction, revokeOfferLinkAction } from "~/app/mi-olla/actions";
import { DelegateForm, FormChoices, FormInput, FormSelect, FormTextarea, SubmitButton, type Option } from "~/components/delegate/form";
import { formKey, stockWords } from "~/components/delegate/server";
import { Badge } from "~/components/ui/badge";
import { buttonClass } from "~/components/ui/button";
import { canDo } from "~/server/domain/offers";
import { formatPeruMobile } from "~/server/domain/phone";
import { NEW_SOURCE } from "~/shared/delegate-forms";
import { addDays, limaToday } from "~/shared/lima-day";
import { ALLOWED_SOURCES, DECLINE_REASONS, OFFER_MAX_AHEAD_DAYS, SUGGESTED_SOURCE, type OfferViewStatus, type SupporterKind } from "~/shared/offers";
import { INSTITUTIONAL_SOURCE_TYPES, type SourceType, type StockUnit } from "~/shared/stock";

export interface DelegateOfferRow {
  id: string;
  needId: string;
  needDescription: string;
  viewStatus: OfferViewStatus;
  createdAt: Date;
  availableOn: string;
  agreedOn: string | null;
  itemId: string | null;
  itemName: string | null;
  unit: StockUnit | null;
  what: string | null;
  quantity: number | null;
  deliveryMode: "deliver" | "pickup";
  supporterName: string;
  supporterKind: SupporterKind;
  contactPhone: string | null;
  contactEmail: string | null;
  message: string | null;
  replyMessage: string | null;
  declineReason: string | null;
  declineNote: string | null;
  deliveredQuantity: number | null;
  deliveredOn: string | null;
  linkRevoked: boolean;
}

/**
 * One offer as her olla's delegate sees it: the need it answers, what and when, who (with a
 * one-tap call / WhatsApp / e-mail to the contact she gave — private, for coordinating only),
 * and the answers the offer's state allows (accept, decline, received, cut its link). Every
 * answer is a DelegateForm: it queues offline and applies once.
 */
export async function DelegateOffer({
  offer: o,
  ollaId,
  ollaName,
  canEdit,
  sources,
  catalogue,
}: {
  offer: DelegateOfferRow;
  ollaId: string;
  ollaName: string;
  canEdit: boolean;
  sources: { id: string; type: SourceType; name: string }[];
  catalogue: { id: string; unit: StockUnit; code: string | null; name: string }[];
}) {
  const t = await getTranslations("offers");
  const td = await getTranslations("delegate");
  const tc = await getTranslations("common");
  const f = await getFormatter();
  const w = await stockWords();
  const day = (iso: string) => f.dateTime(new Date(`${iso}T12:00:00`), { dateStyle: "medium" });
  const today = limaToday();
  const unitWord = o.unit ? t(`unit.${o.unit}`) : "";
  const what = [o.quantity !== null ? `${w.num(o.quantity)} ${unitWord}`.trim() : null, o.itemName ?? o.what].filter(Boolean).join(" ");
  const s = o.viewStatus;
  const phoneDigits = o.contactPhone?.replace(/^\+/, "") ?? null;
  const waText = t("delegate.whatsappText", { name: o.supporterName, olla: ollaName });

  // Where the delivery is recorded: the kinds the supporter's kind allows; institutions from the network's list, or one she names.
  const sourceOptions: Option[] = [];
  for (const type of ALLOWED_SOURCES[o.supporterKind]) {
    if (!INSTITUTIONAL_SOURCE_TYPES.includes(type)) {
      sourceOptions.push({ value: type, label: w.t(`sourceType.${type}`) });
      continue;
    }
    for (const src of sources.filter((x) => x.type === type)) sourceOptions.push({ value: `${type}:${src.id}`, label: `${w.t(`sourceType.${type}`)}: ${src.name}` });
    sourceOptions.push({ value: `${type}:${NEW_SOURCE}`, label: `${w.t(`sourceType.${type}`)}: ${w.t("fields.newSourceOption")}`, tag: "new" });
  }
  const suggested = SUGGESTED_SOURCE[o.supporterKind];
  // An institution already on the network's list under the name she typed is suggested; a new one is only created when the delegate names it.
  const match = INSTITUTIONAL_SOURCE_TYPES.includes(suggested) ? sources.find((x) => x.type === suggested && x.name.trim().toLowerCase() === o.supporterName.trim().toLowerCase()) : undefined;
  const defaultSource = match ? `${suggested}:${match.id}` : INSTITUTIONAL_SOURCE_TYPES.includes(suggested) ? `${suggested}:${NEW_SOURCE}` : suggested;

  return (
    <li className="card flex flex-col gap-2" data-testid="delegate-offer" data-status={s}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <strong className="text-lg" data-testid="offer-what">
          {what}
        </strong>
        <Badge tone={s === "offered" ? "brand" : s === "delivered" ? "success" : "neutral"}>{t(`status.${s}`)}</Badge>
      </div>
      <p className="text-sm">{t("followUp.toward", { need: o.needDescription })}</p>
      <p>
        <span className="font-semibold">{o.supporterName}</span> · {t(`kind.${o.supporterKind}`)}
      </p>
      <p className="text-sm">
        {t("delegate.available", { mode: t(`mode.${o.deliveryMode}`), date: day(o.agreedOn ?? o.availableOn) })} · {t("delegate.offeredOn", { date: f.dateTime(o.createdAt, { dateStyle: "medium" }) })}
      </p>
      {o.message && <p className="rounded-[var(--radius-control)] bg-stone-50 p-2 text-sm">{t("delegate.message", { message: o.message })}</p>}
      {(o.contactPhone || o.contactEmail) && (
        <div className="flex flex-col gap-1">
          <p className="flex flex-wrap gap-2">
            {o.contactPhone && (
              <>
                <a href={`tel:${o.contactPhone}`} className={buttonClass({ variant: "secondary", size: "sm" })} data-testid="offer-call" aria-label={`${t("delegate.call")} ${formatPeruMobile(o.contactPhone)}`}>
                  <Phone aria-hidden="true" size={18} />
                  {t("delegate.call")} {formatPeruMobile(o.contactPhone)}
                </a>
                <a
                  href={`https://wa.me/${phoneDigits}?text=${encodeURIComponent(waText)}`}
                  className={buttonClass({ variant: "secondary", size: "sm" })}
                  target="_blank"
                  rel="noopener noreferrer"
                  data-testid="offer-whatsapp"
                >
                  <MessageCircle aria-hidden="true" size={18} />
                  {t("delegate.whatsapp")}
                </a>
              </>
            )}
            {o.contactEmail && (
              <a href={`mailto:${o.contactEmail}`} className={buttonClass({ variant: "secondary", size: "sm" })}>
                <Mail aria-hidden="true" size={18} />
                {o.contactEmail}
              </a>
            )}
          </p>
          <p className="hint">{t("delegate.contactPrivate")}</p>
        </div>
      )}
      {o.replyMessage && <p className="text-sm">{t("followUp.reply", { message: o.replyMessage })}</p>}
      {o.agreedOn && <p className="text-sm">{t("followUp.agreedOn", { date: day(o.agreedOn) })}</p>}
      {s === "declined" && o.declineReason && <p className="text-sm">{t("followUp.declined", { reason: o.declineNote ?? t(`declineReason.${o.declineReason}` as "declineReason.other") })}</p>}
      {s === "delivered" && o.deliveredQuantity !== null && o.deliveredOn && (
        <p className="font-semibold" data-testid="offer-delivered">
          {t("followUp.delivered", { quantity: w.num(o.deliveredQuantity), unit: unitWord, date: day(o.deliveredOn) })}
        </p>
      )}

      {canEdit && (
        <div className="flex flex-col gap-2">
          {canDo("accept", s) && (
            <details className="rounded-[var(--radius-control)] border border-stone-200 p-2">
              <summary className={buttonClass({}, "cursor-pointer")} data-testid="offer-accept-open">
                {t("delegate.accept")}
              </summary>
              <DelegateForm action={acceptOfferAction} procedure="offer.accept" ollaId={ollaId} initialKey={formKey()} title={t("delegate.acceptTitle")} savedMessage={td("saved.offer_accept")} className="mt-2" testId="offer-accept-form">
                <input type="hidden" name="offerId" value={o.id} />
                <input type="hidden" name="supporter" value={o.supporterName} data-summary="" />
                <FormTextarea name="message" label={t("delegate.acceptMessage")} rows={2} maxLength={300} />
                <FormInput name="agreedOn" type="date" label={t("delegate.agreedOn")} min={today} max={addDays(today, OFFER_MAX_AHEAD_DAYS)} defaultValue={o.availableOn >= today ? o.availableOn : ""} />
                <SubmitButton block pendingLabel={tc("saving")} data-testid="offer-accept">
                  {t("delegate.accept")}
                </SubmitButton>
              </DelegateForm>
            </details>
          )}
          {canDo("deliver", s) && (
            <details className="rounded-[var(--radius-control)] border border-stone-200 p-2">
              <summary className={buttonClass({}, "cursor-pointer")} data-testid="offer-deliver-open">
                {t("delegate.deliver")}
              </summary>
              <DelegateForm action={deliverOfferAction} procedure="offer.deliver" ollaId={ollaId} initialKey={formKey()} title={t("delegate.deliverTitle")} savedMessage={td("saved.offer_deliver")} className="mt-2" testId="offer-deliver-form">
                <input type="hidden" name="offerId" value={o.id} />
                {!o.itemId && (
                  <FormSelect
                    name="item"
                    label={t("delegate.item")}
                    options={[{ value: "", label: t("delegate.noItem") }, ...catalogue.map((i) => ({ value: `${i.id}:${i.unit}`, label: `${w.label(i)} (${w.unit(i.unit)})` }))]}
                    defaultValue=""
                    summary
                  />
                )}
                <FormInput
                  name="quantity"
                  label={o.unit ? `${t("delegate.deliveredQuantity")} (${unitWord})` : t("delegate.deliveredQuantity")}
                  inputMode="decimal"
                  autoComplete="off"
                  defaultValue={o.quantity === null ? "" : String(o.quantity)}
                  summary={unitWord || true}
                  required
                />
                <FormInput name="occurredOn" type="date" label={t("delegate.deliveredOn")} defaultValue={today} max={today} min={addDays(today, -60)} />
                <div className="group/src flex flex-col gap-3">
                  <FormSelect name="source" label={t("delegate.source")} options={sourceOptions} defaultValue={defaultSource} hint={t("delegate.sourceHint", { name: o.supporterName, kind: t(`kind.${o.supporterKind}`) })} />
                  {/* Shown when "Otra…" is chosen: CSS only, so it works before the page is interactive. */}
                  <div className="hidden flex-col group-has-[option[data-tag=new]:checked]/src:flex">
                    <FormInput name="newSourceName" label={t("delegate.newSourceName")} maxLength={120} hint={t("delegate.newSourceHint")} />
                  </div>
                </div>
                <SubmitButton block pendingLabel={tc("saving")} data-testid="offer-deliver">
                  {t("delegate.deliver")}
                </SubmitButton>
              </DelegateForm>
            </details>
          )}
          {canDo("decline", s) && (
            <details className="rounded-[var(--radius-control)] border border-stone-200 p-2">
              <summary className={buttonClass({ variant: "secondary" }, "cursor-pointer")} data-testid="offer-decline-open">
                {t("delegate.decline")}
              </summary>
              <DelegateForm action={declineOfferAction} procedure="offer.decline" ollaId={ollaId} initialKey={formKey()} title={t("delegate.declineTitle")} savedMessage={td("saved.offer_decline")} className="mt-2" testId="offer-decline-form">
                <input type="hidden" name="offerId" value={o.id} />
                <FormChoices name="reason" legend={t("delegate.declineReason")} options={DECLINE_REASONS.map((r) => ({ value: r, label: t(`declineReason.${r}`) }))} columns={1} summary />
                <FormTextarea name="note" label={t("delegate.declineNote")} rows={2} maxLength={300} />
                <SubmitButton block variant="secondary" pendingLabel={tc("saving")} data-testid="offer-decline">
                  {t("delegate.decline")}
                </SubmitButton>
              </DelegateForm>
            </details>
          )}
          {o.linkRevoked ? (
            <p className="hint">{t("delegate.linkRevoked")}</p>
          ) : (
            <details>
              <summary className={buttonClass({ variant: "quiet", size: "sm" }, "cursor-pointer")}>{t("delegate.revoke")}</summary>
              <DelegateForm action={revokeOfferLinkAction} procedure="offer.revokeLink" ollaId={ollaId} initialKey={formKey()} title={t("delegate.revoke")} savedMessage={td("saved.offer_revokeLink")} className="mt-2" editable={false}>
                <input type="hidden" name="offerId" value={o.id} />
                <p className="hint">{t("delegate.revokeHint")}</p>
                <SubmitButton variant="danger" size="sm" pendingLabel={tc("saving")} data-testid="offer-revoke">
                  {t("delegate.revoke")}
                </SubmitButton>
              </DelegateForm>
            </details>
          )}
        </div>
      )}
    </li>
  );
}
