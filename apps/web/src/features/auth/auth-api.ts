import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginBody } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';

/** Another user's cached pages must not show: everything but the session is dropped. */
function useResetCache() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
}

export function useLogin(onLoggedIn: () => void) {
  const queryClient = useQueryClient();
  const resetCache = useResetCache();
  return useMutation({
    mutationFn: (body: LoginBody) => api.POST('/api/session', { body }),
    onSuccess: (view) => {
      resetCache();
      queryClient.setQueryData(sessionQueryKey, view);
      onLoggedIn();
    },
  });
}

/** Whatever the answer, the browser forgets the session. */
export function useLogout(onLoggedOut: () => void) {
  const queryClient = useQueryClient();
  const resetCache = useResetCache();
  return useMutation({
    mutationFn: () => api.DELETE('/api/session'),
    onSettled: () => {
      resetCache();
      queryClient.setQueryData(sessionQueryKey, null);
      onLoggedOut();
    },
  });
}
