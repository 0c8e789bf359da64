import { FormField } from '../../components/ui/form-field.tsx';

interface TextInputFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  isRequired?: boolean;
  hint?: string;
  error?: string | null;
  /** Codes and identifiers show in a fixed-width font. */
  isCode?: boolean;
  readOnly?: boolean;
  inputMode?: 'numeric';
}

/** A one-line text box with its label, hint and error, as the catalog forms have many. */
export function TextInputField({
  id,
  label,
  value,
  onChange,
  isRequired,
  hint,
  error,
  isCode = false,
  readOnly,
  inputMode,
}: TextInputFieldProps) {
  return (
    <FormField id={id} label={label} isRequired={isRequired} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          type="text"
          className={isCode ? 'mono' : undefined}
          inputMode={inputMode}
          readOnly={readOnly}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
