"use client";
/**
 * A delegate form that never loses a submit:
 *   - before the page is interactive it is a plain POST to its server action (React renders the
 *     action's hidden fields), and the page comes back with the result;
 *   - once interactive, a submit is written to the outbox in IndexedDB first, then sent; she sees
 *     "Guardado" when the server answers within a few seconds, "Guardado en este teléfono" when
 *     it does not (offline, slow line), and the field errors when the server refuses it.
 * The idempotency key is in a hidden input in both cases, so nothing is applied twice.
 *
 *   <DelegateForm action={recordEntryAction} procedure="stock.recordEntry" ollaId=… initialKey=… title="Entrada">
 *     <FormSelect name="item" … /> <FormInput name="quantity" … /> <SubmitButton>Guardar</SubmitButton>
 *   </DelegateForm>
 */
import { useRouter, useSearchParams } from "next/navigation";
import { createContext, useActionState, useContext, useEffect, useId, useRef, useState, type ComponentProps, type ReactNode } from "react";
import { Button } from "~/components/ui/button";
import { Input, Select, Textarea } from "~/components/ui/field";
import { cx } from "~/components/ui/cx";
import { toast } from "~/components/ui/toast";
import { formToInput, formValues, toFormErrors, type DelegateProcedure } from "~/shared/delegate-forms";
import type { DelegateAction, DelegateFormState } from "./form-state";
import { newKey, submitThroughOutbox } from "./outbox-client";
import { getChange } from "./outbox-store";
import { usePerson } from "./person";
import { useWords } from "./words";

interface FormCtx {
  errors: Record<string, string>;
  /** Values to show instead of the defaults (after a refused submit, or when fixing a queued change). */
  values: Record<string, string | string[]> | null;
  pending: boolean;
  /** Prefix of the controls' ids: several forms on one page (each need's) keep ids unique. */
  prefix: string;
}
const Ctx = createContext<FormCtx>({ errors: {}, values: null, pending: false, prefix: "f-" });

function valueOf(ctx: FormCtx, name: string): string | undefined {
  const v = ctx.values?.[name];
  return v === undefined ? undefined : Array.isArray(v) ? v[0] : v;
}

/** The human summary of a change for the outbox list: the form's title and its marked fields. */
function summarize(form: HTMLFormElement, title: string): string {
  const parts: string[] = [title];
  form.querySelectorAll<HTMLElement>("[data-summary]").forEach((el) => {
    if (el instanceof HTMLSelectElement) parts.push(el.selectedOptions[0]?.text ?? "");
    else if (el instanceof HTMLInputElement && (el.type === "radio" || el.type === "checkbox")) {
      if (el.checked) parts.push(el.dataset.summary || el.value);
    } else if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) parts.push(`${el.value}${el.dataset.summary ? ` ${el.dataset.summary}` : ""}`);
  });
  return parts.filter((p) => p.trim() !== "").join(" · ").slice(0, 160);
}

