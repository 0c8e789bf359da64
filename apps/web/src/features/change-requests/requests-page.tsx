import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { portalGroups } from '@guichet/domain';
import type { PortalGroup } from '@guichet/domain';
import type { RequestSummary } from '@guichet/contracts';
import { PagedDataTable } from '../../components/ui/data-table.tsx';
import type { Column } from '../../components/ui/data-table.tsx';
import { FilterSelect } from '../../components/ui/filter-select.tsx';
import { ListControls } from '../../components/ui/list-controls.tsx';
import { MessagePage } from '../../components/ui/message-page.tsx';
import { Notice } from '../../components/ui/notice.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { localize } from '../../lib/form-values.ts';
import { useLocale } from '../../lib/i18n/index.ts';
import { useAuthenticatedSession } from '../../lib/session.ts';
import { useUrlParams } from '../../lib/use-url-params.ts';
import { CreateRequestButton } from './create-request-button.tsx';
import { RequestListTools } from './request-list-tools.tsx';
import { useAsset, useContracts, useRequestList } from './requests-api.ts';
import type { RequestFilters } from './requests-api.ts';
import { PageHeader } from '../../components/ui/page-header.tsx';
import { RequestStatusBadge } from '../../components/ui/request-status-badge.tsx';
import { SearchBox } from '../../components/ui/search-box.tsx';
import { UrlTabs } from '../../components/ui/url-tabs.tsx';

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
  const { searchParams, setParams } = useUrlParams();
  const filters = filtersFrom(searchParams);
  const contracts = useContracts();
  const hasRequestsSection = session.grants.some((grant) => grant.section === 'requests');
  const setParam = (key: string, value: string | null) => setParams({ [key]: value });

  if (session.user.kind === 'customer' && !hasRequestsSection) {
    return (
      <MessagePage title={t('forbidden.title')} tone="warning">
        <p>{t('forbidden.requestsSection')}</p>
      </MessagePage>
    );
  }

  return (
    <div className="page">
      <PageHeader
        title={t('requests.title')}
        subtitle={
          session.perimeter ? t('requests.subtitle', { perimeter: session.perimeter.name }) : null
        }
        actions={
          <CreateRequestButton
            contracts={contracts.data?.items ?? []}
            isLoading={contracts.isPending}
          />
        }
      />
      {flash ? (
        <Notice tone="success" isLive>
          {flash}
        </Notice>
      ) : null}

      <UrlTabs
        label={t('requests.filterByStatus')}
        param="group"
        current={filters.group}
        tabs={tabs.map((group) => ({
          value: group,
          label: t(`requests.groups.${group ?? 'all'}`),
        }))}
      />

      <ListControls
        activeCount={[filters.q, filters.contractId, filters.assetId].filter(Boolean).length}
      >
        <RequestFiltersBar
          filters={filters}
          contracts={contracts.data?.items.map((contract) => contract.id) ?? []}
          onSearch={(q) => setParam('q', q)}
          onContract={(contractId) => setParam('contractId', contractId)}
          onClearAsset={() => setParam('assetId', null)}
        />

        <RequestListTools
          filters={filters}
          contracts={contracts.data?.items.map((contract) => contract.id) ?? []}
        />
      </ListControls>

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
  const asset = useAsset(filters.assetId);
  return (
    <div className="filters">
      <SearchBox id="requests-search" texts="requests" value={filters.q} onSearch={onSearch} />
      <FilterSelect
        id="requests-contract"
        label={t('requests.contract')}
        value={filters.contractId ?? ''}
        onChange={(value) => onContract(value || null)}
        anyLabel={t('requests.allContracts')}
        options={contracts.map((id) => ({ value: id, label: id }))}
      />
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

function hasCriteria(filters: RequestFilters): boolean {
  return Boolean(filters.group || filters.q || filters.contractId || filters.assetId);
}

function RequestTable({ filters }: { filters: RequestFilters }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const list = useRequestList(filters);
  const none = <span className="muted">—</span>;
  const columns: Column<RequestSummary>[] = [
    {
      key: 'number',
      header: t('requests.columns.number'),
      cell: (row) => (
        // a draft opens in its form, where « Confirmer la demande » is one click away
        <Link
          to={row.status === 'draft' ? `/demandes/${row.id}/modifier` : `/demandes/${row.id}`}
          className="table__link"
        >
          {row.number ?? t('requests.draftNoNumber')}
        </Link>
      ),
    },
    {
      key: 'contract',
      header: t('requests.columns.contract'),
      className: 'nowrap',
      cell: (row) => row.contractId,
    },
    {
      key: 'asset',
      header: t('requests.columns.asset'),
      cell: (row) =>
        row.assetReference ? (
          <>
            <span className="mono">{row.assetReference}</span>
            {row.assetLabel ? <span className="table__secondary">{row.assetLabel}</span> : null}
          </>
        ) : (
          none
        ),
    },
    {
      key: 'article',
      header: t('requests.columns.article'),
      cell: (row) => (
        <>
          {row.articleName ? localize(row.articleName, locale) : none}
          {row.catalogName ? (
            <span className="table__secondary">{localize(row.catalogName, locale)}</span>
          ) : null}
        </>
      ),
    },
    {
      key: 'customerReference',
      header: t('requests.columns.customerReference'),
      cell: (row) => row.customerReference ?? none,
    },
    {
      key: 'status',
      header: t('requests.columns.status'),
      cell: (row) => <RequestStatusBadge status={row.status} />,
    },
    {
      key: 'date',
      header: t('requests.columns.date'),
      className: 'nowrap',
      cell: (row) => (
        <time dateTime={row.submittedAt ?? row.createdAt}>
          {formatDateTime(row.submittedAt ?? row.createdAt, locale)}
        </time>
      ),
    },
  ];
  return (
    <PagedDataTable
      list={list}
      caption={t('requests.tableCaption')}
      columns={columns}
      className="requests-table"
      texts="requests"
      hasCriteria={hasCriteria(filters)}
      firstUse={
        <>
          <p className="empty-state__title">{t('requests.firstUseTitle')}</p>
          <p>{t('requests.firstUseText')}</p>
        </>
      }
    />
  );
}
