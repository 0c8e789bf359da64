import { Fragment, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { mailStatuses } from '@guichet/contracts';
import type { OutboxMailView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import type { BadgeTone } from '../../components/ui/badge.tsx';
import { Button } from '../../components/ui/button.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageTitle } from '../../components/ui/page-title.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useMail, useOutbox } from './back-office-api.ts';
import type { OutboxFilters } from './back-office-api.ts';

const tones: Record<OutboxMailView['status'], BadgeTone> = {
  pending: 'info',
  sent: 'success',
  failed: 'danger',
  kept: 'neutral',
};

/** `/back-office/boite-d-envoi`: the mails Guichet sent, failed to send, or keeps. */
export function OutboxPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: OutboxFilters = {
    status: mailStatuses.find((status) => status === searchParams.get('statut')) ?? '',
    q: searchParams.get('q')?.trim() ?? '',
  };
  const setParam = (key: string, value: string) =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key === 'q' },
    );
  const [text, setText] = useState(filters.q);
  const debounced = useDebouncedValue(text, 300);
  const lastPushed = useRef(filters.q);
  useEffect(() => {
    const q = debounced.trim();
    if (q === lastPushed.current) return;
    lastPushed.current = q;
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setSearchParams]);

  return (
    <div className="page">
      <PageTitle title={t('operations.outbox.title')} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('operations.outbox.title')}</h1>
          <p className="page__subtitle">{t('operations.outbox.subtitle')}</p>
        </div>
      </div>
      <div className="filters">
        <form
          role="search"
          className="filters__search"
          onSubmit={(event) => event.preventDefault()}
        >
          <label htmlFor="outbox-search" className="field__label">
            {t('operations.outbox.search')}
          </label>
          <input
            id="outbox-search"
            type="search"
            value={text}
            placeholder={t('operations.outbox.searchPlaceholder')}
            onChange={(event) => setText(event.target.value)}
          />
        </form>
        <div className="filters__contract">
          <label htmlFor="outbox-status" className="field__label">
            {t('operations.outbox.status')}
          </label>
          <select
            id="outbox-status"
            value={filters.status}
            onChange={(event) => setParam('statut', event.target.value)}
          >
            <option value="">{t('operations.outbox.anyStatus')}</option>
            {mailStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`operations.outbox.statuses.${status}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <OutboxTable filters={filters} />
    </div>
  );
}

function MailText({ id }: { id: string }) {
  const mail = useMail(id);
  if (mail.isPending) return <Loading />;
  if (mail.isError) return null;
  return <pre className="outbox__text">{mail.data.text}</pre>;
}

function OutboxTable({ filters }: { filters: OutboxFilters }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useOutbox(filters);
  const [openId, setOpenId] = useState<string | null>(null);
  if (list.isPending) return <Loading />;
  if (list.isError) {
    return (
      <Notice tone="error" isLive title={t('operations.outbox.loadFailed')}>
        <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
      </Notice>
    );
  }
  const rows = list.data.pages.flatMap((page) => page.items);
  const total = list.data.pages[0]?.total ?? 0;
  if (rows.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('operations.outbox.empty')}</p>
      </div>
    );
  }
  return (
    <div className="table-block" aria-busy={list.isFetching || undefined}>
      <p className="table-block__count" role="status">
        {t('operations.outbox.count', { count: total, formatted: formatNumber(total, locale) })}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="outbox-caption">
        <table className="table">
          <caption id="outbox-caption" className="visually-hidden">
            {t('operations.outbox.tableCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('operations.outbox.columns.date')}</th>
              <th scope="col">{t('operations.outbox.columns.to')}</th>
              <th scope="col">{t('operations.outbox.columns.subject')}</th>
              <th scope="col">{t('operations.outbox.columns.request')}</th>
              <th scope="col">{t('operations.outbox.columns.status')}</th>
              <th scope="col">{t('operations.outbox.columns.attempts')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <Fragment key={row.id}>
                <tr>
                  <td className="nowrap">
                    <time dateTime={row.createdAt}>{formatDateTime(row.createdAt, locale)}</time>
                  </td>
                  <td>{row.to}</td>
                  <td>
                    {row.subject}
                    <span className="table__secondary">
                      <button
                        type="button"
                        className="link-button"
                        aria-expanded={openId === row.id}
                        aria-controls={`mail-${row.id}`}
                        onClick={() => setOpenId(openId === row.id ? null : row.id)}
                      >
                        {openId === row.id
                          ? t('operations.outbox.hide')
                          : t('operations.outbox.show')}
                      </button>
                    </span>
                  </td>
                  <td className="nowrap">
                    {row.requestId && row.requestNumber ? (
                      <Link to={`/back-office/demandes/${row.requestId}`}>{row.requestNumber}</Link>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>
                    <Badge tone={tones[row.status]}>
                      {t(`operations.outbox.statuses.${row.status}`)}
                    </Badge>
                    {row.lastError ? (
                      <span className="table__secondary">
                        {t('operations.outbox.lastError', { error: row.lastError })}
                      </span>
                    ) : null}
                  </td>
                  <td>{row.attempts}</td>
                </tr>
                {openId === row.id ? (
                  <tr id={`mail-${row.id}`} className="outbox__row-text">
                    <td colSpan={6}>
                      <MailText id={row.id} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {list.hasNextPage ? (
        <div className="table-block__more">
          <Button onClick={() => void list.fetchNextPage()} isBusy={list.isFetchingNextPage}>
            {t('operations.outbox.loadMore', { shown: rows.length, total })}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
