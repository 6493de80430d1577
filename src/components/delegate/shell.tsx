"use client";
/**
 * Around every page of her olla: registers the service worker, sends the outbox (at start, when
 * the connection returns, on a timer with backoff while the app is open), shows "N cambios por
 * enviar" with each change's state, asks her to sign in again when her session expired, says how
 * old the page is when it came from the phone's cache, and warns before signing out with changes
 * still to send (they stay, for her only).
 */
import { useRouter } from "next/navigation";
import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { Button, ButtonLink } from "~/components/ui/button";
import { pendingDelta } from "~/shared/pending";
import type { QueuedChange } from "./outbox-core";
import { ChunkBoundary } from "./chunk-boundary";
import { flushOutbox, requestBackgroundSync } from "./outbox-sender";
import { CHANNEL, listChanges } from "./outbox-store";
import { usePerson } from "./person";
import { relative } from "./relative";
import { useWords, useWordsLocale } from "./words";

/** A page older than this when it starts (kept by the browser, or from her cache) is refreshed from the server. */
const REFRESH_AFTER_MS = 30_000;

// The list of her queued changes: loaded after the page is interactive (and fetched on every start,
// so it is in the phone's cache for offline), not part of the page's first-load JavaScript.
const loadPanel = () => import("./outbox-panel");
const OutboxPanel = lazy(() => loadPanel().then((m) => ({ default: m.OutboxPanel })));

const OutboxCtx = createContext<QueuedChange[]>([]);
export const useOutbox = () => useContext(OutboxCtx);


/** Asks the worker to keep this page and the scripts and styles it loaded (they came before the worker existed). */
function warmCaches() {
  // Every script and style this page has loaded so far, the lazily loaded outbox list included
  // (its chunk is not a <script> tag of the page): offline, the page needs them all.
  const loaded = performance.getEntriesByType("resource").map((e) => e.name).filter((u) => u.includes("/_next/static/"));
  const assets = [...document.querySelectorAll<HTMLScriptElement>("script[src]")].map((s) => s.src).concat([...document.querySelectorAll<HTMLLinkElement>("link[rel=stylesheet]")].map((l) => l.href), loaded);
  navigator.serviceWorker.controller?.postMessage({ type: "warm", pages: [location.pathname], assets });
}

/** Deletes every cached page (privacy on a shared phone); her queued changes stay in IndexedDB, keyed to her. */
export async function clearPageCaches() {
  if (!("caches" in window)) return;
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k.startsWith("pages-") || k === "person").map((k) => caches.delete(k)));
}

