"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FieldError, FormError, fieldProps } from "~/components/forms/errors";
import { useTRPC } from "~/trpc/react";

interface Values {
  threshold: string;
  staples: string[];
  lowStockDays: string;
  wage: string;
  maxTerm: string;
}

/** City coordinators change the network's settings; the server validates and audits each change. */
export function SettingsForm() {
  const t = useTranslations("dashboard.settings");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  // The dashboard beside this form is rendered on the server: a refresh redraws it with the new settings.
  const router = useRouter();
  const q = useQuery(trpc.settings.get.queryOptions());
  const [values, setValues] = useState<Values | null>(null);
  const [saved, setSaved] = useState(false);
  const m = useMutation(
    trpc.settings.update.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        setValues(null);
        await qc.invalidateQueries({ queryKey: trpc.settings.get.queryKey() });
        router.refresh();
      },
    }),
  );
  if (!q.data) return null;
  const s = q.data;
  const v: Values = values ?? {
    threshold: String(Math.round(s.dependencyThreshold * 100)),
    staples: s.stapleItems,
    lowStockDays: String(s.lowStockDays),
    wage: (s.monthlyMinimumWageCents / 100).toFixed(2),
    maxTerm: String(s.maxLeadershipTermMonths),
  };
  const set = (patch: Partial<Values>) => {
    setSaved(false);
    setValues({ ...v, ...patch });
  };
  return (
    <section aria-labelledby="settings-h" className="card flex flex-col gap-3" data-testid="settings">
      <h2 id="settings-h" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="hint">{t("lead")}</p>
      <form
        className="grid grid-cols-1 gap-3 sm:grid-cols-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate({
            version: s.version,
            dependencyThresholdPercent: Number(v.threshold),
            stapleItems: v.staples,
            lowStockDays: Number(v.lowStockDays),
            monthlyMinimumWage: Number(v.wage),
            maxLeadershipTermMonths: Number(v.maxTerm),
          });
        }}
      >
        <div className="field">
          <label htmlFor="set-threshold">{t("threshold")}</label>
          <input {...fieldProps(m.error, "set-threshold", "dependencyThresholdPercent")} className="input" inputMode="numeric" type="number" min={10} max={100} value={v.threshold} onChange={(e) => set({ threshold: e.target.value })} />
          <span className="hint">{t("thresholdHint")}</span>
          <FieldError error={m.error} id="set-threshold" path="dependencyThresholdPercent" />
        </div>
        <div className="field">
          <label htmlFor="set-low">{t("lowStockDays")}</label>
          <input {...fieldProps(m.error, "set-low", "lowStockDays")} className="input" inputMode="numeric" type="number" min={1} max={60} value={v.lowStockDays} onChange={(e) => set({ lowStockDays: e.target.value })} />
          <FieldError error={m.error} id="set-low" path="lowStockDays" />
        </div>
        <div className="field">
          <label htmlFor="set-wage">{t("minimumWage")}</label>
          <input {...fieldProps(m.error, "set-wage", "monthlyMinimumWage")} className="input" inputMode="decimal" type="number" step="0.01" min={500} max={10000} value={v.wage} onChange={(e) => set({ wage: e.target.value })} />
          <FieldError error={m.error} id="set-wage" path="monthlyMinimumWage" />
        </div>
        <div className="field">
          <label htmlFor="set-term">{t("maxTerm")}</label>
          <input {...fieldProps(m.error, "set-term", "maxLeadershipTermMonths")} className="input" inputMode="numeric" type="number" min={6} max={120} value={v.maxTerm} onChange={(e) => set({ maxTerm: e.target.value })} />
          <FieldError error={m.error} id="set-term" path="maxLeadershipTermMonths" />
        </div>
        <fieldset className="sm:col-span-2" aria-describedby="set-staples-hint">
          <legend className="label">{t("staples")}</legend>
          <p id="set-staples-hint" className="hint">
            {t("staplesHint")}
          </p>
          <div className="grid grid-cols-2 gap-1 sm:grid-cols-4">
            {s.catalogue.map((c) => (
              <label key={c.code} className="flex min-h-[44px] items-center gap-2">
                <input
                  type="checkbox"
                  className="h-5 w-5"
                  checked={v.staples.includes(c.code)}
                  onChange={(e) => set({ staples: e.target.checked ? [...v.staples, c.code] : v.staples.filter((x) => x !== c.code) })}
                />
                {c.name}
              </label>
            ))}
          </div>
          <FieldError error={m.error} id="set-staples" path="stapleItems" />
        </fieldset>
        <div className="flex flex-col gap-2 sm:col-span-2">
          <FormError error={m.error} />
          {saved && (
            <p role="status" className="notice">
              {t("saved")}
            </p>
          )}
          <button className="btn self-start" type="submit" disabled={m.isPending}>
            {m.isPending ? tc("saving") : t("save")}
          </button>
        </div>
      </form>
    </section>
  );
}
