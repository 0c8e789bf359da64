import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client.ts';
import { useInvalidatingMutation } from '../../lib/query-hooks.ts';

export const openSessionsKey = ['account', 'sessions'] as const;

export function useOpenSessions() {
  return useQuery({
    queryKey: openSessionsKey,
    queryFn: ({ signal }) => api.GET('/api/account/sessions', { signal }),
  });
}

export function useEndSession() {
  return useInvalidatingMutation(
    (id: string) => api.DELETE('/api/account/sessions/{id}', { params: { path: { id } } }),
    [openSessionsKey],
  );
}

export function useEndOtherSessions() {
  return useInvalidatingMutation(
    () => api.POST('/api/account/sessions/end-others'),
    [openSessionsKey],
  );
}

export const twoFactorKey = ['account', 'two-factor'] as const;

export function useTwoFactorStatus() {
  return useQuery({
    queryKey: twoFactorKey,
    queryFn: ({ signal }) => api.GET('/api/account/two-factor', { signal }),
  });
}

export function useStartTwoFactorSetup() {
  return useMutation({
    mutationFn: () => api.POST('/api/account/two-factor/setup'),
  });
}

export function useConfirmTwoFactor() {
  return useInvalidatingMutation(
    (code: string) => api.POST('/api/account/two-factor/confirm', { body: { code } }),
    [twoFactorKey],
  );
}

export function useDisableTwoFactor() {
  return useInvalidatingMutation(
    (code: string) => api.POST('/api/account/two-factor/disable', { body: { code } }),
    [twoFactorKey],
  );
}
