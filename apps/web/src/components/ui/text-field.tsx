import type { InputHTMLAttributes } from 'react';
import { FormField, splitFieldProps } from './form-field.tsx';
import type { ControlAttributes, FieldProps } from './form-field.tsx';

type InputAttributes = ControlAttributes<InputHTMLAttributes<HTMLInputElement>>;

export interface TextFieldProps extends FieldProps, InputAttributes {
  value: string;
  onChange: (value: string) => void;
}

/**
 * A labelled one-line input (text, e-mail, password, date…) tied to its hint and error: the
 * `FormField` and its `<input>` written once. Every other attribute goes to the input.
 */
export function TextField(props: TextFieldProps) {
  const [frame, { value, onChange, type = 'text', ...input }] = splitFieldProps(props);
  return (
    <FormField {...frame}>
      {(control) => (
        <input
          {...input}
          {...control}
          type={type}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
