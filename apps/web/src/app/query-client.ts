import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api-client.ts';
import { sessionQueryKey } from '../lib/session.ts';

/** Client errors are answers: retrying a 404 or a 403 only delays the message. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    // A 401 anywhere means the session ended (expired, logged out elsewhere): back to the login page.
    queryCache: new QueryCache({
      onError: (error) => {
        if (isApiError(error) && error.status === 401) client.setQueryData(sessionQueryKey, null);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isApiError(error) && error.status === 401) client.setQueryData(sessionQueryKey, null);
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
  return client;
}
