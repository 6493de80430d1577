"use client";
/**
 * PendingForChosenItem: under the item select of an entry or exit, the chosen item's queued
 * quantity, marked as pending ("+15 kg por enviar"), as beside the balances on her home and
 * almacén. (The hints that only adjust the form once interactive are in outbox-form-hints.tsx,
 * loaded after the page: LazyOutboxDefaults, LazyPendingExitOptions.)
 */
import { lazy, Suspense, useEffect, useRef, useState, type ComponentProps } from "react";
import { ChunkBoundary } from "./chunk-boundary";
import { PendingBalance } from "./shell";

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


const load = () => import("./outbox-form-hints");
const OutboxDefaults = lazy(() => load().then((m) => ({ default: m.OutboxDefaults })));
const PendingExitOptions = lazy(() => load().then((m) => ({ default: m.PendingExitOptions })));

export function LazyOutboxDefaults(props: ComponentProps<typeof OutboxDefaults>) {
  return (
    <ChunkBoundary fallback={null}>
      <Suspense fallback={null}>
        <OutboxDefaults {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}

export function LazyPendingExitOptions(props: ComponentProps<typeof PendingExitOptions>) {
  return (
    <ChunkBoundary fallback={null}>
      <Suspense fallback={null}>
        <PendingExitOptions {...props} />
      </Suspense>
    </ChunkBoundary>
  );
}
