"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FormError, fieldError } from "~/components/forms/errors";
import { Badge, Button, Card, CategoryIcon, EmptyState, Input, Select, SkeletonCard } from "~/components/ui";
import { toast } from "~/components/ui/toast";
import { PROBLEM_CATEGORIES, type ProblemCategory } from "~/shared/assessment";
import { MAX_PREREQ_ALTERNATIVES, MAX_PREREQ_GROUPS } from "~/shared/plans";
import { useTRPC } from "~/trpc/react";

interface Module {
  id: string;
  code: string;
  nameEs: string;
  nameEn: string;
  category: ProblemCategory;
  costMinCents: number;
  costMaxCents: number;
  sizeNoteEs: string | null;
  sizeNoteEn: string | null;
  active: boolean;
  version: number;
  prerequisites: string[][];
}

/** "450" or "450,50" → céntimos; anything else NaN (the server answers with the field's message). */
function toCents(soles: string): number {
  const v = soles.trim().replace(",", ".");
  return /^\d+(\.\d{1,2})?$/.test(v) ? Math.round(Number(v) * 100) : Number.NaN;
}
const toSoles = (cents: number) => String(cents / 100);

/**
 * The city coordination keeps the network's module catalogue: every module (active and retired)
 * with its cost range and prerequisites, a form to add one, and the same form to edit one.
 * Prerequisites are groups, each met by any one of its modules ("a tank or a water connection").
 * The server refuses a cycle, min > max and a stale edit; the form shows why, beside the field.
 */
