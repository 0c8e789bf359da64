import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { InventorySyncRun } from '@guichet/contracts';
import { PagedDataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useSyncRuns } from './inventory-sync-api.ts';
import { formatDuration } from './sync-plan.ts';
import { SyncCountsInline, SyncStatusBadge } from './sync-run-parts.tsx';

/** « Historique des synchronisations »: every run, newest first, whatever its source. */
export function SyncHistory() {
  const { t } = useTranslation();
  const locale = useLocale();
  const runs = useSyncRuns();
  const columns: Column<InventorySyncRun>[] = [
    {
      key: 'date',
      header: t('inventorySync.history.columns.date'),
      className: 'nowrap',
      cell: (run) => (
        <Link className="table__link" to={`/back-office/parc/synchronisations/${run.id}`}>
          <time dateTime={run.startedAt}>{formatDateTime(run.startedAt, locale)}</time>
        </Link>
      ),
    },
    {
      key: 'status',
      header: t('inventorySync.history.columns.status'),
      cell: (run) => <SyncStatusBadge status={run.status} />,
    },
    {
      key: 'mode',
      header: t('inventorySync.history.columns.mode'),
      cell: (run) => (
        <>
          {t(`inventorySync.modes.${run.mode}`)}
          {run.isStrict ? (
            <span className="table__secondary">{t('inventorySync.strictMode')}</span>
          ) : null}
        </>
      ),
    },
    {
      key: 'counts',
      header: t('inventorySync.history.columns.counts'),
      cell: (run) => <SyncCountsInline counts={run.counts} />,
    },
    {
      key: 'actor',
      header: t('inventorySync.history.columns.actor'),
      cell: (run) =>
        run.actor ? (
          run.actor.displayName
        ) : (
          <span className="muted">{t('inventorySync.history.system')}</span>
        ),
    },
    {
      key: 'source',
      header: t('inventorySync.history.columns.source'),
      cell: (run) => t(`inventorySync.sources.${run.source}`),
    },
    {
      key: 'duration',
      header: t('inventorySync.history.columns.duration'),
      className: 'nowrap',
      cell: (run) => formatDuration(run.durationMs, locale),
    },
  ];
  return (
    <section className="sync-history" aria-labelledby="sync-history-title">
      <h2 id="sync-history-title" className="sync-history__title">
        {t('inventorySync.history.title')}
      </h2>
      <PagedDataTable
        list={runs}
        caption={t('inventorySync.history.caption')}
        columns={columns}
        className="sync-history__table"
        loadFailed={t('inventorySync.history.loadFailed')}
        empty={t('inventorySync.history.empty')}
        loadMore={() => t('inventorySync.history.loadMore')}
      />
    </section>
  );
}
