import { useTranslation } from 'react-i18next';
import type {
  FieldState,
  FormValues,
  Locale,
  MultiChoiceField,
  ScalarField,
} from '@guichet/domain';
import { FormField } from '../../components/ui/form-field.tsx';
import { HelpTip } from '../../components/ui/help-tip.tsx';
import { RequiredMark } from '../../components/ui/required-mark.tsx';
import { fieldId } from '../../lib/field-errors.ts';
import { localize } from '../../lib/form-values.ts';
import { ScalarInput, useNumberHint } from './scalar-input.tsx';

/** The answers with `key` set to `value` (removed when undefined). */
function withValue(values: FormValues, key: string, value: unknown): FormValues {
  const next = { ...values };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

export interface ScalarFieldViewProps {
  state: FieldState<ScalarField>;
  path: string;
  values: FormValues;
  locale: Locale;
  errorFor: (path: string) => string | null;
  onChange: (values: FormValues) => void;
  onTouch: (path: string) => void;
}

/** A group of checkboxes: one question, several answers. */
function MultiChoiceView({
  state,
  path,
  values,
  locale,
  errorFor,
  onChange,
  onTouch,
}: ScalarFieldViewProps & { state: FieldState<MultiChoiceField> }) {
  const { field, isRequired } = state;
  const id = fieldId(path);
  const error = errorFor(path);
  const chosen = Array.isArray(values[field.key]) ? (values[field.key] as unknown[]) : [];
  const label = localize(field.label, locale);
  const toggle = (option: string, isOn: boolean) => {
    // Keep the options' order, whatever the order of the clicks.
    const next = field.options
      .map((candidate) => candidate.value)
      .filter((candidate) => (candidate === option ? isOn : chosen.includes(candidate)));
    onChange(withValue(values, field.key, next.length > 0 ? next : undefined));
    onTouch(path);
  };
  return (
    <fieldset
      className={['field', 'choice-group', error ? 'field--invalid' : null]
        .filter(Boolean)
        .join(' ')}
      aria-describedby={error ? `${id}-error` : undefined}
      aria-required={isRequired || undefined}
    >
      <legend className="field__label choice-group__legend">
        {label}
        {isRequired ? <RequiredMark /> : null}
        {field.help ? <HelpTip about={label} text={localize(field.help, locale)} /> : null}
      </legend>
      <div className="choice-group__options">
        {field.options.map((option, index) => (
          <label key={option.value} className="choice-group__option">
            <input
              id={index === 0 ? id : undefined}
              type="checkbox"
              checked={chosen.includes(option.value)}
              aria-invalid={error ? true : undefined}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <span>{localize(option.label, locale)}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** One question: its label, help, hint and error around its control. */
export function ScalarFieldView(props: ScalarFieldViewProps) {
  const { t } = useTranslation();
  const { state, path, values, locale, errorFor, onChange, onTouch } = props;
  const { field, isRequired } = state;
  const numberHint = useNumberHint(field, locale);
  if (field.kind === 'multichoice') {
    return <MultiChoiceView {...props} state={state as FieldState<MultiChoiceField>} />;
  }
  const label = localize(field.label, locale);
  const isReadOnly = 'readOnly' in field && field.readOnly === true;
  return (
    <FormField
      id={fieldId(path)}
      label={label}
      isRequired={isRequired}
      help={field.help ? localize(field.help, locale) : null}
      hint={field.kind === 'text' && isReadOnly ? t('form.prefilled') : numberHint}
      error={errorFor(path)}
      layout={field.kind === 'boolean' ? 'inline' : 'stacked'}
      className={`field--${field.kind}`}
    >
      {(control) => (
        <ScalarInput
          field={field}
          value={values[field.key]}
          control={control}
          locale={locale}
          // Errors show as the user types, not only once they leave the field.
          onChange={(value) => {
            onChange(withValue(values, field.key, value));
            onTouch(path);
          }}
          onTouch={() => onTouch(path)}
        />
      )}
    </FormField>
  );
}
