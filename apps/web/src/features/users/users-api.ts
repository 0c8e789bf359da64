import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type {
  AddUserBody,
  DesignateReferentBody,
  RequestersBody,
  SetAccessBody,
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
      api.GET('/api/users', {
        params: { query: { contractId, q, limit: userPageSize, cursor: pageParam ?? undefined } },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    enabled: contractId !== '',
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => api.GET('/api/users/{id}', { params: { path: { id } }, signal }),
  });
}

export function useContractRights(contractId: string) {
  return useQuery({
    queryKey: userKeys.rights(contractId),
    queryFn: ({ signal }) =>
      api.GET('/api/contracts/{contractId}/rights', { params: { path: { contractId } }, signal }),
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
    mutationFn: (body: AddUserBody) => api.POST('/api/users', { body }),
    onSuccess: refresh,
  });
}

export function useSetAccess(userId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ contractId, body }: { contractId: string; body: SetAccessBody }) =>
      api.PUT('/api/users/{id}/contracts/{contractId}', {
        params: { path: { id: userId, contractId } },
        body,
      }),
    onSuccess: refresh,
  });
}

export function useRemoveAccess(userId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (contractId: string) =>
      api.DELETE('/api/users/{id}/contracts/{contractId}', {
        params: { path: { id: userId, contractId } },
      }),
    onSuccess: refresh,
  });
}

export function useResendInvitation(userId: string) {
  return useMutation({
    mutationFn: () => api.POST('/api/users/{id}/invitation', { params: { path: { id: userId } } }),
  });
}

export function useDesignateReferent(contractId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: DesignateReferentBody) =>
      api.PUT('/api/contracts/{contractId}/referent', { params: { path: { contractId } }, body }),
    onSuccess: refresh,
  });
}

export function useSetRequesters(contractId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: RequestersBody) =>
      api.PUT('/api/contracts/{contractId}/requesters', {
        params: { path: { contractId } },
        body,
      }),
    onSuccess: refresh,
  });
}
