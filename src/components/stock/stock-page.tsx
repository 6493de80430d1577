"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { FormError } from "~/components/forms/errors";
import type { StockWarning } from "~/server/domain/stock";
import { useTRPC } from "~/trpc/react";
import { MutationError, parseDecimal, useItemLabel, useNumber, useQuantity, useSubmissionKey } from "./shared";

function useDay() {
  const f = useFormatter();
  return (iso: string) => f.dateTime(new Date(`${iso}T12:00:00`), { day: "numeric", month: "short" });
}

export function WarningText({ w, unit }: { w: StockWarning; unit: Parameters<ReturnType<typeof useQuantity>>[1] }) {
  const t = useTranslations("stock");
  const num = useNumber();
  const day = useDay();
  switch (w.kind) {
    case "out":
      return <>{t("warnings.out")}</>;
    case "low":
      return <>{t("warnings.low", { days: num(w.daysLeft) })}</>;
    default:
      return <>{t(`warnings.${w.kind}`, { quantity: num(w.quantity), unit: t(`unit.${unit}`), date: day(w.expiresOn) })}</>;
  }
}

/** The almacén of one olla: stock per item with days left and warnings, transfers, and the ledger. */
export function StockPage({ ollaId }: { ollaId: string }) {
  const t = useTranslations("stock");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const label = useItemLabel();
  const qty = useQuantity();
  const levels = useQuery(trpc.stock.levels.queryOptions({ ollaId }));
  if (levels.isPending) return <p role="status">{tc("loading")}</p>;
  if (levels.isError) return <FormError error={levels.error} />;
  const { items, canEdit } = levels.data;
  return (
    <div className="flex flex-col gap-4">
      <Link href={`/mi-olla/${ollaId}`}>← {t("backToHome")}</Link>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {canEdit && (
        <nav className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap" aria-label={t("title")}>
          <Link className="btn" href={`/mi-olla/${ollaId}/almacen/entrada`}>
            {t("recordEntry")}
          </Link>
          <Link className="btn" href={`/mi-olla/${ollaId}/almacen/salida`}>
            {t("recordExit")}
          </Link>
          <Link className="btn btn-secondary col-span-2" href={`/mi-olla/${ollaId}/almacen/transferir`}>
            {t("transfer")}
          </Link>
        </nav>
      )}
      <section aria-labelledby="levels-h" className="card flex flex-col gap-2">
        <h2 id="levels-h" className="text-lg font-semibold">
          {t("balance")}
        </h2>
        <p className="hint">{t("daysHint")}</p>
        {items.length === 0 ? (
          <p>{t("noStock")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-stone-200">
            {items.map((i) => (
              <li key={i.itemId} className="flex flex-col gap-1 py-2" data-testid={`stock-${i.code ?? i.itemId}`}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-semibold">
                    {label(i)}
                    {i.staple && <span className="badge ml-2">{t("staple")}</span>}
                  </span>
                  <span className="font-semibold" data-testid="balance">
                    {qty(i.balance, i.unit)}
                  </span>
                </div>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="hint" data-testid="days-left">
                    {i.daysLeft === null ? t("daysUnknown") : t("daysLeft", { days: i.daysLeft })}
                  </span>
                  {canEdit && (
                    <span className="flex gap-3">
                      <Link href={`/mi-olla/${ollaId}/almacen/entrada?item=${i.itemId}`} aria-label={`${t("recordEntry")}: ${label(i)}`}>
                        + {t("in")}
                      </Link>
                      {i.balance > 0 && (
                        <Link href={`/mi-olla/${ollaId}/almacen/salida?item=${i.itemId}`} aria-label={`${t("recordExit")}: ${label(i)}`}>
                          − {t("out")}
                        </Link>
                      )}
                    </span>
                  )}
                </div>
                {i.warnings.length > 0 && (
                  <ul className="flex flex-wrap gap-2" data-testid="warnings">
                    {i.warnings.map((w, k) => (
                      <li key={k} className={`badge ${w.kind === "out" || w.kind === "expired" ? "level-0" : "level-1"}`}>
                        <span aria-hidden="true">⚠</span> <WarningText w={w} unit={i.unit} />
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <TransfersSection ollaId={ollaId} canEdit={canEdit} />
      <HistorySection ollaId={ollaId} canEdit={canEdit} />
      {canEdit && <AddItemForm ollaId={ollaId} />}
    </div>
  );
}

function TransfersSection({ ollaId, canEdit }: { ollaId: string; canEdit: boolean }) {
  const t = useTranslations("transfers");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const label = useItemLabel();
  const qty = useQuantity();
  const list = useQuery(trpc.transfer.list.queryOptions({ ollaId }));
  const [key, renewKey] = useSubmissionKey();
  const [done, setDone] = useState<string | null>(null);
  const onSuccess = async (r: { status: string }) => {
    renewKey();
    setDone(r.status);
    await Promise.all([qc.invalidateQueries({ queryKey: trpc.transfer.list.pathKey() }), qc.invalidateQueries({ queryKey: trpc.stock.pathKey() })]);
  };
  const accept = useMutation(trpc.transfer.accept.mutationOptions({ onSuccess }));
  const decline = useMutation(trpc.transfer.decline.mutationOptions({ onSuccess }));
  const cancel = useMutation(trpc.transfer.cancel.mutationOptions({ onSuccess }));
  const error = accept.error ?? decline.error ?? cancel.error;
  if (!list.data || list.data.length === 0) return null;
  return (
    <section aria-labelledby="transfers-h" className="card flex flex-col gap-2">
      <h2 id="transfers-h" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {done === "accepted" && (
        <p role="status" className="notice">
          {t("accepted")}
        </p>
      )}
      <MutationError error={error} />
      <ul className="flex flex-col divide-y divide-stone-200">
        {list.data.slice(0, 10).map((x) => (
          <li key={x.id} className="flex flex-col gap-1 py-2" data-testid="transfer">
            <span>
              <strong>{x.incoming ? t("incoming") : t("outgoing")}:</strong> {qty(x.quantity, x.unit)} {label({ code: x.itemCode, name: x.itemName })} ·{" "}
              {x.incoming ? t("from", { olla: x.fromOllaName }) : t("to", { olla: x.toOllaName })}
            </span>
            {x.note && <span className="hint">{x.note}</span>}
            <span className="flex flex-wrap items-center gap-2">
              <span className="badge">{t(`status.${x.status}`)}</span>
              {canEdit && x.status === "offered" && x.incoming && (
                <>
                  <button type="button" className="btn" disabled={accept.isPending} onClick={() => accept.mutate({ ollaId, idempotencyKey: key, transferId: x.id })}>
                    {t("accept")}
                  </button>
                  <button type="button" className="btn btn-secondary" disabled={decline.isPending} onClick={() => decline.mutate({ ollaId, idempotencyKey: key, transferId: x.id })}>
                    {t("decline")}
                  </button>
                </>
              )}
              {canEdit && x.status === "offered" && !x.incoming && (
                <button type="button" className="btn btn-secondary" disabled={cancel.isPending} onClick={() => cancel.mutate({ ollaId, idempotencyKey: key, transferId: x.id })}>
                  {t("cancel")}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function HistorySection({ ollaId, canEdit }: { ollaId: string; canEdit: boolean }) {
  const t = useTranslations("stock");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const label = useItemLabel();
  const num = useNumber();
  const day = useDay();
  const history = useInfiniteQuery(
    trpc.stock.movements.infiniteQueryOptions({ ollaId, limit: 20 }, { getNextPageParam: (last) => (last.length === 20 ? last[last.length - 1]!.id : undefined) }),
  );
  const [confirming, setConfirming] = useState<number | null>(null);
  const [key, renewKey] = useSubmissionKey();
  const [result, setResult] = useState<string | null>(null);
  const reverse = useMutation(
    trpc.stock.reverse.mutationOptions({
      onSuccess: async (r) => {
        renewKey();
        setConfirming(null);
        const item = history.data?.pages.flat().find((m) => m.itemId === r.itemId);
        setResult(item ? t("reversedOk", { quantity: num(r.balance), unit: t(`unit.${item.unit}`) }) : null);
        await qc.invalidateQueries({ queryKey: trpc.stock.pathKey() });
      },
    }),
  );
  const rows = history.data?.pages.flat() ?? [];
  return (
    <section aria-labelledby="history-h" className="card flex flex-col gap-2">
      <h2 id="history-h" className="text-lg font-semibold">
        {t("history")}
      </h2>
      {result && (
        <p role="status" className="notice">
          {result}
        </p>
      )}
      {history.isError && <FormError error={history.error} />}
      {rows.length === 0 && !history.isPending && <p>{t("noHistory")}</p>}
      <ul className="flex flex-col divide-y divide-stone-200">
        {rows.map((m) => {
          const why = m.reversesId
            ? t("reversal", { id: m.reversesId })
            : m.transferId
              ? `${t("exitReason.transferred")}${m.counterpartOllaName ? `: ${m.counterpartOllaName}` : ""}`
              : m.direction === "in"
                ? `${m.sourceType ? t(`sourceType.${m.sourceType}`) : ""}${m.sourceName ? `: ${m.sourceName}` : ""}`
                : m.exitReason
                  ? t(`exitReason.${m.exitReason}`)
                  : "";
          const reversible = canEdit && !m.reversed && !m.reversesId && !m.transferId;
          return (
            <li key={m.id} className="flex flex-col gap-1 py-2" data-testid="movement">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className={m.reversed ? "line-through" : undefined}>
                  <span className="hint">
                    #{m.id} · {day(m.occurredOn)} ·{" "}
                  </span>
                  {t("movementLine", { direction: m.direction === "in" ? t("in") : t("out"), quantity: num(m.quantity), unit: t(`unit.${m.unit}`), item: label({ code: m.itemCode, name: m.itemName }) })}
                </span>
                {m.reversed && <span className="badge level-0">{t("reversed")}</span>}
              </div>
              {why && <span className="hint">{why}</span>}
              {reversible &&
                (confirming === m.id ? (
                  <div className="flex flex-col gap-2 rounded-lg bg-stone-50 p-2" role="group" aria-label={t("reverse")}>
                    <p>{t("confirmReverse")}</p>
                    <MutationError error={reverse.error} />
                    <div className="flex gap-2">
                      <button type="button" className="btn" disabled={reverse.isPending} onClick={() => reverse.mutate({ ollaId, idempotencyKey: key, movementId: m.id })}>
                        {t("confirmReverseYes")}
                      </button>
                      <button type="button" className="btn btn-secondary" onClick={() => (setConfirming(null), reverse.reset())}>
                        {tc("cancel")}
                      </button>
                    </div>
                  </div>
                ) : (
                  <button type="button" className="self-start underline" onClick={() => (setConfirming(m.id), reverse.reset(), setResult(null))}>
                    {t("reverse")} #{m.id}
                  </button>
                ))}
            </li>
          );
        })}
      </ul>
      {history.hasNextPage && (
        <button type="button" className="btn btn-secondary self-start" disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {t("moreHistory")}
        </button>
      )}
    </section>
  );
}

function AddItemForm({ ollaId }: { ollaId: string }) {
  const t = useTranslations("stock");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [key, renewKey] = useSubmissionKey();
  const [name, setName] = useState("");
  const [unit, setUnit] = useState<"kg" | "l" | "unit" | "can">("kg");
  const [kg, setKg] = useState("1");
  const [ok, setOk] = useState(false);
  const add = useMutation(
    trpc.stock.addItem.mutationOptions({
      onSuccess: async () => {
        renewKey();
        setName("");
        setOk(true);
        await qc.invalidateQueries({ queryKey: trpc.stock.catalogue.queryKey({ ollaId }) });
      },
    }),
  );
  const fe = (add.error as { data?: { fieldErrors?: Record<string, string[]> } } | null)?.data?.fieldErrors;
  return (
    <details className="card">
      <summary className="cursor-pointer font-semibold">{t("addItem")}</summary>
      <form
        className="mt-2 flex flex-col gap-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setOk(false);
          const k = parseDecimal(kg);
          add.mutate({ ollaId, idempotencyKey: key, name, unit, kgPerUnit: k === undefined ? null : k });
        }}
      >
        <p className="hint">{t("addItemHint")}</p>
        <label htmlFor="new-item-name" className="label">
          {t("itemName")}
        </label>
        <input id="new-item-name" className="input" maxLength={60} value={name} aria-invalid={fe?.name ? true : undefined} onChange={(e) => setName(e.target.value)} />
        {fe?.name && <span className="error">{fe.name[0]}</span>}
        <label htmlFor="new-item-unit" className="label">
          {t("fields.unit")}
        </label>
        <select id="new-item-unit" className="input" value={unit} onChange={(e) => setUnit(e.target.value as typeof unit)}>
          {(["kg", "l", "unit", "can"] as const).map((u) => (
            <option key={u} value={u}>
              {t(`unit.${u}`)}
            </option>
          ))}
        </select>
        <label htmlFor="new-item-kg" className="label">
          {t("kgPerUnit")}
        </label>
        <input id="new-item-kg" className="input" inputMode="decimal" value={kg} aria-invalid={fe?.kgPerUnit ? true : undefined} onChange={(e) => setKg(e.target.value)} />
        {fe?.kgPerUnit && <span className="error">{fe.kgPerUnit[0]}</span>}
        {ok && (
          <p role="status" className="notice">
            {t("itemAdded")}
          </p>
        )}
        <MutationError error={add.error} />
        <button type="submit" className="btn self-start" disabled={add.isPending}>
          {add.isPending ? tc("saving") : tc("save")}
        </button>
      </form>
    </details>
  );
}
