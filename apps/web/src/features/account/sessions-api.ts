import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client.ts';

export const openSessionsKey = ['account', 'sessions'] as const;

export function useOpenSessions() {
  return useQuery({
    queryKey: openSessionsKey,
    queryFn: ({ signal }) => api.GET('/api/account/sessions', { signal }),
  });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.DELETE('/api/account/sessions/{id}', { params: { path: { id } } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: openSessionsKey }),
  });
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.POST('/api/account/sessions/end-others'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: openSessionsKey }),
  });
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
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.POST('/api/account/two-factor/confirm', { body: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorKey }),
  });
}

export function useDisableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.POST('/api/account/two-factor/disable', { body: { code } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorKey }),
  });
}
