import type { ReactNode } from 'react';
import { Button } from '../../components/ui/button.tsx';
import type { ButtonVariant } from '../../components/ui/button.tsx';
import { FormField } from '../../components/ui/form-field.tsx';

interface InternalCheckboxProps {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

/** « Interne » on an operator's comment or file: customers never see it. */
export function InternalCheckbox({ id, label, checked, onChange }: InternalCheckboxProps) {
  return (
    <FormField id={id} label={label} layout="inline">
      {(control) => (
        <input
          {...control}
          type="checkbox"
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
        />
      )}
    </FormField>
  );
}

interface SendActionsProps {
  className: string;
  /** The class of the message said once sent (`comments__posted`). */
  doneClassName: string;
  variant?: ButtonVariant;
  isBusy: boolean;
  /** Said once sent (« Commentaire publié. »), else nothing. */
  done: string | null;
  children: ReactNode;
}

/** The form's submit button and, once sent, its confirmation. */
export function SendActions({
  className,
  doneClassName,
  variant,
  isBusy,
  done,
  children,
}: SendActionsProps) {
  return (
    <div className={className}>
      <Button type="submit" variant={variant} isBusy={isBusy}>
        {children}
      </Button>
      {done === null ? null : (
        <span role="status" className={doneClassName}>
          {done}
        </span>
      )}
    </div>
  );
}
