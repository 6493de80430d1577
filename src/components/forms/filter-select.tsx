/**
 * A labelled filter: "all" (the empty value) first, then the given choices. Controlled
 * (value + onChange) in client components, or a plain field of a GET form (name +
 * defaultValue) in server-rendered pages. No hooks, so it renders on either side.
 */
export function FilterSelect({
  id,
  label,
  allLabel,
  options,
  value,
  onChange,
  name,
  defaultValue,
  disabled,
}: {
  id: string;
  label: string;
  allLabel: string;
  options: readonly { value: string; label: string }[];
  value?: string;
  onChange?: (value: string) => void;
  name?: string;
  defaultValue?: string;
  disabled?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        className="input"
        value={value}
        defaultValue={defaultValue}
        disabled={disabled}
        onChange={onChange && ((e) => onChange(e.target.value))}
      >
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