export function CatalogueEditor() {
  const t = useTranslations("plans");
  const trpc = useTRPC();
  const list = useQuery(trpc.planModule.list.queryOptions({ includeRetired: true }));
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const modules = (list.data ?? []) as Module[];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{t("catalogue.title")}</h1>
      <p className="hint">{t("catalogue.lead")}</p>
      {creating ? (
        <Card as="section" title={t("catalogue.new")}>
          <ModuleForm modules={modules} onDone={() => setCreating(false)} />
        </Card>
      ) : (
        <Button className="self-start" icon={<Plus aria-hidden="true" size={18} />} onClick={() => setCreating(true)} data-testid="module-new">
          {t("catalogue.new")}
        </Button>
      )}
      {list.isError && <FormError error={list.error} />}
      {list.isPending && <SkeletonCard />}
      {list.data?.length === 0 && <EmptyState title={t("catalogue.none")} />}
      {modules.length > 0 && (
        <ul className="flex flex-col gap-3" data-testid="module-list">
          {modules.map((m) => (
            <li key={m.id} className="card flex flex-col gap-2" data-testid="module-row" data-code={m.code}>
              {editing === m.id ? (
                <ModuleForm modules={modules} current={m} onDone={() => setEditing(null)} />
              ) : (
                <ModuleSummary module={m} modules={modules} onEdit={() => setEditing(m.id)} />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function useNames(modules: readonly Module[]) {
  const locale = useLocale();
  const name = (m: Pick<Module, "nameEs" | "nameEn">) => (locale === "en" ? m.nameEn : m.nameEs);
  const byId = new Map(modules.map((m) => [m.id, m]));
  return { locale, name, nameOf: (id: string) => (byId.has(id) ? name(byId.get(id)!) : "—") };
}

function ModuleSummary({ module: m, modules, onEdit }: { module: Module; modules: readonly Module[]; onEdit: () => void }) {
  const t = useTranslations("plans");
  const ta = useTranslations("assessment");
  const { locale, name, nameOf } = useNames(modules);
  const soles = (c: number) => (c / 100).toLocaleString(locale === "en" ? "en-GB" : "es-PE", { maximumFractionDigits: 2 });
  const note = locale === "en" ? m.sizeNoteEn : m.sizeNoteEs;
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-bold">{name(m)}</h2>
        <Badge tone={m.active ? "success" : "neutral"}>{m.active ? t("catalogue.active") : t("catalogue.retired")}</Badge>
      </div>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <span className="flex items-center gap-1">
          <CategoryIcon category={m.category} />
          {ta(`category.${m.category}`)}
        </span>
        <span>{t("range", { min: soles(m.costMinCents), max: soles(m.costMaxCents) })}</span>
        <span className="font-mono">{m.code}</span>
      </p>
      {note && (
        <p className="text-sm">
          {t("catalogue.sizeNote")}: {note}
        </p>
      )}
      {m.prerequisites.length > 0 && (
        <ul className="text-sm" data-testid="module-requires">
          {m.prerequisites.map((g, n) => (
            <li key={n}>
              {t("catalogue.requires")}: {g.map(nameOf).join(t("or"))}
            </li>
          ))}
        </ul>
      )}
      <Button variant="secondary" size="sm" className="min-h-tap self-start" icon={<Pencil aria-hidden="true" size={16} />} onClick={onEdit} aria-label={t("catalogue.editLabel", { module: name(m) })}>
        {t("edit")}
      </Button>
    </>
  );
}

/** Create (no `current`) or edit one module. Sends every field of the form, and the version it was read at. */
function ModuleForm({ modules, current, onDone }: { modules: readonly Module[]; current?: Module; onDone: () => void }) {
  const t = useTranslations("plans");
  const ta = useTranslations("assessment");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { name } = useNames(modules);
  const id = useId();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [f, setF] = useState({
    code: current?.code ?? "",
    nameEs: current?.nameEs ?? "",
    nameEn: current?.nameEn ?? "",
    category: current?.category ?? "",
    costMin: current ? toSoles(current.costMinCents) : "",
    costMax: current ? toSoles(current.costMaxCents) : "",
    sizeNoteEs: current?.sizeNoteEs ?? "",
    sizeNoteEn: current?.sizeNoteEn ?? "",
    active: current?.active ?? true,
  });
  const [groups, setGroups] = useState<string[][]>(current?.prerequisites ?? []);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.planModule.list.queryKey() });
  const finish = async (msg: string) => {
    toast(msg);
    setKey(crypto.randomUUID());
    await refresh();
    onDone();
  };
  const create = useMutation(trpc.planModule.create.mutationOptions({ onSuccess: () => finish(t("catalogue.created")) }));
  const update = useMutation(trpc.planModule.update.mutationOptions({ onSuccess: () => finish(t("catalogue.updated")) }));
  const m = current ? update : create;
  const err = m.error;
  const stale = (err as { data?: { code?: string } } | null)?.data?.code === "CONFLICT" && current !== undefined;
  // Every other module may be a prerequisite (retired ones too: a plan may already hold one).
  const candidates = modules.filter((x) => x.id !== current?.id);
  const fields = {
    code: f.code,
    nameEs: f.nameEs,
    nameEn: f.nameEn,
    category: f.category as ProblemCategory,
    costMinCents: toCents(f.costMin),
    costMaxCents: toCents(f.costMax),
    sizeNoteEs: f.sizeNoteEs,
    sizeNoteEn: f.sizeNoteEn,
    active: f.active,
    prerequisites: groups.filter((g) => g.length > 0),
  };
  const toggle = (n: number, moduleId: string, on: boolean) =>
    setGroups((gs) => gs.map((g, k) => (k !== n ? g : on ? [...g, moduleId] : g.filter((x) => x !== moduleId))));

  return (
    <form
      className="flex flex-col gap-3"
      data-testid="module-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (current) update.mutate({ idempotencyKey: key, moduleId: current.id, version: current.version, ...fields });
        else create.mutate({ idempotencyKey: key, ...fields });
      }}
    >
      {current && <h2 className="text-lg font-bold">{t("catalogue.editing", { module: name(current) })}</h2>}
      <div className="grid gap-3 sm:grid-cols-2">
        <Input label={t("catalogue.nameEs")} value={f.nameEs} onChange={set("nameEs")} required maxLength={120} error={fieldError(err, "nameEs")} />
        <Input label={t("catalogue.nameEn")} value={f.nameEn} onChange={set("nameEn")} required maxLength={120} error={fieldError(err, "nameEn")} />
        <Input label={t("catalogue.code")} hint={t("catalogue.codeHint")} value={f.code} onChange={set("code")} required maxLength={40} autoCapitalize="none" autoComplete="off" error={fieldError(err, "code")} />
        <Select label={t("fields.category")} value={f.category} onChange={set("category")} required error={fieldError(err, "category")}>
          <option value="" disabled>
            {t("catalogue.chooseCategory")}
          </option>
          {PROBLEM_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {ta(`category.${c}`)}
            </option>
          ))}
        </Select>
        <Input label={t("catalogue.costMin")} inputMode="decimal" value={f.costMin} onChange={set("costMin")} required error={fieldError(err, "costMinCents")} />
        <Input label={t("catalogue.costMax")} inputMode="decimal" value={f.costMax} onChange={set("costMax")} required error={fieldError(err, "costMaxCents")} />
        <Input label={t("catalogue.sizeNoteEs")} optionalLabel={tc("optional")} value={f.sizeNoteEs} onChange={set("sizeNoteEs")} maxLength={200} error={fieldError(err, "sizeNoteEs")} />
        <Input label={t("catalogue.sizeNoteEn")} optionalLabel={tc("optional")} value={f.sizeNoteEn} onChange={set("sizeNoteEn")} maxLength={200} error={fieldError(err, "sizeNoteEn")} />
      </div>

      <fieldset className="flex flex-col gap-2" aria-describedby={fieldError(err, "prerequisites") ? `${id}-prereq-error` : undefined}>
        <legend className="font-semibold">{t("catalogue.prerequisites")}</legend>
        <p className="hint">{t("catalogue.prerequisitesHint")}</p>
        {groups.map((g, n) => (
          <fieldset key={n} className="flex flex-col gap-1 rounded-[var(--radius-control)] bg-stone-50 p-2" data-testid="prereq-group">
            <legend className="text-sm font-semibold">{t("catalogue.group", { n: n + 1 })}</legend>
            <div className="grid gap-x-3 sm:grid-cols-2">
              {candidates.map((c) => (
                <label key={c.id} className="flex min-h-tap items-center gap-2">
                  <input
                    type="checkbox"
                    className="size-5"
                    checked={g.includes(c.id)}
                    disabled={!g.includes(c.id) && g.length >= MAX_PREREQ_ALTERNATIVES}
                    onChange={(e) => toggle(n, c.id, e.target.checked)}
                  />
                  {name(c)}
                </label>
              ))}
            </div>
            <Button variant="quiet" size="sm" className="min-h-tap self-start" icon={<Trash2 aria-hidden="true" size={16} />} onClick={() => setGroups((gs) => gs.filter((_, k) => k !== n))}>
              {t("catalogue.removeGroup", { n: n + 1 })}
            </Button>
          </fieldset>
        ))}
        {groups.length < MAX_PREREQ_GROUPS && (
          <Button variant="secondary" size="sm" className="min-h-tap self-start" icon={<Plus aria-hidden="true" size={16} />} onClick={() => setGroups((gs) => [...gs, []])}>
            {t("catalogue.addGroup")}
          </Button>
        )}
        {fieldError(err, "prerequisites") && (
          <p id={`${id}-prereq-error`} className="error" data-testid="prereq-error">
            {fieldError(err, "prerequisites")}
          </p>
        )}
      </fieldset>

      <label className="flex min-h-tap items-center gap-2">
        <input type="checkbox" className="size-5" checked={f.active} onChange={(e) => setF((x) => ({ ...x, active: e.target.checked }))} />
        {t("catalogue.activeLabel")}
      </label>

      <FormError error={err} />
      {stale && (
        <Button variant="secondary" className="self-start" onClick={async () => { await refresh(); onDone(); }}>
          {t("catalogue.reload")}
        </Button>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={m.isPending} data-testid="module-save">
          {current ? tc("save") : t("catalogue.create")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {t("catalogue.cancel")}
        </Button>
      </div>
    </form>
  );
}
