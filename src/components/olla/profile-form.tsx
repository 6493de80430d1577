"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FieldError, FormError, fieldProps } from "~/components/forms/errors";
import type { OllaProfileInput } from "~/validation/olla";
import { OLLA_STATUSES, WEEKDAYS } from "~/shared/olla";

export interface Option {
  value: string;
  label: string;
}

export type ProfileValues = Omit<OllaProfileInput, "contactPhone"> & { contactPhone: string | null };

/** Edits every profile field; the server validates and answers field errors in the reader's language. */
export function OllaProfileForm(props: {
  initial: ProfileValues;
  districts: Option[];
  zones: Option[];
  error: unknown;
  busy: boolean;
  submitLabel: string;
  onSubmit: (values: ProfileValues) => void;
}) {
  const t = useTranslations("olla");
  const tc = useTranslations("common");
  const [v, setV] = useState<ProfileValues>(props.initial);
  const set = <K extends keyof ProfileValues>(k: K, val: ProfileValues[K]) => setV((s) => ({ ...s, [k]: val }));
  const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
  const err = props.error;

  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(v);
      }}
    >
      <fieldset className="card grid grid-cols-1 gap-3 sm:grid-cols-2">
        <div className="field sm:col-span-2">
          <label htmlFor="name">{t("fields.name")}</label>
          <input {...fieldProps(err, "name")} className="input" value={v.name} maxLength={120} required onChange={(e) => set("name", e.target.value)} />
          <FieldError error={err} id="name" />
        </div>
        <div className="field">
          <label htmlFor="districtUbigeo">{t("fields.district")}</label>
          <select {...fieldProps(err, "districtUbigeo")} className="input" value={v.districtUbigeo} onChange={(e) => set("districtUbigeo", e.target.value)}>
            {props.districts.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
          <FieldError error={err} id="districtUbigeo" />
        </div>
        <div className="field">
          <label htmlFor="zoneId">{t("fields.zone")}</label>
          <select {...fieldProps(err, "zoneId")} className="input" value={v.zoneId} onChange={(e) => set("zoneId", e.target.value)}>
            {props.zones.map((z) => (
              <option key={z.value} value={z.value}>
                {z.label}
              </option>
            ))}
          </select>
          <FieldError error={err} id="zoneId" />
        </div>
        <div className="field">
          <label htmlFor="status">{t("fields.status")}</label>
          <select {...fieldProps(err, "status")} className="input" value={v.status} onChange={(e) => set("status", e.target.value as ProfileValues["status"])}>
            {OLLA_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="foundedOn">{t("fields.foundedOn")}</label>
          <input {...fieldProps(err, "foundedOn")} type="date" className="input" value={v.foundedOn ?? ""} onChange={(e) => set("foundedOn", e.target.value || null)} />
          <FieldError error={err} id="foundedOn" />
        </div>
      </fieldset>

      <fieldset className="card grid grid-cols-1 gap-3 sm:grid-cols-2">
        <legend className="label px-1">{t("fields.location")}</legend>
        <p className="hint sm:col-span-2">{t("private")}</p>
        <div className="field sm:col-span-2">
          <label htmlFor="addressReference">{t("fields.addressReference")}</label>
          <input
            {...fieldProps(err, "addressReference")}
            className="input"
            value={v.addressReference ?? ""}
            maxLength={300}
            placeholder={t("fields.addressReferenceHint")}
            onChange={(e) => set("addressReference", e.target.value)}
          />
          <FieldError error={err} id="addressReference" />
        </div>
        <div className="field">
          <label htmlFor="lat">{t("fields.lat")}</label>
          <input
            {...fieldProps(err, "lat", "location.lat")}
            className="input"
            inputMode="decimal"
            value={Number.isNaN(v.location.lat) ? "" : String(v.location.lat)}
            onChange={(e) => set("location", { ...v.location, lat: num(e.target.value) })}
          />
          <FieldError error={err} id="lat" path="location.lat" />
        </div>
        <div className="field">
          <label htmlFor="lng">{t("fields.lng")}</label>
          <input
            {...fieldProps(err, "lng", "location.lng")}
            className="input"
            inputMode="decimal"
            value={Number.isNaN(v.location.lng) ? "" : String(v.location.lng)}
            onChange={(e) => set("location", { ...v.location, lng: num(e.target.value) })}
          />
          <FieldError error={err} id="lng" path="location.lng" />
        </div>
        <UseMyLocation onLocate={(p) => set("location", p)} />
        <label className="flex items-start gap-2 sm:col-span-2">
          <input type="checkbox" className="mt-1 h-5 w-5" checked={v.publishExact} onChange={(e) => set("publishExact", e.target.checked)} />
          <span>{t("fields.publishExact")}</span>
        </label>
      </fieldset>

      <fieldset className="card grid grid-cols-1 gap-3 sm:grid-cols-2">
        <legend className="label px-1">{t("fields.beneficiaries")}</legend>
        <div className="field">
          <label htmlFor="rationsPerDay">{t("fields.rationsPerDay")}</label>
          <input {...fieldProps(err, "rationsPerDay")} type="number" inputMode="numeric" min={0} max={5000} className="input" value={Number.isNaN(v.rationsPerDay) ? "" : v.rationsPerDay} onChange={(e) => set("rationsPerDay", num(e.target.value))} />
          <FieldError error={err} id="rationsPerDay" />
        </div>
        <div className="field">
          <label htmlFor="rationPrice">{t("fields.rationPrice")}</label>
          <input
            {...fieldProps(err, "rationPrice", "rationPriceCents")}
            type="number"
            inputMode="decimal"
            step="0.10"
            min={0}
            max={50}
            className="input"
            value={Number.isNaN(v.rationPriceCents) ? "" : v.rationPriceCents / 100}
            onChange={(e) => set("rationPriceCents", Math.round(num(e.target.value) * 100))}
          />
          <FieldError error={err} id="rationPrice" path="rationPriceCents" />
        </div>
        {(["children", "olderAdults", "pregnantNursing", "disabled"] as const).map((k) => (
          <div className="field" key={k}>
            <label htmlFor={`b-${k}`}>{t(`fields.${k}`)}</label>
            <input
              {...fieldProps(err, `b-${k}`, `beneficiaries.${k}`)}
              type="number"
              inputMode="numeric"
              min={0}
              max={5000}
              className="input"
              value={Number.isNaN(v.beneficiaries[k]) ? "" : v.beneficiaries[k]}
              onChange={(e) => set("beneficiaries", { ...v.beneficiaries, [k]: num(e.target.value) })}
            />
            <FieldError error={err} id={`b-${k}`} path={`beneficiaries.${k}`} />
          </div>
        ))}
        <fieldset className="sm:col-span-2">
          <legend className="label">{t("fields.cookingDays")}</legend>
          <div className="flex flex-wrap gap-3">
            {WEEKDAYS.map((d) => (
              <label key={d} className="flex min-h-[44px] items-center gap-1">
                <input
                  type="checkbox"
                  className="h-5 w-5"
                  checked={v.cookingDays.includes(d)}
                  onChange={(e) => set("cookingDays", e.target.checked ? [...v.cookingDays, d] : v.cookingDays.filter((x) => x !== d))}
                />
                {t(`days.${d}`)}
              </label>
            ))}
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="card grid grid-cols-1 gap-3 sm:grid-cols-2">
        <legend className="label px-1">{tc("optional")}</legend>
        <div className="field">
          <label htmlFor="contactName">{t("fields.contactName")}</label>
          <input {...fieldProps(err, "contactName")} className="input" maxLength={120} value={v.contactName ?? ""} onChange={(e) => set("contactName", e.target.value)} />
          <FieldError error={err} id="contactName" />
        </div>
        <div className="field">
          <label htmlFor="contactPhone">{t("fields.contactPhone")}</label>
          <input {...fieldProps(err, "contactPhone")} className="input" inputMode="tel" autoComplete="tel" value={v.contactPhone ?? ""} onChange={(e) => set("contactPhone", e.target.value || null)} />
          <FieldError error={err} id="contactPhone" />
        </div>
      </fieldset>

      <FormError error={err} />
      <button type="submit" className="btn self-start" disabled={props.busy}>
        {props.busy ? tc("saving") : props.submitLabel}
      </button>
    </form>
  );
}

/** Fills the point from the phone's GPS (the delegate is usually standing in her olla). */
function UseMyLocation({ onLocate }: { onLocate: (p: { lat: number; lng: number }) => void }) {
  const t = useTranslations("olla");
  const [state, setState] = useState<"idle" | "busy" | "denied">("idle");
  if (typeof navigator !== "undefined" && !("geolocation" in navigator)) return null;
  return (
    <div className="flex flex-col gap-1 sm:col-span-2">
      <button
        type="button"
        className="btn btn-secondary self-start"
        disabled={state === "busy"}
        onClick={() => {
          setState("busy");
          navigator.geolocation.getCurrentPosition(
            (pos) => {
              onLocate({ lat: Math.round(pos.coords.latitude * 1e6) / 1e6, lng: Math.round(pos.coords.longitude * 1e6) / 1e6 });
              setState("idle");
            },
            () => setState("denied"),
            { enableHighAccuracy: true, timeout: 15_000 },
          );
        }}
      >
        {t("useMyLocation")}
      </button>
      {state === "denied" && (
        <span role="status" className="hint">
          {t("locationUnavailable")}
        </span>
      )}
    </div>
  );
}
