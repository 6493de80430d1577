"use client";

import { useQuery } from "@tanstack/react-query";
import { Plus, Save, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { FieldError, FormError, fieldError, fieldProps, type FormErrorShape } from "~/components/forms/errors";
import { PhotoPicker, usePickedPhotos } from "~/components/posts/photo-picker";
import { Button } from "~/components/ui/button";
import { NEED_CATEGORIES, type NeedCategory } from "~/shared/needs";
import { FOLLOW_UP_STATUSES, type FollowUpStatus } from "~/shared/posts";
import { newSubmissionKey } from "~/shared/submission-key";
import { useTRPC } from "~/trpc/react";

type FollowUp = { what: string; ollaId: string; dueOn: string; status: FollowUpStatus };

/**
 * A coordinator records a workshop: date, place, zone, participating ollas, facilitators (private),
 * the problems named (category + short note), agreements, follow-ups and photos. Everything she
 * typed stays in the form when the server refuses it (field errors shown beside each control) or
 * the network fails; the retry carries the same idempotency key, so it never records two.
 */
export function WorkshopForm({ zones, today }: { zones: { id: string; name: string }[]; today: string }) {
  const t = useTranslations("workshops.coord");
  const th = useTranslations("workshops.home");
  const tn = useTranslations("needs");
  const trpc = useTRPC();
  const router = useRouter();
  const [zoneId, setZoneId] = useState(zones[0]?.id ?? "");
  const [heldOn, setHeldOn] = useState(today);
  const [place, setPlace] = useState("");
  const [facilitators, setFacilitators] = useState("");
  const [ollaIds, setOllaIds] = useState<string[]>([]);
  const [problems, setProblems] = useState<Partial<Record<NeedCategory, string>>>({});
  const [agreements, setAgreements] = useState("");
  const [followUps, setFollowUps] = useState<FollowUp[]>([]);
  const picked = usePickedPhotos();
  const photos = picked.photos;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormErrorShape | null>(null);
  const key = useRef("");
  useEffect(() => {
    key.current = newSubmissionKey();
  }, []);
  const ollas = useQuery({ ...trpc.olla.list.queryOptions({ zoneId, limit: 100 }), enabled: zoneId !== "" });
  const zoneOllas = ollas.data?.items ?? [];
  const participants = zoneOllas.filter((o) => ollaIds.includes(o.id));

  function changeZone(id: string) {
    setZoneId(id);
    // Participants and their follow-ups belong to one zone: a new zone starts them again.
    setOllaIds([]);
    setFollowUps((fs) => fs.map((f) => ({ ...f, ollaId: "" })));
  }
  const setFollowUp = (i: number, patch: Partial<FollowUp>) => setFollowUps((fs) => fs.map((f, j) => (j === i ? { ...f, ...patch } : f)));

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const fd = new FormData();
    fd.set(
      "workshop",
      JSON.stringify({
        zoneId,
        idempotencyKey: key.current,
        heldOn,
        place,
        facilitators: facilitators.trim() === "" ? null : facilitators,
        ollaIds,
        problems: NEED_CATEGORIES.filter((c) => problems[c] !== undefined).map((c) => ({ category: c, note: problems[c] ?? "" })),
        agreements,
        followUps: followUps.map((f) => ({ what: f.what, ollaId: f.ollaId === "" ? null : f.ollaId, dueOn: f.dueOn, status: f.status })),
      }),
    );
    photos.forEach((p, i) => fd.append("photos", p.blob, `taller-${i + 1}.jpg`));
    try {
      const res = await fetch("/api/talleres", { method: "POST", body: fd });
      const body = (await res.json().catch(() => null)) as { id?: string; error?: string; code?: string; fieldErrors?: Record<string, string[]> } | null;
      if (res.ok && body?.id) {
        picked.clear();
        router.push(`/coordinacion/talleres?guardado=${body.id}`);
        router.refresh();
        return;
      }
      setError({ message: body?.error ?? t("failed"), data: { code: body?.code, fieldErrors: body?.fieldErrors ?? null } });
    } catch {
      setError({ message: navigator.onLine ? t("failed") : t("offline"), data: { code: "NETWORK" } });
    } finally {
      setBusy(false);
    }
  }

  const err = error;
  return (
    <form className="flex flex-col gap-4" noValidate onSubmit={save} data-testid="workshop-form" aria-busy={busy || undefined}>
      <FormError error={err} />
      <fieldset className="card grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div className="field">
          <label htmlFor="zoneId">{t("zone")}</label>
          <select {...fieldProps(err, "zoneId")} className="input" value={zoneId} onChange={(e) => changeZone(e.target.value)}>
            {zones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name}
              </option>
            ))}
          </select>
          <FieldError error={err} id="zoneId" />
        </div>
        <div className="field">
          <label htmlFor="heldOn">{t("heldOn")}</label>
          <input {...fieldProps(err, "heldOn")} type="date" className="input" value={heldOn} max={today} onChange={(e) => setHeldOn(e.target.value)} />
          <FieldError error={err} id="heldOn" />
        </div>
        <div className="field sm:col-span-2">
          <label htmlFor="place">{t("place")}</label>
          <input {...fieldProps(err, "place")} className="input" value={place} maxLength={200} onChange={(e) => setPlace(e.target.value)} aria-describedby={fieldError(err, "place") ? "place-error" : "place-hint"} />
          <p id="place-hint" className="hint">
            {t("placeHint")}
          </p>
          <FieldError error={err} id="place" />
        </div>
        <div className="field sm:col-span-2">
          <label htmlFor="facilitators">{t("facilitators")}</label>
          <input
            {...fieldProps(err, "facilitators")}
            className="input"
            value={facilitators}
            maxLength={300}
            onChange={(e) => setFacilitators(e.target.value)}
            aria-describedby={fieldError(err, "facilitators") ? "facilitators-error" : "facilitators-hint"}
          />
          <p id="facilitators-hint" className="hint">
            {t("facilitatorsHint")}
          </p>
          <FieldError error={err} id="facilitators" />
        </div>
      </fieldset>

      <fieldset className="card flex flex-col gap-1" aria-describedby={fieldError(err, "ollaIds") ? "ollaIds-error" : undefined} data-testid="workshop-ollas">
        <legend className="font-semibold">{t("ollas")}</legend>
        {ollas.isLoading ? (
          <p role="status">{t("loadingOllas")}</p>
        ) : zoneOllas.length === 0 ? (
          <p>{t("noOllas")}</p>
        ) : (
          zoneOllas.map((o) => (
            <label key={o.id} className="flex min-h-tap items-center gap-2">
              <input
                type="checkbox"
                className="h-5 w-5"
                checked={ollaIds.includes(o.id)}
                onChange={(e) => {
                  const on = e.target.checked;
                  setOllaIds((ids) => (on ? [...ids, o.id] : ids.filter((x) => x !== o.id)));
                  if (!on) setFollowUps((fs) => fs.map((f) => (f.ollaId === o.id ? { ...f, ollaId: "" } : f)));
                }}
              />
              {o.name}
            </label>
          ))
        )}
        <FieldError error={err} id="ollaIds" />
      </fieldset>

      <fieldset className="card flex flex-col gap-2" data-testid="workshop-problems">
        <legend className="font-semibold">{t("problems")}</legend>
        <p className="hint">{t("problemsHint")}</p>
        {NEED_CATEGORIES.map((c) => {
          const on = problems[c] !== undefined;
          return (
            <div key={c} className="flex flex-col gap-1">
              <label className="flex min-h-tap items-center gap-2">
                <input
                  type="checkbox"
                  className="h-5 w-5"
                  checked={on}
                  onChange={(e) =>
                    setProblems((p) => {
                      const next = { ...p };
                      if (e.target.checked) next[c] = "";
                      else delete next[c];
                      return next;
                    })
                  }
                />
                {tn(`category.${c}`)}
              </label>
              {on && (
                <input
                  className="input"
                  aria-label={t("problemNote", { category: tn(`category.${c}`) })}
                  value={problems[c]}
                  maxLength={300}
                  onChange={(e) => setProblems((p) => ({ ...p, [c]: e.target.value }))}
                  data-testid={`problem-note-${c}`}
                />
              )}
            </div>
          );
        })}
        <FieldError error={err} id="problems" />
      </fieldset>

      <div className="card field">
        <label htmlFor="agreements">{t("agreements")}</label>
        <textarea {...fieldProps(err, "agreements")} className="input" rows={4} maxLength={4000} value={agreements} onChange={(e) => setAgreements(e.target.value)} />
        <FieldError error={err} id="agreements" />
      </div>

      <fieldset className="card flex flex-col gap-3" data-testid="workshop-follow-ups">
        <legend className="font-semibold">{t("followUps")}</legend>
        {followUps.map((f, i) => (
          <fieldset key={i} className="flex flex-col gap-2 border-t border-stone-200 pt-2" data-testid="follow-up-row">
            <legend className="text-sm font-semibold">{t("followUpN", { n: i + 1 })}</legend>
            <div className="field">
              <label htmlFor={`fu-${i}-what`}>{t("what")}</label>
              <input {...fieldProps(err, `fu-${i}-what`, `followUps.${i}.what`)} id={`fu-${i}-what`} className="input" value={f.what} maxLength={300} onChange={(e) => setFollowUp(i, { what: e.target.value })} />
              <FieldError error={err} id={`fu-${i}-what`} path={`followUps.${i}.what`} />
            </div>
            <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
              <div className="field">
                <label htmlFor={`fu-${i}-who`}>{t("who")}</label>
                <select id={`fu-${i}-who`} className="input" value={f.ollaId} onChange={(e) => setFollowUp(i, { ollaId: e.target.value })}>
                  <option value="">{th("coordination")}</option>
                  {participants.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`fu-${i}-due`}>{t("dueOn")}</label>
                <input {...fieldProps(err, `fu-${i}-due`, `followUps.${i}.dueOn`)} id={`fu-${i}-due`} type="date" className="input" value={f.dueOn} onChange={(e) => setFollowUp(i, { dueOn: e.target.value })} />
                <FieldError error={err} id={`fu-${i}-due`} path={`followUps.${i}.dueOn`} />
              </div>
              <div className="field">
                <label htmlFor={`fu-${i}-status`}>{t("status")}</label>
                <select id={`fu-${i}-status`} className="input" value={f.status} onChange={(e) => setFollowUp(i, { status: e.target.value as FollowUpStatus })}>
                  {FOLLOW_UP_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {th(`status.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <Button variant="quiet" size="sm" className="self-start" icon={<X aria-hidden="true" size={18} />} onClick={() => setFollowUps((fs) => fs.filter((_, j) => j !== i))}>
              {t("removeFollowUp", { n: i + 1 })}
            </Button>
          </fieldset>
        ))}
        <FieldError error={err} id="followUps" />
        <Button variant="secondary" className="self-start" icon={<Plus aria-hidden="true" size={18} />} onClick={() => setFollowUps((fs) => [...fs, { what: "", ollaId: "", dueOn: today, status: "pending" }])} data-testid="add-follow-up">
          {t("addFollowUp")}
        </Button>
      </fieldset>

      <fieldset className="card flex flex-col gap-2">
        <legend className="font-semibold">{t("photos")}</legend>
        <PhotoPicker
          picked={picked}
          labels={{ gallery: t("addPhotos"), remove: (n) => t("removePhoto", { n }), alt: (n) => t("photoAlt", { n }) }}
          testIds={{ input: "workshop-photo-input", list: "workshop-photos" }}
        />
        <FieldError error={err} id="photos" />
      </fieldset>

      <Button type="submit" busy={busy} icon={<Save aria-hidden="true" size={18} />} data-testid="save-workshop">
        {busy ? t("saving") : t("save")}
      </Button>
    </form>
  );
}
