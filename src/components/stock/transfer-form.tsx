"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { FieldError, FormError, fieldProps } from "~/components/forms/errors";
import { useTRPC } from "~/trpc/react";
import { MutationError, parseDecimal, useItemLabel, useQuantity, useSubmissionKey } from "./shared";

/** Offers surplus of a network item to another olla; nothing moves until that olla accepts. */
export function TransferOfferForm({ ollaId }: { ollaId: string }) {
  const t = useTranslations("transfers");
  const ts = useTranslations("stock");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const label = useItemLabel();
  const qty = useQuantity();
  const levels = useQuery(trpc.stock.levels.queryOptions({ ollaId }));
  const [search, setSearch] = useState("");
  const q = useDeferredValue(search.trim());
  const ollas = useQuery({ ...trpc.olla.publicList.queryOptions({ q: q || undefined, limit: 20, offset: 0 }), placeholderData: keepPreviousData });
  const [key, renewKey] = useSubmissionKey();
  const [toOllaId, setTo] = useState("");
  const [itemId, setItemId] = useState("");
  const [quantity, setQuantity] = useState("");
  const [note, setNote] = useState("");
  const [sent, setSent] = useState(false);
  const offer = useMutation(
    trpc.transfer.offer.mutationOptions({
      onSuccess: async () => {
        renewKey();
        setSent(true);
        setQuantity("");
        setNote("");
        await qc.invalidateQueries({ queryKey: trpc.transfer.list.pathKey() });
      },
    }),
  );
  if (levels.isPending) return <p role="status">{tc("loading")}</p>;
  if (levels.isError) return <FormError error={levels.error} />;
  // Only the network's catalogue travels between ollas, and only what is on hand.
  const items = levels.data.items.filter((i) => !i.own && i.balance > 0);
  const item = items.find((i) => i.itemId === itemId);
  const err = offer.error;
  return (
    <div className="flex flex-col gap-4">
      <Link href={`/mi-olla/${ollaId}/almacen`}>← {ts("backToStock")}</Link>
      <h1 className="text-2xl font-bold">{t("offerTitle")}</h1>
      <p className="hint">{t("offerLead")}</p>
      {sent && (
        <p role="status" className="notice">
          {t("offered")}
        </p>
      )}
      <form
        className="card flex flex-col gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSent(false);
          offer.mutate({ ollaId, idempotencyKey: key, toOllaId, itemId, unit: item?.unit ?? "kg", quantity: parseDecimal(quantity) as number, note });
        }}
      >
        <div className="field">
          <label htmlFor="olla-search">{t("searchOlla")}</label>
          <input id="olla-search" className="input" type="search" maxLength={120} value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="toOllaId">{t("toOlla")}</label>
          <select {...fieldProps(err, "toOllaId")} className="input" value={toOllaId} onChange={(e) => setTo(e.target.value)}>
            <option value="">{t("chooseOlla")}</option>
            {(ollas.data?.items ?? [])
              .filter((o) => o.id !== ollaId)
              .map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name} · {o.districtName}
                </option>
              ))}
          </select>
          <FieldError error={err} id="toOllaId" />
        </div>
        <div className="field">
          <label htmlFor="itemId">{ts("fields.item")}</label>
          <select {...fieldProps(err, "itemId")} className="input" value={itemId} onChange={(e) => setItemId(e.target.value)}>
            <option value="">{ts("fields.chooseItem")}</option>
            {items.map((i) => (
              <option key={i.itemId} value={i.itemId}>
                {label(i)} ({qty(i.balance, i.unit)})
              </option>
            ))}
          </select>
          <FieldError error={err} id="itemId" />
        </div>
        <div className="field">
          <label htmlFor="quantity">
            {ts("fields.quantity")}
            {item ? ` (${ts(`unit.${item.unit}`)})` : ""}
          </label>
          <input {...fieldProps(err, "quantity")} className="input" inputMode="decimal" autoComplete="off" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          <FieldError error={err} id="quantity" />
        </div>
        <div className="field">
          <label htmlFor="note">{ts("fields.note")}</label>
          <textarea {...fieldProps(err, "note")} className="input" rows={2} maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} />
          <FieldError error={err} id="note" />
        </div>
        <MutationError error={err} />
        <button type="submit" className="btn w-full" disabled={offer.isPending}>
          {offer.isPending ? tc("saving") : t("offer")}
        </button>
      </form>
    </div>
  );
}
