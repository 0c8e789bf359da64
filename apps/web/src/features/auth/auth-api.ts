import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, SecondFactorBody, SessionView } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';
import { sessionQueryKey } from '../../lib/session.ts';

/** Another user's cached pages must not show: everything but the session is dropped. */
function useResetCache() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
}

/**
 * Password first: a 200 signs in; a 202 (`secondFactor`) means a right password with two-step
 * verification on, the code from the app to come through `useSecondFactor` (issue 21).
 */
export function useLogin(onLoggedIn: () => void, onSecondFactor: (step: 'code' | 'setup') => void) {
  const signedIn = useSignedIn(onLoggedIn);
  return useMutation({
    mutationFn: (body: LoginBody) => api.POST('/api/session', { body }),
    onSuccess: (answer) => {
      if ('secondFactor' in answer) onSecondFactor(answer.secondFactor);
      else signedIn(answer);
    },
  });
}

/** The second step of a sign-in: a code from the app or one recovery code. */
export function useSecondFactor(onLoggedIn: () => void) {
  const signedIn = useSignedIn(onLoggedIn);
  return useMutation({
    mutationFn: (body: SecondFactorBody) => api.POST('/api/session/second-factor', { body }),
    onSuccess: signedIn,
  });
}

function useSignedIn(onLoggedIn: () => void) {
  const queryClient = useQueryClient();
  const resetCache = useResetCache();
  return (view: SessionView) => {
    resetCache();
    queryClient.setQueryData(sessionQueryKey, view);
    onLoggedIn();
  };
}

/**
 * Whatever the answer, the browser forgets the session; a session opened by single sign-on
 * then goes to the identity provider's logout when it has one (RP-initiated, issue 21).
 */
export function useLogout(onLoggedOut: () => void) {
  const queryClient = useQueryClient();
  const resetCache = useResetCache();
  return useMutation({
    mutationFn: () => api.POST('/api/sso/logout'),
    onSettled: (answer) => {
      resetCache();
      queryClient.setQueryData(sessionQueryKey, null);
      if (answer?.redirectTo) window.location.assign(answer.redirectTo);
      else onLoggedOut();
    },
  });
}
