import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { portalGroups } from '@guichet/domain';
import type { PortalGroup } from '@guichet/domain';
import type { RequestSummary } from '@guichet/contracts';
import { Button } from '../../components/ui/button.tsx';
import { Loading } from '../../components/ui/loading.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { CreateRequestButton } from './create-request-button.tsx';
import { RequestStatusBadge } from './request-status-badge.tsx';
import { useAsset, useContracts, useRequestList } from './requests-api.ts';
import type { RequestFilters } from './requests-api.ts';
import { PageTitle } from '../../components/ui/page-title.tsx';

function parseGroup(value: string | null): PortalGroup | null {
  return portalGroups.find((group) => group === value) ?? null;
}

export function filtersFrom(params: URLSearchParams): RequestFilters {
  return {
    group: parseGroup(params.get('group')),
    q: params.get('q')?.trim() ?? '',
    contractId: params.get('contractId') || null,
    assetId: params.get('assetId') || null,
  };
}

const tabs: readonly (PortalGroup | null)[] = [...portalGroups, null];

export function RequestsPage() {
  const { t } = useTranslation();
  const session = useAuthenticatedSession();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash ?? null;
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const contracts = useContracts();
  const hasRequestsSection = session.grants.some((grant) => grant.section === 'requests');

  const setParam = (key: string, value: string | null) => {
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: key === 'q' },
    );
  };

  if (session.user.kind === 'customer' && !hasRequestsSection) {
    return (
      <MessagePage title={t('forbidden.title')} tone="warning">
        <p>{t('forbidden.requestsSection')}</p>
      </MessagePage>
    );
  }

  return (
    <div className="page">
      <PageTitle title={t('requests.title')} />
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('requests.title')}</h1>
          {session.perimeter ? (
            <p className="page__subtitle">
              {t('requests.subtitle', { perimeter: session.perimeter.name })}
            </p>
          ) : null}
        </div>
        <CreateRequestButton
          contracts={contracts.data?.items ?? []}
          isLoading={contracts.isPending}
        />
      </div>
      {flash ? (
        <Notice tone="success" isLive>
          {flash}
        </Notice>
      ) : null}

      <nav className="tabs" aria-label={t('requests.filterByStatus')}>
        <ul className="tabs__list">
          {tabs.map((group) => {
            const isCurrent = group === filters.group;
            const next = new URLSearchParams(searchParams);
            if (group) next.set('group', group);
            else next.delete('group');
            return (
              <li key={group ?? 'all'}>
                <Link
                  to={{ search: next.toString() }}
                  className="tabs__tab"
                  aria-current={isCurrent ? 'page' : undefined}
                >
                  {t(`requests.groups.${group ?? 'all'}`)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <RequestFiltersBar
        filters={filters}
        contracts={contracts.data?.items.map((contract) => contract.id) ?? []}
        onSearch={(q) => setParam('q', q)}
        onContract={(contractId) => setParam('contractId', contractId)}
        onClearAsset={() => setParam('assetId', null)}
      />

      <RequestTable filters={filters} />
    </div>
  );
}

interface RequestFiltersBarProps {
  filters: RequestFilters;
  contracts: string[];
  onSearch: (q: string) => void;
  onContract: (contractId: string | null) => void;
  onClearAsset: () => void;
}

function RequestFiltersBar({
  filters,
  contracts,
  onSearch,
  onContract,
  onClearAsset,
}: RequestFiltersBarProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(filters.q);
  const [shownQ, setShownQ] = useState(filters.q);
  // Back/forward changed the search in the URL: the box follows.
  if (filters.q !== shownQ) {
    setShownQ(filters.q);
    if (filters.q !== text.trim()) setText(filters.q);
  }
  const debounced = useDebouncedValue(text, 300);
  const lastPushed = useRef(filters.q);
  useEffect(() => {
    const q = debounced.trim();
    if (q === lastPushed.current) return;
    lastPushed.current = q;
    onSearch(q);
  }, [debounced, onSearch]);
  const asset = useAsset(filters.assetId);
  return (
    <div className="filters">
      <form
        role="search"
        className="filters__search"
        onSubmit={(event) => {
          event.preventDefault();
          lastPushed.current = text.trim();
          onSearch(text.trim());
        }}
      >
        <label htmlFor="requests-search" className="field__label">
          {t('requests.search')}
        </label>
        <input
          id="requests-search"
          type="search"
          value={text}
          placeholder={t('requests.searchPlaceholder')}
          onChange={(event) => setText(event.target.value)}
        />
      </form>
      <div className="filters__contract">
        <label htmlFor="requests-contract" className="field__label">
          {t('requests.contract')}
        </label>
        <select
          id="requests-contract"
          value={filters.contractId ?? ''}
          onChange={(event) => onContract(event.target.value || null)}
        >
          <option value="">{t('requests.allContracts')}</option>
          {contracts.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </div>
      {filters.assetId ? (
        <p className="filters__chip">
          <span>
            {t('requests.assetFilter', {
              asset: asset.data
                ? `${asset.data.reference} — ${asset.data.label}`
                : t('requests.assetFilterUnknown'),
            })}
          </span>
          <button type="button" className="link-button" onClick={onClearAsset}>
            {t('requests.clearAssetFilter')}
          </button>
        </p>
      ) : null}
    </div>
  );
}

function RequestTable({ filters }: { filters: RequestFilters }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useRequestList(filters);
  if (list.isPending) return <Loading />;
  if (list.isError) {
    return (
      <Notice tone="error" isLive title={t('requests.loadFailed')}>
        <Button onClick={() => void list.refetch()}>{t('common.retry')}</Button>
      </Notice>
    );
  }
  const rows: RequestSummary[] = list.data.pages.flatMap((page) => page.items);
  const total = list.data.pages[0]?.total ?? 0;
  if (rows.length === 0) {
    return (
      <div className="empty-state">
        <p>{t('requests.empty')}</p>
      </div>
    );
  }
  return (
    <div className="table-block" aria-busy={list.isFetching || undefined}>
      <p className="table-block__count" role="status">
        {t('requests.count', { count: total, formatted: formatNumber(total, locale) })}
      </p>
      <div
        className="table-scroll"
        tabIndex={0}
        role="region"
        aria-labelledby="requests-table-caption"
      >
        <table className="table">
          <caption id="requests-table-caption" className="visually-hidden">
            {t('requests.tableCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('requests.columns.number')}</th>
              <th scope="col">{t('requests.columns.contract')}</th>
              <th scope="col">{t('requests.columns.asset')}</th>
              <th scope="col">{t('requests.columns.article')}</th>
              <th scope="col">{t('requests.columns.customerReference')}</th>
              <th scope="col">{t('requests.columns.status')}</th>
              <th scope="col">{t('requests.columns.date')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>
                  <Link to={`/demandes/${row.id}`} className="table__link">
                    {row.number ?? t('requests.draftNoNumber')}
                  </Link>
                </td>
                <td className="nowrap">{row.contractId}</td>
                <td>
                  {row.assetReference ? (
                    <>
                      <span className="mono">{row.assetReference}</span>
                      {row.assetLabel ? (
                        <span className="table__secondary">{row.assetLabel}</span>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td>
                  {row.articleName ? (
                    localize(row.articleName, locale)
                  ) : (
                    <span className="muted">—</span>
                  )}
                  {row.catalogName ? (
                    <span className="table__secondary">{localize(row.catalogName, locale)}</span>
                  ) : null}
                </td>
                <td>{row.customerReference ?? <span className="muted">—</span>}</td>
                <td>
                  <RequestStatusBadge status={row.status} />
                </td>
                <td className="nowrap">
                  <time dateTime={row.submittedAt ?? row.createdAt}>
                    {formatDateTime(row.submittedAt ?? row.createdAt, locale)}
                  </time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.hasNextPage ? (
        <div className="table-block__more">
          <Button onClick={() => void list.fetchNextPage()} isBusy={list.isFetchingNextPage}>
            {t('requests.loadMore', { shown: rows.length, total })}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
