"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FieldError, FormError, fieldProps } from "~/components/forms/errors";
import { EXIT_REASONS, INSTITUTIONAL_SOURCE_TYPES, SOURCE_TYPES, type ExitReason, type SourceType } from "~/shared/stock";
import { useTRPC } from "~/trpc/react";
import { limaDay } from "~/shared/lima-day";
import { MutationError, parseDecimal, useItemLabel, useNumber, useQuantity, useSubmissionKey } from "./shared";

const NEW_SOURCE = "__new__";

/**
 * Records an entry or an exit in a few taps: item, quantity (its unit follows the item),
 * date (today), and where it came from or why it left. The submission keeps its
 * idempotency key until the server acknowledges it, so pressing save again after a lost
 * answer never records it twice.
 */
export function MovementForm({ ollaId, kind, initialItemId }: { ollaId: string; kind: "entry" | "exit"; initialItemId?: string }) {
  const t = useTranslations("stock");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const label = useItemLabel();
  const qty = useQuantity();
  const num = useNumber();
  const catalogue = useQuery(trpc.stock.catalogue.queryOptions({ ollaId }));
  const levels = useQuery(trpc.stock.levels.queryOptions({ ollaId }));
  const [key, renewKey] = useSubmissionKey();
  const [itemId, setItemId] = useState(initialItemId ?? "");
  const [quantity, setQuantity] = useState("");
  const [date, setDate] = useState(limaDay());
  const [sourceType, setSourceType] = useState<SourceType>("purchase");
  const [sourceId, setSourceId] = useState("");
  const [newSource, setNewSource] = useState("");
  const [value, setValue] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const [reason, setReason] = useState<Exclude<ExitReason, "transferred">>("cooked");
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState<{ itemId: string; balance: number } | null>(null);
  const institutional = INSTITUTIONAL_SOURCE_TYPES.includes(sourceType);
  const sources = useQuery({ ...trpc.stock.sources.queryOptions({ ollaId, type: sourceType }), enabled: institutional });

  const done = async (r: { itemId: string; balance: number }) => {
    setSaved(r);
    setQuantity("");
    setNote("");
    setValue("");
    setExpiresOn("");
    setNewSource("");
    renewKey();
    await Promise.all([
      qc.invalidateQueries({ queryKey: trpc.stock.levels.queryKey({ ollaId }) }),
      qc.invalidateQueries({ queryKey: trpc.stock.movements.pathKey() }),
      qc.invalidateQueries({ queryKey: trpc.stock.sources.pathKey() }),
    ]);
  };
  const entry = useMutation(trpc.stock.recordEntry.mutationOptions({ onSuccess: done }));
  const exit = useMutation(trpc.stock.recordExit.mutationOptions({ onSuccess: done }));
  const m = kind === "entry" ? entry : exit;

  if (catalogue.isPending || levels.isPending) return <p role="status">{tc("loading")}</p>;
  if (catalogue.isError) return <FormError error={catalogue.error} />;
  if (levels.isError) return <FormError error={levels.error} />;

  const balances = new Map(levels.data.items.map((l) => [l.itemId, l.balance]));
  // An exit is only possible from what is on hand.
  const choices = kind === "entry" ? catalogue.data : catalogue.data.filter((i) => (balances.get(i.id) ?? 0) > 0);
  const item = catalogue.data.find((i) => i.id === itemId);
  const savedItem = saved ? catalogue.data.find((i) => i.id === saved.itemId) : undefined;
  const err = m.error;

  const submit = () => {
    setSaved(null);
    const base = { ollaId, idempotencyKey: key, itemId, unit: item?.unit ?? "kg", quantity: parseDecimal(quantity) as number, occurredOn: date, note };
    if (kind === "entry") {
      const v = parseDecimal(value);
      entry.mutate({
        ...base,
        sourceType,
        sourceId: institutional && sourceId && sourceId !== NEW_SOURCE ? sourceId : null,
        newSourceName: institutional && sourceId === NEW_SOURCE ? newSource : null,
        valueCents: v === undefined ? null : Math.round(v * 100),
        expiresOn: expiresOn || null,
      });
    } else {
      exit.mutate({ ...base, reason });
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <Link href={`/mi-olla/${ollaId}/almacen`}>← {t("backToStock")}</Link>
      <h1 className="text-2xl font-bold">{kind === "entry" ? t("entryTitle") : t("exitTitle")}</h1>
      {saved && savedItem && (
        <p role="status" className="notice" data-testid="movement-saved">
          {t(kind === "entry" ? "entrySaved" : "exitSaved", {
            item: label(savedItem),
            quantity: num(saved.balance),
            unit: t(`unit.${savedItem.unit}`),
          })}
        </p>
      )}
      <form
        className="card flex flex-col gap-3"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="field">
          <label htmlFor="itemId">{t("fields.item")}</label>
          <select {...fieldProps(err, "itemId")} className="input" value={itemId} onChange={(e) => setItemId(e.target.value)}>
            <option value="">{t("fields.chooseItem")}</option>
            {choices.map((i) => (
              <option key={i.id} value={i.id}>
                {label(i)}
                {kind === "exit" ? ` (${qty(balances.get(i.id) ?? 0, i.unit)})` : ""}
              </option>
            ))}
          </select>
          <FieldError error={err} id="itemId" />
          {item && (
            <span className="hint" data-testid="current-balance">
              {t("currentBalance", { quantity: num(balances.get(item.id) ?? 0), unit: t(`unit.${item.unit}`) })}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="quantity">
            {t("fields.quantity")}
            {item ? ` (${t(`unit.${item.unit}`)})` : ""}
          </label>
          <input {...fieldProps(err, "quantity")} className="input" inputMode="decimal" autoComplete="off" value={quantity} onChange={(e) => setQuantity(e.target.value)} />
          <FieldError error={err} id="quantity" />
          <FieldError error={err} id="unit" />
        </div>
        {kind === "entry" ? (
          <>
            <div className="field">
              <label htmlFor="sourceType">{t("fields.sourceType")}</label>
              <select
                {...fieldProps(err, "sourceType")}
                className="input"
                value={sourceType}
                onChange={(e) => {
                  setSourceType(e.target.value as SourceType);
                  setSourceId("");
                }}
              >
                {SOURCE_TYPES.map((s) => (
                  <option key={s} value={s}>
                    {t(`sourceType.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            {institutional && (
              <div className="field">
                <label htmlFor="sourceId">{t("fields.source")}</label>
                <select {...fieldProps(err, "sourceId")} className="input" value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
                  <option value="">{t("fields.chooseSource")}</option>
                  {(sources.data ?? []).map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                  <option value={NEW_SOURCE}>{t("fields.newSourceOption")}</option>
                </select>
                <FieldError error={err} id="sourceId" />
                {sourceId === NEW_SOURCE && (
                  <>
                    <label htmlFor="newSourceName">{t("fields.newSource")}</label>
                    <input {...fieldProps(err, "newSourceName")} className="input" maxLength={120} value={newSource} onChange={(e) => setNewSource(e.target.value)} />
                    <FieldError error={err} id="newSourceName" />
                  </>
                )}
              </div>
            )}
          </>
        ) : (
          <fieldset className="field">
            <legend className="label">{t("fields.reason")}</legend>
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
              {EXIT_REASONS.map((r) => (
                <label key={r} className="flex min-h-[44px] items-center gap-2 rounded border border-stone-300 px-2">
                  <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} className="h-5 w-5" />
                  {t(`exitReason.${r}`)}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div className="field">
          <label htmlFor="occurredOn">{t("fields.date")}</label>
          <input {...fieldProps(err, "occurredOn")} type="date" className="input" value={date} max={limaDay(1)} onChange={(e) => setDate(e.target.value)} />
          <FieldError error={err} id="occurredOn" />
        </div>
        {kind === "entry" && (
          <details className="flex flex-col gap-3">
            <summary className="cursor-pointer py-2 font-semibold">
              {t("fields.value")} · {t("fields.expiresOn")}
            </summary>
            <div className="field">
              <label htmlFor="valueCents">{t("fields.value")}</label>
              <input {...fieldProps(err, "valueCents")} className="input" inputMode="decimal" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
              <span className="hint">{t("fields.valueHint")}</span>
              <FieldError error={err} id="valueCents" />
            </div>
            <div className="field">
              <label htmlFor="expiresOn">{t("fields.expiresOn")}</label>
              <input {...fieldProps(err, "expiresOn")} type="date" className="input" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} />
              <FieldError error={err} id="expiresOn" />
            </div>
          </details>
        )}
        <div className="field">
          <label htmlFor="note">{t("fields.note")}</label>
          <textarea {...fieldProps(err, "note")} className="input" rows={2} maxLength={300} value={note} onChange={(e) => setNote(e.target.value)} />
          <FieldError error={err} id="note" />
        </div>
        <MutationError error={err} />
        <button type="submit" className="btn w-full" disabled={m.isPending} data-testid="save-movement">
          {m.isPending ? tc("saving") : kind === "entry" ? t("saveEntry") : t("saveExit")}
        </button>
      </form>
    </div>
  );
}
