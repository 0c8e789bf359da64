import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  BackOfficeStatementsPage,
  ContractStatementList,
  StatementDetail,
} from '@guichet/contracts';
import { api, withQuery } from '../../lib/api-client.ts';

export type CsvSeparator = 'comma' | 'semicolon';

const statementKeys = {
  backOffice: (month: string, q: string) => ['statements', 'back-office', month, q] as const,
  detail: (side: 'back-office' | 'customer', contractId: string, month: string) =>
    ['statements', side, contractId, month] as const,
  months: (contractId: string) => ['statements', 'customer', contractId, 'months'] as const,
};

/** Every contract's statement summary for a month, by pages, with the grand totals. */
export function useBackOfficeStatements(month: string, q: string) {
  return useInfiniteQuery({
    queryKey: statementKeys.backOffice(month, q),
    queryFn: ({ pageParam, signal }) =>
      api.get<BackOfficeStatementsPage>(
        '/api/back-office/statements',
        { month, q, limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useBackOfficeStatement(contractId: string, month: string) {
  return useQuery({
    queryKey: statementKeys.detail('back-office', contractId, month),
    queryFn: ({ signal }) =>
      api.get<StatementDetail>(
        `/api/back-office/statements/${encodeURIComponent(contractId)}/${month}`,
        undefined,
        signal,
      ),
  });
}

export function useContractStatements(contractId: string) {
  return useQuery({
    queryKey: statementKeys.months(contractId),
    queryFn: ({ signal }) =>
      api.get<ContractStatementList>(
        `/api/contracts/${encodeURIComponent(contractId)}/statements`,
        undefined,
        signal,
      ),
    enabled: contractId !== '',
  });
}

export function useContractStatement(contractId: string, month: string) {
  return useQuery({
    queryKey: statementKeys.detail('customer', contractId, month),
    queryFn: ({ signal }) =>
      api.get<StatementDetail>(
        `/api/contracts/${encodeURIComponent(contractId)}/statements/${month}`,
        undefined,
        signal,
      ),
    enabled: contractId !== '' && month !== '',
    placeholderData: keepPreviousData,
  });
}

/** Where the CSV exports are downloaded from (plain links: the browser saves the file). */
export const csvUrls = {
  backOfficeMonth: (month: string, separator: CsvSeparator) =>
    withQuery('/api/back-office/statements.csv', { month, separator }),
  backOffice: (contractId: string, month: string, separator: CsvSeparator) =>
    withQuery(`/api/back-office/statements/${encodeURIComponent(contractId)}/${month}/csv`, {
      separator,
    }),
  customer: (contractId: string, month: string, separator: CsvSeparator) =>
    withQuery(`/api/contracts/${encodeURIComponent(contractId)}/statements/${month}/csv`, {
      separator,
    }),
};
