"use client";
import { X } from "lucide-react";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { usePerson } from "~/components/delegate/person";
import { Button } from "~/components/ui/button";
import { MAX_POST_TEXT, POST_VISIBILITIES, postFormData, type PostVisibility, type QueuedPostInput } from "~/shared/posts";
import { newSubmissionKey } from "~/shared/submission-key";
import { PhotoPicker, usePickedPhotos } from "./photo-picker";

// Her outbox's post code: fetched once the composer is interactive (so it is on the phone, and in
// the worker's cache, before the signal goes), never part of the page's first-load JavaScript.
const loadOutbox = () => import("~/components/delegate/outbox-posts");
/** A send that did not reach the server (or found it down, or her session over): her outbox keeps it. */
const unreached = (status: number) => status === 0 || status === 401 || status === 408 || status === 429 || status >= 500;
/** A dead line that never errors: after this long the upload is given up and the post goes to her outbox. */
const UPLOAD_TIMEOUT_MS = 120_000;

export interface ComposerLabels {
  text: string;
  textHint: string;
  addPhoto: string;
  takePhoto: string;
  removePhoto: string;
  photoCount: string;
  visibility: string;
  visibilityOption: Record<PostVisibility, string>;
  visibilityHint: Record<PostVisibility, string>;
  publish: string;
  uploading: string;
  cancel: string;
  cancelled: string;
  retry: string;
  failed: string;
  offline: string;
  published: string;
  waitForPage: string;
  about: string;
  aboutNone: string;
  aboutNeeds: string;
  aboutPlan: string;
  /** Its problem categories (the feeds filter by them), and each category's name. */
  tags: string;
  category: Record<string, string>;
  /** Kept on the phone: the outbox sends it when the signal returns. */
  queued: string;
  /** The outbox's name for a post ("Novedad"), and for one with photos only ("# fotos"). */
  kind: string;
  photosOnly: string;
  /** She opened a refused post from her outbox to fix it. */
  fixing: string;
}

/** Something of her olla a post can be about: `need:<id>` or `plan:<id>`, with its problem category. */
export interface AboutOption {
  value: string;
  label: string;
  category: string | null;
}

type Status = { kind: "idle" } | { kind: "sending"; percent: number } | { kind: "error"; message: string } | { kind: "cancelled" } | { kind: "done" } | { kind: "queued" };

/**
 * The delegate's new post: text, up to 4 photos (camera or gallery), who sees it. Sent with
 * XMLHttpRequest for its upload progress; she can cancel, and a failed or cancelled upload keeps
 * her text and photos to retry with the same idempotency key (the retry never makes a second
 * post). The button waits for the page's JavaScript: photos cannot be prepared without it.
 * When the upload cannot reach the server (offline, a network error, a timeout, the server down
 * or her session over) the post — text, who sees it, what it is about, tags and photos — goes to
 * her outbox with its key, and is sent when the signal returns (by the page or the service
 * worker); a refusal shows her the reason here and keeps everything to fix. "Corregir" on a
 * refused post in her outbox opens it here (?corregir=<key>), with its key.
 */
