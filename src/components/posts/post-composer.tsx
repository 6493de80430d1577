"use client";
import { X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "~/components/ui/button";
import { Select, Textarea } from "~/components/ui/field";
import { MAX_POST_TEXT, POST_VISIBILITIES, type PostVisibility } from "~/shared/posts";
import { newSubmissionKey } from "~/shared/submission-key";
import { PhotoPicker, usePickedPhotos } from "./photo-picker";

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
}

/** Something of her olla a post can be about: `need:<id>` or `plan:<id>`, with its problem category. */
export interface AboutOption {
  value: string;
  label: string;
  category: string | null;
}

type Status = { kind: "idle" } | { kind: "sending"; percent: number } | { kind: "error"; message: string } | { kind: "cancelled" } | { kind: "done" };

/**
 * The delegate's new post: text, up to 4 photos (camera or gallery), who sees it. Sent with
 * XMLHttpRequest for its upload progress; she can cancel, and a failed or cancelled upload keeps
 * her text and photos to retry with the same idempotency key (the retry never makes a second
 * post). The button waits for the page's JavaScript: photos cannot be prepared without it.
 */
export function PostComposer({ ollaId, labels, needs = [], planItems = [], initialAbout = "" }: { ollaId: string; labels: ComposerLabels; needs?: AboutOption[]; planItems?: AboutOption[]; initialAbout?: string }) {
  const router = useRouter();
  const [ready, setReady] = useState(false);
  const [body, setBody] = useState("");
  const [visibility, setVisibility] = useState<PostVisibility>("network");
  const [about, setAbout] = useState(initialAbout);
  const picked = usePickedPhotos();
  const photos = picked.photos;
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const key = useRef<string>("");
  const xhr = useRef<XMLHttpRequest | null>(null);

  useEffect(() => {
    key.current = newSubmissionKey();
    setReady(true);
  }, []);

  function send(e: React.FormEvent) {
    e.preventDefault();
    if (!ready || status.kind === "sending") return;
    const form = new FormData();
    form.set("ollaId", ollaId);
    form.set("idempotencyKey", key.current);
    form.set("body", body);
    form.set("visibility", visibility);
    // What it is about, and that thing's problem category as the post's tag (the feeds filter by it).
    const [kind, aboutId] = about.split(":");
    if (aboutId) form.set(kind === "plan" ? "planItemId" : "needId", aboutId);
    const category = [...needs, ...planItems].find((o) => o.value === about)?.category;
    if (category) form.append("categories", category);
    photos.forEach((p, i) => form.append("photos", p.blob, `foto-${i + 1}.jpg`));
    const req = new XMLHttpRequest();
    xhr.current = req;
    req.open("POST", "/api/novedades");
    req.responseType = "json";
    req.upload.onprogress = (ev) => {
      if (ev.lengthComputable) setStatus({ kind: "sending", percent: Math.round((ev.loaded / ev.total) * 100) });
    };
    req.onload = () => {
      xhr.current = null;
      if (req.status === 200) {
        picked.clear();
        setBody("");
        setAbout("");
        key.current = newSubmissionKey();
        setStatus({ kind: "done" });
        router.refresh();
      } else {
        const msg = (req.response as { error?: string } | null)?.error;
        setStatus({ kind: "error", message: msg ?? labels.failed });
      }
    };
    req.onerror = () => {
      xhr.current = null;
      setStatus({ kind: "error", message: navigator.onLine ? labels.failed : labels.offline });
    };
    req.onabort = () => {
      xhr.current = null;
      setStatus({ kind: "cancelled" });
    };
    setStatus({ kind: "sending", percent: 0 });
    req.send(form);
  }

  const sending = status.kind === "sending";
  return (
    <form onSubmit={send} className="flex flex-col gap-3" data-testid="post-composer" aria-busy={sending || undefined}>
      <Textarea label={labels.text} hint={labels.textHint} name="body" rows={3} maxLength={MAX_POST_TEXT} value={body} onChange={(e) => setBody(e.target.value)} disabled={sending} />
      <PhotoPicker
        picked={picked}
        disabled={!ready || sending}
        onPicked={() => setStatus((st) => (st.kind === "done" ? { kind: "idle" } : st))}
        labels={{ camera: labels.takePhoto, gallery: labels.addPhoto, list: labels.photoCount.replace("#", String(photos.length)), remove: (n) => `${labels.removePhoto} ${n}` }}
        testIds={{ input: "photo-input", list: "picked-photos" }}
      />
      {needs.length + planItems.length > 0 && (
        <Select label={labels.about} name="about" value={about} onChange={(e) => setAbout(e.target.value)} disabled={sending} data-testid="post-about">
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
        </Select>
      )}
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
        {status.kind === "error" ? status.message : status.kind === "cancelled" ? labels.cancelled : status.kind === "done" ? labels.published : ""}
      </p>
    </form>
  );
}
