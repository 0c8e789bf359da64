import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queueDueFilters, queueSorts } from '@guichet/contracts';
import type { QueueFilterOptions, QueueItem } from '@guichet/contracts';
import { requestStatuses } from '@guichet/domain';
import { Button } from '../../components/ui/button.tsx';
import { PagedDataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { FilterSelect } from '../../components/ui/filter-select.tsx';
import type { FilterOption } from '../../components/ui/filter-select.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { RequestStatusBadge } from '../../components/ui/request-status-badge.tsx';
import { SearchBox } from '../../components/ui/search-box.tsx';
import { UrlTabs } from '../../components/ui/url-tabs.tsx';
import { errorText } from '../../lib/field-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useUrlParams } from '../../lib/use-url-params.ts';
import { backOfficeKeys, takeRequest, useFilterOptions, useQueue } from './back-office-api.ts';
import type { QueueFilters } from './back-office-api.ts';
import { DueStateBadge } from './due-state-badge.tsx';
import { QueueListTools } from './queue-list-tools.tsx';

const views = ['all', 'mine', 'unassigned'] as const;
const ages = ['1', '3', '7', '30'] as const;
const statusGroups = ['transmise', 'en_cours', 'terminee'] as const;
const statusOptions = requestStatuses.filter((status) => status !== 'draft');

function filtersFrom(params: URLSearchParams): QueueFilters {
  const view = views.find((candidate) => candidate === params.get('vue')) ?? 'all';
  const sort = queueSorts.find((candidate) => candidate === params.get('tri')) ?? 'oldest';
  return {
    status: params.get('statut') || 'open',
    view,
    customerId: params.get('client') ?? '',
    contractId: params.get('contrat') ?? '',
    catalogId: params.get('catalogue') ?? '',
    articleId: params.get('article') ?? '',
    assigneeId: params.get('attribuee') ?? '',
    minAgeDays: params.get('anciennete') ?? '',
    q: params.get('q')?.trim() ?? '',
    due: params.get('echeance') ?? '',
    sort,
  };
}

/** `/back-office`: every customer's requests to work on. */
export function QueuePage() {
  const { t } = useTranslation();
  const { searchParams, setParams, setSearchParams } = useUrlParams();
  const filters = filtersFrom(searchParams);
  const options = useFilterOptions();

  return (
    <div className="page">
      <PageHeader title={t('operations.queue.title')} subtitle={t('operations.queue.subtitle')} />

      <UrlTabs
        label={t('operations.queue.views.label')}
        param="vue"
        current={filters.view === 'all' ? null : filters.view}
        tabs={views.map((view) => ({
          value: view === 'all' ? null : view,
          label: t(`operations.queue.views.${view}`),
        }))}
        clears={['attribuee']}
      />

      <QueueFiltersBar
        filters={filters}
        options={options.data ?? null}
        onChange={setParams}
        onReset={() => setSearchParams(filters.view === 'all' ? {} : { vue: filters.view })}
      />
      <QueueListTools filters={filters} />
      <QueueTable filters={filters} />
    </div>
  );
}

interface QueueFiltersBarProps {
  filters: QueueFilters;
  options: QueueFilterOptions | null;
  onChange: (changes: Record<string, string | null>) => void;
  onReset: () => void;
}

/** One of the bar's selects: `queue-<name>`, titled by `operations.queue.filters.<name>`. */
interface QueueSelect {
  name:
    | 'status'
    | 'customer'
    | 'contract'
    | 'catalog'
    | 'article'
    | 'assignee'
    | 'age'
    | 'due'
    | 'sort';
  value: string;
  onChange: (value: string) => void;
  anyLabel?: string;
  options: readonly FilterOption[];
}

function QueueFiltersBar({ filters, options, onChange, onReset }: QueueFiltersBarProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const contracts = (options?.contracts ?? []).filter(
    (contract) => !filters.customerId || contract.customerId === filters.customerId,
  );
  const articles = (options?.articles ?? []).filter(
    (article) => !filters.catalogId || article.catalogId === filters.catalogId,
  );
  const selects: QueueSelect[] = [
    {
      name: 'status',
      value: filters.status,
      onChange: (value) => onChange({ statut: value === 'open' ? null : value }),
      options: [
        { value: 'open', label: t('operations.queue.filters.open') },
        { value: 'all', label: t('operations.queue.filters.anyStatus') },
        ...statusGroups.map((group) => ({
          value: group,
          label: t(`operations.queue.filters.groups.${group}`),
        })),
        ...statusOptions.map((status) => ({ value: status, label: t(`status.${status}`) })),
      ],
    },
    {
      name: 'customer',
      value: filters.customerId,
      onChange: (value) => onChange({ client: value, contrat: null }),
      anyLabel: t('operations.queue.filters.anyCustomer'),
      options: (options?.customers ?? []).map((customer) => ({
        value: customer.id,
        label: customer.name,
      })),
    },
    {
      name: 'contract',
      value: filters.contractId,
      onChange: (value) => onChange({ contrat: value }),
      anyLabel: t('operations.queue.filters.anyContract'),
      options: contracts.map((contract) => ({ value: contract.id, label: contract.id })),
    },
    {
      name: 'catalog',
      value: filters.catalogId,
      onChange: (value) => onChange({ catalogue: value, article: null }),
      anyLabel: t('operations.queue.filters.anyCatalog'),
      options: (options?.catalogs ?? []).map((catalog) => ({
        value: catalog.id,
        label: localize(catalog.name, locale),
      })),
    },
    {
      name: 'article',
      value: filters.articleId,
      onChange: (value) => onChange({ article: value }),
      anyLabel: t('operations.queue.filters.anyArticle'),
      options: articles.map((article) => ({
        value: article.id,
        label: localize(article.name, locale),
      })),
    },
    // « Mes demandes » and « Non attribuées » already say who holds the request.
    ...(filters.view === 'all'
      ? [
          {
            name: 'assignee' as const,
            value: filters.assigneeId,
            onChange: (value: string) => onChange({ attribuee: value }),
            anyLabel: t('operations.queue.filters.anyAssignee'),
            options: (options?.operators ?? []).map((operator) => ({
              value: operator.id,
              label: operator.displayName,
            })),
          },
        ]
      : []),
    {
      name: 'age',
      value: filters.minAgeDays,
      onChange: (value) => onChange({ anciennete: value }),
      anyLabel: t('operations.queue.filters.anyAge'),
      options: ages.map((days) => ({
        value: days,
        label: t('operations.queue.filters.olderThan', { count: Number(days) }),
      })),
    },
    {
      name: 'due',
      value: filters.due,
      onChange: (value) => onChange({ echeance: value }),
      anyLabel: t('dueDates.queue.any'),
      options: queueDueFilters.map((due) => ({ value: due, label: t(`dueDates.queue.${due}`) })),
    },
    {
      name: 'sort',
      value: filters.sort,
      onChange: (value) => onChange({ tri: value === 'oldest' ? null : value }),
      options: queueSorts.map((sort) => ({
        value: sort,
        label: t(`operations.queue.filters.sorts.${sort}`),
      })),
    },
  ];
  return (
    <section className="queue-filters" aria-label={t('operations.queue.filters.title')}>
      <SearchBox
        id="queue-search"
        className="queue-filters__search"
        texts="operations.queue.filters"
        value={filters.q}
        onSearch={(q) => onChange({ q })}
      />
      <div className="queue-filters__grid">
        {selects.map(({ name, ...select }) => (
          <FilterSelect
            key={name}
            id={`queue-${name}`}
            className="queue-filters__field"
            label={t(`operations.queue.filters.${name}`)}
            {...select}
          />
        ))}
      </div>
      <p className="queue-filters__reset">
        <button type="button" className="link-button" onClick={onReset}>
          {t('operations.queue.filters.reset')}
        </button>
      </p>
    </section>
  );
}

function ageInDays(iso: string | null, now: number): number | null {
  if (!iso) return null;
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 86_400_000));
}

