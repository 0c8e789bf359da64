import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, apiHref } from '../../lib/api-client.ts';
import { useCursorPages } from '../../lib/query-hooks.ts';

import type { CsvSeparator } from '../../components/ui/csv-download.tsx';

const statementKeys = {
  backOffice: (month: string, q: string) => ['statements', 'back-office', month, q] as const,
  detail: (side: 'back-office' | 'customer', contractId: string, month: string) =>
    ['statements', side, contractId, month] as const,
  months: (contractId: string) => ['statements', 'customer', contractId, 'months'] as const,
};

/** Every contract's statement summary for a month, by pages, with the grand totals. */
export function useBackOfficeStatements(month: string, q: string) {
  return useCursorPages(statementKeys.backOffice(month, q), (cursor, signal) =>
    api.GET('/api/back-office/statements', {
      params: { query: { month, q, limit: 50, cursor } },
      signal,
    }),
  );
}

export function useBackOfficeStatement(contractId: string, month: string) {
  return useQuery({
    queryKey: statementKeys.detail('back-office', contractId, month),
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/statements/{contractId}/{month}', {
        params: { path: { contractId, month } },
        signal,
      }),
  });
}

export function useContractStatements(contractId: string) {
  return useQuery({
    queryKey: statementKeys.months(contractId),
    queryFn: ({ signal }) =>
      api.GET('/api/contracts/{contractId}/statements', {
        params: { path: { contractId } },
        signal,
      }),
    enabled: contractId !== '',
  });
}

export function useContractStatement(contractId: string, month: string) {
  return useQuery({
    queryKey: statementKeys.detail('customer', contractId, month),
    queryFn: ({ signal }) =>
      api.GET('/api/contracts/{contractId}/statements/{month}', {
        params: { path: { contractId, month } },
        signal,
      }),
    enabled: contractId !== '' && month !== '',
    placeholderData: keepPreviousData,
  });
}

/** Where the CSV exports are downloaded from (plain links: the browser saves the file). */
export const csvUrls = {
  backOfficeMonth: (month: string, separator: CsvSeparator) =>
    apiHref('/api/back-office/statements.csv', { query: { month, separator } }),
  backOffice: (contractId: string, month: string, separator: CsvSeparator) =>
    apiHref('/api/back-office/statements/{contractId}/{month}/csv', {
      path: { contractId, month },
      query: { separator },
    }),
  customer: (contractId: string, month: string, separator: CsvSeparator) =>
    apiHref('/api/contracts/{contractId}/statements/{month}/csv', {
      path: { contractId, month },
      query: { separator },
    }),
};
