import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  ChangeOperatorRoleBody,
  CreateOperatorApiTokenBody,
  InviteOperatorBody,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';
import type { ApiResponse } from '../../lib/api-client.ts';
import { useCursorPages, useInvalidatingMutation } from '../../lib/query-hooks.ts';

export interface OperatorFilters {
  q: string;
  status: '' | 'active' | 'deactivated';
}

export const operatorAccountKeys = {
  lists: ['operator-accounts'] as const,
  list: (filters: OperatorFilters) => ['operator-accounts', filters] as const,
  tokens: ['operator-api-tokens'] as const,
};

export function useOperatorAccounts(filters: OperatorFilters) {
  return useCursorPages(operatorAccountKeys.list(filters), (cursor, signal) =>
    api.GET('/api/back-office/operators', {
      params: { query: { q: filters.q, status: filters.status || undefined, limit: 50, cursor } },
      signal,
    }),
  );
}

function useOperatorMutation<Variables>(
  mutationFn: (
    variables: Variables,
  ) => Promise<ApiResponse<'get', '/api/back-office/operators/{id}'>>,
) {
  return useInvalidatingMutation(mutationFn, [operatorAccountKeys.lists]);
}

export function useInviteOperator() {
  return useOperatorMutation((body: InviteOperatorBody) =>
    api.POST('/api/back-office/operators', { body }),
  );
}

export function useChangeOperatorRole() {
  return useOperatorMutation(({ id, ...body }: ChangeOperatorRoleBody & { id: string }) =>
    api.PATCH('/api/back-office/operators/{id}', { params: { path: { id } }, body }),
  );
}

export function useDeactivateOperator() {
  return useOperatorMutation((id: string) =>
    api.POST('/api/back-office/operators/{id}/deactivate', { params: { path: { id } } }),
  );
}

export function useReactivateOperator() {
  return useOperatorMutation((id: string) =>
    api.POST('/api/back-office/operators/{id}/reactivate', { params: { path: { id } } }),
  );
}

export function useOperatorTokens() {
  return useQuery({
    queryKey: operatorAccountKeys.tokens,
    queryFn: ({ signal }) => api.GET('/api/back-office/api-tokens', { signal }),
  });
}

export function useCreateOperatorToken() {
  return useInvalidatingMutation(
    (body: CreateOperatorApiTokenBody) => api.POST('/api/back-office/api-tokens', { body }),
    [operatorAccountKeys.tokens],
  );
}

export function useRevokeOperatorToken() {
  return useInvalidatingMutation(
    (id: string) => api.DELETE('/api/back-office/api-tokens/{id}', { params: { path: { id } } }),
    [operatorAccountKeys.tokens],
  );
}

/** An admin ends every session of a user at once (issue 21); the answer says how many. */
export function useEndSessionsOfUser(userId: string) {
  return useMutation({
    mutationFn: () =>
      api.POST('/api/back-office/users/{id}/end-sessions', { params: { path: { id: userId } } }),
  });
}

/** An admin resets a user's second factor (issue 21, decision 0030). */
export function useResetTwoFactorOfUser(userId: string) {
  return useMutation({
    mutationFn: () =>
      api.POST('/api/back-office/users/{id}/reset-two-factor', {
        params: { path: { id: userId } },
      }),
  });
}
