import { useTranslation } from 'react-i18next';
import type { Field, FormValues } from '@guichet/domain';
import type { ArticleValuesProps } from '../../lib/article-form-slots.ts';
import { displayValue, localize, rowsOf } from '../../lib/form-values.ts';

/** The answers of a request, read-only, with the labels of the article version it was filled with. */
export function FormValuesView({ form, values, locale }: ArticleValuesProps) {
  const { t } = useTranslation();
  const yesNo = { yes: t('common.yes'), no: t('common.no') };
  const show = (field: Field, value: unknown) => displayValue(field, value, locale, yesNo) || '—';
  const labelOf = (field: Field) => localize(field.label, locale);
  const answered = form.fields.filter((field) => values[field.key] !== undefined);
  if (answered.length === 0) return <p className="muted">{t('detail.noValues')}</p>;
  return (
    <dl className="values-view">
      {answered.map((field) => (
        <div key={field.key} className={`values-view__item values-view__item--${field.kind}`}>
          <dt>{labelOf(field)}</dt>
          <dd>
            {field.kind === 'rows' ? (
              <RowsTable
                fields={field.fields}
                rows={rowsOf(values[field.key])}
                caption={labelOf(field)}
                labelOf={labelOf}
                show={show}
              />
            ) : (
              <span className="values-view__text">{show(field, values[field.key])}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

interface RowsTableProps {
  fields: Field[];
  rows: FormValues[];
  caption: string;
  labelOf: (field: Field) => string;
  show: (field: Field, value: unknown) => string;
}

function RowsTable({ fields, rows, caption, labelOf, show }: RowsTableProps) {
  return (
    <div className="table-scroll">
      <table className="table table--compact">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {fields.map((field) => (
              <th key={field.key} scope="col">
                {labelOf(field)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              {fields.map((field) => (
                <td key={field.key}>{show(field, row[field.key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
