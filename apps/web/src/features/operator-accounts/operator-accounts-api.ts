import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  ChangeOperatorRoleBody,
  CreatedOperatorApiToken,
  CreateOperatorApiTokenBody,
  InviteOperatorBody,
  OperatorAccountPage,
  OperatorAccountView,
  OperatorApiTokenList,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

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
  return useInfiniteQuery({
    queryKey: operatorAccountKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<OperatorAccountPage>(
        '/api/back-office/operators',
        { q: filters.q, status: filters.status, limit: 50, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

function useOperatorMutation<Variables>(
  mutationFn: (variables: Variables) => Promise<OperatorAccountView>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: operatorAccountKeys.lists }),
  });
}

const operatorUrl = (id: string) => `/api/back-office/operators/${encodeURIComponent(id)}`;

export function useInviteOperator() {
  return useOperatorMutation((body: InviteOperatorBody) =>
    api.post<OperatorAccountView>('/api/back-office/operators', body),
  );
}

export function useChangeOperatorRole() {
  return useOperatorMutation(({ id, ...body }: ChangeOperatorRoleBody & { id: string }) =>
    api.patch<OperatorAccountView>(operatorUrl(id), body),
  );
}

export function useDeactivateOperator() {
  return useOperatorMutation((id: string) =>
    api.post<OperatorAccountView>(`${operatorUrl(id)}/deactivate`),
  );
}

export function useReactivateOperator() {
  return useOperatorMutation((id: string) =>
    api.post<OperatorAccountView>(`${operatorUrl(id)}/reactivate`),
  );
}

export function useOperatorTokens() {
  return useQuery({
    queryKey: operatorAccountKeys.tokens,
    queryFn: ({ signal }) =>
      api.get<OperatorApiTokenList>('/api/back-office/api-tokens', undefined, signal),
  });
}

export function useCreateOperatorToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOperatorApiTokenBody) =>
      api.post<CreatedOperatorApiToken>('/api/back-office/api-tokens', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: operatorAccountKeys.tokens }),
  });
}

export function useRevokeOperatorToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/back-office/api-tokens/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: operatorAccountKeys.tokens }),
  });
}