export function DelegateForm({
  action,
  procedure,
  ollaId,
  initialKey,
  title,
  savedMessage,
  className,
  testId,
  editable = true,
  doneHref,
  children,
  "aria-label": ariaLabel,
}: {
  action: DelegateAction;
  procedure: DelegateProcedure;
  ollaId: string;
  initialKey: string;
  /** What the change is, for the outbox list ("Entrada"). */
  title: string;
  /** The toast after the server saved it. */
  savedMessage: string;
  className?: string;
  testId?: string;
  /** Whether "Corregir" on a refused queued change may open this form with its values. */
  editable?: boolean;
  /** Where she goes once the server saved it (a deleted post's page has nothing left to show); else the page refreshes. */
  doneHref?: string;
  children: ReactNode;
  "aria-label"?: string;
}) {
  const t = useWords("delegate");
  const router = useRouter();
  const fixing = useSearchParams().get("corregir");
  const person = usePerson();
  const [state, formAction, actionPending] = useActionState<DelegateFormState, FormData>(action, { status: "idle", key: initialKey });
  // Set once this page handles the submit itself (outbox path); the server action's state otherwise.
  const [local, setLocal] = useState<{ key: string; errors: Record<string, string>; message?: string; values: FormCtx["values"] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const prefix = `f${useId().replace(/[^a-zA-Z0-9]/g, "")}-`;
  const key = local?.key ?? state.key;

  // The server action's answer (a submit made before the page was interactive): say it as a toast too.
  useEffect(() => {
    if (state.status === "ok" && state.message) toast(state.message);
  }, [state]);

  // "Corregir" in the outbox list opens this page with ?corregir=<key>: show that change's values and keep its key.
  useEffect(() => {
    if (!editable || !fixing) return;
    void getChange(fixing).then((c) => {
      if (!c || c.procedure !== procedure || c.ollaId !== ollaId) return;
      setLocal({ key: c.key, errors: toFormErrors(c.fieldErrors), message: c.error ? t("outbox.editing", { reason: c.error }) : undefined, values: c.values });
      setGeneration((g) => g + 1);
    });
  }, [editable, fixing, procedure, ollaId, t]);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    // No IndexedDB (private mode on some browsers) or no person: the server action takes it.
    if (!person || typeof indexedDB === "undefined") return;
    e.preventDefault();
    const form = e.currentTarget;
    const fd = new FormData(form);
    const input = formToInput(procedure, fd);
    setBusy(true);
    const result = await submitThroughOutbox({
      key,
      userId: person.userId,
      ollaId,
      procedure,
      input,
      values: formValues(fd),
      formPath: window.location.pathname,
      label: summarize(form, title),
    }).catch(() => null);
    setBusy(false);
    if (!result) {
      // IndexedDB failed (storage full, blocked): let the server action have it.
      form.requestSubmit();
      return;
    }
    const fresh = () => {
      setLocal({ key: newKey(), errors: {}, values: null });
      setGeneration((g) => g + 1);
      if (window.location.search.includes("corregir=")) window.history.replaceState(null, "", window.location.pathname);
    };
    switch (result.status) {
      case "ok":
        toast(savedMessage);
        fresh();
        if (doneHref) router.push(doneHref);
        else router.refresh();
        break;
      case "queued":
        toast(t("queued"), "info");
        fresh();
        break;
      case "unauthorized":
        toast(t("sessionExpired"), "danger");
        fresh();
        break;
      case "refused":
        setLocal({ key, errors: toFormErrors(result.fieldErrors), message: result.message, values: formValues(fd) });
        setGeneration((g) => g + 1);
        break;
    }
  }

  // After a refused submit the form is drawn again with her values and the errors; focus the first.
  useEffect(() => {
    const bad = formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]");
    if (bad && (local?.errors || state.fieldErrors)) bad.focus();
  }, [generation, state, local]);

  const errors = local ? local.errors : (state.fieldErrors ?? {});
  const message = local ? local.message : state.status === "error" ? state.message : undefined;
  const values = local ? local.values : state.status === "error" ? (state.values ?? null) : null;
  const showFieldless = message && Object.keys(errors).length === 0;
  return (
    <Ctx.Provider value={{ errors, values, pending: busy || actionPending, prefix }}>
      <form
        key={`${generation}-${state.at ?? 0}`}
        ref={formRef}
        action={formAction}
        onSubmit={onSubmit}
        noValidate
        aria-label={ariaLabel}
        className={cx("flex flex-col gap-3", className)}
        data-testid={testId}
        data-procedure={procedure}
      >
        <input type="hidden" name="ollaId" value={ollaId} />
        <input type="hidden" name="idempotencyKey" value={key} />
        {/* For the service worker: a submit before the page is interactive, made offline, is queued by it. */}
        <input type="hidden" name="_procedure" value={procedure} />
        <input type="hidden" name="_title" value={title} />
        {state.status === "ok" && !local && state.message && (
          <p role="status" className="notice" data-testid="form-saved">
            {state.message}
          </p>
        )}
        {message && (showFieldless || !local) && (
          <p role="alert" className="alert" data-testid="form-error">
            {message}
          </p>
        )}
        {children}
      </form>
    </Ctx.Provider>
  );
}

function useField(name: string) {
  const ctx = useContext(Ctx);
  return { error: ctx.errors[name], value: valueOf(ctx, name), values: ctx.values, pending: ctx.pending, id: `${ctx.prefix}${name}` };
}

type InputProps = Omit<ComponentProps<typeof Input>, "error" | "name"> & { name: string; summary?: string | boolean };

