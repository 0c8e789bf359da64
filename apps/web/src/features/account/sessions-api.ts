import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  OpenSessionList,
  RecoveryCodes,
  SessionsEnded,
  TwoFactorSetup,
  TwoFactorStatus,
} from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';

export const openSessionsKey = ['account', 'sessions'] as const;

export function useOpenSessions() {
  return useQuery({
    queryKey: openSessionsKey,
    queryFn: ({ signal }) => api.get<OpenSessionList>('/api/account/sessions', undefined, signal),
  });
}

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/account/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: openSessionsKey }),
  });
}

export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<SessionsEnded>('/api/account/sessions/end-others'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: openSessionsKey }),
  });
}

export const twoFactorKey = ['account', 'two-factor'] as const;

export function useTwoFactorStatus() {
  return useQuery({
    queryKey: twoFactorKey,
    queryFn: ({ signal }) => api.get<TwoFactorStatus>('/api/account/two-factor', undefined, signal),
  });
}

export function useStartTwoFactorSetup() {
  return useMutation({
    mutationFn: () => api.post<TwoFactorSetup>('/api/account/two-factor/setup'),
  });
}

export function useConfirmTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) =>
      api.post<RecoveryCodes>('/api/account/two-factor/confirm', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorKey }),
  });
}

export function useDisableTwoFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post('/api/account/two-factor/disable', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: twoFactorKey }),
  });
}
