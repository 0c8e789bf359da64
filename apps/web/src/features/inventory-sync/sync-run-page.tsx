import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Card } from '../../components/ui/card.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { QueryFallback } from '../../components/ui/query-fallback.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useSyncRun } from './inventory-sync-api.ts';
import { formatDuration } from './sync-plan.ts';
import { SyncCounts, SyncErrorsTable, SyncStatusBadge } from './sync-run-parts.tsx';
import './inventory-sync.css';

/** `/back-office/parc/synchronisations/:id`: one run, its counts and its lines in error. */
export function SyncRunPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { id = '' } = useParams();
  const query = useSyncRun(id);

  if (!query.isSuccess) {
    return (
      <QueryFallback
        query={query}
        loadFailed={t('inventorySync.run.loadFailed')}
        notFound={
          <MessagePage
            title={t('notFound.title')}
            text={t('inventorySync.run.notFound')}
            link={{ to: '/back-office/parc', label: t('inventorySync.run.back') }}
          />
        }
      />
    );
  }
  const run = query.data;
  const title = t('inventorySync.run.title', { date: formatDateTime(run.startedAt, locale) });
  return (
    <div className="page inventory-sync">
      <PageTitle title={title} />
      <p className="breadcrumb">
        <Link to="/back-office/parc">{t('inventorySync.run.back')}</Link>
      </p>
      <div className="page__header">
        <h1 className="page__title">
          {title} <SyncStatusBadge status={run.status} />
        </h1>
      </div>
      <Card title={t('inventorySync.run.facts')} titleId="sync-run-facts">
        <dl className="facts">
          <div>
            <dt>{t('inventorySync.history.columns.actor')}</dt>
            <dd>{run.actor ? run.actor.displayName : t('inventorySync.history.system')}</dd>
          </div>
          <div>
            <dt>{t('inventorySync.history.columns.source')}</dt>
            <dd>{t(`inventorySync.sources.${run.source}`)}</dd>
          </div>
          <div>
            <dt>{t('inventorySync.history.columns.mode')}</dt>
            <dd>
              {t(`inventorySync.modes.${run.mode}`)}
              {run.isStrict ? ` · ${t('inventorySync.strictMode')}` : null}
            </dd>
          </div>
          <div>
            <dt>{t('inventorySync.history.columns.duration')}</dt>
            <dd>
              {formatDuration(run.durationMs, locale)}{' '}
              <span className="muted">
                (<time dateTime={run.finishedAt}>{formatDateTime(run.finishedAt, locale)}</time>)
              </span>
            </dd>
          </div>
        </dl>
        <SyncCounts counts={run.counts} />
        {run.errors.length > 0 ? (
          <SyncErrorsTable run={run} captionId="sync-run-errors" />
        ) : (
          <p className="muted">{t('inventorySync.run.noErrors')}</p>
        )}
      </Card>
    </div>
  );
}
