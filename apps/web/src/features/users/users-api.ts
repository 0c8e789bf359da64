import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  AddUserBody,
  AddUserResult,
  ContractRightsView,
  DesignateReferentBody,
  RequestersBody,
  SetAccessBody,
  UserPage,
  UserView,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

export const userKeys = {
  all: ['users'] as const,
  list: (contractId: string, q: string) => ['users', 'list', contractId, q] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  rights: (contractId: string) => ['contract-rights', contractId] as const,
};

export const userPageSize = 25;

export function useUserList(contractId: string, q: string) {
  return useInfiniteQuery({
    queryKey: userKeys.list(contractId, q),
    queryFn: ({ pageParam, signal }) =>
      api.get<UserPage>(
        '/api/users',
        { contractId, q, limit: userPageSize, cursor: pageParam },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled: contractId !== '',
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<UserView>(`/api/users/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useContractRights(contractId: string) {
  return useQuery({
    queryKey: userKeys.rights(contractId),
    queryFn: ({ signal }) =>
      api.get<ContractRightsView>(
        `/api/contracts/${encodeURIComponent(contractId)}/rights`,
        undefined,
        signal,
      ),
    enabled: contractId !== '',
  });
}

/** After any change of rights: lists, users, referents and the session's own grants. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: userKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['contract-rights'] }),
      queryClient.invalidateQueries({ queryKey: ['session'] }),
    ]);
}

export function useAddUser() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: AddUserBody) => api.post<AddUserResult>('/api/users', body),
    onSuccess: refresh,
  });
}

export function useSetAccess(userId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ contractId, body }: { contractId: string; body: SetAccessBody }) =>
      api.put<UserView>(
        `/api/users/${encodeURIComponent(userId)}/contracts/${encodeURIComponent(contractId)}`,
        body,
      ),
    onSuccess: refresh,
  });
}

export function useRemoveAccess(userId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (contractId: string) =>
      api.delete(
        `/api/users/${encodeURIComponent(userId)}/contracts/${encodeURIComponent(contractId)}`,
      ),
    onSuccess: refresh,
  });
}

export function useResendInvitation(userId: string) {
  return useMutation({
    mutationFn: () => api.post(`/api/users/${encodeURIComponent(userId)}/invitation`),
  });
}

export function useDesignateReferent(contractId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: DesignateReferentBody) =>
      api.put(`/api/contracts/${encodeURIComponent(contractId)}/referent`, body),
    onSuccess: refresh,
  });
}

export function useSetRequesters(contractId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: RequestersBody) =>
      api.put<ContractRightsView>(
        `/api/contracts/${encodeURIComponent(contractId)}/requesters`,
        body,
      ),
    onSuccess: refresh,
  });
}