function QueueTable({ filters }: { filters: QueueFilters }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const queryClient = useQueryClient();
  const list = useQueue(filters);
  const [flash, setFlash] = useState<string | null>(null);
  const take = useMutation({
    mutationFn: (item: QueueItem) => takeRequest(item.id),
    onSuccess: (detail) => {
      setFlash(t('operations.queue.taken', { number: detail.number ?? '' }));
      queryClient.setQueryData(backOfficeKeys.detail(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: backOfficeKeys.queues });
    },
  });
  const [now] = useState(() => Date.now());
  const none = <span className="muted">—</span>;
  const columns: Column<QueueItem>[] = [
    {
      key: 'number',
      header: t('operations.queue.columns.number'),
      cell: (row) => (
        <>
          <Link to={`/back-office/demandes/${row.id}`} className="table__link">
            {row.number}
          </Link>
          {row.customerReference ? (
            <span className="table__secondary">{row.customerReference}</span>
          ) : null}
        </>
      ),
    },
    {
      key: 'customer',
      header: t('operations.queue.columns.customer'),
      cell: (row) => (
        <>
          {row.customerName}
          <span className="table__secondary mono">{row.contractId}</span>
        </>
      ),
    },
    {
      key: 'asset',
      header: t('operations.queue.columns.asset'),
      cell: (row) =>
        row.assetReference ? (
          <>
            <span className="mono">{row.assetReference}</span>
            <span className="table__secondary">{row.assetLabel}</span>
          </>
        ) : (
          none
        ),
    },
    {
      key: 'article',
      header: t('operations.queue.columns.article'),
      cell: (row) => (
        <>
          {localize(row.articleName, locale) || none}
          {row.catalogName ? (
            <span className="table__secondary">{localize(row.catalogName, locale)}</span>
          ) : null}
        </>
      ),
    },
    {
      key: 'status',
      header: t('operations.queue.columns.status'),
      cell: (row) => <RequestStatusBadge status={row.status} audience="operator" />,
    },
    {
      key: 'assignee',
      header: t('operations.queue.columns.assignee'),
      cell: (row) =>
        row.assigneeName ?? (
          <span className="queue-table__unassigned">
            <span className="muted">{t('operations.queue.unassigned')}</span>
            <Button
              className="button--small"
              onClick={() => take.mutate(row)}
              isBusy={take.isPending && take.variables?.id === row.id}
              aria-label={`${t('operations.queue.take')} ${row.number ?? ''}`}
            >
              {t('operations.queue.take')}
            </Button>
          </span>
        ),
    },
    {
      key: 'due',
      header: t('dueDates.queue.column'),
      className: 'nowrap',
      cell: (row) =>
        row.dueAt ? (
          <>
            <time dateTime={row.dueAt}>{formatDateTime(row.dueAt, locale)}</time>
            {row.dueState ? (
              <span className="table__secondary">
                <DueStateBadge state={row.dueState} />
              </span>
            ) : null}
          </>
        ) : row.dueState ? (
          <DueStateBadge state={row.dueState} />
        ) : (
          none
        ),
    },
    {
      key: 'age',
      header: t('operations.queue.columns.age'),
      className: 'nowrap',
      cell: (row) => {
        const age = ageInDays(row.submittedAt, now);
        return (
          <>
            <time dateTime={row.submittedAt ?? row.createdAt}>
              {age === null || age === 0
                ? t('operations.queue.today')
                : t('operations.queue.ageDays', { count: age })}
            </time>
            <span className="table__secondary">
              {formatDateTime(row.submittedAt ?? row.createdAt, locale)}
            </span>
          </>
        );
      },
    },
  ];
  return (
    <PagedDataTable
      list={list}
      caption={t('operations.queue.tableCaption')}
      columns={columns}
      className="queue-table"
      texts="operations.queue"
      isCountShownWhenEmpty
    >
      {flash ? (
        <Notice tone="success" isLive>
          {flash}
        </Notice>
      ) : null}
      {take.isError ? (
        <Notice tone="error" isLive>
          {errorText(take.error, t)}
        </Notice>
      ) : null}
    </PagedDataTable>
  );
}
