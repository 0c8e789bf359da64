import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldStatesOf, initialRow, pruneHidden } from '@guichet/domain';
import type {
  DecimalField,
  Field,
  FieldState,
  FormValues,
  Locale,
  MultiChoiceField,
  RowsField,
  ScalarField,
} from '@guichet/domain';
import { Button } from '../../components/ui/button.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import type { ControlProps } from '../../components/ui/form-field.tsx';
import { HelpTip } from '../../components/ui/help-tip.tsx';
import { RequiredMark } from '../../components/ui/required-mark.tsx';
import type { ArticleFieldsProps } from '../../lib/article-form-slots.ts';
import { fieldId } from '../../lib/field-errors.ts';
import { localize, rowsOf } from '../../lib/form-values.ts';
import './dynamic-form.css';
import { formatDecimal, parseDecimal, parseInteger } from './number-text.ts';

function withValue(values: FormValues, key: string, value: unknown): FormValues {
  const next = { ...values };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

interface DecimalInputProps {
  field: DecimalField;
  value: unknown;
  control: ControlProps;
  locale: Locale;
  onChange: (value: unknown) => void;
  onTouch: () => void;
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
      type="text"
      inputMode="decimal"
      className={field.readOnly ? 'input--readonly' : undefined}
      readOnly={field.readOnly}
      aria-readonly={field.readOnly || undefined}
      placeholder={field.readOnly ? '—' : undefined}
      value={shown}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parseDecimal(event.target.value));
      }}
      onBlur={onTouch}
    />
  );
}

interface ScalarInputProps {
  field: ScalarField;
  value: unknown;
  control: ControlProps;
  locale: Locale;
  onChange: (value: unknown) => void;
  onTouch: () => void;
}

function ScalarInput({ field, value, control, locale, onChange, onTouch }: ScalarInputProps) {
  const { t } = useTranslation();
  switch (field.kind) {
    case 'text': {
      const readOnly = field.readOnly
        ? { readOnly: true, 'aria-readonly': true, className: 'input--readonly' }
        : {};
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
          type="text"
          inputMode="numeric"
          className={field.readOnly ? 'input--readonly' : undefined}
          readOnly={field.readOnly}
          aria-readonly={field.readOnly || undefined}
          value={typeof value === 'number' || typeof value === 'string' ? String(value) : ''}
          placeholder={field.readOnly ? '—' : undefined}
          onChange={(event) => onChange(parseInteger(event.target.value))}
          onBlur={onTouch}
        />
      );
    case 'decimal':
      return (
        <DecimalInput
          field={field}
          value={value}
          control={control}
          locale={locale}
          onChange={onChange}
          onTouch={onTouch}
        />
      );
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
function useNumberHint(field: ScalarField, locale: Locale): string | null {
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

interface ScalarFieldViewProps {
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

function ScalarFieldView(props: ScalarFieldViewProps) {
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

interface RowsFieldViewProps {
  state: FieldState<RowsField>;
  path: string;
  values: FormValues;
  /** The form's answers without hidden ones: what a column's condition may read. */
  visibleValues: FormValues;
  locale: Locale;
  errorFor: (path: string) => string | null;
  onChange: (values: FormValues, changedPath: string) => void;
  onTouch: (path: string) => void;
}

/** Repeatable rows (e.g. one line per quota): « Ajouter une ligne », remove, each row a group. */
function RowsFieldView({
  state,
  path,
  values,
  visibleValues,
  locale,
  errorFor,
  onChange,
  onTouch,
}: RowsFieldViewProps) {
  const { t } = useTranslation();
  const { field, isRequired } = state;
  const rows = rowsOf(values[field.key]);
  const label = localize(field.label, locale);
  const maxRows = field.maxRows ?? 100;
  const minRows = field.minRows ?? 0;
  const listError = errorFor(path);
  const setRows = (next: FormValues[], changedPath: string) =>
    onChange({ ...values, [field.key]: next }, changedPath);
  return (
    <fieldset
      className={['rows-field', listError ? 'rows-field--invalid' : null].filter(Boolean).join(' ')}
      aria-describedby={listError ? `${fieldId(path)}-error` : undefined}
    >
      <legend className="rows-field__legend">
        {label}
        {isRequired ? <RequiredMark /> : null}
      </legend>
      {field.help ? <p className="field__hint">{localize(field.help, locale)}</p> : null}
      {rows.map((row, index) => {
        const rowPath = `${path}.${index}`;
        return (
          <fieldset key={index} className="rows-field__row">
            <legend className="rows-field__row-legend">
              {t('form.rowNumber', { number: index + 1 })}
            </legend>
            <div className="rows-field__cells">
              {fieldStatesOf(field.fields, row, visibleValues)
                .filter((cell) => cell.isVisible)
                .map((cell) => (
                  <ScalarFieldView
                    key={cell.field.key}
                    state={cell}
                    path={`${rowPath}.${cell.field.key}`}
                    values={row}
                    locale={locale}
                    errorFor={errorFor}
                    onChange={(nextRow) =>
                      setRows(
                        rows.map((candidate, position) =>
                          position === index ? nextRow : candidate,
                        ),
                        `${rowPath}.${cell.field.key}`,
                      )
                    }
                    onTouch={onTouch}
                  />
                ))}
            </div>
            {rows.length > minRows ? (
              <Button
                variant="ghost"
                className="rows-field__remove"
                onClick={() =>
                  setRows(
                    rows.filter((_, position) => position !== index),
                    path,
                  )
                }
              >
                {t('form.removeRow', { number: index + 1 })}
              </Button>
            ) : null}
          </fieldset>
        );
      })}
      {rows.length === 0 ? <p className="muted">{t('form.noRows')}</p> : null}
      {listError ? (
        <p id={`${fieldId(path)}-error`} className="field__error">
          <span aria-hidden="true">⚠ </span>
          {listError}
        </p>
      ) : null}
      {rows.length < maxRows ? (
        <Button id={fieldId(path)} onClick={() => setRows([...rows, initialRow(field)], path)}>
          <span aria-hidden="true">+ </span>
          {t('form.addRow')}
        </Button>
      ) : null}
    </fieldset>
  );
}

function FieldView({
  state,
  visibleValues,
  ...props
}: Omit<ArticleFieldsProps, 'form'> & { state: FieldState; visibleValues: FormValues }) {
  const path = `values.${state.field.key}`;
  if (state.field.kind === 'rows') {
    return (
      <RowsFieldView
        state={state as FieldState<RowsField>}
        path={path}
        visibleValues={visibleValues}
        {...props}
      />
    );
  }
  return (
    <ScalarFieldView
      state={state as FieldState<ScalarField>}
      path={path}
      {...props}
      onChange={(values) => props.onChange(values, path)}
    />
  );
}

/**
 * The article's own fields, rendered from its form definition (data, versioned with the
 * article). The domain engine decides, as the user types, which fields show and which are
 * required; hidden fields keep nothing that is sent.
 */
export function DynamicForm({ form, ...props }: ArticleFieldsProps) {
  const states: FieldState<Field>[] = fieldStatesOf(form.fields, props.values).filter(
    (state) => state.isVisible,
  );
  const visibleValues = pruneHidden(form, props.values);
  return (
    <div className="dynamic-form">
      {states.map((state) => (
        <FieldView key={state.field.key} state={state} visibleValues={visibleValues} {...props} />
      ))}
    </div>
  );
}
