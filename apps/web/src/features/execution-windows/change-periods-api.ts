import { useQuery } from '@tanstack/react-query';
import type { ChangePeriodInput, ChangePeriodUpdate } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

export const changePeriodKeys = {
  all: ['change-periods'] as const,
  list: (includePast: boolean) => ['change-periods', includePast] as const,
};

export function useChangePeriods(includePast: boolean) {
  return useQuery({
    queryKey: changePeriodKeys.list(includePast),
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/change-periods', {
        params: { query: { includePast: includePast ? 'true' : 'false' } },
        signal,
      }),
  });
}

export function createChangePeriod(body: ChangePeriodInput) {
  return api.POST('/api/back-office/change-periods', { body });
}

export function updateChangePeriod(id: string, body: ChangePeriodUpdate) {
  return api.PUT('/api/back-office/change-periods/{id}', { params: { path: { id } }, body });
}

export function deleteChangePeriod(id: string) {
  return api.DELETE('/api/back-office/change-periods/{id}', { params: { path: { id } } });
}
