import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RequestViewParams } from '@guichet/contracts';
import { api, apiHref } from '../../lib/api-client.ts';
import type { CsvSeparator } from '../../components/ui/csv-download.tsx';
import { browserTimeZone } from '../../lib/list-params.ts';
import type { RequestFilters } from './requests-api.ts';

/** The list's URL parameters a saved view keeps (decision 0033). */
export const requestViewKeys = ['group', 'q', 'contractId', 'assetId'] as const;

const viewsKey = ['saved-views', 'requests'] as const;

export function useRequestViews() {
  return useQuery({
    queryKey: viewsKey,
    queryFn: ({ signal }) => api.GET('/api/saved-views', { signal }),
  });
}

export function useRequestViewWrites() {
  const queryClient = useQueryClient();
  const settled = () => queryClient.invalidateQueries({ queryKey: viewsKey });
  const create = useMutation({
    mutationFn: (body: {
      name: string;
      params: RequestViewParams;
      sharedContractId: string | null;
    }) => api.POST('/api/saved-views', { body }),
    onSettled: settled,
  });
  const update = useMutation({
    mutationFn: ({ id, ...body }: { id: string; name: string; sharedContractId: string | null }) =>
      api.PATCH('/api/saved-views/{id}', { params: { path: { id } }, body }),
    onSettled: settled,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.DELETE('/api/saved-views/{id}', { params: { path: { id } } }),
    onSettled: settled,
  });
  return { create, update, remove };
}

/** The list under its current filters as CSV: every page, dates on the browser's clock. */
export function requestsCsvHref(filters: RequestFilters, separator: CsvSeparator): string {
  return apiHref('/api/requests.csv', {
    query: {
      group: filters.group ?? undefined,
      q: filters.q || undefined,
      contractId: filters.contractId ?? undefined,
      assetId: filters.assetId ?? undefined,
      separator,
      timeZone: browserTimeZone(),
    },
  });
}
