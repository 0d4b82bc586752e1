// List filters: a group of checkboxes for a multi-valued filter (applied as soon as one changes)
// and a small form of text filters (applied with Enter or "Apply filters").
import { useState, type FormEvent } from 'react';

interface ChoiceFilterProps<T extends string> {
  legend: string;
  options: readonly T[];
  selected: readonly T[];
  onChange(selected: T[]): void;
}

/** Checkboxes; none checked means no filter. */
export function ChoiceFilter<T extends string>({ legend, options, selected, onChange }: ChoiceFilterProps<T>) {
  const toggle = (option: T, checked: boolean) => onChange(options.filter((value) => (value === option ? checked : selected.includes(value))));
  return (
    <fieldset className="choice-filter">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="choice">
          <input type="checkbox" checked={selected.includes(option)} onChange={(event) => toggle(option, event.target.checked)} />
          {option}
        </label>
      ))}
      {selected.length > 0 && (
        <button type="button" className="link-button" onClick={() => onChange([])}>
          Clear
        </button>
      )}
    </fieldset>
  );
}

interface TextFiltersProps {
  fields: readonly { name: string; label: string; value: string | null; placeholder?: string }[];
  onApply(values: Record<string, string>): void;
}

/** Text inputs applied together. */
export function TextFilters({ fields, onApply }: TextFiltersProps) {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((field) => [field.name, field.value ?? ''])));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    onApply(values);
  };
  return (
    <form className="text-filters" onSubmit={apply} role="search">
      {fields.map((field) => (
        <label key={field.name}>
          {field.label}
          <input
            type="search"
            value={values[field.name]}
            placeholder={field.placeholder}
            onChange={(event) => setValues((previous) => ({ ...previous, [field.name]: event.target.value }))}
          />
        </label>
      ))}
      <button type="submit">Apply filters</button>
    </form>
  );
}
