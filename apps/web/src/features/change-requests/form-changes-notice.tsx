import { useTranslation } from 'react-i18next';
import type { FormChanges } from '@guichet/contracts';
import type { Locale } from '@guichet/domain';
import { Notice } from '../../components/ui/notice.tsx';
import { localize } from '../../lib/form-values.ts';
import './form-changes-notice.css';

type Change = FormChanges['changes'][number];

/** The value a change dropped, as the customer chose or typed it. */
function previousText(change: Change, locale: Locale): string | null {
  if (change.previousText) return localize(change.previousText, locale);
  const value = change.previous;
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) {
    return value.every((item) => typeof item !== 'object') ? value.join(', ') : null;
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : null;
}

/** The row a path points into (`values.lines.1.x` → 2), if any. */
function rowOf(path: string): number | null {
  const index = path.split('.')[2];
  return index !== undefined && /^\d+$/.test(index) ? Number(index) + 1 : null;
}

/**
 * « Ce formulaire a changé depuis votre brouillon »: the draft was started on an older
 * version of its article; what was kept, dropped, added or must now be answered.
 */
export function FormChangesNotice({
  formChanges,
  locale,
}: {
  formChanges: FormChanges;
  locale: Locale;
}) {
  const { t } = useTranslation();
  const items = formChanges.changes.map((change) => {
    const label = localize(change.label, locale);
    const row = rowOf(change.path);
    const where = row === null ? label : t('catalogAdmin.formChanges.inRow', { label, row });
    const previous = previousText(change, locale);
    switch (change.kind) {
      case 'added':
        return change.isRequired
          ? t('catalogAdmin.formChanges.addedRequired', { label: where })
          : t('catalogAdmin.formChanges.added', { label: where });
      case 'removed':
        return previous === null
          ? t('catalogAdmin.formChanges.removed', { label: where })
          : t('catalogAdmin.formChanges.removedWithValue', { label: where, value: previous });
      case 'dropped':
        return previous === null
          ? t('catalogAdmin.formChanges.droppedRows', { label: where })
          : t('catalogAdmin.formChanges.dropped', { label: where, value: previous });
      case 'toReview':
        return t('catalogAdmin.formChanges.toReview', { label: where });
      case 'nowRequired':
        return t('catalogAdmin.formChanges.nowRequired', { label: where });
      case 'relabelled':
        return t('catalogAdmin.formChanges.relabelled', {
          label: where,
          previous: localize(change.previousLabel, locale),
        });
    }
  });
  return (
    <Notice tone="info" isLive title={t('catalogAdmin.formChanges.title')} className="form-changes">
      <p>
        {t('catalogAdmin.formChanges.intro', {
          from: formChanges.fromVersion,
          to: formChanges.toVersion,
        })}
      </p>
      {items.length > 0 ? (
        <ul className="form-changes__list">
          {items.map((item, index) => (
            <li key={index}>{item}</li>
          ))}
        </ul>
      ) : (
        <p>{t('catalogAdmin.formChanges.nothingLost')}</p>
      )}
    </Notice>
  );
}
