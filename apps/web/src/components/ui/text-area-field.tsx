import type { TextareaHTMLAttributes } from 'react';
import { FormField, splitFieldProps } from './form-field.tsx';
import type { ControlAttributes, FieldProps } from './form-field.tsx';

type TextAreaAttributes = ControlAttributes<TextareaHTMLAttributes<HTMLTextAreaElement>>;

export interface TextAreaFieldProps extends FieldProps, TextAreaAttributes {
  value: string;
  onChange: (value: string) => void;
}

/** A labelled text area tied to its hint and error: `TextField`'s twin for several lines. */
export function TextAreaField(props: TextAreaFieldProps) {
  const [frame, { value, onChange, ...textarea }] = splitFieldProps(props);
  return (
    <FormField {...frame}>
      {(control) => (
        <textarea
          {...textarea}
          {...control}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
