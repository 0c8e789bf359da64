import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OpenSessionList, SessionsEnded } from '@guichet/contracts';
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
