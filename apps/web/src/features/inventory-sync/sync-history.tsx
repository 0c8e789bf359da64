import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '../../components/ui/button.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
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
  let content;
  if (runs.isPending) content = <Loading />;
  else if (runs.isError)
    content = (
      <Notice tone="error" isLive title={t('inventorySync.history.loadFailed')}>
        <Button onClick={() => void runs.refetch()}>{t('common.retry')}</Button>
      </Notice>
    );
  else {
    const rows = runs.data.pages.flatMap((page) => page.items);
    content =
      rows.length === 0 ? (
        <div className="empty-state">
          <p>{t('inventorySync.history.empty')}</p>
        </div>
      ) : (
        <div className="table-block" aria-busy={runs.isFetching || undefined}>
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-labelledby="sync-history-caption"
          >
            <table className="table sync-history__table">
              <caption id="sync-history-caption" className="visually-hidden">
                {t('inventorySync.history.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('inventorySync.history.columns.date')}</th>
                  <th scope="col">{t('inventorySync.history.columns.status')}</th>
                  <th scope="col">{t('inventorySync.history.columns.mode')}</th>
                  <th scope="col">{t('inventorySync.history.columns.counts')}</th>
                  <th scope="col">{t('inventorySync.history.columns.actor')}</th>
                  <th scope="col">{t('inventorySync.history.columns.source')}</th>
                  <th scope="col">{t('inventorySync.history.columns.duration')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((run) => (
                  <tr key={run.id}>
                    <td className="nowrap">
                      <Link
                        className="table__link"
                        to={`/back-office/parc/synchronisations/${run.id}`}
                      >
                        <time dateTime={run.startedAt}>
                          {formatDateTime(run.startedAt, locale)}
                        </time>
                      </Link>
                    </td>
                    <td>
                      <SyncStatusBadge status={run.status} />
                    </td>
                    <td>
                      {t(`inventorySync.modes.${run.mode}`)}
                      {run.isStrict ? (
                        <span className="table__secondary">{t('inventorySync.strictMode')}</span>
                      ) : null}
                    </td>
                    <td>
                      <SyncCountsInline counts={run.counts} />
                    </td>
                    <td>
                      {run.actor ? (
                        run.actor.displayName
                      ) : (
                        <span className="muted">{t('inventorySync.history.system')}</span>
                      )}
                    </td>
                    <td>{t(`inventorySync.sources.${run.source}`)}</td>
                    <td className="nowrap">{formatDuration(run.durationMs, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {runs.hasNextPage ? (
            <div className="table-block__more">
              <Button onClick={() => void runs.fetchNextPage()} isBusy={runs.isFetchingNextPage}>
                {t('inventorySync.history.loadMore')}
              </Button>
            </div>
          ) : null}
        </div>
      );
  }
  return (
    <section className="sync-history" aria-labelledby="sync-history-title">
      <h2 id="sync-history-title" className="sync-history__title">
        {t('inventorySync.history.title')}
      </h2>
      {content}
    </section>
  );
}
