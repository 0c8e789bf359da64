import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { QueueViewParams } from '@guichet/contracts';
import type { CsvSeparator } from '../../components/ui/csv-download.tsx';
import { api, apiHref } from '../../lib/api-client.ts';
import { browserTimeZone } from '../../lib/list-params.ts';
import { queueParams } from './back-office-api.ts';
import type { QueueFilters } from './back-office-api.ts';

/** The queue's URL parameters a saved view keeps: its filters and its sort (decision 0033). */
export const queueViewKeys = [
  'statut',
  'vue',
  'client',
  'contrat',
  'catalogue',
  'article',
  'attribuee',
  'anciennete',
  'q',
  'tri',
  'echeance',
] as const;

const viewsKey = ['back-office', 'saved-views'] as const;

export function useQueueViews() {
  return useQuery({
    queryKey: viewsKey,
    queryFn: ({ signal }) => api.GET('/api/back-office/saved-views', { signal }),
  });
}

export function useQueueViewWrites() {
  const queryClient = useQueryClient();
  const settled = () => queryClient.invalidateQueries({ queryKey: viewsKey });
  const create = useMutation({
    mutationFn: (body: { name: string; params: QueueViewParams; isShared: boolean }) =>
      api.POST('/api/back-office/saved-views', { body }),
    onSettled: settled,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: { id: string; name: string; isShared: boolean }) =>
      api.PATCH('/api/back-office/saved-views/{id}', { params: { path: { id } }, body }),
    onSettled: settled,
  });
  const remove = useMutation({
    mutationFn: (id: string) =>
      api.DELETE('/api/back-office/saved-views/{id}', { params: { path: { id } } }),
    onSettled: settled,
  });
  return { create, update, remove };
}

/** The queue under its current filters and sort as CSV: every page, on the browser's clock. */
export function queueCsvHref(filters: QueueFilters, separator: CsvSeparator): string {
  const { limit: _limit, ...query } = queueParams(filters);
  return apiHref('/api/back-office/requests.csv', {
    query: {
      ...query,
      customerId: query.customerId || undefined,
      contractId: query.contractId || undefined,
      catalogId: query.catalogId || undefined,
      articleId: query.articleId || undefined,
      q: query.q || undefined,
      separator,
      timeZone: browserTimeZone(),
    },
  });
}
