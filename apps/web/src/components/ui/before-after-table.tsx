import type { ValueChangeView } from '@guichet/contracts';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../lib/i18n/index.ts';
import './before-after-table.css';

export interface BeforeAfterRow {
  key: string;
  label: string;
  before: string;
  after: string;
}

/** Values before and after a change, one row each (an execution's, a revision's). */
export function BeforeAfterTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: { value: string; before: string; after: string };
  rows: readonly BeforeAfterRow[];
}) {
  return (
    <div className="before-after">
      <table className="table table--compact">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{columns.value}</th>
            <th scope="col">{columns.before}</th>
            <th scope="col">{columns.after}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td>{row.before}</td>
              <td>{row.after}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * What an answer's new revision changed (decision 0035), with the form's labels, for the
 * customer's history and the back-office's alike.
 */
export function ValueChanges({ changes }: { changes: readonly ValueChangeView[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const text = (value: ValueChangeView['before']) =>
    value === null ? t('questions.changes.empty') : value[locale];
  return (
    <BeforeAfterTable
      caption={t('questions.changes.caption')}
      columns={{
        value: t('questions.changes.field'),
        before: t('questions.changes.before'),
        after: t('questions.changes.after'),
      }}
      rows={changes.map((change) => ({
        key: change.path,
        label: change.label[locale],
        before: text(change.before),
        after: text(change.after),
      }))}
    />
  );
}
