import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecimalField, Locale, ScalarField } from '@guichet/domain';
import type { ControlProps } from '../../components/ui/form-field.tsx';
import { localize } from '../../lib/form-values.ts';
import { formatDecimal, parseDecimal, parseInteger } from './number-text.ts';

export interface ScalarInputProps {
  field: ScalarField;
  value: unknown;
  control: ControlProps;
  locale: Locale;
  onChange: (value: unknown) => void;
  onTouch: () => void;
}

type DecimalInputProps = ScalarInputProps & { field: DecimalField };

/** A prefilled answer is shown, not typed; `placeholder` stands in while it is empty. */
function readOnlyAttributes(isReadOnly: boolean | undefined, placeholder?: string) {
  return isReadOnly
    ? { readOnly: true, 'aria-readonly': true, className: 'input--readonly', placeholder }
    : {};
}

/**
 * Keeps the text as typed (`2,` on the way to `2,5`) and gives the form the number it reads;
 * a value changed from outside (a prefill) replaces the text.
 */
function DecimalInput({ field, value, control, locale, onChange, onTouch }: DecimalInputProps) {
  const [text, setText] = useState(() => formatDecimal(value, locale));
  const shown = parseDecimal(text) === value ? text : formatDecimal(value, locale);
  return (
    <input
      {...control}
      {...readOnlyAttributes(field.readOnly, '—')}
      type="text"
      inputMode="decimal"
      value={shown}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseDecimal(event.target.value));
      }}
      onBlur={onTouch}
    />
  );
}

/** The control of one answer, by the field's kind (a multiple choice is a group of its own). */
export function ScalarInput(props: ScalarInputProps) {
  const { field, value, control, locale, onChange, onTouch } = props;
  const { t } = useTranslation();
  switch (field.kind) {
    case 'text': {
      const readOnly = readOnlyAttributes(field.readOnly);
      return field.multiline ? (
        <textarea
          {...control}
          {...readOnly}
          rows={5}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onTouch}
        />
      ) : (
        <input
          {...control}
          {...readOnly}
          type="text"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onTouch}
        />
      );
    }
    case 'integer':
      return (
        <input
          {...control}
          {...readOnlyAttributes(field.readOnly, '—')}
          type="text"
          inputMode="numeric"
          value={typeof value === 'number' || typeof value === 'string' ? String(value) : ''}
          onChange={(event) => onChange(parseInteger(event.target.value))}
          onBlur={onTouch}
        />
      );
    case 'decimal':
      return <DecimalInput {...props} field={field} />;
    case 'choice':
      return (
        <select
          {...control}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => {
            onChange(event.target.value === '' ? undefined : event.target.value);
            onTouch();
          }}
          onBlur={onTouch}
        >
          <option value="">{t('form.choose')}</option>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {localize(option.label, locale)}
            </option>
          ))}
        </select>
      );
    case 'boolean':
      return (
        <input
          {...control}
          type="checkbox"
          checked={value === true}
          onChange={(event) => {
            onChange(event.target.checked);
            onTouch();
          }}
        />
      );
    case 'date':
      return (
        <input
          {...control}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
          onBlur={onTouch}
        />
      );
    case 'multichoice':
      return null;
  }
}

/** « min 1 · max 10 · by 0,5 »: the bounds of a number field, as a hint under it. */
export function useNumberHint(field: ScalarField, locale: Locale): string | null {
  const { t } = useTranslation();
  if (field.kind !== 'integer' && field.kind !== 'decimal') return null;
  if (field.readOnly) return t('form.prefilled');
  const show = (value: number) => formatDecimal(value, locale);
  const parts = [
    field.min !== undefined ? t('catalogAdmin.form.min', { value: show(field.min) }) : null,
    field.max !== undefined ? t('catalogAdmin.form.max', { value: show(field.max) }) : null,
    field.step !== undefined ? t('catalogAdmin.form.step', { value: show(field.step) }) : null,
  ].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}
