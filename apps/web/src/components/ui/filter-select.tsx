import type { ReactNode } from 'react';

/** One choice of a filter. */
export interface FilterOption {
  value: string;
  label: string;
}

interface FilterSelectProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  className?: string;
  /** The first choice, whose value is empty: no filter (« Tous les contrats »). */
  anyLabel?: string;
  /** The choices, after `anyLabel`. */
  options?: readonly FilterOption[];
  /** `<option>`s written out, after `options`. */
  children?: ReactNode;
}

/** A list's filter: a labelled `<select>` whose choice goes to the URL. */
export function FilterSelect({
  id,
  label,
  value,
  onChange,
  disabled,
  className = 'filters__contract',
  anyLabel,
  options = [],
  children,
}: FilterSelectProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      >
        {anyLabel === undefined ? null : <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
    </div>
  );
}
