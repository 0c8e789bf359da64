import { useTranslation } from 'react-i18next';
import { fieldStatesOf, initialRow } from '@guichet/domain';
import type { FieldState, FormValues, Locale, RowsField } from '@guichet/domain';
import { Button } from '../../components/ui/button.tsx';
import { RequiredMark } from '../../components/ui/required-mark.tsx';
import { fieldId } from '../../lib/field-errors.ts';
import { localize, rowsOf } from '../../lib/form-values.ts';
import { ScalarFieldView } from './scalar-field-view.tsx';

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
export function RowsFieldView({
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
