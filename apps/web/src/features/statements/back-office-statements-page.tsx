import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { lastClosableMonth, monthPattern } from '@guichet/domain';
import { Button } from '../../components/ui/button.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { formatCents, formatMonth } from './statement-format.ts';
import { CsvDownload, StatementStatusBadge } from './statement-view.tsx';
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
  const [searchParams, setSearchParams] = useSearchParams();
  const asked = searchParams.get('mois') ?? '';
  const month = monthPattern.test(asked) ? asked : defaultStatementMonth();
  const q = searchParams.get('q')?.trim() ?? '';
  const [text, setText] = useState(q);
  const debounced = useDebouncedValue(text, 300);
  const lastPushed = useRef(q);
  const setParam = (key: string, value: string, replace = false) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace },
    );
  useEffect(() => {
    const value = debounced.trim();
    if (value === lastPushed.current) return;
    lastPushed.current = value;
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set('q', value);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setSearchParams]);

  return (
    <div className="page">
      <PageTitle title={`${t('statements.backOffice.title')} — ${formatMonth(month, locale)}`} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('statements.backOffice.title')}</h1>
          <p className="page__subtitle">{t('statements.backOffice.subtitle')}</p>
        </div>
        <CsvDownload
          idPrefix="month-export"
          label={t('statements.backOffice.export')}
          href={(separator) => csvUrls.backOfficeMonth(month, separator)}
        />
      </div>
      <div className="filters">
        <div className="filters__contract">
          <label htmlFor="statements-month" className="field__label">
            {t('statements.month')}
          </label>
          <input
            id="statements-month"
            type="month"
            value={month}
            onChange={(event) => {
              if (monthPattern.test(event.target.value)) setParam('mois', event.target.value);
            }}
          />
        </div>
        <form
          role="search"
          className="filters__search"
          onSubmit={(event) => event.preventDefault()}
        >
          <label htmlFor="statements-search" className="field__label">
            {t('statements.backOffice.search')}
          </label>
          <input
            id="statements-search"
            type="search"
            value={text}
            placeholder={t('statements.backOffice.searchPlaceholder')}
            onChange={(event) => setText(event.target.value)}
          />
        </form>
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
  if (list.isPending) return <Loading />;
  if (list.isError) {
    return (
      <Notice tone="error" isLive title={t('statements.backOffice.loadFailed')}>
        <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
      </Notice>
    );
  }
  const rows = list.data.pages.flatMap((page) => page.items);
  const first = list.data.pages[0];
  const total = first?.total ?? 0;
  const grand = first?.grandTotals;
  if (rows.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('statements.backOffice.empty')}</p>
      </div>
    );
  }
  return (
    <div className="table-block" aria-busy={list.isFetching || undefined}>
      <p className="table-block__count" role="status">
        {t('statements.backOffice.count', { count: total, formatted: formatNumber(total, locale) })}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="statements-caption">
        <table className="table statement-table">
          <caption id="statements-caption" className="visually-hidden">
            {t('statements.backOffice.tableCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('statements.backOffice.columns.customer')}</th>
              <th scope="col">{t('statements.backOffice.columns.contract')}</th>
              <th scope="col">{t('statements.backOffice.columns.status')}</th>
              <th scope="col" className="statement-table__number">
                {t('statements.backOffice.columns.free')}
              </th>
              <th scope="col" className="statement-table__number">
                {t('statements.backOffice.columns.changes')}
              </th>
              <th scope="col" className="statement-table__number">
                {t('statements.backOffice.columns.quotes')}
              </th>
              <th scope="col" className="statement-table__number">
                {t('statements.backOffice.columns.tokens')}
              </th>
              <th scope="col" className="statement-table__number">
                {t('statements.backOffice.columns.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.contractId}>
                <td>{row.customer.name}</td>
                <td className="nowrap">
                  <Link
                    to={`/back-office/releves/${row.contractId}/${row.month}`}
                    aria-label={t('statements.backOffice.open', { contract: row.contractId })}
                    className="mono"
                  >
                    {row.contractId}
                  </Link>
                </td>
                <td>
                  <StatementStatusBadge status={row.status} />
                </td>
                <td className="statement-table__number nowrap">
                  {row.freeChangesUsed} / {row.freeChangesIncluded}
                </td>
                <td className="statement-table__number">{row.totals.changeCount}</td>
                <td className="statement-table__number">{row.totals.quoteCount}</td>
                <td className="statement-table__number">
                  {formatNumber(row.totals.tokens, locale)}
                </td>
                <td className="statement-table__number nowrap">
                  {formatCents(row.totals.cents, locale)}
                </td>
              </tr>
            ))}
          </tbody>
          {grand ? (
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {t('statements.backOffice.grandTotal')}
                </th>
                <td className="statement-table__number">{grand.changeCount}</td>
                <td className="statement-table__number">{grand.quoteCount}</td>
                <td className="statement-table__number">{formatNumber(grand.tokens, locale)}</td>
                <td className="statement-table__number nowrap">
                  {formatCents(grand.cents, locale)}
                </td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {list.hasNextPage ? (
        <div className="table-block__more">
          <Button onClick={() => void list.fetchNextPage()} isBusy={list.isFetchingNextPage}>
            {t('statements.backOffice.loadMore', { shown: rows.length, total })}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
