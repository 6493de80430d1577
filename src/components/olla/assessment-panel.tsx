"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { FieldError, FormError, fieldProps } from "~/components/forms/errors";
import { PROBLEM_CATEGORIES, type ProblemCategory } from "~/shared/assessment";
import { limaToday } from "~/shared/lima-day";
import { useTRPC } from "~/trpc/react";
import { LevelBadge } from "./level-badge";

interface Latest {
  category: ProblemCategory;
  level: number;
  note: string | null;
  assessedOn: string;
}

/** Current state per category, and a quick form to record a new self-assessment. */
export function AssessmentPanel({ ollaId, latest, canAssess }: { ollaId: string; latest: Latest[]; canAssess: boolean }) {
  const t = useTranslations("assessment");
  const f = useFormatter();
  const byCat = new Map(latest.map((a) => [a.category, a]));
  const [open, setOpen] = useState<ProblemCategory | null>(null);
  return (
    <section aria-labelledby="assess-h" className="card flex flex-col gap-3">
      <h2 id="assess-h" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {canAssess && <p className="hint">{t("lead")}</p>}
      <ul className="flex flex-col divide-y divide-stone-200">
        {PROBLEM_CATEGORIES.map((c) => {
          const a = byCat.get(c);
          return (
            <li key={c} className="flex flex-col gap-2 py-2" data-testid={`assessment-${c}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-semibold">{t(`category.${c}`)}</span>
                <span className="flex items-center gap-2">
                  {a ? (
                    <>
                      <LevelBadge level={a.level} />
                      <span className="hint">{t("since", { date: f.dateTime(new Date(`${a.assessedOn}T12:00:00`), { dateStyle: "medium" }) })}</span>
                    </>
                  ) : (
                    <span className="hint">{t("notAssessed")}</span>
                  )}
                  {canAssess && (
                    <button type="button" className="underline" aria-expanded={open === c} onClick={() => setOpen(open === c ? null : c)}>
                      {t("record")}
                    </button>
                  )}
                </span>
              </div>
              {a?.note && <p className="hint">{a.note}</p>}
              {open === c && <AssessmentForm ollaId={ollaId} category={c} initial={a?.level ?? 1} onDone={() => setOpen(null)} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function AssessmentForm({ ollaId, category, initial, onDone }: { ollaId: string; category: ProblemCategory; initial: number; onDone: () => void }) {
  const t = useTranslations("assessment");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const [level, setLevel] = useState(initial);
  const [note, setNote] = useState("");
  const [date, setDate] = useState(limaToday());
  const m = useMutation(
    trpc.assessment.record.mutationOptions({
      onSuccess: async () => {
        await qc.invalidateQueries({ queryKey: trpc.olla.get.queryKey({ ollaId }) });
        onDone();
      },
    }),
  );
  const id = `lvl-${category}`;
  return (
    <form
      className="flex flex-col gap-2 rounded-lg bg-stone-50 p-2"
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate({ ollaId, category, level, note, assessedOn: date });
      }}
    >
      <fieldset>
        <legend className="label">{t(`category.${category}`)}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {[0, 1, 2, 3].map((l) => (
            <label key={l} className={`flex min-h-[44px] items-center gap-2 rounded border px-2 level-${l}`}>
              <input type="radio" name={id} value={l} checked={level === l} onChange={() => setLevel(l)} className="h-5 w-5" />
              {t(`level.${l}` as "level.0")}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`note-${category}`}>{t("note")}</label>
        <textarea {...fieldProps(m.error, `note-${category}`, "note")} className="input" maxLength={500} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        <FieldError error={m.error} id={`note-${category}`} path="note" />
      </div>
      <div className="field">
        <label htmlFor={`date-${category}`}>{t("date")}</label>
        <input {...fieldProps(m.error, `date-${category}`, "assessedOn")} type="date" className="input" value={date} max={limaToday()} onChange={(e) => setDate(e.target.value)} />
        <FieldError error={m.error} id={`date-${category}`} path="assessedOn" />
      </div>
      <FormError error={m.error} />
      <button className="btn self-start" type="submit" disabled={m.isPending}>
        {m.isPending ? tc("saving") : t("record")}
      </button>
    </form>
  );
}
