import { useQuery } from '@tanstack/react-query';
import type { CreateApiTokenBody } from '@guichet/contracts';
import { api } from '../../lib/api-client.ts';
import { useInvalidatingMutation } from '../../lib/query-hooks.ts';

export const tokensKey = ['api-tokens'] as const;

export function useApiTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: ({ signal }) => api.GET('/api/account/api-tokens', { signal }),
  });
}

export function useCreateApiToken() {
  return useInvalidatingMutation(
    (body: CreateApiTokenBody) => api.POST('/api/account/api-tokens', { body }),
    [tokensKey],
  );
}

export function useRevokeApiToken() {
  return useInvalidatingMutation(
    (id: string) => api.DELETE('/api/account/api-tokens/{id}', { params: { path: { id } } }),
    [tokensKey],
  );
}
