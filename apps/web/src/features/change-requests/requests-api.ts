import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type {
  ConfirmDraftBody,
  CreateRequestBody,
  PreviewBody,
  UpdateDraftBody,
} from '@guichet/contracts';
import type { PortalGroup } from '@guichet/domain';
import { api } from '../../lib/api-client.ts';
import type { ApiResponse } from '../../lib/api-client.ts';
import { withForm } from '../../lib/form-values.ts';
import { useCursorPages } from '../../lib/query-hooks.ts';

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

const noPreview: PreviewBody = { contractId: '', outsideBusinessHours: false };

/** The caller's contracts, with what they may do on each (the change form starts from them). */
export const contractsQuery = queryOptions({
  queryKey: requestKeys.contracts,
  queryFn: ({ signal }) => api.GET('/api/contracts', { signal }),
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
  return useCursorPages(requestKeys.list(filters), (cursor, signal) =>
    api.GET('/api/requests', {
      params: {
        query: {
          group: filters.group ?? undefined,
          q: filters.q,
          contractId: filters.contractId ?? undefined,
          assetId: filters.assetId ?? undefined,
          limit: pageSize,
          cursor,
        },
      },
      signal,
    }),
  );
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: requestKeys.detail(id),
    queryFn: ({ signal }) => api.GET('/api/requests/{id}', { params: { path: { id } }, signal }),
  });
}

export function useCatalogs(contractId: string, assetId: string | null) {
  return useQuery({
    queryKey: requestKeys.catalogs(contractId, assetId),
    queryFn: ({ signal }) =>
      api.GET('/api/contracts/{contractId}/catalogs', {
        params: { path: { contractId }, query: { assetId: assetId ?? undefined } },
        signal,
      }),
    select: withForms,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

/** The catalogs with their articles' forms typed (`withForm`). */
function withForms(list: ApiResponse<'get', '/api/contracts/{contractId}/catalogs'>) {
  return {
    items: list.items.map((catalog) => ({
      ...catalog,
      articles: catalog.articles.map(withForm),
      categories: catalog.categories.map((category) => ({
        ...category,
        articles: category.articles.map(withForm),
      })),
    })),
  };
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
      api.GET('/api/contracts/{contractId}/assets', {
        params: {
          path: { contractId },
          query: { q, catalogId: catalogId ?? undefined, limit: 20 },
        },
        signal,
      }),
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
    queryFn: ({ signal }) => api.GET('/api/assets/{id}', { params: { path: { id } }, signal }),
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
    queryKey: requestKeys.preview(body ?? noPreview),
    queryFn: ({ signal }) => api.POST('/api/requests/preview', { body: body ?? noPreview, signal }),
    enabled: body !== null,
    placeholderData: keepPreviousData,
  });
}

/**
 * A new request, saved as a draft or confirmed at once. `idempotencyKey`: a retry after a lost
 * answer finds the request the first attempt created.
 */
export function createRequest(body: CreateRequestBody, idempotencyKey?: string) {
  return api.POST('/api/requests', {
    body,
    headers: idempotencyKey === undefined ? {} : { 'Idempotency-Key': idempotencyKey },
  });
}

export function updateDraft(id: string, body: UpdateDraftBody) {
  return api.PUT('/api/requests/{id}', { params: { path: { id } }, body });
}

export function confirmDraft(id: string, body: ConfirmDraftBody) {
  return api.POST('/api/requests/{id}/confirm', { params: { path: { id } }, body });
}

export function deleteDraft(id: string) {
  return api.DELETE('/api/requests/{id}', { params: { path: { id } } });
}
