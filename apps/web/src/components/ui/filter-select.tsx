import type { ReactNode } from 'react';

interface FilterSelectProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  className?: string;
  /** The `<option>`s. */
  children: ReactNode;
}

/** A list's filter: a labelled `<select>` whose choice goes to the URL. */
export function FilterSelect({
  id,
  label,
  value,
  onChange,
  disabled,
  className = 'filters__contract',
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
        {children}
      </select>
    </div>
  );
}
