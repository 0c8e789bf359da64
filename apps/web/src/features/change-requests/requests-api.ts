import { keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  AssetPage,
  AssetView,
  CatalogList,
  PreviewBody,
  PreviewView,
  RequestDetail,
  RequestPage,
} from '@guichet/contracts';
import type { PortalGroup } from '@guichet/domain';
import { api } from '../../lib/api-client.ts';
import type { ContractListView } from '../../lib/contract-types.ts';

export const requestKeys = {
  contracts: ['contracts'] as const,
  lists: ['requests'] as const,
  list: (filters: RequestFilters) => ['requests', filters] as const,
  detail: (id: string) => ['request', id] as const,
  catalogs: (contractId: string, assetId: string | null) =>
    ['catalogs', contractId, assetId] as const,
  assetSearch: (contractId: string, q: string, catalogId: string | null) =>
    ['assets', contractId, q, catalogId] as const,
  asset: (id: string) => ['asset', id] as const,
  preview: (body: PreviewBody) => ['preview', body] as const,
};

/** The caller's contracts, with what they may do on each (the change form starts from them). */
export const contractsQuery = queryOptions({
  queryKey: requestKeys.contracts,
  queryFn: ({ signal }) => api.get<ContractListView>('/api/contracts', undefined, signal),
  staleTime: 60_000,
});

export function useContracts() {
  return useQuery(contractsQuery);
}

export interface RequestFilters {
  group: PortalGroup | null;
  q: string;
  contractId: string | null;
  assetId: string | null;
}

export const pageSize = 20;

export function useRequestList(filters: RequestFilters) {
  return useInfiniteQuery({
    queryKey: requestKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<RequestPage>(
        '/api/requests',
        {
          group: filters.group,
          q: filters.q,
          contractId: filters.contractId,
          assetId: filters.assetId,
          limit: pageSize,
          cursor: pageParam,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: requestKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<RequestDetail>(`/api/requests/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useCatalogs(contractId: string, assetId: string | null) {
  return useQuery({
    queryKey: requestKeys.catalogs(contractId, assetId),
    queryFn: ({ signal }) =>
      api.get<CatalogList>(
        `/api/contracts/${encodeURIComponent(contractId)}/catalogs`,
        { assetId },
        signal,
      ),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** One page of items, never more: the picker asks the user to refine instead. */
export function useAssetSearch(
  contractId: string,
  q: string,
  catalogId: string | null,
  isEnabled: boolean,
) {
  return useQuery({
    queryKey: requestKeys.assetSearch(contractId, q, catalogId),
    queryFn: ({ signal }) =>
      api.get<AssetPage>(
        `/api/contracts/${encodeURIComponent(contractId)}/assets`,
        { q, catalogId, limit: 20 },
        signal,
      ),
    enabled: isEnabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/**
 * One item. `keepPrevious`: while another item loads, the previous one stays (an open draft
 * whose item was changed elsewhere keeps its form on screen instead of « Chargement »).
 */
export function assetQuery(id: string) {
  return queryOptions({
    queryKey: requestKeys.asset(id),
    queryFn: ({ signal }) =>
      api.get<AssetView>(`/api/assets/${encodeURIComponent(id)}`, undefined, signal),
    staleTime: 60_000,
  });
}

export function useAsset(id: string | null, { keepPrevious = false } = {}) {
  return useQuery({
    ...assetQuery(id ?? ''),
    enabled: id !== null,
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
  });
}

/** What the request will cost and which open requests share its item; read-only on the server. */
export function usePreview(body: PreviewBody | null) {
  return useQuery({
    queryKey: requestKeys.preview(body ?? { contractId: '', outsideBusinessHours: false }),
    queryFn: ({ signal }) => api.post<PreviewView>('/api/requests/preview', body, signal),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });
}
