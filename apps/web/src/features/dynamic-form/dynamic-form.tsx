import { useTranslation } from 'react-i18next';
import type { Field, FormValues, Locale, RowsField, ScalarField } from '@guichet/domain';
import { Button } from '../../components/ui/button.tsx';
import { FormField } from '../../components/ui/form-field.tsx';
import type { ControlProps } from '../../components/ui/form-field.tsx';
import { RequiredMark } from '../../components/ui/required-mark.tsx';
import type { ArticleFieldsProps } from '../../lib/article-form-slots.ts';
import { fieldId } from '../../lib/field-errors.ts';
import { localize, rowsOf } from '../../lib/form-values.ts';

/** What the integer box holds: a number once it reads as one, the raw text otherwise (so it can be flagged). */
export function parseInteger(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function withValue(values: FormValues, key: string, value: unknown): FormValues {
  const next = { ...values };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
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
    case 'text':
      return field.multiline ? (
        <textarea
          {...control}
          rows={5}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onTouch}
        />
      ) : (
        <input
          {...control}
          type="text"
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value)}
          onBlur={onTouch}
        />
      );
    case 'integer':
      return (
        <input
          {...control}
          type="text"
          inputMode="numeric"
          className={field.readOnly ? 'input--readonly' : undefined}
          readOnly={field.readOnly}
          aria-readonly={field.readOnly || undefined}
          value={value === undefined || value === null ? '' : String(value)}
          placeholder={field.readOnly ? '—' : undefined}
          onChange={(event) => onChange(parseInteger(event.target.value))}
          onBlur={onTouch}
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
  }
}

interface ScalarFieldViewProps {
  field: ScalarField;
  path: string;
  values: FormValues;
  locale: Locale;
  errorFor: (path: string) => string | null;
  onChange: (values: FormValues) => void;
  onTouch: (path: string) => void;
}

function ScalarFieldView({
  field,
  path,
  values,
  locale,
  errorFor,
  onChange,
  onTouch,
}: ScalarFieldViewProps) {
  const { t } = useTranslation();
  const label = localize(field.label, locale);
  return (
    <FormField
      id={fieldId(path)}
      label={label}
      isRequired={field.required}
      help={field.help ? localize(field.help, locale) : null}
      hint={field.kind === 'integer' && field.readOnly ? t('form.prefilled') : null}
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
          onChange={(value) => onChange(withValue(values, field.key, value))}
          onTouch={() => onTouch(path)}
        />
      )}
    </FormField>
  );
}

interface RowsFieldViewProps {
  field: RowsField;
  path: string;
  values: FormValues;
  locale: Locale;
  errorFor: (path: string) => string | null;
  onChange: (values: FormValues, changedPath: string) => void;
  onTouch: (path: string) => void;
}

/** Repeatable rows (e.g. one line per quota): « Ajouter une ligne », remove, each row a group. */
function RowsFieldView({
  field,
  path,
  values,
  locale,
  errorFor,
  onChange,
  onTouch,
}: RowsFieldViewProps) {
  const { t } = useTranslation();
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
        {field.required ? <RequiredMark /> : null}
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
              {field.fields.map((cell) => (
                <ScalarFieldView
                  key={cell.key}
                  field={cell}
                  path={`${rowPath}.${cell.key}`}
                  values={row}
                  locale={locale}
                  errorFor={errorFor}
                  onChange={(nextRow) =>
                    setRows(
                      rows.map((candidate, position) => (position === index ? nextRow : candidate)),
                      `${rowPath}.${cell.key}`,
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
        <Button id={fieldId(path)} onClick={() => setRows([...rows, {}], path)}>
          <span aria-hidden="true">+ </span>
          {t('form.addRow')}
        </Button>
      ) : null}
    </fieldset>
  );
}

function FieldView({ field, ...props }: Omit<ArticleFieldsProps, 'form'> & { field: Field }) {
  const path = `values.${field.key}`;
  if (field.kind === 'rows') return <RowsFieldView field={field} path={path} {...props} />;
  return (
    <ScalarFieldView
      field={field}
      path={path}
      {...props}
      onChange={(values) => props.onChange(values, path)}
    />
  );
}

/** The article's own fields, rendered from its form definition (data, versioned with the article). */
export function DynamicForm({ form, ...props }: ArticleFieldsProps) {
  return (
    <div className="dynamic-form">
      {form.fields.map((field) => (
        <FieldView key={field.key} field={field} {...props} />
      ))}
    </div>
  );
}