export function PostComposer({ ollaId, labels, needs = [], planItems = [], initialAbout = "" }: { ollaId: string; labels: ComposerLabels; needs?: AboutOption[]; planItems?: AboutOption[]; initialAbout?: string }) {
  const router = useRouter();
  const person = usePerson();
  const [ready, setReady] = useState(false);
  const [body, setBody] = useState("");
  const [visibility, setVisibility] = useState<PostVisibility>("network");
  const [about, setAbout] = useState(initialAbout);
  const categoryOf = (value: string) => [...needs, ...planItems].find((o) => o.value === value)?.category;
  const [tags, setTags] = useState<string[]>(() => [categoryOf(initialAbout)].filter((c): c is string => Boolean(c)));
  const picked = usePickedPhotos();
  const photos = picked.photos;
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const key = useRef<string>("");
  // The key of the refused post from her outbox she is fixing here: it leaves the outbox once published.
  const fixing = useRef<string | null>(null);
  const xhr = useRef<XMLHttpRequest | null>(null);

  useEffect(() => {
    key.current = newSubmissionKey();
    setReady(true);
    void loadOutbox().catch(() => undefined);
  }, []);

  // "Corregir" on a refused post in her outbox opens this page with ?corregir=<key>: its fields,
  // photos and key come back here (a soft navigation too: the composer stays mounted).
  const fix = useSearchParams().get("corregir");
  useEffect(() => {
    if (!fix) return;
    void loadOutbox()
      .then((m) => m.queuedPost(fix, ollaId))
      .then((q) => {
        if (!q) return;
        key.current = fixing.current = q.key;
        setBody(q.values.body);
        if ((POST_VISIBILITIES as readonly string[]).includes(q.values.visibility)) setVisibility(q.values.visibility as PostVisibility);
        setAbout(q.values.about);
        setTags(q.values.categories);
        picked.restore(q.photos);
        setStatus({ kind: "error", message: `${labels.fixing} ${q.error ?? ""}` });
      })
      .catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per change she opens
  }, [fix, ollaId]);

  function fresh(next: Status) {
    picked.clear();
    setBody("");
    setAbout("");
    setTags([]);
    key.current = newSubmissionKey();
    fixing.current = null;
    setStatus(next);
    if (window.location.search.includes("corregir=")) window.history.replaceState(null, "", window.location.pathname);
  }

  /** Into her outbox (IndexedDB): it survives a closed tab and is sent when the signal returns. */
  async function keep(input: QueuedPostInput) {
    try {
      if (!person || typeof indexedDB === "undefined") throw new Error("no outbox");
      const m = await loadOutbox();
      const label = m.postLabel(labels.kind, input.body, labels.photosOnly.replace("#", String(input.photos.length)));
      await m.queuePost({ userId: person.userId, input, values: { body: input.body, visibility: input.visibility, about, categories: input.categories }, formPath: window.location.pathname, label });
      fresh({ kind: "queued" });
    } catch {
      // No outbox on this browser (or its code never arrived): her text and photos stay here to retry.
      setStatus({ kind: "error", message: navigator.onLine ? labels.failed : labels.offline });
    }
  }

  function send(e: React.FormEvent) {
    e.preventDefault();
    if (!ready || status.kind === "sending") return;
    const [kind, aboutId] = about.split(":");
    const input: QueuedPostInput = {
      ollaId,
      idempotencyKey: key.current,
      body,
      visibility,
      categories: tags,
      needId: aboutId && kind === "need" ? aboutId : null,
      planItemId: aboutId && kind === "plan" ? aboutId : null,
      photos: photos.map((p) => p.blob),
    };
    if (navigator.onLine === false) return void keep(input);
    const req = new XMLHttpRequest();
    xhr.current = req;
    req.open("POST", "/api/novedades");
    req.responseType = "json";
    req.timeout = UPLOAD_TIMEOUT_MS;
    req.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setStatus({ kind: "sending", percent: Math.round((ev.loaded / ev.total) * 100) });
    };
    req.onload = () => {
      xhr.current = null;
      if (req.status === 200) {
        // A fixed post from her outbox was published here: it leaves the outbox.
        if (fixing.current) void loadOutbox().then((m) => m.deleteChange(input.idempotencyKey));
        fresh({ kind: "done" });
        router.refresh();
      } else if (unreached(req.status)) void keep(input);
      else setStatus({ kind: "error", message: (req.response as { error?: unknown } | null)?.error?.toString() || labels.failed });
    };
    req.onerror = req.ontimeout = () => {
      xhr.current = null;
      void keep(input);
    };
    req.onabort = () => {
      xhr.current = null;
      setStatus({ kind: "cancelled" });
    };
    setStatus({ kind: "sending", percent: 0 });
    req.send(postFormData(input));
  }

  const sending = status.kind === "sending";
  return (
    <form onSubmit={send} className="flex flex-col gap-3" data-testid="post-composer" aria-busy={sending || undefined}>
      {/* Plain controls, not the ~/components/ui/field wrappers: her page's first-load budget. */}
      <div className="field">
        <label htmlFor="post-body">{labels.text}</label>
        <textarea id="post-body" className="input" aria-describedby="post-body-hint" name="body" rows={3} maxLength={MAX_POST_TEXT} value={body} onChange={(e) => setBody(e.target.value)} disabled={sending} />
        <p id="post-body-hint" className="hint">
          {labels.textHint}
        </p>
      </div>
      <PhotoPicker
        picked={picked}
        disabled={!ready || sending}
        onPicked={() => setStatus((st) => (st.kind === "done" ? { kind: "idle" } : st))}
        labels={{ camera: labels.takePhoto, gallery: labels.addPhoto, list: labels.photoCount.replace("#", String(photos.length)), remove: (n) => `${labels.removePhoto} ${n}` }}
        testIds={{ input: "photo-input", list: "picked-photos" }}
      />
      {needs.length + planItems.length > 0 && (
        <div className="field">
          <label htmlFor="post-about">{labels.about}</label>
          <select
            id="post-about"
            className="input"
            name="about"
            value={about}
            onChange={(e) => {
              // The thing it is about brings its problem category as a tag (she can untick it).
              const c = categoryOf(e.target.value);
              setAbout(e.target.value);
              if (c) setTags((t) => (t.includes(c) ? t : [...t, c]));
            }}
            disabled={sending}
            data-testid="post-about"
          >
          <option value="">{labels.aboutNone}</option>
          {needs.length > 0 && (
            <optgroup label={labels.aboutNeeds}>
              {needs.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          )}
          {planItems.length > 0 && (
            <optgroup label={labels.aboutPlan}>
              {planItems.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          )}
          </select>
        </div>
      )}
      <fieldset className="flex flex-col gap-1" disabled={sending} data-testid="post-tags">
        <legend className="font-semibold">{labels.tags}</legend>
        <div className="flex flex-wrap gap-2">
          {Object.entries(labels.category).map(([c, name]) => (
            <label key={c} className="flex min-h-tap items-center gap-2 rounded-[var(--radius-control)] border border-stone-300 px-3">
              <input type="checkbox" name="categories" value={c} checked={tags.includes(c)} onChange={(e) => setTags((t) => (e.target.checked ? [...t, c] : t.filter((x) => x !== c)))} className="h-5 w-5" />
              {name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="flex flex-col gap-1" disabled={sending}>
        <legend className="font-semibold">{labels.visibility}</legend>
        {POST_VISIBILITIES.map((v) => (
          <label key={v} className="flex min-h-tap items-start gap-2 py-1">
            <input type="radio" name="visibility" value={v} checked={visibility === v} onChange={() => setVisibility(v)} className="mt-1 h-5 w-5" />
            <span>
              <strong>{labels.visibilityOption[v]}</strong>
              <span className="block text-sm">{labels.visibilityHint[v]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {sending ? (
        <div className="flex flex-col gap-2" role="status">
          <progress max={100} value={status.percent} className="w-full" aria-label={labels.uploading} />
          <span>
            {labels.uploading} {status.percent}%
          </span>
          <Button variant="secondary" onClick={() => xhr.current?.abort()} icon={<X aria-hidden="true" size={18} />}>
            {labels.cancel}
          </Button>
        </div>
      ) : (
        // No icon on Publicar: her olla's novedades page sits at its 150 KB first-load budget, and the word says it.
        <Button type="submit" disabled={!ready || (body.trim() === "" && photos.length === 0)} data-testid="publish">
          {status.kind === "error" || status.kind === "cancelled" ? labels.retry : labels.publish}
        </Button>
      )}
      {!ready && <p className="text-sm">{labels.waitForPage}</p>}
      <p role="status" aria-live="polite" data-testid="composer-status">
        {status.kind === "error" ? status.message : status.kind === "cancelled" ? labels.cancelled : status.kind === "done" ? labels.published : status.kind === "queued" ? labels.queued : ""}
      </p>
    </form>
  );
}
