"use client";
/**
 * What her outbox changes about a form she opens, once the page is interactive (the server cannot
 * see the changes waiting on her phone); loaded after the page (outbox-hints.tsx, React.lazy):
 *   - OutboxDefaults: fields that default to her last use (the source of an entry) take the value
 *     of her latest queued change when it is newer than the last one the server has;
 *   - PendingExitOptions: an exit offers the items with nothing on hand too when her queued entries
 *     bring some (the entry is sent first: order is kept per item), marked with that quantity;
 *   - PendingForChosenItem: under the item select, the chosen item's queued quantity, marked as
 *     pending ("+15 kg por enviar"), as beside the balances on her home and almacén.
 */
import { useEffect, useRef, useState } from "react";
import type { DelegateProcedure } from "~/shared/delegate-forms";
import { pendingDelta } from "~/shared/pending";
import { latestQueued } from "./outbox-latest";
import { usePerson } from "./person";
import { PendingBalance, useOutbox } from "./shell";
import { useWords, useWordsLocale } from "./words";

function untouched(el: Element): boolean {
  if (el instanceof HTMLSelectElement) {
    const initial = [...el.options].find((o) => o.defaultSelected)?.value ?? el.options[0]?.value ?? "";
    return el.value === initial;
  }
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) return el.value === el.defaultValue;
  return false;
}

export function OutboxDefaults({ procedure, fields, since }: { procedure: DelegateProcedure; fields: string[]; since: number }) {
  const changes = useOutbox();
  const person = usePerson();
  const ref = useRef<HTMLSpanElement>(null);
  const done = useRef(false);
  useEffect(() => {
    const form = ref.current?.closest("form");
    if (done.current || !form || window.location.search.includes("corregir=")) return;
    const last = latestQueued(changes, procedure, person?.ollaId, since);
    if (!last) return;
    done.current = true;
    // She may have started filling the form before the outbox was read: never overwrite her.
    const els = fields.map((f) => form.elements.namedItem(f));
    if (!els.every((el) => el instanceof Element && untouched(el))) return;
    fields.forEach((f, i) => {
      const el = els[i] as HTMLInputElement | HTMLSelectElement;
      const v = last.values[f];
      const value = Array.isArray(v) ? v[0] : v;
      if (value === undefined) return;
      if (el instanceof HTMLSelectElement && ![...el.options].some((o) => o.value === value)) return;
      el.value = value;
      el.dataset.fromOutbox = "";
    });
  }, [changes, procedure, person?.ollaId, since, fields]);
  return <span ref={ref} hidden />;
}

/**
 * In the exit form's `name` select, the options of items with nothing on hand are rendered hidden
 * (data-tag="empty"); those her queued changes bring above zero are shown, their label marked with
 * the pending quantity.
 */
export function PendingExitOptions({ name, unitLabels }: { name: string; unitLabels: Record<string, string> }) {
  const ref = useRef<HTMLSpanElement>(null);
  const changes = useOutbox();
  const person = usePerson();
  const t = useWords("delegate");
  const locale = useWordsLocale();
  useEffect(() => {
    const select = ref.current?.closest("form")?.elements.namedItem(name);
    if (!(select instanceof HTMLSelectElement)) return;
    const pending = new Map<string, number>();
    for (const c of changes) {
      if (c.ollaId !== person?.ollaId || c.state === "refused") continue;
      const d = pendingDelta(c.procedure, c.input);
      if (d) pending.set(d.itemId, (pending.get(d.itemId) ?? 0) + d.delta);
    }
    const fmt = new Intl.NumberFormat(locale, { maximumFractionDigits: 3, signDisplay: "always" });
    for (const o of select.querySelectorAll<HTMLOptionElement>("option[data-tag=empty]")) {
      const [itemId, unit] = o.value.split(":");
      const q = pending.get(itemId ?? "") ?? 0;
      // The server's label, read again whenever React has drawn a new one over ours.
      if (o.dataset.shown === undefined || o.textContent !== o.dataset.shown) o.dataset.label = o.textContent ?? "";
      o.hidden = q <= 0 && !o.selected;
      o.textContent = q > 0 ? `${o.dataset.label} · ${t("outbox.pendingBalance", { quantity: fmt.format(q), unit: unitLabels[unit ?? ""] ?? unit ?? "" })}` : (o.dataset.label ?? "");
      o.dataset.shown = o.textContent;
      o.toggleAttribute("data-pending", q > 0);
    }
  });
  return <span ref={ref} hidden />;
}

/** The pending quantity of the item chosen in the form's `name` select (values "<itemId>:<unit>"). */
export function PendingForChosenItem({ name, unitLabels }: { name: string; unitLabels: Record<string, string> }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    const select = ref.current?.closest("form")?.elements.namedItem(name);
    if (!(select instanceof HTMLSelectElement)) return;
    const read = () => setChosen(select.value || null);
    read();
    select.addEventListener("change", read);
    return () => select.removeEventListener("change", read);
  }, [name]);
  const [itemId, unit] = chosen?.split(":") ?? [];
  return <span ref={ref}>{itemId && <PendingBalance itemId={itemId} unitLabel={unitLabels[unit ?? ""] ?? unit ?? ""} />}</span>;
}
