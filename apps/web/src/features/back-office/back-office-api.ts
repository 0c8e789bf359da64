import {
  keepPreviousData,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  BackOfficeRequestDetail,
  OutboxMailDetail,
  OutboxPage,
  QueueFilterOptions,
  QueuePage,
  QueueSort,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

export const backOfficeKeys = {
  queues: ['back-office', 'queue'] as const,
  queue: (filters: QueueFilters) => ['back-office', 'queue', filters] as const,
  filters: ['back-office', 'filters'] as const,
  detail: (id: string) => ['back-office', 'request', id] as const,
  outboxes: ['back-office', 'outbox'] as const,
  outbox: (filters: OutboxFilters) => ['back-office', 'outbox', filters] as const,
  mail: (id: string) => ['back-office', 'mail', id] as const,
};

export interface QueueFilters {
  /** `open` (default), `all`, a portal group, or a status. */
  status: string;
  view: 'all' | 'mine' | 'unassigned';
  customerId: string;
  contractId: string;
  catalogId: string;
  articleId: string;
  assigneeId: string;
  minAgeDays: string;
  q: string;
  sort: QueueSort;
}

const groups = ['open', 'transmise', 'en_cours', 'terminee'];

export const queuePageSize = 25;

/** The API's parameters for the screen's filters. */
function queueParams(filters: QueueFilters) {
  const assignee =
    filters.view === 'mine'
      ? 'me'
      : filters.view === 'unassigned'
        ? 'none'
        : filters.assigneeId || undefined;
  return {
    group: groups.includes(filters.status) ? filters.status : undefined,
    status:
      filters.status !== 'all' && !groups.includes(filters.status) ? filters.status : undefined,
    assignee,
    customerId: filters.customerId,
    contractId: filters.contractId,
    catalogId: filters.catalogId,
    articleId: filters.articleId,
    minAgeDays: filters.minAgeDays,
    q: filters.q,
    sort: filters.sort,
    limit: queuePageSize,
  };
}

export function useQueue(filters: QueueFilters) {
  return useInfiniteQuery({
    queryKey: backOfficeKeys.queue(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<QueuePage>(
        '/api/back-office/requests',
        { ...queueParams(filters), cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useFilterOptions() {
  return useQuery({
    queryKey: backOfficeKeys.filters,
    queryFn: ({ signal }) =>
      api.get<QueueFilterOptions>('/api/back-office/filters', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useBackOfficeRequest(id: string) {
  return useQuery({
    queryKey: backOfficeKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<BackOfficeRequestDetail>(
        `/api/back-office/requests/${encodeURIComponent(id)}`,
        undefined,
        signal,
      ),
  });
}

/** After a change: the detail takes the answer, and the queue reloads. */
export function useRequestChanged(id: string) {
  const queryClient = useQueryClient();
  return (detail?: BackOfficeRequestDetail) => {
    if (detail) queryClient.setQueryData(backOfficeKeys.detail(id), detail);
    else void queryClient.invalidateQueries({ queryKey: backOfficeKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: backOfficeKeys.queues });
    void queryClient.invalidateQueries({ queryKey: backOfficeKeys.outboxes });
  };
}

export interface OutboxFilters {
  status: string;
  q: string;
}

export function useOutbox(filters: OutboxFilters) {
  return useInfiniteQuery({
    queryKey: backOfficeKeys.outbox(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<OutboxPage>(
        '/api/back-office/outbox',
        { status: filters.status, q: filters.q, limit: 25, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

export function useMail(id: string | null) {
  return useQuery({
    queryKey: backOfficeKeys.mail(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<OutboxMailDetail>(`/api/back-office/outbox/${id ?? ''}`, undefined, signal),
    enabled: id !== null,
  });
}
