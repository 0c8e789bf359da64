import {
  keepPreviousData,
  useInfiniteQuery,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { mailStatuses, queueDueFilters, QueueStatus } from '@guichet/contracts';
import type { BackOfficeRequestDetail, OperatorAction, SendQuoteBody } from '@guichet/contracts';
import { api, apiHref, fileBody } from '../../lib/api-client.ts';
import { backOfficeKeys } from './back-office-keys.ts';
import type { OutboxFilters, QueueFilters } from './back-office-keys.ts';

export { backOfficeKeys };
export type { OutboxFilters, QueueFilters };

const groups = ['open', 'transmise', 'en_cours', 'terminee'] as const;

export const queuePageSize = 25;

/** The API's parameters for the screen's filters. */
export function queueParams(filters: QueueFilters) {
  const assignee =
    filters.view === 'mine'
      ? 'me'
      : filters.view === 'unassigned'
        ? 'none'
        : filters.assigneeId || undefined;
  // The screen's one status filter is a group or a status; the URL may hold neither (`all`).
  const group = groups.find((candidate) => candidate === filters.status);
  return {
    group,
    status: group ? undefined : QueueStatus.options.find((status) => status === filters.status),
    assignee,
    customerId: filters.customerId,
    contractId: filters.contractId,
    catalogId: filters.catalogId,
    articleId: filters.articleId,
    minAgeDays: filters.minAgeDays === '' ? undefined : Number(filters.minAgeDays),
    q: filters.q,
    due: queueDueFilters.find((due) => due === filters.due),
    sort: filters.sort,
    limit: queuePageSize,
  };
}

export function useQueue(filters: QueueFilters) {
  return useInfiniteQuery({
    queryKey: backOfficeKeys.queue(filters),
    queryFn: ({ pageParam, signal }) =>
      api.GET('/api/back-office/requests', {
        params: { query: { ...queueParams(filters), cursor: pageParam ?? undefined } },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useFilterOptions() {
  return useQuery({
    queryKey: backOfficeKeys.filters,
    queryFn: ({ signal }) => api.GET('/api/back-office/filters', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useBackOfficeRequest(id: string) {
  return useQuery({
    queryKey: backOfficeKeys.detail(id),
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/requests/{id}', { params: { path: { id } }, signal }),
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

export function useOutbox(filters: OutboxFilters) {
  return useInfiniteQuery({
    queryKey: backOfficeKeys.outbox(filters),
    queryFn: ({ pageParam, signal }) =>
      api.GET('/api/back-office/outbox', {
        params: {
          query: {
            status: mailStatuses.find((status) => status === filters.status),
            q: filters.q,
            limit: 25,
            cursor: pageParam ?? undefined,
          },
        },
        signal,
      }),
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
      api.GET('/api/back-office/outbox/{id}', { params: { path: { id: id ?? '' } }, signal }),
    enabled: id !== null,
  });
}

/** A move of the request's status, confirmed in its dialog (the quote has its own form). */
export type DialogAction = Exclude<OperatorAction, 'send_quote' | 'ask_customer'>;

/** What a move's dialog collects: a reason to reject, a planned day to schedule, else a note. */
export interface MoveInput {
  note?: string;
  reason?: string;
  plannedFor?: string;
  /** The planned execution window, local to the contract's time zone (decision 0037). */
  plannedWindow?: { startsAt: string; endsAt: string };
}

export function moveRequest(id: string, action: DialogAction, input: MoveInput) {
  const params = { path: { id } };
  const note = input.note === undefined ? {} : { note: input.note };
  switch (action) {
    case 'start_review':
      return api.POST('/api/back-office/requests/{id}/start-review', { params, body: note });
    case 'reject':
      return api.POST('/api/back-office/requests/{id}/reject', {
        params,
        body: { reason: input.reason ?? '' },
      });
    case 'ask_quote':
      return api.POST('/api/back-office/requests/{id}/ask-quote', { params, body: note });
    case 'schedule':
      return api.POST('/api/back-office/requests/{id}/schedule', {
        params,
        body: {
          ...(input.plannedFor === undefined ? {} : { plannedFor: input.plannedFor }),
          ...(input.plannedWindow === undefined ? {} : { plannedWindow: input.plannedWindow }),
          ...note,
        },
      });
    case 'complete':
      return api.POST('/api/back-office/requests/{id}/complete', { params, body: note });
  }
}

export function takeRequest(id: string) {
  return api.POST('/api/back-office/requests/{id}/take', { params: { path: { id } } });
}

export function assignRequest(id: string, assigneeId: string | null) {
  return api.PUT('/api/back-office/requests/{id}/assignee', {
    params: { path: { id } },
    body: { assigneeId },
  });
}

export function sendQuote(id: string, body: SendQuoteBody) {
  return api.POST('/api/back-office/requests/{id}/quotes', { params: { path: { id } }, body });
}

export function postOperatorComment(id: string, body: { body: string; isInternal?: boolean }) {
  return api.POST('/api/back-office/requests/{id}/comments', { params: { path: { id } }, body });
}

export function uploadOperatorAttachment(id: string, file: File, isInternal: boolean) {
  return api.POST('/api/back-office/requests/{id}/attachments', {
    params: { path: { id }, query: isInternal ? { internal: 'true' } : {} },
    ...fileBody(file),
  });
}

export function operatorAttachmentHref(id: string, attachmentId: string): string {
  return apiHref('/api/back-office/requests/{id}/attachments/{attachmentId}', {
    path: { id, attachmentId },
  });
}
