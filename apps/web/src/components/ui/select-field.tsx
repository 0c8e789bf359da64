import type { SelectHTMLAttributes } from 'react';
import { FormField, splitFieldProps } from './form-field.tsx';
import type { ControlAttributes, FieldProps } from './form-field.tsx';

export interface SelectOption<Value extends string> {
  value: Value;
  label: string;
}

type SelectAttributes = ControlAttributes<SelectHTMLAttributes<HTMLSelectElement>>;

export interface SelectFieldProps<Value extends string> extends FieldProps, SelectAttributes {
  value: Value;
  options: readonly SelectOption<Value>[];
  /** Called with the chosen option's value (typed: no cast at the caller). */
  onChange: (value: Value) => void;
}

/** The options of a closed list whose labels come from the dictionary, in the list's order. */
export function optionsOf<Value extends string>(
  values: readonly Value[],
  label: (value: Value) => string,
): SelectOption<Value>[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/** A labelled `<select>` over a closed list of options, tied to its hint and error. */
export function SelectField<Value extends string>(props: SelectFieldProps<Value>) {
  const [frame, { value, options, onChange, ...select }] = splitFieldProps(props);
  const choose = (chosen: string) => {
    const option = options.find((item) => item.value === chosen);
    if (option) onChange(option.value);
  };
  return (
    <FormField {...frame}>
      {(control) => (
        <select
          {...select}
          {...control}
          value={value}
          onChange={(event) => choose(event.target.value)}
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
