import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StatementSummary } from '@guichet/contracts';
import { lastClosableMonth, monthPattern } from '@guichet/domain';
import { PagedDataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { SearchBox } from '../../components/ui/search-box.tsx';
import { TextField } from '../../components/ui/text-field.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useUrlParams } from '../../lib/use-url-params.ts';
import { formatCents, formatMonth } from './statement-format.ts';
import { CsvDownload } from '../../components/ui/csv-download.tsx';
import { StatementStatusBadge } from './statement-view.tsx';
import { csvUrls, useBackOfficeStatements } from './statements-api.ts';
import './statements.css';

/** The month the page opens on: the last one closed in the provider's time zone. */
export function defaultStatementMonth(now = new Date()): string {
  return lastClosableMonth(now, 'Europe/Paris').slice(0, 7);
}

/** `/back-office/releves`: every contract's statement for a month, with the totals. */
export function BackOfficeStatementsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { searchParams, setParams } = useUrlParams();
  const asked = searchParams.get('mois') ?? '';
  const month = monthPattern.test(asked) ? asked : defaultStatementMonth();
  const q = searchParams.get('q')?.trim() ?? '';
  return (
    <div className="page">
      <PageHeader
        title={t('statements.backOffice.title')}
        documentTitle={`${t('statements.backOffice.title')} — ${formatMonth(month, locale)}`}
        subtitle={t('statements.backOffice.subtitle')}
        actions={
          <CsvDownload
            label={t('statements.backOffice.export')}
            href={(separator) => csvUrls.backOfficeMonth(month, separator)}
          />
        }
      />
      <div className="filters">
        <TextField
          id="statements-month"
          fieldClassName="filters__contract"
          label={t('statements.month')}
          type="month"
          value={month}
          onChange={(value) => {
            if (monthPattern.test(value)) setParams({ mois: value });
          }}
        />
        <SearchBox
          id="statements-search"
          texts="statements.backOffice"
          value={q}
          onSearch={(value) => setParams({ q: value })}
        />
      </div>
      <p className="muted">{t('statements.csvNote')}</p>
      <StatementsTable month={month} q={q} />
    </div>
  );
}

function StatementsTable({ month, q }: { month: string; q: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useBackOfficeStatements(month, q);
  const columns: Column<StatementSummary>[] = [
    {
      key: 'customer',
      header: t('statements.backOffice.columns.customer'),
      cell: (row) => row.customer.name,
    },
    {
      key: 'contract',
      header: t('statements.backOffice.columns.contract'),
      className: 'nowrap',
      cell: (row) => (
        <Link
          to={`/back-office/releves/${row.contractId}/${row.month}`}
          aria-label={t('statements.backOffice.open', { contract: row.contractId })}
          className="mono"
        >
          {row.contractId}
        </Link>
      ),
    },
    {
      key: 'status',
      header: t('statements.backOffice.columns.status'),
      cell: (row) => <StatementStatusBadge status={row.status} />,
    },
    {
      key: 'free',
      header: t('statements.backOffice.columns.free'),
      isNumeric: true,
      className: 'nowrap',
      cell: (row) => `${row.freeChangesUsed} / ${row.freeChangesIncluded}`,
    },
    {
      key: 'changes',
      header: t('statements.backOffice.columns.changes'),
      isNumeric: true,
      cell: (row) => row.totals.changeCount,
    },
    {
      key: 'quotes',
      header: t('statements.backOffice.columns.quotes'),
      isNumeric: true,
      cell: (row) => row.totals.quoteCount,
    },
    {
      key: 'tokens',
      header: t('statements.backOffice.columns.tokens'),
      isNumeric: true,
      cell: (row) => formatNumber(row.totals.tokens, locale),
    },
    {
      key: 'amount',
      header: t('statements.backOffice.columns.amount'),
      isNumeric: true,
      className: 'nowrap',
      cell: (row) => formatCents(row.totals.cents, locale),
    },
  ];
  return (
    <PagedDataTable
      list={list}
      caption={t('statements.backOffice.tableCaption')}
      columns={columns}
      rowKey={(row) => row.contractId}
      className="statement-table"
      texts="statements.backOffice"
      footer={({ grandTotals: grand }) => (
        <tr role="row">
          <th scope="row" role="rowheader" colSpan={4}>
            {t('statements.backOffice.grandTotal')}
          </th>
          {[
            { key: 'changes' as const, value: String(grand.changeCount) },
            { key: 'quotes' as const, value: String(grand.quoteCount) },
            { key: 'tokens' as const, value: formatNumber(grand.tokens, locale) },
            {
              key: 'amount' as const,
              value: formatCents(grand.cents, locale),
              className: 'nowrap',
            },
          ].map(({ key, value, className }) => (
            <td
              key={key}
              role="cell"
              className={['data-table__number', className].filter(Boolean).join(' ')}
              data-label={t(`statements.backOffice.columns.${key}`)}
            >
              {value}
            </td>
          ))}
        </tr>
      )}
    />
  );
}
