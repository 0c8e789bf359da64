import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { InventorySyncRun } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import type { BadgeTone } from '../../components/ui/badge.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { changesOf } from './sync-plan.ts';

const statusTones: Record<InventorySyncRun['status'], BadgeTone> = {
  applied: 'success',
  dry_run: 'info',
  rejected: 'danger',
};

export function SyncStatusBadge({ status }: { status: InventorySyncRun['status'] }) {
  const { t } = useTranslation();
  return <Badge tone={statusTones[status]}>{t(`inventorySync.statuses.${status}`)}</Badge>;
}

const countKinds = ['lines', 'created', 'updated', 'unchanged', 'retired', 'rejected'] as const;

/** Lignes, créés, mis à jour, inchangés, retirés, rejetés: a run's six numbers. */
export function SyncCounts({ counts }: { counts: InventorySyncRun['counts'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <dl className="sync-counts">
      {countKinds.map((kind) => (
        <div
          key={kind}
          className={[
            'sync-counts__item',
            `sync-counts__item--${kind}`,
            counts[kind] > 0 ? 'sync-counts__item--some' : null,
          ]
            .filter(Boolean)
            .join(' ')}
        >
          <dt>{t(`inventorySync.counts.${kind}`)}</dt>
          <dd>{formatNumber(counts[kind], locale)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** « Créés 2 · Retirés 3 »: the non-zero counts in a table cell. */
export function SyncCountsInline({ counts }: { counts: InventorySyncRun['counts'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const changes = changesOf(counts);
  if (changes.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="sync-counts-inline">
      {changes.map((change) => (
        <li key={change.kind}>
          {t(`inventorySync.counts.${change.kind}`)}{' '}
          <strong>{formatNumber(change.count, locale)}</strong>
        </li>
      ))}
    </ul>
  );
}

interface SyncErrorsTableProps {
  run: InventorySyncRun;
  /** How many errors to list (the run keeps the first 100). */
  limit?: number;
  captionId: string;
}

/** The file's lines in error: ligne, champ, erreur. */
export function SyncErrorsTable({ run, limit, captionId }: SyncErrorsTableProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const shown = limit === undefined ? run.errors : run.errors.slice(0, limit);
  if (shown.length === 0) return null;
  const isPartial = shown.length < run.errors.length || run.counts.rejected > run.errors.length;
  return (
    <div className="table-block">
      <h3 className="subheading">{t('inventorySync.errors.title')}</h3>
      {isPartial ? (
        <p className="table-block__count">
          {t('inventorySync.errors.first', {
            shown: formatNumber(shown.length, locale),
            total: formatNumber(run.counts.rejected, locale),
          })}
        </p>
      ) : null}
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
        <table className="table table--compact">
          <caption id={captionId} className="visually-hidden">
            {t('inventorySync.errors.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('inventorySync.errors.columns.line')}</th>
              <th scope="col">{t('inventorySync.errors.columns.path')}</th>
              <th scope="col">{t('inventorySync.errors.columns.error')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((error, index) => (
              <tr key={`${error.line}-${error.path}-${index}`}>
                <td className="nowrap">{formatNumber(error.line, locale)}</td>
                <td className="sync-errors__path">
                  {error.path ? (
                    <span className="mono">
                      {error.path.split('.').map((part, at) => (
                        <Fragment key={at}>
                          {at > 0 ? (
                            <>
                              .<wbr />
                            </>
                          ) : null}
                          {part}
                        </Fragment>
                      ))}
                    </span>
                  ) : (
                    <span className="muted">{t('inventorySync.errors.wholeLine')}</span>
                  )}
                </td>
                <td>
                  {t(`inventorySync.errors.codes.${error.code}`)}
                  {/* The checker's own words (Ajv, JSON.parse): technical, in English, and
                      what tells the file's author which value to fix. */}
                  {error.message ? (
                    <span className="table__secondary" lang="en">
                      {error.message}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
