import { queryOptions, useQuery } from '@tanstack/react-query';
import { operatorCan } from '@guichet/domain';
import type { OperatorCapability } from '@guichet/domain';
import type { SessionView } from '@guichet/contracts';
import { api, isApiError } from './api-client.ts';

export const sessionQueryKey = ['session'] as const;

/** The current session, or null when nobody is logged in (401 is an answer here, not an error). */
export async function fetchSession(): Promise<SessionView | null> {
  try {
    return await api.get<SessionView>('/api/session');
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export const sessionQuery = queryOptions({
  queryKey: sessionQueryKey,
  queryFn: fetchSession,
  staleTime: 5 * 60_000,
});

export function useSession() {
  return useQuery(sessionQuery);
}

/** For screens behind the session guard: the session is there, the layout made sure of it. */
export function useAuthenticatedSession(): SessionView {
  const { data } = useSession();
  if (!data) throw new Error('useAuthenticatedSession used outside the authenticated layout');
  return data;
}

/** What the operator's role opens in the back-office. */
export function canOperator(session: SessionView, capability: OperatorCapability): boolean {
  const role = session.user.operatorRole;
  return role !== null && operatorCan(role, capability);
}
