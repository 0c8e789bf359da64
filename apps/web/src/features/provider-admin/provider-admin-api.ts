import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  ContractInput,
  ContractUpdate,
  CustomerInput,
  CustomerUpdate,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

export const providerAdminKeys = {
  all: ['provider-admin'] as const,
  customers: (q: string) => ['provider-admin', 'customers', q] as const,
  customer: (id: string) => ['provider-admin', 'customer', id] as const,
  contract: (id: string) => ['provider-admin', 'contract', id] as const,
};

export const customerPageSize = 25;

export function useCustomers(q: string) {
  return useInfiniteQuery({
    queryKey: providerAdminKeys.customers(q),
    queryFn: ({ pageParam, signal }) =>
      api.GET('/api/back-office/customers', {
        params: { query: { q, limit: customerPageSize, cursor: pageParam ?? undefined } },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string) {
  return useQuery({
    queryKey: providerAdminKeys.customer(id),
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/customers/{id}', { params: { path: { id } }, signal }),
  });
}

export function useAdminContract(id: string) {
  return useQuery({
    queryKey: providerAdminKeys.contract(id),
    queryFn: ({ signal }) =>
      api.GET('/api/back-office/contracts/{contractId}', {
        params: { path: { contractId: id } },
        signal,
      }),
  });
}

/** After any write: every list and view of customers and contracts is read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: providerAdminKeys.all });
}

export function useCreateCustomer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CustomerInput) => api.POST('/api/back-office/customers', { body }),
    onSuccess: refresh,
  });
}

export function useUpdateCustomer(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CustomerUpdate) =>
      api.PATCH('/api/back-office/customers/{id}', { params: { path: { id } }, body }),
    onSuccess: refresh,
  });
}

export function useCreateContract() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ContractInput) => api.POST('/api/back-office/contracts', { body }),
    onSuccess: refresh,
  });
}

export function useUpdateContract(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: ContractUpdate) =>
      api.PATCH('/api/back-office/contracts/{contractId}', {
        params: { path: { contractId: id } },
        body,
      }),
    onSuccess: refresh,
  });
}