export function DelegateShell({ renderedAt, signInHref, children }: { renderedAt: number; signInHref: string; children: ReactNode }) {
  const t = useWords("delegate");
  const locale = useWordsLocale();
  const person = usePerson();
  const userId = person?.userId ?? "";
  const [changes, setChanges] = useState<QueuedChange[]>([]);
  const [sending, setSending] = useState(false);
  const [online, setOnline] = useState(true);
  const [now, setNow] = useState(renderedAt);
  const [signOutForm, setSignOutForm] = useState<HTMLFormElement | null>(null);
  const router = useRouter();

  const reload = useCallback(async () => {
    if (!userId || typeof indexedDB === "undefined") return;
    setChanges(await listChanges(userId).catch(() => []));
  }, [userId]);

  const send = useCallback(
    async (force: boolean) => {
      if (!userId || typeof indexedDB === "undefined" || navigator.onLine === false) return;
      setSending(true);
      try {
        await flushOutbox({ userId, signedIn: true, force });
      } finally {
        setSending(false);
        void reload();
      }
    },
    [userId, reload],
  );

  // A page the worker served from her cache (it marks it), or one rendered a while ago: shown at
  // once, then brought up to date from the server.
  useEffect(() => {
    const cached = document.querySelector("[data-from-cache]");
    if (!navigator.onLine || (!cached && Date.now() - renderedAt <= REFRESH_AFTER_MS)) return;
    cached?.removeAttribute("data-from-cache");
    router.refresh();
  }, [renderedAt, router]);

  // Start: register the worker, ask to keep our storage, send what waits.
  useEffect(() => {
    setOnline(navigator.onLine);
    setNow(Date.now());
    void reload();
    void send(true);
    // Once the outbox list's chunk is here, the worker keeps it: a page opened offline can list her changes.
    void loadPanel().then(() => navigator.serviceWorker?.controller && warmCaches()).catch(() => undefined);
    if ("serviceWorker" in navigator) {
      const wasControlled = Boolean(navigator.serviceWorker.controller);
      if (!wasControlled) navigator.serviceWorker.addEventListener("controllerchange", warmCaches, { once: true });
      navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => undefined);
    }
    void navigator.storage?.persist?.().catch(() => false);
  }, [reload, send, userId]);

  // The list follows every change, from this tab, other tabs and the service worker.
  useEffect(() => {
    const onChange = () => void reload();
    window.addEventListener(CHANNEL, onChange);
    let bc: BroadcastChannel | null = null;
    try {
      bc = new BroadcastChannel(CHANNEL);
      bc.onmessage = onChange;
    } catch {
      /* older browser: this tab's own events suffice */
    }
    const goOnline = () => {
      setOnline(true);
      void send(true);
    };
    const goOffline = () => setOnline(false);
    const onVisible = () => document.visibilityState === "visible" && void send(true);
    window.addEventListener("online", goOnline);
    window.addEventListener("offline", goOffline);
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      window.removeEventListener(CHANNEL, onChange);
      bc?.close();
      window.removeEventListener("online", goOnline);
      window.removeEventListener("offline", goOffline);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [reload, send]);

  // While the app is open: try again when a change's backoff is over.
  const pending = changes.filter((c) => c.state === "pending");
  useEffect(() => {
    if (pending.length === 0) return;
    void requestBackgroundSync();
    const next = Math.min(...pending.map((c) => c.nextAttemptAt));
    const id = setTimeout(() => void send(false), Math.max(1000, next - Date.now()));
    return () => clearTimeout(id);
  }, [pending, send]);

  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(id);
  }, []);

  // Signing out: warn if changes wait; always clear the cached pages.
  useEffect(() => {
    const onSubmit = (e: SubmitEvent) => {
      const form = e.target as HTMLFormElement;
      if (!form.matches?.("[data-signout]")) return;
      if (form.dataset.confirmed === "1") return;
      e.preventDefault();
      e.stopImmediatePropagation();
      void listChanges(userId)
        .catch(() => [])
        .then(async (cs) => {
          if (cs.length > 0) {
            // The warning sits at the top of her page: close the header's menu over it and show it.
            form.closest("details")?.removeAttribute("open");
            window.scrollTo(0, 0);
            setSignOutForm(form);
          } else {
            await clearPageCaches();
            form.dataset.confirmed = "1";
            form.requestSubmit();
          }
        });
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, [userId]);

  const unauthorized = changes.filter((c) => c.state === "unauthorized");
  const age = now - renderedAt;
  const stale = !online || age > 120_000;
  const ago = relative(locale, Math.max(0, age), t("offline.justNow"));

  return (
    <OutboxCtx.Provider value={changes}>
      {stale && (
        <p role="status" className="mb-3 rounded-[var(--radius-control)] bg-stone-100 px-3 py-2 text-sm" data-testid="offline-age">
          {online ? t("offline.stale", { ago }) : t("offline.banner", { ago })}
        </p>
      )}
      {unauthorized.length > 0 && (
        <div role="alert" className="alert mb-3 flex flex-col gap-2" data-testid="outbox-signin">
          <p>{t("outbox.signIn", { count: unauthorized.length })}</p>
          <ButtonLink href={signInHref} variant="secondary">
            {t("outbox.signInButton")}
          </ButtonLink>
        </div>
      )}
      {signOutForm && (
        <div role="alertdialog" aria-labelledby="signout-warning" className="alert mb-3 flex flex-col gap-2" data-testid="signout-warning">
          <p id="signout-warning">{t("outbox.signOutWarning", { count: changes.length })}</p>
          <div className="flex flex-wrap gap-2">
            <Button
              variant="danger"
              onClick={async () => {
                await clearPageCaches();
                signOutForm.dataset.confirmed = "1";
                signOutForm.requestSubmit();
              }}
            >
              {t("outbox.signOutAnyway")}
            </Button>
            <Button variant="secondary" onClick={() => setSignOutForm(null)}>
              {t("outbox.stay")}
            </Button>
          </div>
        </div>
      )}
      {changes.length > 0 && (
        // Without the list's code (offline before it was kept), still the count: nothing of hers is hidden.
        <ChunkBoundary fallback={<div className="card mb-3 font-bold" data-testid="outbox"><span data-testid="outbox-count">{t("outbox.count", { count: changes.length })}</span></div>}>
          <Suspense fallback={null}>
            <OutboxPanel changes={changes} sending={sending} online={online} now={now} onSend={() => void send(true)} />
          </Suspense>
        </ChunkBoundary>
      )}
      {children}
    </OutboxCtx.Provider>
  );
}

/** "+25 kg por enviar" beside a balance: her queued stock changes for the item, marked pending. */
export function PendingBalance({ itemId, unitLabel }: { itemId: string; unitLabel: string }) {
  const t = useWords("delegate");
  const locale = useWordsLocale();
  const person = usePerson();
  const changes = useOutbox();
  let delta = 0;
  let n = 0;
  for (const c of changes) {
    // A refused change will not happen as it is: it is not counted.
    if (c.ollaId !== person?.ollaId || c.state === "refused") continue;
    const d = pendingDelta(c.procedure, c.input);
    if (!d || d.itemId !== itemId) continue;
    delta += d.delta;
    n++;
  }
  if (n === 0) return null;
  const q = new Intl.NumberFormat(locale, { maximumFractionDigits: 3, signDisplay: "always" }).format(delta);
  return (
    <span className="badge level-1" data-testid="pending-balance">
      {t("outbox.pendingBalance", { quantity: q, unit: unitLabel })}
    </span>
  );
}
