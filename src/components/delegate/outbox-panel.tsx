"use client";
/**
 * Her outbox, listed: "3 cambios por enviar", each change's state and, for a refused one, the
 * reason, "Corregir" and "Descartar" (confirmed). Loaded by the shell after the page is
 * interactive (React.lazy), so it is not in her pages' first-load JavaScript.
 */
import Link from "next/link";
import { useState } from "react";
import { Button } from "~/components/ui/button";
import { cx } from "~/components/ui/cx";
import type { QueuedChange } from "./outbox-core";
import { deleteChange } from "./outbox-store";
import { relative } from "./relative";
import { useWords, useWordsLocale } from "./words";

export function OutboxPanel({ changes, sending, online, now, onSend }: { changes: QueuedChange[]; sending: boolean; online: boolean; now: number; onSend: () => void }) {
  const t = useWords("delegate");
  const locale = useWordsLocale();
  const [confirming, setConfirming] = useState<string | null>(null);
  const refused = changes.filter((c) => c.state === "refused");
  const pending = changes.filter((c) => c.state === "pending");
  return (
    <details className="card mb-3" data-testid="outbox" open={refused.length > 0 || undefined}>
      <summary className="min-h-tap cursor-pointer py-2.5 font-bold">
        <span data-testid="outbox-count">{t("outbox.count", { count: changes.length })}</span>
        {sending && <span className="ml-2 text-sm font-normal">{t("outbox.state.sending")}</span>}
      </summary>
      <ul className="mt-2 flex flex-col divide-y divide-stone-200">
        {changes.map((c) => (
          <li key={c.key} className="flex flex-col gap-1 py-2" data-testid="outbox-item" data-state={c.state}>
            <span className="font-semibold">{c.label}</span>
            <span className="flex flex-wrap items-center gap-2 text-sm">
              <span className={cx("badge", c.state === "refused" ? "level-0" : c.state === "unauthorized" ? "level-1" : "")}>{t(`outbox.state.${c.state}`)}</span>
              <span>{t("outbox.queuedAt", { when: relative(locale, Math.max(0, now - c.queuedAt), t("offline.justNow")) })}</span>
              {c.attempts > 0 && <span>{t("outbox.tries", { count: c.attempts })}</span>}
            </span>
            {c.error && c.state !== "pending" && (
              <p className="text-sm" data-testid="outbox-reason">
                {c.error} {c.state === "refused" && t("outbox.whatToDo")}
              </p>
            )}
            {c.state === "refused" &&
              (confirming === c.key ? (
                <div className="flex flex-col gap-2" role="group" aria-label={t("outbox.discard")}>
                  <p>{t("outbox.discardConfirm")}</p>
                  <div className="flex flex-wrap gap-2">
                    <Button variant="danger" onClick={() => void deleteChange(c.key).then(() => setConfirming(null))}>
                      {t("outbox.discardYes")}
                    </Button>
                    <Button variant="secondary" onClick={() => setConfirming(null)}>
                      {t("outbox.keep")}
                    </Button>
                  </div>
                </div>
              ) : (
                <span className="flex flex-wrap gap-2">
                  <Link prefetch={false} className="btn btn-secondary" href={`${c.formPath}?corregir=${c.key}`}>
                    {t("outbox.edit")}
                  </Link>
                  <Button variant="quiet" onClick={() => setConfirming(c.key)}>
                    {t("outbox.discard")}
                  </Button>
                </span>
              ))}
          </li>
        ))}
      </ul>
      {pending.length > 0 && online && (
        <Button variant="secondary" className="mt-2" busy={sending} onClick={() => onSend()}>
          {t("outbox.sendNow")}
        </Button>
      )}
    </details>
  );
}
