import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  AddUserBody,
  DesignateReferentBody,
  RequestersBody,
  SetAccessBody,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';
import { useCursorPages, useInvalidatingMutation } from '../../lib/query-hooks.ts';

export const userKeys = {
  all: ['users'] as const,
  list: (contractId: string, q: string) => ['users', 'list', contractId, q] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  rights: (contractId: string) => ['contract-rights', contractId] as const,
};

export const userPageSize = 25;

export function useUserList(contractId: string, q: string) {
  return useCursorPages(
    userKeys.list(contractId, q),
    (cursor, signal) =>
      api.GET('/api/users', {
        params: { query: { contractId, q, limit: userPageSize, cursor } },
        signal,
      }),
    { enabled: contractId !== '' },
  );
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
const staleAfterWrite = [userKeys.all, ['contract-rights'], ['session']];

export function useAddUser() {
  return useInvalidatingMutation(
    (body: AddUserBody) => api.POST('/api/users', { body }),
    staleAfterWrite,
  );
}

export function useSetAccess(userId: string) {
  return useInvalidatingMutation(
    ({ contractId, body }: { contractId: string; body: SetAccessBody }) =>
      api.PUT('/api/users/{id}/contracts/{contractId}', {
        params: { path: { id: userId, contractId } },
        body,
      }),
    staleAfterWrite,
  );
}

export function useRemoveAccess(userId: string) {
  return useInvalidatingMutation(
    (contractId: string) =>
      api.DELETE('/api/users/{id}/contracts/{contractId}', {
        params: { path: { id: userId, contractId } },
      }),
    staleAfterWrite,
  );
}

export function useResendInvitation(userId: string) {
  return useMutation({
    mutationFn: () => api.POST('/api/users/{id}/invitation', { params: { path: { id: userId } } }),
  });
}

export function useDesignateReferent(contractId: string) {
  return useInvalidatingMutation(
    (body: DesignateReferentBody) =>
      api.PUT('/api/contracts/{contractId}/referent', { params: { path: { contractId } }, body }),
    staleAfterWrite,
  );
}

export function useSetRequesters(contractId: string) {
  return useInvalidatingMutation(
    (body: RequestersBody) =>
      api.PUT('/api/contracts/{contractId}/requesters', {
        params: { path: { contractId } },
        body,
      }),
    staleAfterWrite,
  );
}
