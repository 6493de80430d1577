/**
 * Form fields: a visible label, an optional hint, an error tied to the control
 * (aria-invalid + aria-describedby), 44 px high controls.
 *
 *   <Input label="Nombre" name="name" required error={errors.name} hint="Como la conocen en el barrio" />
 *   <Select label="Categoría" name="category" defaultValue="water">{options}</Select>
 *   <Textarea label="Descripción" name="description" rows={3} />
 *   <Field label="Ubicación" id="loc" error={…}><MyControl id="loc" aria-describedby="loc-error" /></Field>
 *
 * `id` defaults to a generated one. `optionalLabel` (e.g. t("common.optional")) is shown after the
 * label of a field that is not required. Server-safe.
 */
import { useId, type ComponentProps, type ReactNode } from "react";
import { cx } from "./cx";

type FieldProps = { label: ReactNode; hint?: ReactNode; error?: ReactNode; optionalLabel?: ReactNode; className?: string };

/** ids of the hint and error that a control inside names in aria-describedby. */
export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

export function Field({ id, label, hint, error, optionalLabel, className, children }: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className={cx("field", className)}>
      <label htmlFor={id}>
        {label}
        {optionalLabel && <span className="font-normal text-muted"> ({optionalLabel})</span>}
      </label>
      {children}
      {hint && (
        <p id={hintId(id)} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId(id)} className="error">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown, own?: string) {
  return [own, hint ? hintId(id) : null, error ? errorId(id) : null].filter(Boolean).join(" ") || undefined;
}

function useFieldId(id?: string) {
  const generated = useId();
  return id ?? generated;
}

export function Input({ label, hint, error, optionalLabel, className, id, ...rest }: FieldProps & ComponentProps<"input">) {
  const fid = useFieldId(id);
  return (
    <Field id={fid} label={label} hint={hint} error={error} optionalLabel={optionalLabel} className={className}>
      <input id={fid} className="input" aria-invalid={error ? true : undefined} {...rest} aria-describedby={describedBy(fid, hint, error, rest["aria-describedby"])} />
    </Field>
  );
}

export function Select({ label, hint, error, optionalLabel, className, id, children, ...rest }: FieldProps & ComponentProps<"select">) {
  const fid = useFieldId(id);
  return (
    <Field id={fid} label={label} hint={hint} error={error} optionalLabel={optionalLabel} className={className}>
      <select id={fid} className="input" aria-invalid={error ? true : undefined} {...rest} aria-describedby={describedBy(fid, hint, error, rest["aria-describedby"])}>
        {children}
      </select>
    </Field>
  );
}

export function Textarea({ label, hint, error, optionalLabel, className, id, ...rest }: FieldProps & ComponentProps<"textarea">) {
  const fid = useFieldId(id);
  return (
    <Field id={fid} label={label} hint={hint} error={error} optionalLabel={optionalLabel} className={className}>
      <textarea id={fid} className="input" aria-invalid={error ? true : undefined} {...rest} aria-describedby={describedBy(fid, hint, error, rest["aria-describedby"])} />
    </Field>
  );
}
