import { useState } from 'react';
import { fieldId } from './field-errors.ts';

/**
 * A form's values in one record, and what ties a field to one of them: its id (the one its
 * API errors point at, `fieldId`), its value and its change. `onEdit` hears which field
 * changed (to clear its error, say).
 */
export function useFormValues<Values extends Record<string, string>>(
  initial: Values | (() => Values),
  onEdit?: (name: keyof Values & string) => void,
) {
  const [values, setValues] = useState<Values>(initial);
  const set = <Name extends keyof Values & string>(name: Name, value: Values[Name]) => {
    setValues((current) => ({ ...current, [name]: value }));
    onEdit?.(name);
  };
  const bind = <Name extends keyof Values & string>(name: Name) => ({
    id: fieldId(name),
    value: values[name],
    onChange: (value: Values[Name]) => set(name, value),
  });
  return { values, set, bind };
}
