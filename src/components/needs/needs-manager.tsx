"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { FieldError, FormError, fieldProps } from "~/components/forms/errors";
import { MutationError, parseDecimal, useSubmissionKey } from "~/components/stock/shared";
import { NEED_CATEGORIES, NEED_STATUSES, NEED_URGENCIES, NEED_VISIBILITIES, type NeedCategory, type NeedStatus, type NeedUrgency, type NeedVisibility } from "~/shared/needs";
import { useTRPC } from "~/trpc/react";

interface NeedValues {
  category: NeedCategory;
  description: string;
  quantity: string;
  unit: string;
  urgency: NeedUrgency;
  visibility: NeedVisibility;
  status: NeedStatus;
}

const URGENCY_CLASS: Record<NeedUrgency, string> = { critical: "level-0", high: "level-1", medium: "level-2", low: "level-3" };

export function UrgencyBadge({ urgency }: { urgency: NeedUrgency }) {
  const t = useTranslations("needs");
  return (
    <span className={`badge ${URGENCY_CLASS[urgency]}`}>
      {t("fields.urgency")}: {t(`urgency.${urgency}`)}
    </span>
  );
}

/** One olla's needs: its delegate creates, edits, closes and reopens them; its coordination reads. */
export function NeedsManager({ ollaId }: { ollaId: string }) {
  const t = useTranslations("needs");
  const ts = useTranslations("stock");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const f = useFormatter();
  const list = useQuery(trpc.need.list.queryOptions({ ollaId }));
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  if (list.isPending) return <p role="status">{tc("loading")}</p>;
  if (list.isError) return <FormError error={list.error} />;
  const { items, canEdit } = list.data;
  return (
    <div className="flex flex-col gap-4">
      <Link href={`/mi-olla/${ollaId}`}>← {ts("backToHome")}</Link>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="hint">{t("lead")}</p>
      {notice && (
        <p role="status" className="notice" data-testid="need-saved">
          {notice}
        </p>
      )}
      {canEdit &&
        (creating ? (
          <NeedForm
            ollaId={ollaId}
            onDone={() => {
              setCreating(false);
              setNotice(t("created"));
            }}
            onCancel={() => setCreating(false)}
          />
        ) : (
          <button type="button" className="btn self-start" onClick={() => (setCreating(true), setNotice(null))}>
            {t("new")}
          </button>
        ))}
      {items.length === 0 ? (
        <p className="card">{t("none")}</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {items.map((n) => (
            <li key={n.id} className="card flex flex-col gap-2" data-testid="need">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">{t(`category.${n.category}`)}</span>
                <UrgencyBadge urgency={n.urgency} />
                <span className="badge">{t(`status.${n.status}`)}</span>
                <span className="badge">{t(`visibility.${n.visibility}`)}</span>
              </div>
              <p>{n.description}</p>
              {n.quantity !== null && (
                <p className="hint">
                  {f.number(n.quantity, { maximumFractionDigits: 3 })} {n.unit}
                </p>
              )}
              {canEdit &&
                (editing === n.id ? (
                  <NeedForm
                    ollaId={ollaId}
                    need={n}
                    onDone={() => {
                      setEditing(null);
                      setNotice(t("saved"));
                    }}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <button type="button" className="self-start underline" onClick={() => (setEditing(n.id), setNotice(null))}>
                    {t("edit")}
                  </button>
                ))}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NeedForm(props: {
  ollaId: string;
  need?: { id: string; version: number; category: NeedCategory; description: string; quantity: number | null; unit: string | null; urgency: NeedUrgency; visibility: NeedVisibility; status: NeedStatus };
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("needs");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const n = props.need;
  const [key, renewKey] = useSubmissionKey();
  const [v, setV] = useState<NeedValues>({
    category: n?.category ?? "food",
    description: n?.description ?? "",
    quantity: n?.quantity == null ? "" : String(n.quantity),
    unit: n?.unit ?? "",
    urgency: n?.urgency ?? "medium",
    visibility: n?.visibility ?? "public",
    status: n?.status ?? "open",
  });
  const set = <K extends keyof NeedValues>(k: K, val: NeedValues[K]) => setV((s) => ({ ...s, [k]: val }));
  const onSuccess = async () => {
    renewKey();
    await qc.invalidateQueries({ queryKey: trpc.need.pathKey() });
    props.onDone();
  };
  const create = useMutation(trpc.need.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.need.update.mutationOptions({ onSuccess }));
  const m = n ? update : create;
  const err = m.error;
  const id = (f: string) => `${n?.id ?? "new"}-${f}`;
  const stale = (err as { data?: { code?: string } } | null)?.data?.code === "CONFLICT";
  return (
    <form
      className="flex flex-col gap-3 rounded-lg bg-stone-50 p-2"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const fields = {
          ollaId: props.ollaId,
          idempotencyKey: key,
          category: v.category,
          description: v.description,
          quantity: v.quantity.trim() === "" ? null : (parseDecimal(v.quantity) as number),
          unit: v.unit.trim() === "" ? null : v.unit,
          urgency: v.urgency,
          visibility: v.visibility,
        };
        if (n) update.mutate({ ...fields, needId: n.id, version: n.version, status: v.status });
        else create.mutate(fields);
      }}
    >
      <div className="field">
        <label htmlFor={id("category")}>{t("fields.category")}</label>
        <select {...fieldProps(err, id("category"), "category")} className="input" value={v.category} onChange={(e) => set("category", e.target.value as NeedCategory)}>
          {NEED_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`category.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id("description")}>{t("fields.description")}</label>
        <textarea {...fieldProps(err, id("description"), "description")} className="input" rows={3} maxLength={500} value={v.description} onChange={(e) => set("description", e.target.value)} />
        <FieldError error={err} id={id("description")} path="description" />
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div className="field">
          <label htmlFor={id("quantity")}>{t("fields.quantity")}</label>
          <input {...fieldProps(err, id("quantity"), "quantity")} className="input" inputMode="decimal" value={v.quantity} onChange={(e) => set("quantity", e.target.value)} />
          <FieldError error={err} id={id("quantity")} path="quantity" />
        </div>
        <div className="field">
          <label htmlFor={id("unit")}>{t("fields.unit")}</label>
          <input {...fieldProps(err, id("unit"), "unit")} className="input" maxLength={20} placeholder={t("fields.unitHint")} value={v.unit} onChange={(e) => set("unit", e.target.value)} />
          <FieldError error={err} id={id("unit")} path="unit" />
        </div>
      </div>
      <fieldset className="field">
        <legend className="label">{t("fields.urgency")}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {NEED_URGENCIES.map((u) => (
            <label key={u} className={`flex min-h-[44px] items-center gap-2 rounded border border-stone-300 px-2 ${URGENCY_CLASS[u]}`}>
              <input type="radio" name={id("urgency")} value={u} checked={v.urgency === u} onChange={() => set("urgency", u)} className="h-5 w-5" />
              {t(`urgency.${u}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="label">{t("fields.visibility")}</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {NEED_VISIBILITIES.map((x) => (
            <label key={x} className="flex min-h-[44px] items-center gap-2 rounded border border-stone-300 px-2">
              <input type="radio" name={id("visibility")} value={x} checked={v.visibility === x} onChange={() => set("visibility", x)} className="h-5 w-5" />
              {t(`visibility.${x}`)}
            </label>
          ))}
        </div>
      </fieldset>
      {n && (
        <div className="field">
          <label htmlFor={id("status")}>{t("fields.status")}</label>
          <select {...fieldProps(err, id("status"), "status")} className="input" value={v.status} onChange={(e) => set("status", e.target.value as NeedStatus)}>
            {NEED_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <MutationError error={err} />
      {stale && (
        <button type="button" className="btn btn-secondary self-start" onClick={() => void qc.invalidateQueries({ queryKey: trpc.need.pathKey() }).then(props.onCancel)}>
          {t("conflictReload")}
        </button>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn" disabled={m.isPending}>
          {m.isPending ? tc("saving") : n ? tc("save") : t("create")}
        </button>
        <button type="button" className="btn btn-secondary" onClick={props.onCancel}>
          {tc("cancel")}
        </button>
      </div>
    </form>
  );
}
