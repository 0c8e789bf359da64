import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { monthPattern } from '@guichet/domain';
import { CsvDownload } from '../../components/ui/csv-download.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { QueryFallback } from '../../components/ui/query-fallback.tsx';
import { useLocale } from '../../lib/i18n/index.ts';
import { formatMonth } from './statement-format.ts';
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
      <nav className="breadcrumb" aria-label={t('statements.backOffice.back')}>
        <Link to={`/back-office/releves?mois=${month}`}>{t('statements.backOffice.back')}</Link>
      </nav>
      <PageHeader
        title={title}
        actions={
          <CsvDownload
            label={t('statements.backOffice.download')}
            href={(separator) => csvUrls.backOffice(contractId, month, separator)}
          />
        }
      />
      {statement.isSuccess ? (
        <StatementView
          statement={statement.data}
          requestHref={(requestId) => `/back-office/demandes/${requestId}`}
        />
      ) : (
        <QueryFallback query={statement} loadFailed={t('statements.backOffice.loadFailed')} />
      )}
    </div>
  );
}
