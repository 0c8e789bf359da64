import { useTranslation } from 'react-i18next';
import { contractsWith } from '@guichet/domain';
import { Button, ButtonLink } from '../../components/ui/button.tsx';
import { FilterSelect } from '../../components/ui/filter-select.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { useLocale } from '../../lib/i18n/index.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useUrlParams } from '../../lib/use-url-params.ts';
import { formatMonth } from './statement-format.ts';
import { CsvDownload } from '../../components/ui/csv-download.tsx';
import { StatementView } from './statement-view.tsx';
import { csvUrls, useContractStatement, useContractStatements } from './statements-api.ts';
import './statements.css';

/** Says which right the statements need, and who grants it. */
function StatementsForbidden() {
  const { t } = useTranslation();
  return (
    <MessagePage
      title={t('statements.customer.forbiddenTitle')}
      tone="warning"
      actions={<ButtonLink to="/demandes">{t('common.backToRequests')}</ButtonLink>}
    >
      <p>{t('statements.customer.forbidden')}</p>
      <p>{t('statements.customer.whoGrants')}</p>
    </MessagePage>
  );
}

/** `/releves`: a contract's monthly statements, for its Gestionnaires on Contrats. */
export function StatementsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useAuthenticatedSession();
  const { searchParams, setParams } = useUrlParams();
  const allowed = contractsWith(session.grants, 'contracts', 'manager');
  const askedContract = searchParams.get('contrat') ?? '';
  const contractId = allowed.includes(askedContract) ? askedContract : (allowed[0] ?? '');
  const months = useContractStatements(contractId);
  const available = months.data?.items.map((item) => item.month) ?? [];
  const askedMonth = searchParams.get('mois') ?? '';
  const month = available.includes(askedMonth) ? askedMonth : (available[0] ?? '');
  const statement = useContractStatement(contractId, month);
  if (allowed.length === 0) return <StatementsForbidden />;

  return (
    <div className="page">
      <PageHeader
        title={t('statements.customer.title')}
        subtitle={
          session.perimeter
            ? t('statements.customer.subtitle', { perimeter: session.perimeter.name })
            : null
        }
        actions={
          month ? (
            <CsvDownload
              label={t('statements.customer.download')}
              href={(separator) => csvUrls.customer(contractId, month, separator)}
            />
          ) : null
        }
      />
      <div className="filters">
        <FilterSelect
          id="statements-contract"
          label={t('statements.customer.contract')}
          value={contractId}
          onChange={(value) => setParams({ contrat: value, mois: null })}
          options={allowed.map((id) => ({ value: id, label: id }))}
        />
        <FilterSelect
          id="statements-month"
          className="filters__contract statement-filters__month"
          label={t('statements.month')}
          value={month}
          disabled={available.length === 0}
          onChange={(value) => setParams({ mois: value })}
          options={months.data?.items.map((item) => ({
            value: item.month,
            label: `${formatMonth(item.month, locale)} — ${t(`statements.status.${item.status}`)}`,
          }))}
        />
      </div>
      <p className="muted">{t('statements.csvNote')}</p>
      {months.isError || statement.isError ? (
        <Notice tone="error" isLive title={t('statements.customer.loadFailed')}>
          <Button
            onClick={() => {
              void months.refetch();
              void statement.refetch();
            }}
          >
            {t('common.retry')}
          </Button>
        </Notice>
      ) : statement.data ? (
        <div aria-busy={statement.isFetching || undefined}>
          <StatementView
            statement={statement.data}
            requestHref={(requestId) => `/demandes/${requestId}`}
          />
        </div>
      ) : (
        <Loading />
      )}
    </div>
  );
}
