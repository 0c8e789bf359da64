import { useQuery } from '@tanstack/react-query';
import type {
  ContractInput,
  ContractUpdate,
  CustomerInput,
  CustomerUpdate,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';
import { useCursorPages, useInvalidatingMutation } from '../../lib/query-hooks.ts';

export const providerAdminKeys = {
  all: ['provider-admin'] as const,
  customers: (q: string) => ['provider-admin', 'customers', q] as const,
  customer: (id: string) => ['provider-admin', 'customer', id] as const,
  contract: (id: string) => ['provider-admin', 'contract', id] as const,
};

export const customerPageSize = 25;

export function useCustomers(q: string) {
  return useCursorPages(providerAdminKeys.customers(q), (cursor, signal) =>
    api.GET('/api/back-office/customers', {
      params: { query: { q, limit: customerPageSize, cursor } },
      signal,
    }),
  );
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
const staleAfterWrite = [providerAdminKeys.all];

export function useCreateCustomer() {
  return useInvalidatingMutation(
    (body: CustomerInput) => api.POST('/api/back-office/customers', { body }),
    staleAfterWrite,
  );
}

export function useUpdateCustomer(id: string) {
  return useInvalidatingMutation(
    (body: CustomerUpdate) =>
      api.PATCH('/api/back-office/customers/{id}', { params: { path: { id } }, body }),
    staleAfterWrite,
  );
}

export function useCreateContract() {
  return useInvalidatingMutation(
    (body: ContractInput) => api.POST('/api/back-office/contracts', { body }),
    staleAfterWrite,
  );
}

export function useUpdateContract(id: string) {
  return useInvalidatingMutation(
    (body: ContractUpdate) =>
      api.PATCH('/api/back-office/contracts/{contractId}', {
        params: { path: { contractId: id } },
        body,
      }),
    staleAfterWrite,
  );
}
