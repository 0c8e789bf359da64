import type { ReactNode } from 'react';
import { HelpTip } from './help-tip.tsx';
import { RequiredMark } from './required-mark.tsx';

/** What a control needs to be tied to its label, help and error. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
  'aria-required': boolean | undefined;
}

/** A control's own attributes, less what its field decides (id, aria, value and change). */
export type ControlAttributes<Attributes> = Omit<
  Attributes,
  keyof ControlProps | 'value' | 'onChange' | 'children'
>;

/** What frames a field around its control, for the fields that wrap one (`TextField`…). */
export interface FieldProps {
  id: string;
  label: string;
  isRequired?: boolean;
  help?: string | null;
  hint?: ReactNode;
  error?: string | null;
  /** The field's own class (the control takes `className`). */
  fieldClassName?: string;
}

/** A field's props parted: the frame's for `FormField`, the rest for its control. */
export function splitFieldProps<Props extends FieldProps>({
  id,
  label,
  isRequired,
  help,
  hint,
  error,
  fieldClassName,
  ...control
}: Props) {
  const frame = { id, label, isRequired, help, hint, error, className: fieldClassName };
  return [frame, control] as const;
}

interface FormFieldProps extends Omit<FieldProps, 'fieldClassName'> {
  /** Checkboxes put their label after the box. */
  layout?: 'stacked' | 'inline';
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

/**
 * A labelled control: `*` on required fields, ⓘ help, a hint, and the error beside the
 * field (`aria-invalid`, `aria-describedby`).
 */
export function FormField({
  id,
  label,
  isRequired,
  help,
  hint,
  error,
  layout = 'stacked',
  className,
  children,
}: FormFieldProps) {
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  const control = children({
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': isRequired || undefined,
  });
  const labelNode = (
    <label htmlFor={id} className="field__label">
      {label}
      {isRequired ? <RequiredMark /> : null}
    </label>
  );
  return (
    <div
      className={['field', `field--${layout}`, error ? 'field--invalid' : null, className]
        .filter(Boolean)
        .join(' ')}
    >
      {layout === 'inline' ? (
        <div className="field__inline">
          {control}
          {labelNode}
          {help ? <HelpTip about={label} text={help} /> : null}
        </div>
      ) : (
        <>
          <div className="field__label-row">
            {labelNode}
            {help ? <HelpTip about={label} text={help} /> : null}
          </div>
          {control}
        </>
      )}
      {hint ? (
        <p id={hintId ?? undefined} className="field__hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** A field's error under it, « ⚠ » first, by the id its control's `aria-describedby` names. */
export function FieldError({ id, error }: { id: string; error?: string | null }) {
  if (!error) return null;
  return (
    <p id={id} className="field__error">
      <span aria-hidden="true">⚠ </span>
      {error}
    </p>
  );
}
