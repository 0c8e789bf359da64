import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mailStatuses } from '@guichet/contracts';
import type { OutboxMailView } from '@guichet/contracts';
import { Badge } from '../../components/ui/badge.tsx';
import type { BadgeTone } from '../../components/ui/badge.tsx';
import { PagedDataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { FilterSelect } from '../../components/ui/filter-select.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { SearchBox } from '../../components/ui/search-box.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useUrlParams } from '../../lib/use-url-params.ts';
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
  const { searchParams, setParams } = useUrlParams();
  const filters: OutboxFilters = {
    status: mailStatuses.find((status) => status === searchParams.get('statut')) ?? '',
    q: searchParams.get('q')?.trim() ?? '',
  };

  return (
    <div className="page">
      <PageHeader title={t('operations.outbox.title')} subtitle={t('operations.outbox.subtitle')} />
      <div className="filters">
        <SearchBox
          id="outbox-search"
          texts="operations.outbox"
          value={filters.q}
          onSearch={(q) => setParams({ q })}
        />
        <FilterSelect
          id="outbox-status"
          label={t('operations.outbox.status')}
          value={filters.status}
          onChange={(value) => setParams({ statut: value })}
          anyLabel={t('operations.outbox.anyStatus')}
          options={mailStatuses.map((status) => ({
            value: status,
            label: t(`operations.outbox.statuses.${status}`),
          }))}
        />
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
  const columns: Column<OutboxMailView>[] = [
    {
      key: 'date',
      header: t('operations.outbox.columns.date'),
      className: 'nowrap',
      cell: (row) => <time dateTime={row.createdAt}>{formatDateTime(row.createdAt, locale)}</time>,
    },
    { key: 'to', header: t('operations.outbox.columns.to'), cell: (row) => row.to },
    {
      key: 'subject',
      header: t('operations.outbox.columns.subject'),
      cell: (row) => (
        <>
          {row.subject}
          <span className="table__secondary">
            <button
              type="button"
              className="link-button"
              aria-expanded={openId === row.id}
              aria-controls={`mail-${row.id}`}
              onClick={() => setOpenId(openId === row.id ? null : row.id)}
            >
              {openId === row.id ? t('operations.outbox.hide') : t('operations.outbox.show')}
            </button>
          </span>
        </>
      ),
    },
    {
      key: 'request',
      header: t('operations.outbox.columns.request'),
      className: 'nowrap',
      cell: (row) =>
        row.requestId && row.requestNumber ? (
          <Link to={`/back-office/demandes/${row.requestId}`}>{row.requestNumber}</Link>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      key: 'status',
      header: t('operations.outbox.columns.status'),
      cell: (row) => (
        <>
          <Badge tone={tones[row.status]}>{t(`operations.outbox.statuses.${row.status}`)}</Badge>
          {row.lastError ? (
            <span className="table__secondary">
              {t('operations.outbox.lastError', { error: row.lastError })}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'attempts',
      header: t('operations.outbox.columns.attempts'),
      cell: (row) => row.attempts,
    },
  ];
  return (
    <PagedDataTable
      list={list}
      caption={t('operations.outbox.tableCaption')}
      columns={columns}
      rowDetail={(row) =>
        openId === row.id ? (
          <div id={`mail-${row.id}`} className="outbox__row-text">
            <MailText id={row.id} />
          </div>
        ) : null
      }
      texts="operations.outbox"
    />
  );
}
