import type { InputHTMLAttributes, ReactNode } from 'react';
import { FormField } from './form-field.tsx';
import type { ControlProps } from './form-field.tsx';

type InputAttributes = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  keyof ControlProps | 'value' | 'onChange' | 'children'
>;

export interface TextFieldProps extends InputAttributes {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  isRequired?: boolean;
  help?: string | null;
  hint?: ReactNode;
  error?: string | null;
  /** The field's own class (the input takes `className`). */
  fieldClassName?: string;
}

/**
 * A labelled one-line input (text, e-mail, password, date…) tied to its hint and error: the
 * `FormField` and its `<input>` written once. Every other attribute goes to the input.
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  isRequired,
  help,
  hint,
  error,
  fieldClassName,
  type = 'text',
  ...input
}: TextFieldProps) {
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
