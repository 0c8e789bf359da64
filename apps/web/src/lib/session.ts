import { queryOptions, useQuery } from '@tanstack/react-query';
import { operatorCan } from '@guichet/domain';
import type { OperatorCapability } from '@guichet/domain';
import type { SessionView } from '@guichet/contracts';
import { api } from './api-client.ts';

export const sessionQueryKey = ['session'] as const;

/**
 * The current session, or null when nobody is logged in: asked of `/api/session/current`,
 * which answers 200 either way, so the login page logs no 401 in the console (issue 19).
 */
export async function fetchSession(): Promise<SessionView | null> {
  return (await api.GET('/api/session/current')).session;
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