/** Input with the form's error and, after a refusal, her value. Uncontrolled: what she types before the page is interactive stays. */
export function FormInput({ name, defaultValue, summary, ...rest }: InputProps) {
  const f = useField(name);
  return (
    <Input
      name={name}
      id={rest.id ?? f.id}
      error={f.error}
      defaultValue={f.value ?? defaultValue}
      data-summary={summary === undefined || summary === false ? undefined : summary === true ? "" : summary}
      {...rest}
    />
  );
}

export function FormTextarea({ name, defaultValue, ...rest }: Omit<ComponentProps<typeof Textarea>, "error" | "name"> & { name: string }) {
  const f = useField(name);
  return <Textarea name={name} id={rest.id ?? f.id} error={f.error} defaultValue={f.value ?? defaultValue} {...rest} />;
}

export interface Option {
  value: string;
  label: string;
  /** Marks an option for CSS (`data-tag`), e.g. the source types that name an institution. */
  tag?: string;
  /** Not offered (yet): e.g. an exit's item with nothing on hand, until her queued entries bring some. */
  hidden?: boolean;
}

export function FormSelect({
  name,
  options,
  placeholder,
  defaultValue,
  summary,
  onValue,
  ...rest
}: Omit<ComponentProps<typeof Select>, "error" | "name" | "children"> & { name: string; options: Option[]; placeholder?: string; summary?: boolean; onValue?: (v: string) => void }) {
  const f = useField(name);
  return (
    <Select
      name={name}
      id={rest.id ?? f.id}
      error={f.error}
      defaultValue={f.value ?? defaultValue ?? ""}
      data-summary={summary ? "" : undefined}
      onChange={onValue ? (e) => onValue(e.target.value) : undefined}
      {...rest}
    >
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value} data-tag={o.tag} hidden={o.hidden}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}

/** One tap choices (radio buttons drawn as ≥ 44 px tiles): a category, a level, a reason. */
export function FormChoices({
  name,
  legend,
  options,
  defaultValue,
  columns = 2,
  summary,
  optionClasses,
}: {
  name: string;
  legend: string;
  options: Option[];
  defaultValue?: string;
  columns?: 1 | 2 | 3 | 4;
  summary?: boolean;
  /** Extra classes per option value (e.g. a level's colour). */
  optionClasses?: Record<string, string>;
}) {
  const f = useField(name);
  const current = f.value ?? defaultValue;
  const errId = `${f.id}-error`;
  return (
    <fieldset className="field" aria-describedby={f.error ? errId : undefined}>
      <legend className="label">{legend}</legend>
      <div className={cx("grid gap-2", columns === 1 ? "grid-cols-1" : columns === 2 ? "grid-cols-2" : columns === 3 ? "grid-cols-3" : "grid-cols-2 sm:grid-cols-4")}>
        {options.map((o) => (
          <label
            key={o.value}
            className={cx(
              "flex min-h-tap cursor-pointer items-center gap-2 rounded-[var(--radius-control)] border border-stone-300 px-3 py-2 has-[:checked]:border-2 has-[:checked]:border-brand has-[:checked]:font-bold",
              optionClasses?.[o.value],
            )}
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              defaultChecked={current === o.value}
              className="size-5 shrink-0"
              aria-invalid={f.error ? true : undefined}
              data-summary={summary ? o.label : undefined}
            />
            {o.label}
          </label>
        ))}
      </div>
      {f.error && (
        <p id={errId} className="error">
          {f.error}
        </p>
      )}
    </fieldset>
  );
}

export function FormCheckbox({ name, label, defaultChecked, value = "on" }: { name: string; label: string; defaultChecked?: boolean; value?: string }) {
  const f = useField(name);
  const vals = f.values?.[name];
  const checked = f.values ? (Array.isArray(vals) ? vals.includes(value) : vals === value) : defaultChecked;
  return (
    <label className="flex min-h-tap items-center gap-2">
      <input type="checkbox" name={name} value={value} defaultChecked={checked} className="size-11 shrink-0" />
      {label}
    </label>
  );
}

/** Disabled while this page sends it; before the page is interactive it is a plain submit. */
export function SubmitButton({ children, pendingLabel, ...rest }: ComponentProps<typeof Button> & { pendingLabel?: string }) {
  const { pending } = useContext(Ctx);
  return (
    <Button type="submit" busy={pending} {...rest}>
      {pending && pendingLabel ? pendingLabel : children}
    </Button>
  );
}
