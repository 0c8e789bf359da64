import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { monthPattern } from '@guichet/domain';
import { LoadFailedNotice } from '../../components/ui/load-failed-notice.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { useLocale } from '../../lib/i18n/index.ts';
import { formatMonth } from './statement-format.ts';
import { CsvDownload } from '../../components/ui/csv-download.tsx';
import { StatementView } from './statement-view.tsx';
import { csvUrls, useBackOfficeStatement } from './statements-api.ts';
import './statements.css';

/** `/back-office/releves/:contractId/:month`: one contract's statement, with its lines. */
export function BackOfficeStatementPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const params = useParams();
  const contractId = params['contractId'] ?? '';
  const month = monthPattern.test(params['month'] ?? '') ? (params['month'] ?? '') : '';
  const statement = useBackOfficeStatement(contractId, month);
  const title = t('statements.backOffice.detailTitle', {
    contract: contractId,
    month: formatMonth(month, locale),
  });
  return (
    <div className="page">
      <PageTitle title={title} />
      <nav className="breadcrumb" aria-label={t('statements.backOffice.back')}>
        <Link to={`/back-office/releves?mois=${month}`}>{t('statements.backOffice.back')}</Link>
      </nav>
      <div className="page__header">
        <h1 className="page__title">{title}</h1>
        <CsvDownload
          label={t('statements.backOffice.download')}
          href={(separator) => csvUrls.backOffice(contractId, month, separator)}
        />
      </div>
      {statement.isPending ? (
        <Loading />
      ) : statement.isError ? (
        <LoadFailedNotice
          title={t('statements.backOffice.loadFailed')}
          onRetry={statement.refetch}
        />
      ) : (
        <StatementView
          statement={statement.data}
          requestHref={(requestId) => `/back-office/demandes/${requestId}`}
        />
      )}
    </div>
  );
}
