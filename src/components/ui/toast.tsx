"use client";
/**
 * Confirmations ("Guardado", "Necesidad publicada") in one polite live region, no dependency.
 *
 *   <ToastRegion closeLabel={t("common.close")} />   once, in the root layout
 *   toast("Guardado")                                 from any client code (an event on window)
 *   toast("No se pudo guardar", "danger")
 *   <ToastOnMount message={t("assessment.recorded")} />   from a server-rendered page after a
 *                                                     server action redirected back with ?ok=1
 *
 * A toast stays 5 s (longer than the 4 s many readers need), pauses while hovered or focused,
 * and can be closed with its button. The region exists from the first paint so that screen
 * readers announce what is added to it.
 */
import { Check, CircleAlert, X } from "lucide-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { cx } from "./cx";

export type ToastTone = "success" | "danger" | "info";
type Item = { id: number; message: string; tone: ToastTone };

const EVENT = "ollas:toast";
let seq = 0;

export function toast(message: string, tone: ToastTone = "success") {
  if (typeof window === "undefined") return;
  window.dispatchEvent(new CustomEvent<Item>(EVENT, { detail: { id: ++seq, message, tone } }));
}

const DURATION_MS = 5000;

export function ToastRegion({ closeLabel }: { closeLabel: string }) {
  const [items, setItems] = useState<Item[]>([]);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setItems((xs) => xs.filter((x) => x.id !== id));
  }, []);
  const schedule = useCallback((id: number) => timers.current.set(id, setTimeout(() => dismiss(id), DURATION_MS)), [dismiss]);

  useEffect(() => {
    const all = timers.current;
    const onToast = (e: Event) => {
      const item = (e as CustomEvent<Item>).detail;
      setItems((xs) => [...xs.slice(-2), item]);
      schedule(item.id);
    };
    window.addEventListener(EVENT, onToast);
    return () => {
      window.removeEventListener(EVENT, onToast);
      all.forEach(clearTimeout);
    };
  }, [schedule]);

  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-20 z-[1100] flex flex-col items-center gap-2 px-3 sm:bottom-6">
      {items.map((it) => (
        <div
          key={it.id}
          className={cx(
            "pointer-events-auto flex w-full max-w-sm items-center gap-3 rounded-[var(--radius-card)] px-4 py-2 text-white shadow-[var(--shadow-raised)]",
            it.tone === "danger" ? "bg-danger" : it.tone === "info" ? "bg-info" : "bg-ink",
          )}
          onMouseEnter={() => clearTimeout(timers.current.get(it.id))}
          onMouseLeave={() => schedule(it.id)}
          onFocus={() => clearTimeout(timers.current.get(it.id))}
          onBlur={() => schedule(it.id)}
        >
          {it.tone === "danger" ? <CircleAlert aria-hidden="true" size={20} /> : <Check aria-hidden="true" size={20} />}
          <p className="flex-1 text-sm font-bold">{it.message}</p>
          <button type="button" onClick={() => dismiss(it.id)} aria-label={closeLabel} className="-mr-2 flex size-tap items-center justify-center rounded-full hover:bg-white/15">
            <X aria-hidden="true" size={18} />
          </button>
        </div>
      ))}
    </div>
  );
}

/** Shows one toast when it mounts (a server page after a redirect); renders nothing itself. */
export function ToastOnMount({ message, tone = "success" }: { message: string; tone?: ToastTone }) {
  useEffect(() => {
    toast(message, tone);
  }, [message, tone]);
  return null;
}
