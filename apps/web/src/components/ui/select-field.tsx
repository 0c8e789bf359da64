import type { ReactNode, SelectHTMLAttributes } from 'react';
import { FormField } from './form-field.tsx';
import type { ControlProps } from './form-field.tsx';

export interface SelectOption<Value extends string> {
  value: Value;
  label: string;
}

type SelectAttributes = Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  keyof ControlProps | 'value' | 'onChange' | 'children'
>;

export interface SelectFieldProps<Value extends string> extends SelectAttributes {
  id: string;
  label: string;
  value: Value;
  options: readonly SelectOption<Value>[];
  /** Called with the chosen option's value (typed: no cast at the caller). */
  onChange: (value: Value) => void;
  isRequired?: boolean;
  help?: string | null;
  hint?: ReactNode;
  error?: string | null;
  fieldClassName?: string;
}

/** The options of a closed list whose labels come from the dictionary, in the list's order. */
export function optionsOf<Value extends string>(
  values: readonly Value[],
  label: (value: Value) => string,
): SelectOption<Value>[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/** A labelled `<select>` over a closed list of options, tied to its hint and error. */
export function SelectField<Value extends string>({
  id,
  label,
  value,
  options,
  onChange,
  isRequired,
  help,
  hint,
  error,
  fieldClassName,
  ...select
}: SelectFieldProps<Value>) {
  return (
    <FormField
      id={id}
      label={label}
      isRequired={isRequired}
      help={help}
      hint={hint}
      error={error}
      className={fieldClassName}
    >
      {(control) => (
        <select
          {...select}
          {...control}
          value={value}
          onChange={(event) => {
            const chosen = options.find((option) => option.value === event.target.value);
            if (chosen) onChange(chosen.value);
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
